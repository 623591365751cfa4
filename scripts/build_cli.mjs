// Bundle src/cli.ts into a single CommonJS file, lib/cli.js, that node runs
// directly (`node lib/cli.js` or the `keras-summary` bin). tsc emits ES
// modules with extension-less imports for the JupyterLab bundle, which node
// cannot run; esbuild resolves them here. Type checking is done separately
// by `tsc -p tsconfig.cli.json`.
import { existsSync, chmodSync } from 'node:fs';
import { build } from 'esbuild';

const entry = 'src/cli.ts';
const outfile = 'lib/cli.js';

if (!existsSync(entry)) {
  console.log(`${entry} not found; skipping the CLI bundle`);
  process.exit(0);
}

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning'
});
chmodSync(outfile, 0o755);
