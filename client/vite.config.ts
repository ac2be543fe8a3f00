import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

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
  resolve: {
    // dkfds exports only its JS entry; its CSS, fonts and icons are reached through this alias.
    alias: [{ find: /^@dkfds\//, replacement: dkfds }],
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Never inline dkfds's 158 icon files into the CSS as data URIs: each loads only when used.
    assetsInlineLimit: 0,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Lit in its own long-cached chunk; the admin pages split off by their dynamic imports.
        codeSplitting: { groups: [{ name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/ }] },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
