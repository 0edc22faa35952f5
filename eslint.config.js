import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeAndElectron = [
  {
    group: ['node:*', 'fs', 'path', 'crypto', 'os', 'http', 'child_process'],
    message: 'no Node APIs here: this code runs in the renderer too',
  },
  { group: ['electron'], message: 'only src-main/electron may import Electron' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.electron-native/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  // The layers (DESIGN.md "Folders"), tests beside the code included: a test that reaches across a layer ties the
  // layers together as surely as the code would. Suites that cross on purpose live under test/.
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeAndElectron,
            {
              group: ['react', '**/src-main/**', '**/src-hub/**', '**/src-renderer/**', '**/test/**'],
              message: 'src-shared imports nothing outside itself',
            },
          ],
        },
      ],
    },
  },
  // Hooks in the same order on every render: a hook after an early return broke the profile once (React error #300).
  {
    files: ['src-renderer/**/*.tsx', 'src-renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error' },
  },
  {
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeAndElectron,
            {
              group: ['**/src-main/**', '**/src-hub/**', '**/test/**'],
              message: 'the renderer imports only src-shared, and reaches main only through the api client',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'only src-main/electron may import Electron: the rest runs under plain Node' },
            { group: ['**/src-hub/**', '**/src-renderer/**'], message: 'src-main imports src-shared only; the hub is reached over HTTP' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src-hub/**', '**/src-renderer/**'], message: 'src-main imports src-shared only' }] },
      ],
    },
  },
  {
    files: ['src-hub/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'the hub runs under plain Node' },
            {
              group: ['**/src-main/**', '**/src-renderer/**'],
              message: 'the hub never imports the workstation: they meet only over the protocol',
            },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
