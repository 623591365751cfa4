const jestJupyterLab = require('@jupyterlab/testutils/lib/jest-config');

const esModules = [
  '@codemirror',
  '@jupyter/react-components',
  '@jupyter/web-components',
  '@jupyter/ydoc',
  '@jupyterlab/',
  '@marijn',
  '@microsoft',
  'color',
  'exenv-es6',
  'lib0',
  'marked',
  'nanoid',
  'vscode-ws-jsonrpc',
  'y-protocols',
  'y-websocket',
  'yjs'
].join('|');

const baseConfig = jestJupyterLab(__dirname);

module.exports = {
  ...baseConfig,
  automock: false,
  // Importing JupyterLab into jsdom takes seconds on a busy 2-core machine;
  // the default 5 s would fail tests for load, not for behaviour.
  testTimeout: 60000,
  collectCoverageFrom: [
    'src/**/*.{ts,tsx}',
    '!src/**/*.d.ts',
    '!src/**/__tests__/**',
    '!src/testing/**',
    '!src/**/.ipynb_checkpoints/*'
  ],
  coverageReporters: ['lcov', 'text-summary'],
  reporters: ['default'],
  testRegex: 'src/.*/.*.spec.ts[x]?$',
  // Only src/ holds tests and their modules: not the venvs and fixtures
  // beside it (the kernel venvs alone hold tens of thousands of files).
  roots: ['<rootDir>/src'],
  // Property tests from a fixed seed (FUZZ_SEED=random to explore).
  setupFiles: [
    ...(baseConfig.setupFiles ?? []),
    '<rootDir>/src/testing/fuzz-seed.ts'
  ],
  transformIgnorePatterns: [`/node_modules/(?!${esModules}).+`]
};
