// SkillGraph Studio in real headless Debian chromium, against the full ESCO store with real API keys (steward, reviewer,
// analyst) made by the CLI: explore (search by keyboard → software developer → the picture → expand a node), the students'
// spans, the skill gap, a steward's rename → history → revert (and the change in `changes` through GraphQL), a relation added
// from the picture and removed from the list, deprecate and merge, a stale edit, a bad edit's rule next to its field, an
// analyst without edit controls, the review queue, and axe-core on every page.
// Screenshots go to artifacts/studio/ (ARTIFACTS_DIR to change). Run: npm run test:studio (scripts/test-after.d/15-studio-browser.sh).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromiumPath, graphql, launchChromium, root, startServer } from './server.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const artifacts = process.env.ARTIFACTS_DIR || join(root, 'artifacts/studio');
const skip = !existsSync(chromiumPath) ? `SKIPPED: chromium not found at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)` : false;

let server;
let browser;

before(async () => {
  if (skip) return;
  mkdirSync(artifacts, { recursive: true });
  server = await startServer({ store: 'esco', keys: ['steward', 'reviewer', 'analyst'] });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** A fresh page (its own sessionStorage) that fails the test on any page error and on any request outside the server. */
async function openPage(t, path = '/') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.route('**/*', (route) => (new URL(route.request().url()).origin === server.url ? route.continue() : (problems.push(`outside: ${route.request().url()}`), route.abort())));
  t.after(async () => {
    await context.close();
  });
  await page.goto(server.url + path, { waitUntil: 'load' });
  return { page, problems };
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: false });
}

