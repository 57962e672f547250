// Security gate: Electronegativity over the Electron code, through its library API (the
// package's main export). Its CLI always exits 0, and its CSV writer races its own header
// write (rows can vanish), so the findings are taken from the API's return value, written
// to a JSON report here, and any HIGH finding fails the gate.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');

const root = path.resolve(import.meta.dirname, '..');
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? path.resolve(process.argv[at + 1]) : fallback;
};
// --input DIR checks another folder (the gate's own test plants a bad window there).
const input = option('--input', path.join(root, 'main/electron'));
const report = option('--report', path.join(root, 'test-results', 'electronegativity.json'));
const electron = require(path.join(root, 'node_modules/electron/package.json')).version;

const result = await run({
  input,
  output: undefined,
  isSarif: false,
  customScan: undefined,
  excludeFromScan: undefined,
  severitySet: undefined,
  confidenceSet: undefined,
  isRelative: true,
  isVerbose: false,
  electronUpgrade: undefined,
  electronVersionOverride: electron,
  parserPlugins: [],
});
if (result.errors.length > 0) {
  console.error(`Electronegativity could not read ${result.errors.length} file(s):`);
  for (const e of result.errors) console.error(`  ${e.file}: ${e.message ?? e.error ?? e}`);
  process.exit(1);
}
const findings = result.issues.map((issue) => ({
  issue: issue.id,
  severity: issue.severity.name.toUpperCase(),
  confidence: issue.confidence.name,
  where: `${issue.file}:${issue.location.line}:${issue.location.column}`,
  description: issue.description,
}));
mkdirSync(path.dirname(report), { recursive: true });
writeFileSync(report, `${JSON.stringify({ electron, input, findings }, null, 2)}\n`);
for (const f of findings) console.log(`${f.severity.padEnd(13)} ${f.issue} ${f.where}`);
const high = findings.filter((f) => f.severity === 'HIGH');
console.log(
  `Electronegativity: ${findings.length} finding(s), ${high.length} HIGH (Electron ${electron}).`,
);
process.exit(high.length === 0 ? 0 : 1);
