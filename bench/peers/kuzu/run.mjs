// Kuzu peer baseline for SkillGraph: builds (or reuses) a Kuzu database of ESCO v1.1.1 and times
// the four benchmark workloads. Prints one JSON document to stdout; progress goes to stderr.
//
//   node run.mjs                 build-or-reuse, run all workloads
//   node run.mjs --rebuild       drop the cached database and rebuild it
//   node run.mjs --answers-only  one run per workload/parameter (no timing loop)
//
// Environment: SKILLGRAPH_DATA (default /work/shared/data), SKILLGRAPH_KUZU_DIR (default /tmp/skillgraph-kuzu),
// KUZU_THREADS (threads per query, default 1), KUZU_SYNC=1 (use executeSync instead of execute),
// KUZU_IN_MEMORY=1 (load an in-memory database in this process instead of the cached on-disk one),
// BENCH_MIN_RUNS (200), BENCH_MIN_MS (2000), BENCH_MAX_MS (30000), BENCH_WARMUP (20): after the warm-up calls, timed calls
// run until both BENCH_MIN_RUNS calls and BENCH_MIN_MS have passed (at most BENCH_MAX_MS).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import * as W from './workloads.mjs';

const require = createRequire(import.meta.url);
const kuzu = require('kuzu');
const KUZU_VERSION = JSON.parse(
  fs.readFileSync(path.join(path.dirname(require.resolve('kuzu')), 'package.json'), 'utf8'),
).version;

const args = new Set(process.argv.slice(2));
const DATA = process.env.SKILLGRAPH_DATA ?? '/work/shared/data';
const ESCO = path.join(DATA, 'esco', 'v1.1.1');
const CACHE_DIR = process.env.SKILLGRAPH_KUZU_DIR ?? '/tmp/skillgraph-kuzu';
const DB_PATH = path.join(CACHE_DIR, `esco-v1.1.1-kuzu-${KUZU_VERSION}.kuzu`);
const THREADS = Number(process.env.KUZU_THREADS ?? 1);
const SYNC = process.env.KUZU_SYNC === '1';
const IN_MEMORY = process.env.KUZU_IN_MEMORY === '1';
const MIN_RUNS = Number(process.env.BENCH_MIN_RUNS ?? 200);
const MIN_MS = Number(process.env.BENCH_MIN_MS ?? 2000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const MAX_MS = Number(process.env.BENCH_MAX_MS ?? 30000);
const BUFFER_POOL = 1024 * 1024 * 1024; // 1 GiB, the whole graph fits comfortably

const log = (...a) => console.error('[kuzu]', ...a);

// ---------------------------------------------------------------- loading

function readCsv(name) {
  const text = fs.readFileSync(path.join(ESCO, name), 'utf8');
  return parse(text, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true });
}