/** axe-core (injected from the npm package): no serious or critical violation on the page as it is now. */
async function assertAccessible(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`), [], `axe on ${name}`);
}

/** Keyboard only: Tab until the element matching `selector` has the focus (at most `limit` presses). */
async function tabTo(page, selector, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

/** Signs in by keyboard alone: the header's button, the key, Enter. The key is kept for the tab only, never in the URL. */
async function signIn(page, key, accepted = true) {
  await tabTo(page, '#key-slot button');
  await page.keyboard.press('Enter');
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
  if (!accepted) return;
  await page.locator('#key-slot button', { hasText: 'Sign out' }).waitFor();
  assert.ok(!page.url().includes(key), 'the key is never in the address');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('skillgraph.apiKey')), key);
}

/** The student loads its skill vectors once for a new store (about 30 s): wait for it, up to three minutes. */
async function studentReady() {
  for (let i = 0; i < 90; i++) {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: '{ extractSkills(text: "Java", first: 1) { model } }' }) });
    const body = await response.json();
    if (!body.errors) return;
    assert.equal(body.errors[0].extensions?.code, 'STUDENT_LOADING', JSON.stringify(body.errors));
    await new Promise((r) => setTimeout(r, 2000));
  }
  assert.fail('the student did not load within three minutes');
}

const softwareDeveloper = async () => (await graphql(server.url, '{ search(text: "software developer", kind: OCCUPATION, first: 1) { uri preferredLabel } }')).search[0];

test('explore: search by keyboard, open software developer, the picture has its skills, a click expands a node', { skip }, async (t) => {
  const expected = await softwareDeveloper();
  assert.equal(expected.preferredLabel, 'software developer');
  const counts = (await graphql(server.url, 'query($uri: String!) { occupation(uri: $uri) { essentialSkills(first: 0) { totalCount } optionalSkills(first: 0) { totalCount } } }', { uri: expected.uri })).occupation;
  const skills = counts.essentialSkills.totalCount + counts.optionalSkills.totalCount;
  assert.equal(skills, 104, 'ESCO 1.1.1 lists 104 skills for software developer');

  const { page, problems } = await openPage(t, '/');
  await assertAccessible(page, 'the start page');
  await tabTo(page, 'main input[role=combobox]');
  await page.keyboard.type('software developer');
  await page.locator('main [role=option]').first().waitFor();
  await shot(page, '01-search');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('main [role=option][aria-selected=true]').getAttribute('data-uri'), expected.uri);
  await page.keyboard.press('Enter');
  await page.locator('.picture-canvas[data-drawn=true]').waitFor({ timeout: 30_000 });
  assert.equal(new URL(page.url()).searchParams.get('uri'), expected.uri);
  assert.equal(await page.locator('h1').innerText(), 'software developer');

  const canvas = page.locator('.picture-canvas');
  assert.equal(Number(await canvas.getAttribute('data-nodes-skill')), skills, await page.locator('.picture-caption').innerText());
  assert.equal(await page.locator('[data-testid=essential] li').count(), counts.essentialSkills.totalCount);
  assert.equal(await page.locator('[data-testid=optional] li').count(), counts.optionalSkills.totalCount);
  await page.locator('[data-testid=related] li').first().waitFor();
  await page.locator('[data-testid=moves] li').first().waitFor();
  await shot(page, '02-software-developer');
  await assertAccessible(page, 'the concept page');

  // A real click on a skill node where cytoscape drew it: the node's own neighbourhood joins the picture.
  const before = Number(await canvas.getAttribute('data-nodes'));
  await canvas.scrollIntoViewIfNeeded();
  await page.waitForTimeout(200);
  const target = await canvas.evaluate((element) => {
    const cy = element.cytoscape;
    const node = cy.nodes('[kind = "SKILL"]').filter((n) => n.degree() === 1)[0];
    const p = node.renderedPosition();
    return { x: p.x, y: p.y, label: node.data('label') };
  });
  const box = await canvas.boundingBox();
  await page.mouse.click(box.x + target.x, box.y + target.y);
  await page.locator('.picture-selection', { hasText: 'expanded:' }).waitFor({ timeout: 30_000 });
  const afterExpand = Number(await canvas.getAttribute('data-nodes'));
  assert.ok(afterExpand > before, `expanding ${target.label} added nodes (${before} → ${afterExpand})`);
  await page.waitForTimeout(300);
  await shot(page, '03-expanded');

  // A deep link survives a reload.
  await page.reload({ waitUntil: 'load' });
  await page.locator('.picture-canvas[data-drawn=true]').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('h1').innerText(), 'software developer');
  assert.deepEqual(problems, []);
});

test('students: the highlighted spans are the API\'s extractSkills spans, also past non-ASCII text', { skip }, async (t) => {
  await studentReady();
  const ad = 'Développeur·se backend 🚀 — we need Java and SQL, unit testing, and project management.\nYou will write Python scripts and use Git.';
  const api = (await graphql(server.url, 'query($text: String!) { extractSkills(text: $text, first: 25) { skills { uri spans { start end text } } } }', { text: ad })).extractSkills.skills;
  const apiSpans = api.flatMap((s) => s.spans.map((span) => `${span.start}-${span.end}`)).sort();
  assert.ok(apiSpans.length > 0, 'the student finds skills in the ad');
  for (const skill of api) for (const span of skill.spans) assert.equal(ad.slice(span.start, span.end), span.text, 'the API counts UTF-16 units as JavaScript does');

  const { page, problems } = await openPage(t, '/students');
  const text = page.getByLabel('A job ad or a resume');
  await text.fill(ad);
  await page.getByRole('button', { name: 'Find skills and occupations' }).click();
  await page.locator('.highlighted mark').first().waitFor({ timeout: 60_000 });
  // Where the marks really are: offsets counted over the text the page shows (marks' own text, not their attributes).
  const shown = await page.locator('.highlighted').evaluate((p) => {
    let at = 0;
    const marks = [];
    for (const node of p.childNodes) {
      const text = node.nodeType === 3 ? node.textContent : node.firstChild.textContent;
      if (node.nodeType !== 3) marks.push({ start: at, end: at + text.length, spans: node.dataset.spans.split(' ') });
      at += text.length;
    }
    return { text: [...p.childNodes].map((n) => (n.nodeType === 3 ? n.textContent : n.firstChild.textContent)).join(''), marks };
  });
  assert.equal(shown.text, ad, 'the text is shown whole, unchanged');
  assert.deepEqual(shown.marks.flatMap((m) => m.spans).sort(), apiSpans, 'every API span is listed on a mark, and only those');
  // The marked ranges are exactly the API spans, overlapping ones merged.
  const merged = [];
  for (const [start, end] of api.flatMap((k) => k.spans.map((x) => [x.start, x.end])).sort((a, b) => a[0] - b[0] || b[1] - a[1])) {
    const last = merged[merged.length - 1];
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  assert.deepEqual(shown.marks.map((m) => [m.start, m.end]), merged);
  assert.deepEqual(await page.locator('[data-testid=extracted] li').evaluateAll((items) => items.map((i) => i.dataset.uri)), api.map((s) => s.uri));
  await page.locator('.suggestions li').first().waitFor();
  await shot(page, '04-students-extract');

  await page.getByRole('button', { name: 'Match the resume to the job' }).click();
  await page.locator('.verdict').waitFor({ timeout: 60_000 });
  const verdict = await page.locator('.verdict').innerText();
  assert.match(verdict, /score \d+%/);
  // The missing skills grouped by the job line that asks for them: each of the API's job lines shown once, in the order of its
  // first skill, with exactly its skills under it, each with its suggested line when the API gives one.
  const [job, resume] = [await page.getByLabel('The job ad').inputValue(), await page.getByLabel('The resume').inputValue()];
  const missing = (await graphql(server.url, 'query($job: String!, $resume: String!) { matchResume(jobDescription: $job, resume: $resume) { missingSkills { uri jobLine suggestedEdit alternatives { uri label } } } }', { job, resume })).matchResume.missingSkills;
  const lines = [...new Set(missing.filter((s) => s.jobLine).map((s) => s.jobLine))];
  assert.ok(lines.length < missing.filter((s) => s.jobLine).length, 'the example job asks for several missing skills in one line');
  const shownAsks = await page.locator('[data-testid=job-ask]').evaluateAll((asks) => asks.map((a) => ({
    line: a.querySelector('[data-testid=job-line]')?.textContent ?? null,
    skills: [...a.querySelectorAll('li[data-uri]')].map((li) => ({ uri: li.dataset.uri, edit: li.querySelector('[data-testid=edit]')?.textContent ?? null })),
  })));
  // One phrase of the job, one skill listed: the phrase's other readings stand beside it ("SQL (or SQL Server)"), linked.
  assert.ok(missing.some((s) => s.alternatives.length > 0), 'the example job has a phrase read as several skills');
  const shownAlternatives = await page.locator('[data-testid=job-ask] li[data-uri]').evaluateAll((items) => Object.fromEntries(items.map((li) =>
    [li.dataset.uri, [...li.querySelectorAll('[data-testid=alternatives] a')].map((a) => a.textContent)])));
  assert.deepEqual(shownAlternatives, Object.fromEntries(missing.map((s) => [s.uri, s.alternatives.map((a) => a.label)])));
  assert.deepEqual(shownAsks.filter((a) => a.line).map((a) => a.line), lines.map((l) => `Job: “${l}”`));
  for (const ask of shownAsks.filter((a) => a.line)) {
    const line = lines.find((l) => ask.line === `Job: “${l}”`);
    assert.deepEqual(ask.skills, missing.filter((s) => s.jobLine === line).map((s) => ({ uri: s.uri, edit: s.suggestedEdit })));
  }
  assert.equal(shownAsks.flatMap((a) => a.skills).length, missing.length, 'every missing skill is shown once');
  await page.locator('.match-result').scrollIntoViewIfNeeded();
  await shot(page, '05-students-match');
  await assertAccessible(page, 'the students page');
  assert.deepEqual(problems, []);
});

test('skill gap: the missing essential skills of an occupation, ranked as the API ranks them', { skip }, async (t) => {
  const occupation = await softwareDeveloper();
  const held = 'Java, SQL, unit testing';
  const api = (await graphql(server.url, 'query($uri: String!, $text: String) { skillGap(occupationUri: $uri, heldSkillsText: $text) { missingEssential { skill { uri } } } }', { uri: occupation.uri, text: held })).skillGap;
  const { page, problems } = await openPage(t, `/gap?uri=${encodeURIComponent(occupation.uri)}`);
  await page.getByLabel('The text is').selectOption('names');
  await page.getByLabel('Skills held (a resume, a profile, or skill names)').fill(held);
  await page.getByRole('button', { name: 'Show the gap' }).click();
  await page.locator('[data-testid=gap-essential] li').first().waitFor({ timeout: 30_000 });
  const shown = await page.locator('[data-testid=gap-essential] li a').evaluateAll((links) => links.map((a) => new URL(a.href).searchParams.get('uri')));
  assert.deepEqual(shown, api.missingEssential.map((m) => m.skill.uri));
  await shot(page, '06-skill-gap');
  await assertAccessible(page, 'the skill gap page');
  assert.deepEqual(problems, []);
});

test('curate: a steward renames a skill by keyboard, the history shows it, changes(...) has it, and a revert undoes it', { skip }, async (t) => {
  const skill = (await graphql(server.url, '{ search(text: "computer programming", kind: SKILL, first: 1) { uri preferredLabel } }')).search[0];
  const renamed = `${skill.preferredLabel} (studio check ${Date.now()})`;
  const { page, problems } = await openPage(t, `/concept?uri=${encodeURIComponent(skill.uri)}`);
  await signIn(page, server.keys.steward);
  await page.locator('#curate').waitFor();
  await assertAccessible(page, 'the concept page with curation');

  await tabTo(page, 'a[href="#curate"]');
  await page.keyboard.press('Enter');
  await tabTo(page, '#curate input[name=comment]', 5);
  await page.keyboard.type('Browser check: rename');
  await tabTo(page, '#curate input[name=preferredLabel]', 5);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(renamed);
  await page.keyboard.press('Enter');
  await page.locator('h1', { hasText: renamed }).waitFor({ timeout: 30_000 });
  await page.locator('#history .change-set').first().waitFor();
  const row = page.locator('#history .change-set').first().locator('tr', { hasText: 'preferredLabel' });
  assert.equal(await row.locator('del').innerText(), skill.preferredLabel);
  assert.equal(await row.locator('ins').innerText(), renamed);
  await page.locator('#history').scrollIntoViewIfNeeded();
  await shot(page, '07-history-after-rename');

  // The edit made in the browser is in the change log, through GraphQL, by the steward's key.
  const changes = (await graphql(server.url, 'query($uri: String!) { changes(conceptUri: $uri, first: 50) { nodes { id author comment changes { field before after } } } }', { uri: skill.uri })).changes.nodes;
  const rename = changes.find((c) => c.changes.some((f) => f.field === 'preferredLabel' && JSON.parse(f.after) === renamed));
  assert.ok(rename, JSON.stringify(changes));
  assert.equal(rename.author, 'browser-steward');
  assert.equal(rename.comment, 'Browser check: rename');

  const latest = page.locator(`#history .change-set[data-id="${rename.id}"]`);
  await latest.locator('input.revert-comment').fill('Browser check: revert');
  await latest.getByRole('button', { name: 'Revert' }).click();
  await page.locator('h1', { hasText: skill.preferredLabel }).first().waitFor({ timeout: 30_000 });
  await page.locator(`#history .change-set[data-id="${rename.id}"] .tag`, { hasText: 'reverted' }).waitFor();
  assert.equal((await graphql(server.url, 'query($uri: String!) { concept(uri: $uri) { preferredLabel } }', { uri: skill.uri })).concept.preferredLabel, skill.preferredLabel);
  await shot(page, '08-history-after-revert');
  assert.deepEqual(problems, []);
});

