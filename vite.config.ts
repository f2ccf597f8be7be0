// Builds the web UI (src/web) into dist/web, which `claimtrace serve` serves. Preact's JSX goes
// through Vite's own transform; no framework plugin is needed.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    // No inline script: the modulepreload polyfill is not needed by the browsers served and would
    // not run under the server's Content-Security-Policy.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 300,
  },
});
