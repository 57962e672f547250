// Lint enforces the process boundaries of docs/ARCHITECTURE.md: each top-level folder may
// import only what its row of the Folders table allows.
import { existsSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const spawners = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync'];
const nodeOnly = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'worker_threads',
];

/** A no-restricted-imports rule forbidding the given module patterns. */
function forbid(patterns, paths = []) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths,
        patterns: patterns.map(([group, message]) => ({ group, message })),
      },
    ],
  };
}

/** The farm's queue engine and its Redis client. */
const redis = ['bullmq', 'ioredis'];

const noSpawn = {
  name: 'node:child_process',
  importNames: spawners,
  message: 'Only native/ starts programs (docs/ARCHITECTURE.md). Ask the worker instead.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/reports/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.app.json',
          './tsconfig.node.json',
          './tsconfig.renderer.json',
          './tsconfig.preload.json',
        ].filter((p) => existsSync(new URL(p, import.meta.url))),
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name='shell'][value.value=true]",
          message: 'Never a shell: pass an argument array.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { project: null, projectService: false } },
  },
  // The package's bin is plain CommonJS by necessity (it loads the built bundle).
  {
    files: ['bin/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { __dirname: 'readonly', module: 'writable', require: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['app/**/*.ts'],
    ignores: ['app/**/*.test.ts'],
    rules: forbid([
      [nodeOnly, 'app/ is pure and platform-neutral: no Node APIs.'],
      [['electron', 'react', 'react-dom', 'zustand'], 'app/ is pure: no Electron or UI.'],
      [
        ['**/native/**', '**/main/**', '**/renderer/**', '**/platform/**'],
        'app/ imports nothing of ours.',
      ],
    ]),
  },
  {
    files: ['platform/**/*.ts'],
    rules: forbid(
      [
        [['electron', 'react', 'react-dom', 'zustand'], 'platform/ has no Electron or UI.'],
        [['**/native/**', '**/main/**', '**/renderer/**'], 'platform/ may import app/ only.'],
      ],
      [{ name: 'node:child_process', message: 'platform/ starts no programs: only native/ does.' }],
    ),
  },
  {
    files: ['native/**/*.ts'],
    rules: forbid([
      [['electron', 'react', 'react-dom', 'zustand'], 'The worker has no Electron or UI.'],
      [['**/main/**', '**/renderer/**'], 'native/ may import app/ and platform/ only.'],
    ]),
  },
  {
    files: ['main/**/*.ts'],
    rules: forbid(
      [
        [['**/native/**'], 'main/ talks to native/ only through the worker protocol in app/.'],
        [
          ['**/renderer/**', 'react', 'react-dom', 'zustand'],
          'main/ does not import the renderer.',
        ],
        [redis, 'Only main/farm talks to Redis.'],
      ],
      [noSpawn],
    ),
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: forbid(
      [
        [['**/native/**'], 'main/ talks to native/ only through the worker protocol in app/.'],
        [
          ['**/renderer/**', 'react', 'react-dom', 'zustand'],
          'main/ does not import the renderer.',
        ],
        [['electron'], 'Only main/electron may import Electron.'],
        [redis, 'Only main/farm talks to Redis.'],
      ],
      [noSpawn],
    ),
  },
  // The farm (BullMQ on Redis) is part of main/: the same rules, and the only Redis client.
  {
    files: ['main/farm/**/*.ts'],
    rules: forbid(
      [
        [['**/native/**'], 'main/ talks to native/ only through the worker protocol in app/.'],
        [
          ['**/renderer/**', 'react', 'react-dom', 'zustand'],
          'main/ does not import the renderer.',
        ],
        [['electron'], 'Only main/electron may import Electron.'],
      ],
      [noSpawn],
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: forbid([
      [nodeOnly, 'The renderer is sandboxed: no Node APIs.'],
      [
        ['electron', '**/native/**', '**/main/**', '**/platform/**'],
        'The renderer imports app/ types and schemas only.',
      ],
    ]),
  },
);