/** Clicks, where cytoscape drew it, the first node of `kind` that is not the centre (and has no edge to `notLinkedTo`). */
async function clickNode(page, { kind, notLinkedTo = null }) {
  const canvas = page.locator('.picture-canvas[data-drawn=true]');
  await canvas.scrollIntoViewIfNeeded();
  await page.waitForTimeout(200);
  const target = await canvas.evaluate((element, spec) => {
    const cy = element.cytoscape;
    const node = cy.nodes(`[kind = "${spec.kind}"]`).filter((n) => !n.data('centre') && (!spec.notLinkedTo || n.edgesWith(cy.getElementById(spec.notLinkedTo)).empty()))[0];
    return { ...node.renderedPosition(), uri: node.id(), label: node.data('label') };
  }, { kind, notLinkedTo });
  const box = await canvas.boundingBox();
  await page.mouse.click(box.x + target.x, box.y + target.y);
  return target;
}

test('curate: a steward adds a skill from the picture and removes it from the list', { skip }, async (t) => {
  const occupation = await softwareDeveloper();
  const { page, problems } = await openPage(t, `/concept?uri=${encodeURIComponent(occupation.uri)}`);
  await signIn(page, server.keys.steward);
  await page.locator('#curate input[name=comment]').fill('Browser check: relation from the picture');
  await page.locator('.picture-canvas[data-drawn=true]').waitFor({ timeout: 30_000 });

  // Expand the narrower occupation: its skills join the picture, some of them not software developer's.
  await clickNode(page, { kind: 'OCCUPATION' });
  await page.locator('.picture-selection', { hasText: 'expanded:' }).waitFor({ timeout: 30_000 });
  const centre = occupation.uri;
  const skill = await clickNode(page, { kind: 'SKILL', notLinkedTo: centre });
  await page.getByRole('button', { name: `Add “${skill.label}” as an optional skill` }).click();
  const item = page.locator(`[data-testid=optional] li[data-uri="${skill.uri}"]`);
  await item.waitFor({ timeout: 30_000 });
  const optional = async () => (await graphql(server.url, 'query($uri: String!) { occupation(uri: $uri) { optionalSkills(first: 500) { nodes { uri } } } }', { uri: centre })).occupation.optionalSkills.nodes.map((n) => n.uri);
  assert.ok((await optional()).includes(skill.uri), 'the relation is in the graph');
  await shot(page, '13-added-from-picture');

  await page.locator('#curate input[name=comment]').fill('Browser check: remove it again');
  await item.getByRole('button', { name: `Remove the optional relation software developer → ${skill.label}` }).click();
  await item.waitFor({ state: 'detached', timeout: 30_000 });
  await page.locator('[data-testid=optional] li').first().waitFor();
  assert.ok(!(await optional()).includes(skill.uri), 'the relation is gone from the graph');
  assert.deepEqual(problems, []);
});

