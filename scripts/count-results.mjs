// Sums every suite's results into one line: "N passed, N failed[, N skipped]".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

if (existsSync('test-results/gates.txt')) {
  for (const line of readFileSync('test-results/gates.txt', 'utf8').split('\n')) {
    if (line.startsWith('pass ')) passed++;
    if (line.startsWith('fail ')) failed++;
  }
}

if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed +=
    (v.numFailedTests ?? 0) +
    (v.numFailedTestSuites && !v.numFailedTests ? v.numFailedTestSuites : 0);
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} else {
  failed++; // the suite did not even report
}

if (existsSync('playwright.config.ts')) {
  if (existsSync('test-results/playwright.json')) {
    const s = JSON.parse(readFileSync('test-results/playwright.json', 'utf8')).stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0);
    failed += s.unexpected ?? 0;
    skipped += s.skipped ?? 0;
  } else {
    failed++;
  }
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
