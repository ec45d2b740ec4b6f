import { defineConfig } from 'vite';

// The build lands in target/classes/ui so Maven packages it into the jar the server reads from the classpath.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'target/classes/ui',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 450,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:7070', '/health': 'http://127.0.0.1:7070' } },
});
