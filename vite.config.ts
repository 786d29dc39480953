import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy, securityHeaders } from './scripts/security-headers.mjs';

/**
 * The built app's Content-Security-Policy: no inline or foreign script, and no connection to any
 * origin but the app's own (meeting records can be sensitive). Built with the HTTP headers in
 * scripts/security-headers.mjs, so the meta tag and the header never drift apart. Not applied to
 * the dev server, whose hot reload injects an inline script.
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy('meta');

function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'yishi-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * `npm run preview` serves the built app with the security headers (CSP with frame-ancestors,
 * nosniff, no referrer) on every response, as docs/hosting.md asks of any other server.
 */
function previewHeaders(): Plugin {
  return {
    name: 'yishi-security-headers',
    configurePreviewServer(server) {
      server.middlewares.use((_req, res, next) => {
        for (const [name, value] of Object.entries(securityHeaders())) res.setHeader(name, value);
        next();
      });
    },
  };
}

/**
 * Offline and installable: a Workbox service worker (generated at build time, same origin) that
 * precaches every built file, and a web app manifest. No inline script: `injectRegister: false`
 * keeps the plugin's registration snippet out of index.html; src/main.tsx registers /sw.js
 * through the plugin's `virtual:pwa-register` (prompt flow), in production builds only (never on
 * the dev server or in the browser tests).
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
    // The glob below already lists the icons; adding them again would list them twice.
    includeManifestIcons: false,
    workbox: {
      // Every built file but source maps, the export worker included; index.html answers every
      // navigation, so the app opens offline at any URL of its scope. Not *.webmanifest: the
      // plugin precaches the manifest it writes itself (the glob listed it a second time).
      globPatterns: ['**/*.{js,css,html,svg,png}'],
      navigateFallback: '/index.html',
      cleanupOutdatedCaches: true,
      // The first visit is controlled at once. An update waits (no skipWaiting of its own): the
      // interface offers it once no write is pending, and on the analyst's word the new worker
      // takes over and every tab of the old version reloads after its writes (app/appUpdate.ts),
      // so no tab keeps running old code that would look for lazily loaded files now gone.
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
  plugins: [react(), contentSecurityPolicyMeta(), previewHeaders(), offline()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
  build: { target: 'es2022', sourcemap: true },
});
