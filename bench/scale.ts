/** The scaled real summaries (moved to src/testing/scaled.ts, where the tests use them too). */
export * from '../src/testing/scaled';