test('curate: a bad edit shows the rule next to its field; a stale edit offers to reload and reapply', { skip }, async (t) => {
  const skill = (await graphql(server.url, '{ search(text: "SQL", kind: SKILL, first: 1) { uri preferredLabel } }')).search[0];
  const { page, problems } = await openPage(t, `/concept?uri=${encodeURIComponent(skill.uri)}`);
  await signIn(page, server.keys.steward);
  const curate = page.locator('#curate');
  await curate.waitFor();

  await curate.locator('input[name=comment]').fill('Browser check: bad edit');
  await curate.locator('input[name=preferredLabel]').fill('   ');
  await curate.getByRole('button', { name: 'Save changes' }).click();
  const error = curate.locator('[data-field=preferredLabel] [data-error-for=preferredLabel]');
  await error.waitFor({ state: 'visible', timeout: 30_000 });
  assert.match(await error.innerText(), /\S/);
  assert.equal(await curate.locator('input[name=preferredLabel]').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'preferredLabel', 'the focus moves to the field to fix');
  await curate.locator('[data-field=preferredLabel]').scrollIntoViewIfNeeded();
  await shot(page, '09-bad-edit');
  await assertAccessible(page, 'a form with a rule broken');

  // Someone else changes the skill meanwhile (through the API); the browser's edit is stale.
  const read = (await graphql(server.url, 'query($uri: String!) { concept(uri: $uri) { version altLabels } }', { uri: skill.uri })).concept;
  const other = await graphql(server.url, 'mutation($input: UpdateConceptInput!) { updateConcept(input: $input) { userErrors { message } } }',
    { input: { uri: skill.uri, expectedVersion: read.version, altLabels: [...read.altLabels, 'studio check label'], comment: 'Browser check: someone else' } }, server.keys.steward);
  assert.deepEqual(other.updateConcept.userErrors, []);
  await curate.locator('textarea[name=description]').fill('Structured Query Language (browser check).');
  await curate.locator('input[name=preferredLabel]').fill(skill.preferredLabel);
  await curate.getByRole('button', { name: 'Save changes' }).click();
  const reapply = curate.getByRole('button', { name: 'Reload and reapply my edit' });
  await reapply.waitFor({ timeout: 30_000 });
  await shot(page, '10-stale-edit');
  await reapply.click();
  await page.locator('.description', { hasText: 'Structured Query Language (browser check).' }).waitFor({ timeout: 30_000 });
  const now = (await graphql(server.url, 'query($uri: String!) { concept(uri: $uri) { description altLabels } }', { uri: skill.uri })).concept;
  assert.equal(now.description, 'Structured Query Language (browser check).');
  assert.ok(now.altLabels.includes('studio check label'), 'the other edit is kept');
  assert.deepEqual(problems, []);
});

