// Browser check of GraphiQL at GET /graphql: headless Debian chromium loads the page from the server's own
// files (no CDN) under the server's CSP, the first example tab runs, and the result shows the occupation with its skills.
//   cd tests/SkillGraph.Server.Tests/browser && npm ci && npm test
// Server: SKILLGRAPH_URL if set; else the built server (SKILLGRAPH_SERVER_DLL, else Release or Debug output of
// src/SkillGraph.Server, whichever is newer, built here when missing) on an empty temporary store, which seeds the sample graph.
// Browser: CHROMIUM_PATH, else /usr/bin/chromium; the test is skipped, saying so, only when it is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });
}

async function waitForHealth(url, child, log) {
  for (let i = 0; i < 150; i++) {
    if (child && child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log.join('')}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer ${url}/healthz:\n${log.join('')}`);
}

async function startServer() {
  if (process.env.SKILLGRAPH_URL) return { url: process.env.SKILLGRAPH_URL.replace(/\/$/, ''), stop: () => {} };
  const candidates = [
    process.env.SKILLGRAPH_SERVER_DLL,
    join(root, 'src/SkillGraph.Server/bin/Release/net10.0/SkillGraph.Server.dll'),
    join(root, 'src/SkillGraph.Server/bin/Debug/net10.0/SkillGraph.Server.dll'),
  ].filter(Boolean);
  const newest = () => candidates.filter((c) => existsSync(c)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  let dll = process.env.SKILLGRAPH_SERVER_DLL || newest();
  if (!dll) {
    const build = spawnSync('dotnet', ['build', join(root, 'src/SkillGraph.Server'), '-nologo', '-v', 'q'], { stdio: 'inherit' });
    assert.equal(build.status, 0, 'dotnet build of the server failed');
    dll = newest();
  }
  const work = mkdtempSync(join(tmpdir(), 'skillgraph-graphiql-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = [];
  // Development: the page and its examples run with no key (outside Development every request needs one).
  const child = spawn('dotnet', [dll, '--db', join(work, 'sample.db'), '--urls', url], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ASPNETCORE_ENVIRONMENT: 'Development' } });
  child.stdout.on('data', (d) => log.push(d.toString()));
  child.stderr.on('data', (d) => log.push(d.toString()));
  await waitForHealth(url, child, log);
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(work, { recursive: true, force: true });
    },
  };
}

test('GraphiQL loads from local files, runs the first example and shows the result', async (t) => {
  if (!existsSync(chromium)) {
    t.skip(`SKIPPED: chromium not found at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
    return;
  }
  const { chromium: launcher } = await import('playwright-core');
  const server = await startServer();
  const browser = await launcher.launch({
    executablePath: chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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
