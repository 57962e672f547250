import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(import.meta.dirname, '..', 'reports');

export async function writeReports(report) {
  mkdirSync(DIR, { recursive: true });
  const json = path.join(DIR, 'latest.json');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  return [json];
}
