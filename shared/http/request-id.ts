import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.js';

/**
 * A client's `X-Request-Id` we adopt: a UUID or a ULID, nothing else. Any other text would let a client
 * write what it likes into our logs next to our own ids, or reuse an id to blur two requests together.
 */
export const WELL_FORMED_REQUEST_ID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9A-HJKMNP-TV-Z]{26})$/i;

/**
 * The request's id, in the logs, the error body and the `X-Request-Id` response header. On Lambda it
 * is API Gateway's own, so that the access log, the function's log and the client see one id; under
 * Node a well-formed id the client sent, or a new UUID.
 */
export const requestIds: MiddlewareHandler<AppEnv> = async (c, next) => {
  const gateway = (c.env as { requestContext?: { requestId?: unknown } } | undefined)?.requestContext
    ?.requestId;
  const offered = c.req.header('x-request-id');
  const id =
    typeof gateway === 'string' && gateway
      ? gateway
      : offered && WELL_FORMED_REQUEST_ID.test(offered)
        ? offered
        : randomUUID();
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  await next();
};
