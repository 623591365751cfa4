/**
 * The CLI's full collection on demand (src/cli-collect.ts): a dead string
 * of 64 MB leaves the heap when it is called, which V8 would not do on its
 * own this early.
 */
import { fullCollection } from '../cli-collect';

describe('a full collection on demand', () => {
  it('frees a dead string at once', () => {
    const collect = fullCollection();
    expect(typeof collect).toBe('function');
    let big: string | null = new Array(1 << 22)
      .fill('0123456789abcdef')
      .join('');
    expect(big.length).toBe(1 << 26);
    const held = process.memoryUsage().heapUsed;
    big = null;
    collect!();
    const after = process.memoryUsage().heapUsed;
    expect(held - after).toBeGreaterThan(60 * 1024 * 1024);
  });
});
