/**
 * The team server's HTTP side: the built app (dist/) on the same origin as the sync endpoint, so
 * the app's `connect-src 'self'` holds, with the security headers sent as HTTP headers.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
// The app's security headers, built in one place for every server (vite preview, this one, nginx).
import { securityHeaders } from '../../scripts/security-headers.mjs';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

/** Serves a file of `distDir` (index.html for `/` and for paths without an extension); 404 otherwise. */
export function serveApp(distDir: string, request: IncomingMessage, response: ServerResponse): void {
  const headers: Record<string, string> = { ...securityHeaders(), 'X-Frame-Options': 'DENY' };
  const notFound = (body = 'Not found\n') => {
    response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(body);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Method not allowed\n');
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
  } catch {
    path = '/';
  }
  if (path.endsWith('/') || extname(path) === '') path = '/index.html';
  const file = normalize(join(distDir, path));
  if (!file.startsWith(distDir + sep)) return notFound();
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    return notFound(path === '/index.html' ? 'The app is not built: run `npm run build` before `npm run server`.\n' : undefined);
  }
  // Hashed build assets are immutable; everything else (index.html, sw.js, the manifest) is revalidated.
  const cache = path.startsWith('/assets/') && !path.endsWith('.webmanifest') ? 'public, max-age=31536000, immutable' : 'no-cache';
  response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': size, 'Cache-Control': cache });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
}
