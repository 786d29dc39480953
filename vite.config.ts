import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The built app's Content-Security-Policy: no inline or foreign script, and no connection to any
 * origin but the app's own (meeting records can be sensitive). Inline styles are allowed: spans
 * are coloured through style attributes. Not applied to the dev server, whose hot reload injects
 * an inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'yishi-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * Offline and installable: a Workbox service worker (generated at build time, same origin) that
 * precaches every built file, and a web app manifest. No inline script: `injectRegister: false`
 * keeps the plugin's registration snippet out of index.html; src/main.tsx registers /sw.js
 * itself, in production builds only (never on the dev server or in the browser tests).
 */
export const PWA_MANIFEST = {
  name: '议事 Yishi',
  short_name: '议事',
  description: 'Annotate Chinese meeting records in the browser. Nothing leaves this machine.',
  lang: 'zh-CN',
  start_url: '/',
  scope: '/',
  display: 'standalone' as const,
  theme_color: '#2f3a4a',
  background_color: '#fbfaf7',
  icons: [
    { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};

function offline(): Plugin[] {
  const themeColor: Plugin = {
    name: 'yishi-theme-color',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { name: 'theme-color', content: PWA_MANIFEST.theme_color }, injectTo: 'head' }],
  };
  return [themeColor, ...VitePWA({
    injectRegister: false,
    registerType: 'prompt',
    manifest: PWA_MANIFEST,
    // The glob below already lists the icons and the manifest; adding them again would list them twice.
    includeManifestIcons: false,
    workbox: {
      // Every built file but source maps, the export worker included; index.html answers every
      // navigation, so the app opens offline at any URL of its scope.
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      navigateFallback: '/index.html',
      cleanupOutdatedCaches: true,
      // The first visit is controlled at once; an update waits until every tab of the old
      // version is closed (no skipWaiting): a tab still running the old build must keep finding
      // its lazily loaded files (the export and suggestion workers, the in-memory storage chunk).
      clientsClaim: true,
      // Workbox's own runtime is written beside sw.js (same origin), not fetched from a CDN.
      inlineWorkboxRuntime: false,
      sourcemap: false,
      maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    },
  })];
}

// The app makes no network request of its own; the build is a static bundle.
export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), offline()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
  build: { target: 'es2022', sourcemap: true },
});