function csvField(v) {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function writeCsv(file, header, rows) {
  const lines = [header.join(',')];
  for (const r of rows) lines.push(r.map(csvField).join(','));
  fs.writeFileSync(file, lines.join('\n') + '\n', 'utf8');
}

/** Reads the ESCO CSVs into the peer graph model (shared rules with SqlitePeer.Build). */
export function readEscoGraph() {
  const kindOf = new Map(); // uri -> node table
  const nodes = { Occupation: [], Skill: [], SkillGroup: [], IscoGroup: [] };
  const addNode = (table, uri, label, code) => {
    if (!uri || kindOf.has(uri)) return;
    kindOf.set(uri, table);
    nodes[table].push(table === 'IscoGroup' ? [uri, code, label] : [uri, label]);
  };
  for (const r of readCsv('occupations_en.csv')) addNode('Occupation', r.conceptUri, r.preferredLabel);
  for (const r of readCsv('skills_en.csv')) addNode('Skill', r.conceptUri, r.preferredLabel);
  for (const r of readCsv('skillGroups_en.csv')) addNode('SkillGroup', r.conceptUri, r.preferredLabel);
  for (const r of readCsv('ISCOGroups_en.csv')) addNode('IscoGroup', r.conceptUri, r.preferredLabel, r.code);
  let hierarchyOnlyGroups = 0;
  for (const r of readCsv('skillsHierarchy_en.csv')) {
    for (let l = 0; l < 4; l++) {
      const uri = r[`Level ${l} URI`];
      if (uri && !kindOf.has(uri)) {
        addNode('SkillGroup', uri, r[`Level ${l} preferred term`]);
        hierarchyOnlyGroups++;
      }
    }
  }

  const skipped = { occupationSkill: 0, occupationSkillUris: new Set(), broader: 0, skillSkill: 0, duplicateEdges: 0 };
  const seenEdges = new Set(); // "type src dst": the same edge is loaded once (as SqlitePeer's unique index enforces)
  const fresh = (type, src, dst) => {
    const k = `${type} ${src} ${dst}`;
    if (seenEdges.has(k)) {
      skipped.duplicateEdges++;
      return false;
    }
    seenEdges.add(k);
    return true;
  };
  const essential = [];
  const optional = [];
  for (const r of readCsv('occupationSkillRelations.csv')) {
    if (kindOf.get(r.occupationUri) !== 'Occupation' || kindOf.get(r.skillUri) !== 'Skill') {
      skipped.occupationSkill++;
      skipped.occupationSkillUris.add(r.occupationUri);
      continue;
    }
    if (!fresh(r.relationType, r.occupationUri, r.skillUri)) continue;
    if (r.relationType === 'essential') essential.push([r.occupationUri, r.skillUri]);
    else if (r.relationType === 'optional') optional.push([r.occupationUri, r.skillUri]);
    else throw new Error(`unknown relationType ${r.relationType}`);
  }
  const broader = new Map(); // "From->To" -> rows
  for (const f of ['broaderRelationsSkillPillar.csv', 'broaderRelationsOccPillar.csv']) {
    for (const r of readCsv(f)) {
      const from = kindOf.get(r.conceptUri);
      const to = kindOf.get(r.broaderUri);
      if (!from || !to) {
        skipped.broader++;
        continue;
      }
      if (!fresh('broader', r.conceptUri, r.broaderUri)) continue;
      const key = `${from}->${to}`;
      if (!broader.has(key)) broader.set(key, []);
      broader.get(key).push([r.conceptUri, r.broaderUri]);
    }
  }
  const skillSkill = [];
  for (const r of readCsv('skillSkillRelations.csv')) {
    if (kindOf.get(r.originalSkillUri) !== 'Skill' || kindOf.get(r.relatedSkillUri) !== 'Skill') {
      skipped.skillSkill++;
      continue;
    }
    if (!fresh('skillSkill', r.originalSkillUri, r.relatedSkillUri)) continue;
    skillSkill.push([r.originalSkillUri, r.relatedSkillUri, r.relationType]);
  }
  return { nodes, essential, optional, broader, skillSkill, skipped, hierarchyOnlyGroups };
}

/** Creates the schema in `db` and bulk-loads the graph with COPY FROM (staged, properly quoted CSVs). */
async function loadInto(db) {
  const t0 = performance.now();
  const g = readEscoGraph();
  log(
    `parsed CSVs in ${((performance.now() - t0) / 1000).toFixed(1)} s:`,
    Object.entries(g.nodes).map(([k, v]) => `${k}=${v.length}`).join(' '),
    `ESSENTIAL=${g.essential.length} OPTIONAL=${g.optional.length}`,
    `BROADER=${[...g.broader.values()].reduce((a, v) => a + v.length, 0)} SKILL_SKILL=${g.skillSkill.length};`,
    `skipped occupation-skill rows=${g.skipped.occupationSkill} (unknown occupation URIs: ${g.skipped.occupationSkillUris.size}),`,
    `broader rows=${g.skipped.broader}, skill-skill rows=${g.skipped.skillSkill}, duplicate edges=${g.skipped.duplicateEdges}; hierarchy-only groups=${g.hierarchyOnlyGroups}`,
  );
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const stage = fs.mkdtempSync(path.join(CACHE_DIR, 'stage-'));
  const conn = new kuzu.Connection(db);
  try {
    const q = async (s) => {
      const r = await conn.query(s);
      for (const x of Array.isArray(r) ? r : [r]) x.close();
    };
    await q('CREATE NODE TABLE Occupation(uri STRING PRIMARY KEY, label STRING)');
    await q('CREATE NODE TABLE Skill(uri STRING PRIMARY KEY, label STRING)');
    await q('CREATE NODE TABLE SkillGroup(uri STRING PRIMARY KEY, label STRING)');
    await q('CREATE NODE TABLE IscoGroup(uri STRING PRIMARY KEY, code STRING, label STRING)');
    await q('CREATE REL TABLE ESSENTIAL(FROM Occupation TO Skill)');
    await q('CREATE REL TABLE `OPTIONAL`(FROM Occupation TO Skill)');
    const pairs = [...g.broader.keys()].sort().map((k) => k.split('->'));
    await q(`CREATE REL TABLE BROADER(${pairs.map(([f, t]) => `FROM ${f} TO ${t}`).join(', ')})`);
    await q('CREATE REL TABLE SKILL_SKILL(FROM Skill TO Skill, relationType STRING)');

    const opts = "HEADER=true, DELIM=',', QUOTE='\"', ESCAPE='\"'";
    const copy = async (table, file, header, rows, extra = '') => {
      const f = path.join(stage, file);
      writeCsv(f, header, rows);
      await q(`COPY ${table} FROM '${f}' (${opts}${extra})`);
    };
    await copy('Occupation', 'occupation.csv', ['uri', 'label'], g.nodes.Occupation);
    await copy('Skill', 'skill.csv', ['uri', 'label'], g.nodes.Skill);
    await copy('SkillGroup', 'skillgroup.csv', ['uri', 'label'], g.nodes.SkillGroup);
    await copy('IscoGroup', 'iscogroup.csv', ['uri', 'code', 'label'], g.nodes.IscoGroup);
    await copy('ESSENTIAL', 'essential.csv', ['from', 'to'], g.essential);
    await copy('`OPTIONAL`', 'optional.csv', ['from', 'to'], g.optional);
    for (const [f, t] of pairs) {
      await copy('BROADER', `broader-${f}-${t}.csv`, ['from', 'to'], g.broader.get(`${f}->${t}`), `, from='${f}', to='${t}'`);
    }
    await copy('SKILL_SKILL', 'skillskill.csv', ['from', 'to', 'relationType'], g.skillSkill);
  } finally {
    await conn.close();
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/** Builds the on-disk database at DB_PATH (built under a temporary name, then renamed into place). */
async function buildDatabase() {
  const t0 = performance.now();
  const tmpDb = `${DB_PATH}.building-${process.pid}`;
  try {
    const db = new kuzu.Database(tmpDb, BUFFER_POOL);
    await loadInto(db);
    const conn = new kuzu.Connection(db);
    (await conn.query('CHECKPOINT')).close();
    await conn.close();
    await db.close();
    fs.renameSync(tmpDb, DB_PATH);
  } finally {
    for (const f of [tmpDb, `${tmpDb}.wal`, `${tmpDb}.shadow`]) fs.rmSync(f, { recursive: true, force: true });
  }
  const ms = performance.now() - t0;
  log(`built ${DB_PATH} in ${(ms / 1000).toFixed(1)} s`);
  return ms;
}

// ---------------------------------------------------------------- queries

const Q = {
  contextSkills: `
    MATCH (o:Occupation {uri: $uri})-[r:ESSENTIAL|\`OPTIONAL\`]->(s:Skill)
    OPTIONAL MATCH (s)-[:BROADER]->(b)
    RETURN s.uri AS uri, s.label AS label, label(r) AS rel, b.uri AS bUri, b.label AS bLabel`,
  contextBroader: `
    MATCH (o:Occupation {uri: $uri})-[:BROADER]->(b)
    RETURN b.uri AS uri, b.label AS label`,
  related: `
    MATCH (o:Occupation {uri: $uri})-[:ESSENTIAL]->(s:Skill)<-[:ESSENTIAL]-(p:Occupation)
    WHERE p <> o
    RETURN p.uri AS uri, p.label AS label, count(*) AS shared
    ORDER BY shared DESC, uri ASC
    LIMIT $top`,
  essentialUris: `
    MATCH (o:Occupation {uri: $uri})-[:ESSENTIAL]->(s:Skill)
    RETURN s.uri AS uri`,
  gap: `
    MATCH (o:Occupation {uri: $uri})-[r:ESSENTIAL|\`OPTIONAL\`]->(s:Skill)
    WHERE NOT list_contains($held, s.uri)
    RETURN label(r) AS rel, s.uri AS uri
    ORDER BY rel, uri`,
  hopCount: `
    MATCH (s:Skill {uri: $uri})<-[:ESSENTIAL]-(o:Occupation)
    RETURN count(*) AS n`,
  hop: `
    MATCH (s:Skill {uri: $uri})<-[:ESSENTIAL]-(o:Occupation)-[:ESSENTIAL]->(t:Skill)
    WHERE t <> s
    RETURN t.uri AS uri, t.label AS label, count(*) AS n
    ORDER BY n DESC, uri ASC
    LIMIT $top`,
};

class KuzuPeer {
  constructor(conn, prepared) {
    this.conn = conn;
    this.ps = prepared;
  }

  /** Opens the cached on-disk database read-only, or loads an in-memory one (IN_MEMORY). */
  static async open() {
    let db;
    if (IN_MEMORY) {
      db = new kuzu.Database(':memory:', BUFFER_POOL);
      await loadInto(db);
    } else {
      db = new kuzu.Database(DB_PATH, BUFFER_POOL, true, true /* readOnly */);
    }
    const conn = new kuzu.Connection(db, THREADS);
    const prepared = {};
    for (const [k, s] of Object.entries(Q)) {
      const ps = await conn.prepare(s);
      if (!ps.isSuccess()) throw new Error(`prepare ${k}: ${ps.getErrorMessage()}`);
      prepared[k] = ps;
    }
    return new KuzuPeer(conn, prepared);
  }

  async rows(name, params) {
    if (SYNC) {
      const r = this.conn.executeSync(this.ps[name], params);
      const rows = r.getAllSync();
      r.close();
      return rows;
    }
    // execute() runs the query off the main thread; the rows are then read with getAllSync(): the async
    // getAll() adds ~3 ms per few hundred rows of binding overhead that is not query work.
    const r = await this.conn.execute(this.ps[name], params);
    const rows = r.getAllSync();
    r.close();
    return rows;
  }

  async occupationContext(uri) {
    const skills = new Map();
    for (const row of await this.rows('contextSkills', { uri })) {
      const rel = row.rel === 'ESSENTIAL' ? 'essential' : 'optional';
      const key = `${row.uri}\u0000${rel}`;
      let s = skills.get(key);
      if (!s) skills.set(key, (s = { uri: row.uri, label: row.label, relation: rel, broader: [] }));
      if (row.bUri != null) s.broader.push({ uri: row.bUri, label: row.bLabel });
    }
    const broader = (await this.rows('contextBroader', { uri })).map((r) => ({ uri: r.uri, label: r.label }));
    return { occupation: uri, broader, skills: [...skills.values()] };
  }

  async relatedOccupations(uri, top) {
    const rows = await this.rows('related', { uri, top });
    return { occupation: uri, top: rows.map((r) => ({ uri: r.uri, label: r.label, shared: Number(r.shared) })) };
  }

  async essentialSkillUris(uri) {
    return (await this.rows('essentialUris', { uri })).map((r) => r.uri);
  }

  async skillGap(uri, held) {
    const missingEssential = [];
    const missingOptional = [];
    for (const r of await this.rows('gap', { uri, held })) {
      (r.rel === 'ESSENTIAL' ? missingEssential : missingOptional).push(r.uri);
    }
    return { occupation: uri, held: [...held], missingEssential, missingOptional };
  }

  async skillNeighbourhood2Hop(uri, top) {
    const [{ n }] = await this.rows('hopCount', { uri });
    const rows = await this.rows('hop', { uri, top });
    return {
      skill: uri,
      occupations: Number(n),
      top: rows.map((r) => ({ uri: r.uri, label: r.label, count: Number(r.n) })),
    };
  }
}

// ---------------------------------------------------------------- timing

async function time(fn) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples = [];
  const start = performance.now();
  // Timed calls until both >= MIN_RUNS calls and >= MIN_MS have passed (capped at MAX_MS per measurement).
  for (;;) {
    const elapsed = performance.now() - start;
    if ((samples.length >= MIN_RUNS && elapsed >= MIN_MS) || (samples.length >= 10 && elapsed >= MAX_MS)) break;
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const q = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
  return { medianMs: round(q(0.5)), p95Ms: round(q(0.95)), runs: samples.length };
}

const round = (x) => Math.round(x * 1000) / 1000;

async function main() {
  if (args.has('--rebuild') && fs.existsSync(DB_PATH)) fs.rmSync(DB_PATH, { recursive: true, force: true });
  let buildMs = null;
  if (IN_MEMORY) log('in-memory database: loading the CSVs in this process');
  else if (!fs.existsSync(DB_PATH)) buildMs = await buildDatabase();
  else log(`reusing ${DB_PATH}`);

  const t0 = performance.now();
  const peer = await KuzuPeer.open();
  const openMs = performance.now() - t0;
  const answersOnly = args.has('--answers-only');

  const workloads = { occupationContext: {}, relatedOccupations: {}, skillGap: {}, skillNeighbourhood2Hop: {} };
  const run = async (name, param, fn, canon) => {
    const answer = canon(await fn());
    const timing = answersOnly ? {} : await time(fn);
    const answerSha256 = createHash('sha256').update(answer, 'utf8').digest('hex');
    workloads[name][param] = { ...timing, answerSha256, answer: JSON.parse(answer) };
    log(`${name} ${param.slice(param.lastIndexOf('/') + 1)}`, answersOnly ? '' : `median ${timing.medianMs} ms p95 ${timing.p95Ms} ms (${timing.runs} runs)`);
  };

  for (const o of W.OCCUPATIONS) {
    await run('occupationContext', o, () => peer.occupationContext(o), W.canonicalOccupationContext);
    await run('relatedOccupations', o, () => peer.relatedOccupations(o, W.RELATED_TOP), W.canonicalRelatedOccupations);
    const held = W.heldSkills(await peer.essentialSkillUris(o));
    await run('skillGap', o, () => peer.skillGap(o, held), W.canonicalSkillGap);
  }
  for (const s of W.SKILLS) {
    await run('skillNeighbourhood2Hop', s, () => peer.skillNeighbourhood2Hop(s, W.NEIGHBOURHOOD_TOP), W.canonicalSkillNeighbourhood);
  }

  const out = {
    engine: `kuzu ${KUZU_VERSION}`,
    settings: { threads: THREADS, api: SYNC ? 'executeSync+getAllSync' : 'execute+getAllSync', database: IN_MEMORY ? 'in-memory' : 'on-disk (read-only)', minRuns: MIN_RUNS, minMs: MIN_MS, maxMs: MAX_MS, warmup: WARMUP },
    buildMs: buildMs == null ? null : Math.round(buildMs),
    openMs: Math.round(openMs),
    rssMiB: Math.round(process.memoryUsage().rss / 1048576),
    workloads,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

await main();
