/**
 * Hand-written adversarial inputs (not Keras output): texts built to make a
 * parser backtrack or go quadratic. The fuzz tests parse each (jest's
 * timeout guards against a hang); `make bench` prints how long each takes
 * against its target.
 */
/** The top of a Keras 3 table, for adversarial rows. */
export const RICH_HEAD =
  '┏━┳━┳━┓\n┃ Layer (type) ┃ Output Shape ┃ Param # ┃\n┡━╇━╇━┩\n';

/** Name and builder of each input (built on demand: some are 1 MB or more). */
export const ADVERSARIAL: [string, () => string][] = [
  ['a 1 MB line of "(None, " repeated', () => '(None, '.repeat(150000)],
  [
    'a 1 MB shape cell in a table',
    () =>
      '┏━┳━┳━┓\n┃ Layer (type) ┃ Output Shape ┃ Param # ┃\n┡━╇━╇━┩\n│ a (D) │ ' +
      '(None, '.repeat(150000) +
      ' │ 1 │\n└─┴─┴─┘\n'
  ],
  [
    '100,000 lines of box characters',
    () => '┏━━━┳━━━┓\n' + '┃━━━╇━━━┃\n'.repeat(100000)
  ],
  ['100,000 rich top borders', () => '┏━━━┳━━━┓\n'.repeat(100000)],
  [
    'deeply nested brackets',
    () => 'Model: "m"\n' + '('.repeat(200000) + ')'.repeat(200000)
  ],
  [
    '100,000 ASCII headers',
    () => ' Layer (type)   Output Shape   Param #\n'.repeat(100000)
  ],
  ['unclosed HTML tags', () => '<pre>' + '<a'.repeat(300000) + '</pre>'],
  ['many ampersands', () => '<pre>' + '&'.repeat(500000) + '</pre>'],
  ['a 1 MB run of spaces and a character', () => ' '.repeat(1000000) + 'x\n'],
  ['long ANSI runs', () => '\x1b['.repeat(300000)],
  [
    'deeply nested brackets in an Output Shape cell',
    () =>
      RICH_HEAD +
      '│ a (D) │ ' +
      '('.repeat(100000) +
      ')'.repeat(100000) +
      ' │ 1 │\n│ b (D) │ ' +
      '[('.repeat(50000) +
      ' │ 1 │\n└─┴─┴─┘\n'
  ],
  [
    'a 1 MB layer name in a table row',
    () =>
      RICH_HEAD +
      '│ ' +
      'x'.repeat(1000000) +
      ' (Dense) │ (None, 2) │ 6 │\n└─┴─┴─┘\n'
  ],
  [
    'one name wrapped over 100,000 lines',
    () =>
      RICH_HEAD +
      '│ a          │ (None, 2) │ 6 │\n' +
      '│ spaced     │           │   │\n'.repeat(100000) +
      '└─┴─┴─┘\n'
  ],
  [
    '100,000 nested rows',
    () =>
      RICH_HEAD +
      '│    └ a (D) │ (None, 2) │ 6 │\n├─┼─┼─┤\n'.repeat(100000) +
      '└─┴─┴─┘\n'
  ],
  [
    'an ANSI code around every character of 1 MB',
    () => 'Model: "m"\n' + '\x1b[1mx\x1b[0m'.repeat(100000)
  ],
  [
    '100,000 ASCII rows without a closing rule',
    () =>
      '_'.repeat(65) +
      '\n Layer (type)       Output Shape       Param #\n' +
      '='.repeat(65) +
      '\n' +
      ' dense (Dense)      (None, 2)          6\n\n'.repeat(100000)
  ],
  [
    "100,000 rows of rich's ASCII box without a bottom border",
    () =>
      '+' +
      '-'.repeat(40) +
      '+\n| Layer (type)  | Output Shape | Param # |\n' +
      '|---------------+--------------+---------|\n' +
      '| dense (Dense) | (None, 2)    |       6 |\n'.repeat(100000)
  ],
  [
    '100,000 ASCII box tops',
    () => ('+' + '-'.repeat(40) + '+\n').repeat(100000)
  ],
  [
    '100,000 lines each with a log prefix',
    () => 'INFO:absl: dense (Dense)   (None, 2)   6\n'.repeat(100000)
  ]
];
