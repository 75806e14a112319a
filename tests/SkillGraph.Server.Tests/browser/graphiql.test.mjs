// Browser check of GraphiQL at GET /graphql: headless Debian chromium loads the page from the server's own
// files (no CDN) under the server's CSP, the first example tab runs, and the result shows the occupation with its skills.
//   cd tests/SkillGraph.Server.Tests/browser && npm ci && npm test
// Server and browser: server.mjs (the sample graph on an empty temporary store); the test is skipped, saying so, only
// when chromium is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath as chromium, launchChromium, startServer } from './server.mjs';

test('GraphiQL loads from local files, runs the first example and shows the result', async (t) => {
  if (!existsSync(chromium)) {
    t.skip(`SKIPPED: chromium not found at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
    return;
  }
  const server = await startServer();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems = [];
    const outside = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    await page.route('**/*', (route) => {
      const target = new URL(route.request().url());
      if (target.origin !== server.url) {
        outside.push(target.href);
        return route.abort();
      }
      return route.continue();
    });

    const first = await page.goto(`${server.url}/graphql`, { waitUntil: 'load' });
    // The page runs under the server's content security policy (docs/security.md); a violation is a console error below.
    assert.match(first.headers()['content-security-policy'] ?? '', /script-src 'self';.*frame-ancestors 'none'/);
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-query-editor').getByText('OccupationSkills').first().waitFor({ timeout: 30_000 });

    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    let text = '';
    for (let i = 0; i < 150 && !text.includes('software developer'); i++) {
      await page.waitForTimeout(200);
      text = await response.innerText();
    }
    if (!text.includes('software developer')) {
      await page.screenshot({ path: join(tmpdir(), 'skillgraph-graphiql-failed.png') });
    }
    assert.match(text, /software developer/, `the result panel shows: ${text}\n${problems.join('\n')}`);
    assert.match(text, /"essentialSkills"/);
    assert.match(text, /"totalCount"/);
    assert.doesNotMatch(text, /"errors"/);

    assert.deepEqual(outside, [], 'the page must load nothing from outside the server');
    assert.deepEqual(problems, [], 'the page must run without errors');
    await page.screenshot({ path: join(tmpdir(), 'skillgraph-graphiql.png') });
  } finally {
    await browser.close();
    server.stop();
  }
});
