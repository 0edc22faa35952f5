import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/** The renderer alone: the browser host serves out/renderer, and electron-vite builds the same root to the same place. */
export default defineConfig({
  root: path.resolve(root, 'src-renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(root, 'out/renderer'),
    emptyOutDir: true,
    // Loaded from the local disk, never over a network: one bundle of ~700 kB costs nothing worth splitting for.
    chunkSizeWarningLimit: 1024,
  },
});