test('curate: a steward deprecates a skill naming its replacement, and merges a duplicate into a skill', { skip }, async (t) => {
  const hits = (await graphql(server.url, '{ search(text: "knitting", kind: SKILL, first: 4) { uri preferredLabel } }')).search;
  assert.ok(hits.length >= 4, JSON.stringify(hits));
  const [old, replacement, survivor, duplicate] = hits;
  const { page, problems } = await openPage(t, `/concept?uri=${encodeURIComponent(old.uri)}`);
  await signIn(page, server.keys.steward);
  const curate = page.locator('#curate');
  await curate.locator('input[name=comment]').fill('Browser check: deprecate');
  const deprecate = curate.getByRole('form', { name: 'Deprecate' });
  await deprecate.getByRole('combobox').fill(replacement.preferredLabel);
  await deprecate.locator(`[role=option][data-uri="${replacement.uri}"]`).click();
  await deprecate.getByRole('button', { name: 'Deprecate' }).click();
  // The old URI now answers with its replacement: the page says so and shows the replacement.
  await page.locator('.redirect', { hasText: old.uri }).waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('h1').innerText(), replacement.preferredLabel);
  assert.equal(new URL(page.url()).searchParams.get('uri'), replacement.uri);
  const log = (await graphql(server.url, 'query($uri: String!) { changes(conceptUri: $uri) { nodes { comment changes { conceptUri field after } } } }', { uri: old.uri })).changes.nodes;
  const change = log.find((c) => c.comment === 'Browser check: deprecate');
  assert.ok(change?.changes.some((f) => f.conceptUri === old.uri && f.field === 'status' && JSON.parse(f.after) === 'deprecated'), JSON.stringify(log));
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, '14-deprecated');

  await page.goto(`${server.url}/concept?uri=${encodeURIComponent(survivor.uri)}`, { waitUntil: 'load' });
  await curate.locator('input[name=comment]').fill('Browser check: merge');
  const merge = curate.getByRole('form', { name: 'Merge a duplicate' });
  await merge.getByRole('combobox').fill(duplicate.preferredLabel);
  await merge.locator(`[role=option][data-uri="${duplicate.uri}"]`).click();
  await merge.getByRole('button', { name: 'Merge into this concept' }).click();
  await page.locator('#notice', { hasText: 'Saved' }).waitFor({ timeout: 30_000 });
  await page.locator('#history .change-set').first().waitFor();
  const answered = (await graphql(server.url, 'query($uri: String!) { concept(uri: $uri) { uri } }', { uri: duplicate.uri })).concept;
  assert.equal(answered.uri, survivor.uri, 'the duplicate\'s URI answers with the survivor');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, '15-merged');
  assert.deepEqual(problems, []);
});

