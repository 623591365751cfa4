// The line-scan floor the CLI bench compares with: a node process that
// reads a file, decodes it as UTF-8 (as the CLI does) and visits every line,
// trimming it. Less than this no reader of the text can do; the CLI's time
// is given as a multiple of it, measured in the same run.
//
//   node bench/floor.js FILE
'use strict';
const fs = require('fs');

const text = new TextDecoder('utf-8', { fatal: true }).decode(
  fs.readFileSync(process.argv[2])
);
let lines = 0;
let chars = 0;
for (let start = 0; ;) {
  const nl = text.indexOf('\n', start);
  const end = nl < 0 ? text.length : nl;
  chars += text.slice(start, end).trim().length;
  lines++;
  if (nl < 0) {
    break;
  }
  start = nl + 1;
}
process.stdout.write(JSON.stringify({ lines, chars }) + '\n');
