import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The page's source (index.html) lives in web/src, not web/: a server looking for a built
 * dashboard in a folder named web/ beside dist/ must not find the unbuilt one.
 */
const root = fileURLToPath(new URL('./src', import.meta.url));

/**
 * The dashboard: built from web/ into dist/web/, which `ballast serve` serves at `/`. Relative asset
 * URLs are not needed: the server always mounts the dashboard at the root.
 */
export default defineConfig({
  root,
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // The size budget is checked on compressed bytes (npm run build prints them); ECharts is its own lazy chunk.
    chunkSizeWarningLimit: 700,
    reportCompressedSize: true,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:7777' } },
});
