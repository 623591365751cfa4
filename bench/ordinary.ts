/**
 * Ordinary outputs for item 2, made up here (synthetic, not captured): what
 * every notebook shows and our wrappers must pass through untouched. Each is
 * shaped like the real thing, and none holds a Keras summary.
 */

/** A deterministic pseudo-random sequence, so every run renders the same text. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/**
 * A Keras 3 training log of about `bytes` bytes, cut into `chunks` pieces
 * of nearly equal size (a stream arrives in messages that split lines
 * anywhere). Lines look like Keras 3's `fit(verbose=2)` output: epoch lines
 * and per-epoch results with the `━` progress bar.
 */
export function trainingLog(bytes: number, chunks: number): string[] {
  const rnd = random(7);
  const lines: string[] = [];
  let size = 0;
  let epoch = 0;
  while (size < bytes) {
    epoch++;
    const head = `Epoch ${epoch}/100000\n`;
    const loss = (2 / Math.sqrt(epoch) + rnd() * 0.01).toFixed(4);
    const acc = (1 - 1 / (1 + epoch / 50) + rnd() * 0.001).toFixed(4);
    const line =
      `1875/1875 ━━━━━━━━━━━━━━━━━━━━ ${1 + Math.floor(rnd() * 3)}s ` +
      `${1 + Math.floor(rnd() * 3)}ms/step - accuracy: ${acc} - loss: ${loss} ` +
      `- val_accuracy: ${acc} - val_loss: ${loss}\n`;
    lines.push(head, line);
    size += Buffer.byteLength(head + line, 'utf-8');
  }
  const text = lines.join('');
  const out: string[] = [];
  const step = Math.ceil(text.length / chunks);
  for (let i = 0; i < text.length; i += step) {
    out.push(text.slice(i, i + step));
  }
  return out;
}

/**
 * The HTML pandas writes for `display(df)` of a 60 × 12 frame (pandas shows
 * at most 60 rows by default): a styled `<div>` with a `<table class="dataframe">`.
 */
export function pandasTable(rows = 60, cols = 12): string {
  const rnd = random(11);
  const names = Array.from({ length: cols }, (_, k) => `feature_${k}`);
  const parts: string[] = [
    '<div>\n<style scoped>\n    .dataframe tbody tr th:only-of-type {\n' +
      '        vertical-align: middle;\n    }\n\n    .dataframe tbody tr th {\n' +
      '        vertical-align: top;\n    }\n\n    .dataframe thead th {\n' +
      '        text-align: right;\n    }\n</style>\n' +
      '<table border="1" class="dataframe">\n  <thead>\n    <tr style="text-align: right;">\n      <th></th>\n'
  ];
  for (const n of names) {
    parts.push(`      <th>${n}</th>\n`);
  }
  parts.push('    </tr>\n  </thead>\n  <tbody>\n');
  for (let r = 0; r < rows; r++) {
    parts.push(`    <tr>\n      <th>${r}</th>\n`);
    for (let c = 0; c < cols; c++) {
      parts.push(`      <td>${(rnd() * 1000 - 500).toFixed(6)}</td>\n`);
    }
    parts.push('    </tr>\n');
  }
  parts.push(
    `  </tbody>\n</table>\n<p>${rows} rows × ${cols} columns</p>\n</div>`
  );
  return parts.join('');
}

/**
 * A long Python traceback with IPython's ANSI colours, as printed to stdout
 * (e.g. by `traceback.print_exc(file=sys.stdout)` in a training loop):
 * `frames` frames of a deep recursion, then the error.
 */
export function traceback(frames = 400): string {
  const esc = '\x1b';
  const red = `${esc}[0;31m`;
  const green = `${esc}[0;32m`;
  const cyan = `${esc}[0;36m`;
  const reset = `${esc}[0m`;
  const lines: string[] = [
    `${red}---------------------------------------------------------------------------${reset}`,
    `${red}RecursionError${reset}                            Traceback (most recent call last)`
  ];
  for (let i = 0; i < frames; i++) {
    lines.push(
      `File ${green}/home/user/project/train/loop_${i % 7}.py:${40 + (i % 90)}${reset}, in ${cyan}step_${i % 13}${reset}${cyan}(batch, state)${reset}`,
      `${green}     ${38 + (i % 90)}${reset} ${esc}[38;5;28;01mfor${reset} item ${esc}[38;5;129;01min${reset} batch:`,
      `${green}---> ${40 + (i % 90)}${reset}     state ${esc}[38;5;241m=${reset} step_${(i + 1) % 13}(item, state)`,
      ''
    );
  }
  lines.push(
    `${red}RecursionError${reset}: maximum recursion depth exceeded while calling a Python object`,
    ''
  );
  return lines.join('\n');
}
