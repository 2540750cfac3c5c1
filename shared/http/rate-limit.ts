import type { MiddlewareHandler } from 'hono';
import { clientAddress } from './context.js';
import { RateLimitedError } from './problems.js';

const WINDOW_MS = 60_000;

/**
 * A per-address fixed-window limit, kept in this process. On Lambda each warm container counts
 * for itself, so this only stops a single client hammering one container; API Gateway's stage
 * throttling is the limit that holds across containers.
 */
export function limitPerMinute(limit: number, now: () => number = Date.now): MiddlewareHandler {
  let windowStart = now();
  let counts = new Map<string, number>();
  return async (c, next) => {
    const t = now();
    if (t - windowStart >= WINDOW_MS) {
      windowStart = t;
      counts = new Map();
    }
    const key = clientAddress(c);
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > limit) throw new RateLimitedError(Math.ceil((windowStart + WINDOW_MS - t) / 1000));
    await next();
  };
}
