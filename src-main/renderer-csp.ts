/**
 * The renderer's Content-Security-Policy, one string for both transports (the Electron app:// scheme and the
 * browser host): the same renderer must run under both, so they must never drift apart.
 */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
