import type { Context } from 'hono';

/**
 * Absolute links that leave the request (the private receipt link, which carries its token, and
 * the upload form's redirect): built from the configured public address, never from the `Host`
 * header, which anyone can set and which would send the token to their own server.
 *
 * Without PUBLIC_BASE_URL: on Lambda, API Gateway's own domain name (from the event it built, not
 * from a header); elsewhere, the address the request was served on (tests, and a server started
 * without `npm start`, which sets PUBLIC_BASE_URL to the address it prints).
 */
export function publicUrl(c: Context, publicBaseUrl: string | undefined, path: string): string {
  if (publicBaseUrl) return new URL(path.replace(/^\/+/, ''), withSlash(publicBaseUrl)).toString();
  const domain = (c.env as { requestContext?: { domainName?: unknown } } | undefined)?.requestContext
    ?.domainName;
  if (typeof domain === 'string' && /^[a-z0-9.-]+$/i.test(domain))
    return new URL(path, `https://${domain}`).toString();
  return new URL(path, c.req.url).toString();
}

/** A base under a path (`https://example.org/consult`) keeps its path: links are resolved inside it. */
function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
