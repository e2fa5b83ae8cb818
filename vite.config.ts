import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The renderer is built to static files: Electron loads them with file://, web mode serves them. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // A desktop app loads its bundle from disk: one chunk is simpler than splitting.
    chunkSizeWarningLimit: 1500,
  },
});
