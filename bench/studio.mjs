// SkillGraph Studio's speed in headless Debian chromium against the full ESCO store (bench/studio.sh runs it):
//  - first load: the JS and CSS the start page loads, raw and gzip-compressed (level 6, what a compressing proxy sends);
//  - the software developer neighbourhood: performance measure graph:draw (the answer arrived → laid out and painted);
//  - a click on a skill node: measure graph:expand (its neighbours arrived → the picture laid out again and painted);
//  - search as you type: measure search:results (the last keystroke → the results shown), typed at 30 ms a key.
// Medians over ROUNDS (default 9) page loads and the queries below, each typed twice. Prints a Markdown table.
import { gzipSync } from 'node:zlib';
import { launchChromium, startServer } from '../tests/SkillGraph.Server.Tests/browser/server.mjs';

const rounds = Number(process.env.ROUNDS || 9);
const queries = ['software developer', 'java', 'nurse', 'project management', 'teach', 'welding', 'data analysis', 'chef', 'customer service', 'machine learning', 'accountant', 'sql'];
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const server = await startServer({ store: 'esco' });
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();

  // First load.
  const assets = [];
  page.on('response', async (response) => {
    const type = response.request().resourceType();
    if (type === 'script' || type === 'stylesheet') assets.push({ url: response.url(), body: await response.body() });
  });
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  const raw = assets.reduce((sum, a) => sum + a.body.length, 0);
  const gzip = assets.reduce((sum, a) => sum + gzipSync(a.body, { level: 6 }).length, 0);
  page.removeAllListeners('response');

  const developer = (await (await fetch(`${server.url}/graphql`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: '{ search(text: "software developer", kind: OCCUPATION, first: 1) { uri } }' }),
  })).json()).data.search[0].uri;

  // The neighbourhood picture: one warm-up load, then `rounds` loads.
  const draws = [];
  const fetches = [];
  let nodes = 0;
  for (let i = 0; i <= rounds; i++) {
    await page.goto(`${server.url}/concept?uri=${encodeURIComponent(developer)}`, { waitUntil: 'load' });
    await page.locator('.picture-canvas[data-drawn=true]').waitFor({ timeout: 60_000 });
    const [draw, data] = await page.evaluate(() => [performance.getEntriesByName('graph:draw')[0].duration, performance.getEntriesByName('graph:data')[0].startTime]);
    nodes = Number(await page.locator('.picture-canvas').getAttribute('data-nodes'));
    if (i > 0) {
      draws.push(draw);
      fetches.push(data);
    }
  }

  // A click on a skill node of the last load expands it: the whole picture laid out again (about 150 nodes).
  const expands = [];
  let expandedNodes = 0;
  for (let i = 0; i < 3; i++) {
    const fresh = await context.newPage();
    await fresh.goto(`${server.url}/concept?uri=${encodeURIComponent(developer)}`, { waitUntil: 'load' });
    const canvas = fresh.locator('.picture-canvas[data-drawn=true]');
    await canvas.waitFor({ timeout: 60_000 });
    await canvas.scrollIntoViewIfNeeded();
    await fresh.waitForTimeout(200);
    const target = await canvas.evaluate((element, index) => {
      const node = element.cytoscape.nodes('[kind = "SKILL"]').filter((n) => n.degree() === 1)[index];
      return node.renderedPosition();
    }, i);
    const box = await canvas.boundingBox();
    await fresh.mouse.click(box.x + target.x, box.y + target.y);
    await fresh.locator('.picture-selection', { hasText: 'expanded:' }).waitFor({ timeout: 60_000 }).catch(async (error) => {
      await fresh.screenshot({ path: '/tmp/skillgraph-studio-bench-expand.png' });
      throw new Error(`clicking ${JSON.stringify(target)} in ${JSON.stringify(box)} gave: ${await fresh.locator('.picture-selection').innerText()}`, { cause: error });
    });
    expands.push(await fresh.evaluate(() => performance.getEntriesByName('graph:expand').pop().duration));
    expandedNodes = Math.max(expandedNodes, Number(await canvas.getAttribute('data-nodes')));
    await fresh.close();
  }

  // Search as you type on the start page.
  await page.goto(`${server.url}/`, { waitUntil: 'load' });
  const box = page.locator('main input[role=combobox]');
  const searches = [];
  for (let round = 0; round < 2; round++) {
    for (const query of queries) {
      await box.fill('');
      await page.keyboard.press('Escape');
      await box.focus();
      await page.keyboard.type(query, { delay: 30 });
      await page.locator(`main [role=listbox][data-text="${query}"]:not([hidden])`).waitFor({ timeout: 10_000 });
      searches.push(await page.evaluate(() => performance.getEntriesByName('search:results').pop().duration));
    }
  }

  console.log(`| measure | median | runs | budget |`);
  console.log(`| --- | --- | --- | --- |`);
  console.log(`| first load, JS + CSS gzip (raw) | ${kb(gzip)} (${kb(raw)}) | ${assets.length} files | ≤ 400 KB |`);
  console.log(`| software developer picture drawn after its data arrived (${nodes} nodes) | ${median(draws).toFixed(0)} ms (min ${Math.min(...draws).toFixed(0)}, max ${Math.max(...draws).toFixed(0)}) | ${draws.length} | ≤ 1,000 ms |`);
  console.log(`| a click expands a skill node: laid out again and painted (up to ${expandedNodes} nodes) | ${median(expands).toFixed(0)} ms | ${expands.length} | — |`);
  console.log(`| page start → the concept's data arrived | ${median(fetches).toFixed(0)} ms | ${fetches.length} | — |`);
  console.log(`| search results shown after the last keystroke | ${median(searches).toFixed(0)} ms (p90 ${[...searches].sort((a, b) => a - b)[Math.floor(searches.length * 0.9)].toFixed(0)}) | ${searches.length} | ≤ 100 ms |`);
} finally {
  await browser.close();
  server.stop();
}
