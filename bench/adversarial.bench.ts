/**
 * Issue 5, item 2: the hand-written adversarial inputs of
 * src/testing/adversarial.ts (1 MB of `(None, `, 100,000 lines of box
 * characters, deeply nested brackets, …), each parsed three times; the
 * median is printed against the target "well under a second", read as
 * ≤ 250 ms. The fuzz tests parse the same inputs without timing them.
 *
 * Run: `make bench` (bundled by esbuild into .make/bench/).
 */
import { parseText } from '../src/parse';
import { ADVERSARIAL } from '../src/testing/adversarial';
import { median, Report } from './report';

const TARGET_MS = 250;
const report = new Report('adversarial.json', 'Hardening: adversarial inputs');

for (const [name, make] of ADVERSARIAL) {
  const text = make();
  const times: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t0 = process.hrtime.bigint();
    parseText(text);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const ms = median(times);
  report.add({
    item: 1,
    name,
    value: `${ms.toFixed(1)} ms`,
    target: `≤ ${TARGET_MS} ms`,
    pass: ms <= TARGET_MS,
    note: `${(text.length / 1e6).toFixed(2)} M characters`
  });
}
report.save();
