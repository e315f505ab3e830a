import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));
/** Where the API services run during `npm run portal:dev` (the Vite dev server proxies the same-origin calls). */
const challengeService = 'http://127.0.0.1:3001';

/**
 * The web portal: React + Ant Design, built to dist/web-portal and served by challenge-service. JSX is compiled
 * by Vite's own Oxc transform (no Babel plugin needed for a production build).
 */
export default defineConfig({
  root,
  publicDir: `${root}public`,
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    alias: {
      // Pure validation code shared with the server (no Node or TypeORM imports).
      '@jiebang/credit-code': `${repo}libs/domain/src/validation/credit-code.ts`,
    },
  },
  build: {
    outDir: `${repo}dist/web-portal`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      onLog(level, log, handler) {
        // React libraries mark modules "use client" for server components; a client-only bundle can ignore it.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': challengeService, '/portal-config.json': challengeService },
  },
});
