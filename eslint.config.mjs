import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import prettierRecommended from 'eslint-plugin-prettier/recommended';
import globals from 'globals';
import jupyterPlugin from '@jupyter/eslint-plugin';

/**
 * `no-restricted-imports` for one layer of src/: the folders (`above`) and
 * top-level files (`files`) it must not import, relative from any depth, the
 * folders it may import only through their index (`inner`);
 * with `jupyter`, no JupyterLab or Lumino package either (pure code).
 */
function layer(files, { above, inner = [], files: tops, jupyter, why }) {
  const patterns = [];
  if (inner.length > 0) {
    patterns.push({
      regex: `^(\\.\\.?/)+(${inner.join('|')})/`,
      message: `${why}: import ${inner.join(', ')} through its index.`
    });
  }
  if (above.length > 0) {
    patterns.push({
      regex: `^(\\.\\.?/)+(${above.join('|')})(/|$)`,
      message: `${why}.`
    });
  }
  patterns.push({
    regex: `^(\\.\\.?/)+(${tops.join('|')})$`,
    message: `${why}.`
  });
  if (jupyter) {
    patterns.push({
      regex: '^@(jupyterlab|lumino)/',
      message: `${why}: no JupyterLab or Lumino here.`
    });
  }
  return [
    {
      files,
      rules: { 'no-restricted-imports': ['error', { patterns }] }
    }
  ];
}

export default defineConfig([
  {
    ignores: [
      'node_modules',
      '.venv*',
      '.make',
      'lib',
      'dist',
      'coverage',
      'jupyterlab_keras_summary',
      'fixtures',
      'demo',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
      '**/*.d.ts',
      'tests',
      '**/__tests__',
      'src/testing',
      'bench',
      '**/*.spec.ts',
      '**/*.spec.tsx',
      'ui-tests'
    ]
  },
  {
    plugins: {
      jupyter: jupyterPlugin
    }
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  jupyterPlugin.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      globals: {
        ...globals.browser,
        ...globals.es2015,
        ...globals.node
      },
      parserOptions: {
        project: ['tsconfig.json', 'tsconfig.cli.json'],
        sourceType: 'module'
      }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { args: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-use-before-define': 'off',
      curly: ['error', 'all'],
      eqeqeq: 'error',
      'prefer-arrow-callback': 'error'
    }
  },
  // The layers of src/ (CONTRIBUTING.md has the map): each folder imports
  // only from the folders below it. parse ← analyze ← report (the CLI's
  // JSON) ← export ← render ← intercept ← plugin. The CLI (cli.ts,
  // report.ts) never reaches the page. Type-only imports count too.
  ...layer(['src/parse/**/*.ts'], {
    above: ['analyze', 'export', 'render', 'intercept', 'companion'],
    files: ['report', 'cli', 'plugin', 'compare-command'],
    jupyter: true,
    why: 'src/parse is the bottom layer: pure, it imports nothing of ours above it'
  }),
  ...layer(['src/analyze/**/*.ts'], {
    above: ['export', 'render', 'intercept', 'companion'],
    files: ['report', 'cli', 'plugin', 'compare-command'],
    jupyter: true,
    why: 'src/analyze imports only src/parse'
  }),
  ...layer(['src/report.ts', 'src/cli.ts'], {
    above: ['export', 'render', 'intercept', 'companion'],
    files: ['plugin', 'compare-command'],
    jupyter: true,
    why: 'the CLI imports parse and analyze only, never the page'
  }),
  ...layer(['src/export/**/*.ts'], {
    above: ['render', 'intercept', 'companion'],
    files: ['cli', 'plugin', 'compare-command'],
    jupyter: true,
    why: 'src/export (pure text formats) imports parse, analyze and report only'
  }),
  ...layer(['src/render/**/*.ts'], {
    above: ['intercept', 'companion'],
    files: ['cli', 'plugin', 'compare-command'],
    jupyter: false,
    why: 'src/render is DOM only: no JupyterLab glue (intercept, plugin)'
  }),
  ...layer(['src/intercept/**/*.ts'], {
    above: ['companion'],
    // The view is used through its public surface only.
    inner: ['render'],
    files: ['cli', 'plugin', 'compare-command'],
    jupyter: false,
    why: 'src/intercept is wired by the plugin, never the other way round'
  }),
  ...layer(['src/companion/**/*.ts'], {
    // Kernel sessions (the companion's loading and offer), beside intercept.
    above: ['intercept'],
    inner: ['render'],
    files: ['cli', 'plugin', 'compare-command'],
    jupyter: false,
    why: 'src/companion is wired by the plugin and meets intercept only there'
  }),
  {
    // An unbounded list spread into a call's arguments throws a RangeError
    // past ~125,000 items: the page must take any size.
    files: [
      'src/render/**/*.ts',
      'src/intercept/**/*.ts',
      'src/companion/**/*.ts',
      'src/export/**/*.ts'
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression > SpreadElement',
          message:
            'No spread into call arguments here (push(...list), Math.max(...list)): loop instead, a list may be longer than a call takes.'
        }
      ]
    }
  },
  {
    // The parser and the CLI match and print Keras's own text (column
    // headers such as "Param #"); none of it is shown in the UI, so there is
    // nothing to translate there.
    files: ['src/parse/**/*.ts', 'src/cli.ts', 'src/report.ts'],
    rules: { 'jupyter/no-untranslated-string': 'off' }
  },
  prettierRecommended
]);
