import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * `electron-vite dev` only: drops index.html's meta CSP, whose `script-src 'self'` blocks @vitejs/plugin-react's
 * inline fast-refresh preamble (the page then fails to start). Main sends a dev CSP header instead (security.ts);
 * built files keep the meta tag, and app:// adds the strict policy as a header.
 */
function devWithoutMetaCsp(): Plugin {
  return {
    name: 'branchdesk:dev-without-meta-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*/i, ''),
  };
}

// electron-vite reads `build.rolldownOptions` (Vite 8): an `input` there replaces its src/main, src/preload defaults.
export default defineConfig({
  main: {
    build: {
      // package.json dependencies stay in node_modules, required at run time: better-sqlite3-multiple-ciphers is
      // native (its Electron build is passed as nativeBinding); electron-builder packs them.
      externalizeDeps: true,
      rolldownOptions: { input: { index: path.resolve(root, 'src-main/electron/main.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload may require only 'electron': one self-contained CommonJS file, nothing external.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: path.resolve(root, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: path.resolve(root, 'src-renderer'),
    plugins: [react(), devWithoutMetaCsp()],
    build: {
      outDir: path.resolve(root, 'out/renderer'),
      // Loaded from the local disk, never over a network (as in vite.renderer.config.ts).
      chunkSizeWarningLimit: 1024,
      rolldownOptions: { input: path.resolve(root, 'src-renderer/index.html') },
    },
  },
});
