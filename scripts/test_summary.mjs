// Print one closing line for `make test`: the jest and Playwright counts
// added up, as "N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

const sources = [
  ['jest', '.make/jest-results.json'],
  ['playwright', 'ui-tests/test-results.json']
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
