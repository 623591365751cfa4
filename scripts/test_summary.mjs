// Print one closing line for `make test`: the jest, pytest (kernel companion)
// and Playwright counts (the UI tests and each platform test) added up, as
// "N passed, N failed, N skipped", and a second line when UI tests passed
// only on their retry (flaky).
import { existsSync, readFileSync } from 'node:fs';

const sources = [
  ['jest', '.make/jest-results.json'],
  ['pytest', '.make/pytest-results.xml'],
  ['playwright', 'ui-tests/test-results.json'],
  // make platform-test: JupyterLite, both ends of the JupyterLab and
  // Notebook range, the demo (ui-tests/platform.config.js).
  ...[
    'lite',
    'compat-jl-oldest',
    'compat-nb-oldest',
    'compat-newest',
    'demo'
  ].map(name => ['playwright', `.make/platform/${name}.json`])
];

let passed = 0;
let failed = 0;
let skipped = 0;
// Playwright tests that failed once and passed on their retry.
let flaky = 0;
for (const [name, file] of sources) {
  if (!existsSync(file)) {
    console.error(`${name}: no results in ${file}`);
    process.exit(1);
  }
  if (name === 'pytest') {
    // JUnit XML: <testsuite ... errors= failures= skipped= tests=>
    const xml = readFileSync(file, 'utf-8');
    const suite = xml.match(/<testsuite\b[^>]*>/)?.[0] ?? '';
    const count = key =>
      Number(suite.match(new RegExp(`\\b${key}="(\\d+)"`))?.[1] ?? 0);
    const bad = count('failures') + count('errors');
    passed += count('tests') - bad - count('skipped');
    failed += bad;
    skipped += count('skipped');
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf-8'));
  if (name === 'jest') {
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
  } else {
    passed += r.stats.expected + r.stats.flaky;
    flaky += r.stats.flaky;
    failed += r.stats.unexpected;
    skipped += r.stats.skipped;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (flaky > 0) {
  console.log(
    `${flaky} of the passed UI tests failed once and passed on their retry (flaky): see the list above`
  );
}
process.exit(failed > 0 || passed === 0 ? 1 : 0);
