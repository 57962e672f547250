// Security gate: Electronegativity over the Electron code. It exits 0 whatever it finds,
// so its CSV report is parsed here and any HIGH finding fails the gate.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reportAt = process.argv.indexOf('--report');
const report =
  reportAt > 0
    ? path.resolve(process.argv[reportAt + 1])
    : path.join(root, 'test-results', 'electronegativity.csv');
mkdirSync(path.dirname(report), { recursive: true });
const electron = JSON.parse(
  readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const bin = path.join(root, 'node_modules/.bin/electronegativity');
// --input DIR checks another folder (the gate's own test plants a bad window there).
const inputAt = process.argv.indexOf('--input');
const input =
  inputAt > 0 ? path.resolve(process.argv[inputAt + 1]) : path.join(root, 'main/electron');
const run = spawnSync(bin, ['-i', input, '-e', electron, '-o', report, '-r', '-v', 'false'], {
  encoding: 'utf8',
  env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
});
if (run.status !== 0) {
  console.error(`Electronegativity did not run: ${run.stderr || run.error}`);
  process.exit(1);
}

/** Minimal CSV reader: quoted fields may hold commas and newlines. */
function parseCsv(text) {
  const rows = [[]];
  let field = '';
  let quoted = false;
  const endField = () => {
    rows.at(-1).push(field.trim());
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      endField();
    } else if (!quoted && c === '\n') {
      endField();
      rows.push([]);
    } else {
      field += c;
    }
  }
  if (field !== '' || rows.at(-1).length > 0) endField();
  return rows.filter((r) => r.length > 1);
}

const [header, ...findings] = parseCsv(readFileSync(report, 'utf8'));
const col = (name) => header.findIndex((h) => h.trim() === name);
const [issue, severity, file, location] = ['issue', 'severity', 'filename', 'location'].map(col);
for (const f of findings)
  console.log(`${f[severity].padEnd(13)} ${f[issue]} ${f[file]}:${f[location]}`);
const high = findings.filter((f) => f[severity].toUpperCase() === 'HIGH');
console.log(
  `Electronegativity: ${findings.length} finding(s), ${high.length} HIGH (Electron ${electron}).`,
);
process.exit(high.length === 0 ? 0 : 1);
