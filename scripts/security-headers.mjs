/**
 * The HTTP headers Yishi is served with, built in one place for every server: `npm run preview`
 * (vite.config.ts), a team server, or a copy for nginx and the like (docs/hosting.md).
 *
 * The Content-Security-Policy is the same list of directives as the meta tag the build writes into
 * index.html; as a header it adds `frame-ancestors 'none'` (no page may frame the app: a meta tag
 * cannot say this) and it also covers the Web Workers, which a meta tag in the page does not.
 */

/** No inline or foreign script, no connection to any origin but the app's own. Inline styles are
 *  allowed: spans are coloured through style attributes. */
export const CSP_DIRECTIVES = Object.freeze([
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
]);

/** Directives only a header can carry (a meta tag's are ignored by browsers). */
const HEADER_ONLY_DIRECTIVES = Object.freeze(["frame-ancestors 'none'"]);

/**
 * The policy as the meta tag (`'meta'`) or the HTTP header (`'header'`) carries it.
 * @param {'meta' | 'header'} where
 * @returns {string}
 */
export function contentSecurityPolicy(where) {
  return [...CSP_DIRECTIVES, ...(where === 'header' ? HEADER_ONLY_DIRECTIVES : [])].join('; ');
}

/**
 * Every header a server of the built app sends with each response.
 * @returns {Record<string, string>}
 */
export function securityHeaders() {
  return {
    'Content-Security-Policy': contentSecurityPolicy('header'),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
