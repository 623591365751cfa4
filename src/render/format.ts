/**
 * Number formatting for the table. Keras 3 prints counts with `,` between
 * thousands and tf.keras prints bare digits; the table shows both the way
 * Keras 3 does, so the numbers read the same as in the original text.
 */
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `100480` → `100,480`. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? COUNT.format(n) : String(n);
}
