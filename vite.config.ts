// Builds the React PWA in client/ into dist/client, which the server serves at /.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const SERVER = 'http://127.0.0.1:8787';
// Paths the server answers itself: never served from the app shell or the precache.
const SERVER_PATHS = [/^\/api(\/|$)/, /^\/sync(\/|$)/, /^\/healthz$/, /^\/readyz$/];

export default defineConfig({
  root: path.resolve('client'),
  build: {
    outDir: path.resolve('dist/client'),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': SERVER,
      '/sync': { target: SERVER, ws: true },
      '/healthz': SERVER,
      '/readyz': SERVER,
    },
  },
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      strategies: 'generateSW',
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Hearth',
        short_name: 'Hearth',
        description: 'Local-first AI chat: your conversations live on your device and sync to your own server.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        // Matches --surface in client/styles/theme.css (light); index.html sets the dark one too.
        theme_color: '#faf6f1',
        background_color: '#faf6f1',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,ico,webmanifest}'],
        // pdf.js (the PDF worker's chunk, about 1.6 MB) is precached so a PDF attached offline
        // gets its preview and text; above Workbox's 2 MiB default it would be left out silently.
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: SERVER_PATHS,
        cleanupOutdatedCaches: true,
        // No runtimeCaching: /api answers must always be live (or fail as offline).
      },
    }),
  ],
});
