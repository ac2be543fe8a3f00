import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './vite.precompress.ts';

const dkfds = fileURLToPath(new URL('../node_modules/dkfds/dist/', import.meta.url));

/**
 * The Lit client. `npm run build` writes ../dist/client, which the server serves next to /api.
 * `npm run dev:client` proxies /api to the server on :3000 (Host is kept, so the server's
 * same-origin check on cookie mutations sees matching Origin and Host).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Static files served as they are (the demo consultations' documents under /docs).
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  // Brotli and gzip copies of every text asset, written at build time (issue 10 item 21).
  plugins: [precompress()],
  resolve: {
    // dkfds exports only its JS entry; its fonts and icons are reached through this alias.
    alias: [{ find: /^@dkfds\//, replacement: dkfds }],
  },
  css: {
    preprocessorOptions: {
      scss: {
        // styles/dkfds.scss picks dkfds's Sass partials by their path under dist/scss. Sass loads
        // them itself (not through Vite's importer, which would rewrite their computed url()s).
        loadPaths: [`${dkfds}scss`],
        // dkfds's sources use Sass features now deprecated; those warnings are dkfds's to fix.
        quietDeps: true,
      },
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Never inline dkfds's 158 icon files into the CSS as data URIs: each loads only when used.
    assetsInlineLimit: 0,
    // No source maps in the build: they doubled what a curious visitor could download and are
    // not needed to run the app (issue 10 item 21); `npm run dev:client` has its own.
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Lit in its own long-cached chunk; every page but the eager ones (EAGER_ROUTES in
        // client/src/app/routes.ts) splits off by its dynamic import, with its area's messages.
        codeSplitting: { groups: [{ name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/ }] },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