test('roles: an analyst key and a keyless visitor see no edit controls; a reviewer accepts a proposal in the queue', { skip }, async (t) => {
  const occupation = await softwareDeveloper();
  for (const key of [server.keys.analyst, null]) {
    const { page, problems } = await openPage(t, `/concept?uri=${encodeURIComponent(occupation.uri)}`);
    if (key) await signIn(page, key);
    await page.locator('.picture-canvas[data-drawn=true]').waitFor({ timeout: 30_000 });
    await page.locator('#history .muted, #history .change-set').first().waitFor();
    assert.equal(await page.locator('#curate').count(), 0, 'no curation panel');
    assert.equal(await page.locator('main button', { hasText: /remove|Revert|Save/ }).count(), 0, 'no edit buttons');
    assert.equal(await page.locator('nav a[href="/review"]').isVisible(), false, 'no review queue link');
    if (key) {
      assert.match(await page.locator('[data-testid=who]').innerText(), /analyst/);
      await shot(page, '11-analyst');
    }
    assert.deepEqual(problems, []);
  }

  // A wrong key: one readable line, and the page stays as it was (anonymous).
  {
    const { page, problems } = await openPage(t, '/');
    await signIn(page, 'sg_not-a-key-of-this-server', false);
    await page.locator('#notice', { hasText: 'That key is not a key of this server, or it was revoked.' }).waitFor({ timeout: 30_000 });
    assert.match(await page.locator('[data-testid=who]').innerText(), /without a key: app/);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'a refused key is not kept');
    assert.deepEqual(problems.filter((p) => !p.includes('401')), [], 'no error but the refused request');
  }

  const skill = (await graphql(server.url, '{ search(text: "cooking techniques", kind: SKILL, first: 1) { uri } }')).search[0];
  const has = (await graphql(server.url, 'query($uri: String!) { occupation(uri: $uri) { optionalSkills(first: 500) { nodes { uri } } essentialSkills(first: 500) { nodes { uri } } } }', { uri: occupation.uri })).occupation;
  assert.ok(![...has.optionalSkills.nodes, ...has.essentialSkills.nodes].some((n) => n.uri === skill.uri), 'the proposal adds a relation that is not there yet');
  const proposed = await graphql(server.url, 'mutation($input: ProposeChangesInput!) { proposeChanges(input: $input) { proposal { id } userErrors { message } } }', {
    input: { comment: 'Browser check: proposal', changes: [{ op: 'addRelation', input: JSON.stringify({ type: 'OPTIONAL', from: occupation.uri, to: skill.uri }) }] },
  }, server.keys.steward);
  assert.deepEqual(proposed.proposeChanges.userErrors, []);
  const id = proposed.proposeChanges.proposal.id;
  const { page, problems } = await openPage(t, '/review');
  await signIn(page, server.keys.reviewer);
  const item = page.locator(`.proposal[data-id="${id}"]`);
  await item.waitFor({ timeout: 30_000 });
  await assertAccessible(page, 'the review queue');
  await item.getByLabel('Your comment').fill('Looks right');
  await shot(page, '12-review-queue');
  await item.getByRole('button', { name: 'Accept' }).click();
  await page.locator('#notice', { hasText: `Accepted proposal ${id}` }).waitFor({ timeout: 30_000 });
  const stored = (await graphql(server.url, 'query($id: ID!) { proposal(id: $id) { status reviewer reviewComment } }', { id })).proposal;
  assert.deepEqual(stored, { status: 'ACCEPTED', reviewer: 'browser-reviewer', reviewComment: 'Looks right' });
  assert.deepEqual(problems, []);
});
