// Print one closing line for `make test`: the jest and Playwright counts
// (the UI tests and each platform test)
// added up, as "N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

const sources = [
  ['jest', '.make/jest-results.json'],
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
for (const [name, file] of sources) {
  if (!existsSync(file)) {
    console.error(`${name}: no results in ${file}`);
    process.exit(1);
  }
  const r = JSON.parse(readFileSync(file, 'utf-8'));
  if (name === 'jest') {
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
  } else {
    passed += r.stats.expected + r.stats.flaky;
    failed += r.stats.unexpected;
    skipped += r.stats.skipped;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
