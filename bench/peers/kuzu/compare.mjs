// Compares the canonical answers of two peer reports (run.mjs / PeerCheck.cs output) for every workload and
// parameter: the canonical strings must be byte-identical (same SHA-256, same re-serialised JSON).
//   node compare.mjs kuzu.json sqlite.json
import fs from 'node:fs';
import { createHash } from 'node:crypto';

const [aFile, bFile] = process.argv.slice(2);
if (!aFile || !bFile) {
  console.error('usage: node compare.mjs <report-a.json> <report-b.json>');
  process.exit(2);
}
const a = JSON.parse(fs.readFileSync(aFile, 'utf8'));
const b = JSON.parse(fs.readFileSync(bFile, 'utf8'));
const sha = (s) => createHash('sha256').update(s, 'utf8').digest('hex');
let same = 0;
let differ = 0;
const rows = [];
const names = [...new Set([...Object.keys(a.workloads), ...Object.keys(b.workloads)])];
for (const w of names) {
  const params = [...new Set([...Object.keys(a.workloads[w] ?? {}), ...Object.keys(b.workloads[w] ?? {})])];
  for (const p of params) {
    const x = a.workloads[w]?.[p];
    const y = b.workloads[w]?.[p];
    // Each report's hash is over the exact canonical bytes it produced; re-serialising must reproduce them.
    const ok =
      x && y &&
      x.answerSha256 === y.answerSha256 &&
      sha(JSON.stringify(x.answer)) === x.answerSha256 &&
      sha(JSON.stringify(y.answer)) === y.answerSha256;
    if (ok) same++;
    else {
      differ++;
      console.error(`DIFFERENT ${w} ${p}\n  ${a.engine}: ${JSON.stringify(x?.answer)}\n  ${b.engine}: ${JSON.stringify(y?.answer)}`);
    }
    rows.push([w, p.slice(p.lastIndexOf('/') + 1, p.lastIndexOf('/') + 9), x?.medianMs, y?.medianMs, ok ? 'same' : 'DIFF']);
  }
}
console.log(`workload                 param     ${a.engine.padEnd(14)} ${b.engine.slice(0, 14).padEnd(14)} answer`);
for (const [w, p, ma, mb, ok] of rows) {
  console.log(`${w.padEnd(24)} ${p}  ${String(ma ?? '-').padStart(10)} ms  ${String(mb ?? '-').padStart(10)} ms  ${ok}`);
}
console.log(`${same} passed, ${differ} failed`);
process.exit(differ === 0 ? 0 : 1);
