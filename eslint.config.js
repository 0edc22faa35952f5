import js from '@eslint/js';
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
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeAndElectron,
            { group: ['react', '../src-main/*', '../../src-main/*'], message: 'src-shared imports nothing outside itself' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeAndElectron,
            { group: ['**/src-main/**', '**/src-hub/**'], message: 'the renderer reaches main only through the api client' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**', 'src-hub/**'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron'], message: 'only src-main/electron may import Electron: the rest runs under plain Node' }] },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
