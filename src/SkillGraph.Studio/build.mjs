// Bundles the studio into ../SkillGraph.Server/wwwroot/studio (run by the server's build, target BuildStudio):
// app.js (TypeScript, type-checked by tsc, cytoscape and fcose inlined, minified), app-style.css and index.html. `node build.mjs --watch` rebuilds on change.
import { build, context } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../SkillGraph.Server/wwwroot/studio');
mkdirSync(out, { recursive: true });
const options = {
  entryPoints: { app: join(here, 'src/main.ts'), 'app-style': join(here, 'src/styles.css') },
  outdir: out,
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['es2022'],
  legalComments: 'none',
  logLevel: 'warning',
  entryNames: '[name]',
};
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
// Types are checked first (esbuild only strips them): a type error fails the build.
const typecheck = spawnSync(process.execPath, [join(here, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', here], { stdio: 'inherit' });
if (typecheck.status !== 0) process.exit(typecheck.status ?? 1);
if (process.argv.includes('--watch')) {
  const ctx = await context(options);
  await ctx.watch();
  console.log(`studio: watching, writing ${out}`);
} else {
  await build(options);
}
