// Builds the viewer into dist/viewer as static files; base './' so the same build
// works from `kg view`, any static host and file:// (with the graph inlined).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  build: {
    outDir: fileURLToPath(new URL('../dist/viewer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    // One JS file and one CSS file: easy to inline for file:// and to serve.
    modulePreload: false,
  },
  worker: { format: 'es' },
});
