/**
 * Property tests (fast-check) run from one fixed seed, so that `make test`
 * gives the same result on every run and a failure can be replayed. To look
 * for new counterexamples, run them from random seeds:
 * `FUZZ_SEED=random jlpm jest src`, or from a given one: `FUZZ_SEED=42 …`
 * (a failure prints its seed). Loaded by jest before every test file.
 */
import * as fc from 'fast-check';

const FIXED_SEED = 20261202;

const wanted = process.env.FUZZ_SEED;
if (wanted !== 'random') {
  const seed = wanted ? Number(wanted) : FIXED_SEED;
  fc.configureGlobal({
    seed: Number.isInteger(seed) ? seed : FIXED_SEED
  });
}
