// The one server-start helper of the browser checks (GraphiQL and the studio), and the one chromium launcher.
// Server: SKILLGRAPH_URL if set (then no keys can be made: checks that need keys skip); else the built server
// (SKILLGRAPH_SERVER_DLL, else Release or Debug output of src/SkillGraph.Server, whichever is newer, built here when
// missing) in Development on a temporary store: empty (the sample graph seeds itself) or the full ESCO download imported
// by the CLI (SKILLGRAPH_DATA/esco/v1.1.1), with API keys made by the CLI's `keys create` for the roles asked.
// Browser: CHROMIUM_PATH, else /usr/bin/chromium.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '../../..');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

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
  for (let i = 0; i < 300; i++) {
    if (child && child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log.join('')}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer ${url}/healthz:\n${log.join('')}`);
}

/** The newest built assembly of a project (Release or Debug), built here (Release) when there is none. */
function builtDll(project, assembly, override) {
  if (override) return override;
  const candidates = ['Release', 'Debug'].map((c) => join(root, `src/${project}/bin/${c}/net10.0/${assembly}`));
  const newest = () => candidates.filter((c) => existsSync(c)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest()) {
    const build = spawnSync('dotnet', ['build', join(root, `src/${project}`), '-c', 'Release', '-nologo', '-v', 'q'], { stdio: 'inherit' });
    assert.equal(build.status, 0, `dotnet build of ${project} failed`);
  }
  return newest();
}

function cli(args) {
  const dll = builtDll('SkillGraph.Cli', 'skillgraph.dll', process.env.SKILLGRAPH_CLI_DLL);
  const run = spawnSync('dotnet', [dll, ...args], { encoding: 'utf8' });
  assert.equal(run.status, 0, `skillgraph ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

/**
 * Starts a server. options.store: 'sample' (default) or 'esco'; options.keys: roles to make a key for (esco only).
 * Returns { url, keys: { role: key }, stop }.
 */
export async function startServer(options = {}) {
  const { store = 'sample', keys: roles = [] } = options;
  if (process.env.SKILLGRAPH_URL) return { url: process.env.SKILLGRAPH_URL.replace(/\/$/, ''), keys: {}, external: true, stop: () => {} };
  const work = mkdtempSync(join(tmpdir(), 'skillgraph-browser-'));
  const db = join(work, `${store}.db`);
  const keys = {};
  if (store === 'esco') {
    const data = process.env.SKILLGRAPH_DATA || resolve(root, '../shared/data');
    const esco = join(data, 'esco/v1.1.1');
    assert.ok(existsSync(esco), `the ESCO download is not at ${esco} (set SKILLGRAPH_DATA)`);
    cli(['import', 'esco', '--dir', esco, '--db', db]);
    for (const role of roles) keys[role] = cli(['keys', 'create', '--role', role, '--name', `browser-${role}`, '--db', db]).trim().split('\n').pop();
  }
  const dll = builtDll('SkillGraph.Server', 'SkillGraph.Server.dll', process.env.SKILLGRAPH_SERVER_DLL);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = [];
  // Development: what `dotnet run` starts; a request without a key has the rights of app there.
  const child = spawn('dotnet', [dll, '--db', db, '--urls', url], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ASPNETCORE_ENVIRONMENT: 'Development' } });
  child.stdout.on('data', (d) => log.push(d.toString()));
  child.stderr.on('data', (d) => log.push(d.toString()));
  await waitForHealth(url, child, log);
  return {
    url,
    keys,
    external: false,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** One GraphQL request from the test itself (the checks compare what the page shows with what the API answers). */
export async function graphql(url, query, variables = {}, key = null) {
  const headers = { 'Content-Type': 'application/json' };
  if (key) headers['X-Api-Key'] = key;
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  assert.ok(!body.errors, `GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}
