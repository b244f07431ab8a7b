import { defineConfig } from 'vite';

// The console is served by the application at /console/ (static/console in the jar, see build.sh);
// `npm run dev` proxies the API to a local stack (deploy/local/stack up) on APP_PORT.
export default defineConfig({
  base: '/console/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': `http://localhost:${process.env.APP_PORT ?? 8090}` },
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.js'],
  },
});
