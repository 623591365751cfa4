/**
 * How counts are written everywhere (formulas, the table, exports): Keras 3
 * prints them with `,` between thousands and tf.keras prints bare digits;
 * we write them the way Keras 3 does, so the numbers read the same as in
 * the original text. The one place that formats a count (in the parser,
 * the lowest layer, because reading a kernel payload writes counts too).
 */
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `100480` → `100,480`. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? COUNT.format(n) : String(n);
}
