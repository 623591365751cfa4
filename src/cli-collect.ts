/**
 * A full garbage collection on demand, for the CLI (a process of its own,
 * so it may steer its own heap). V8 runs a full collection when the old
 * generation has grown past a limit set from what survived the last one;
 * a 100,000-layer rich HTML input (~130 MB as a string) is decoded before
 * that limit is reached, and without a collection it stays in the heap,
 * dead, while the rows and the report are built on top of it. Collected
 * right after the parser lets go of it, the CLI's peak memory falls by
 * about a quarter; the collection costs a few milliseconds then, since
 * little else is alive.
 *
 * `gc` is exposed by V8's flag for a new context only (the running one was
 * made without it); the flag is turned off again at once. Where that does
 * not work, there is no collection and nothing else changes.
 */
import * as v8 from 'v8';
import * as vm from 'vm';

export function fullCollection(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? () => gc() : undefined;
  } catch {
    return undefined;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}
