// Lints every .cypher file under cypher/ (recursively) with Neo4j's own parser and semantic analysis
// (@neo4j-cypher/language-support, lintCypherQuery) against the graph model of cypher/model.json.
//
//   node lint.mjs [DIR...]      lint DIR (default: <repo>/cypher); exit 1 with "file:line:col: message" per error
//   node lint.mjs --self-test   each file of tests/cypher-lint/broken must fail, each of tests/cypher-lint/valid pass
//
// A file of several statements is split on ";" at the end of a line. Errors about undeclared parameters are dropped
// (isNotParamError): the adapter sends every statement with parameters. A label, relationship type or property
// that the model lacks is an error here, not the parser's warning: the model in cypher/README.md is the contract.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNotParamError, lintCypherQuery } from '@neo4j-cypher/language-support';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const model = JSON.parse(readFileSync(join(repo, 'cypher', 'model.json'), 'utf8'));
const schema = {
  labels: model.labels,
  relationshipTypes: model.relationshipTypes,
  propertyKeys: model.propertyKeys,
};
// Statements under cypher/import/ also read the columns of the ESCO CSVs (row.conceptUri, …).
const importSchema = { ...schema, propertyKeys: [...model.propertyKeys, ...model.importColumns] };
const importDir = join(repo, 'cypher', 'import');

const ERROR = 1;
// The parser's warnings for names the schema lacks ("Label X is not present in the database", …).
const outsideModel = /is not present in the database/i;

function cypherFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      found.push(...cypherFiles(path));
    } else if (name.endsWith('.cypher')) {
      found.push(path);
    }
  }
  return found;
}

/** Splits a file into statements on ";" at a line end; each keeps the line (0-based) it starts on. */
export function splitStatements(text) {
  const lines = text.split(/\r?\n/);
  const statements = [];
  let start = 0;
  let buffer = [];
  lines.forEach((line, index) => {
    buffer.push(line);
    if (/;\s*$/.test(line)) {
      statements.push({ line: start, text: buffer.join('\n').replace(/;\s*$/, '') });
      buffer = [];
      start = index + 1;
    }
  });
  statements.push({ line: start, text: buffer.join('\n') });
  // A chunk of only comments and blank lines is no statement.
  return statements.filter((s) => s.text.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('//')));
}

/** The problems of one file: [{ line, column, message, severity }] with 1-based line and column. */
export function lintFile(path) {
  const problems = [];
  const forFile = resolve(path).startsWith(importDir + '/') ? importSchema : schema;
  for (const statement of splitStatements(readFileSync(path, 'utf8'))) {
    const { diagnostics } = lintCypherQuery(statement.text, forFile);
    for (const d of diagnostics.filter(isNotParamError)) {
      const isError = d.severity === ERROR || outsideModel.test(d.message);
      problems.push({
        line: statement.line + d.range.start.line + 1,
        column: d.range.start.character + 1,
        message: d.message.replace(/\s+/g, ' ').replace(/ Make sure you didn't misspell.*$/, '').replace(/is not present in the database\.?/, 'is not in the model (cypher/model.json)').trim(),
        error: isError,
      });
    }
  }
  return problems;
}

function lint(dirs) {
  let errors = 0;
  let files = 0;
  let statements = 0;
  for (const dir of dirs) {
    for (const path of cypherFiles(dir)) {
      files++;
      statements += splitStatements(readFileSync(path, 'utf8')).length;
      for (const p of lintFile(path)) {
        const where = `${relative(process.cwd(), path)}:${p.line}:${p.column}`;
        if (p.error) {
          errors++;
          console.error(`${where}: error: ${p.message}`);
        } else {
          console.error(`${where}: warning: ${p.message}`);
        }
      }
    }
  }
  console.log(`cypher-lint: ${files} files, ${statements} statements, ${errors} errors`);
  return errors === 0 && files > 0 ? 0 : 1;
}

function selfTest() {
  const fixtures = join(repo, 'tests', 'cypher-lint');
  let failed = 0;
  let passed = 0;
  for (const path of cypherFiles(join(fixtures, 'broken'))) {
    const errors = lintFile(path).filter((p) => p.error);
    if (errors.length === 0) {
      failed++;
      console.error(`self-test: ${relative(repo, path)} should fail the lint but passed`);
    } else {
      passed++;
      console.log(`self-test: ${relative(repo, path)} fails as it should (${relative(repo, path)}:${errors[0].line}: ${errors[0].message})`);
    }
  }
  for (const path of cypherFiles(join(fixtures, 'valid'))) {
    const errors = lintFile(path).filter((p) => p.error);
    if (errors.length > 0) {
      failed++;
      console.error(`self-test: ${relative(repo, path)} should pass the lint but: line ${errors[0].line}: ${errors[0].message}`);
    } else {
      passed++;
      console.log(`self-test: ${relative(repo, path)} passes as it should`);
    }
  }
  console.log(`cypher-lint self-test: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

const args = process.argv.slice(2);
if (args.includes('--self-test')) {
  process.exit(selfTest());
}
process.exit(lint(args.length > 0 ? args.map((a) => resolve(a)) : [join(repo, 'cypher')]));
