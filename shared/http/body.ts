import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { FieldProblem } from '../errors.js';
import { ValidationError } from '../errors.js';
import { LIMITS } from '../submission.js';
import { EmptyBodyError, MalformedJsonError, UnsupportedMediaTypeError } from './problems.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

const tooLarge: FieldProblem = {
  path: 'body',
  code: 'body_too_large',
  params: { count: LIMITS.bodyBytes },
};

/** Refuses a body over the limit while it streams in, before any of it is buffered. */
export const limitBody: MiddlewareHandler = bodyLimit({
  maxSize: LIMITS.bodyBytes,
  onError: () => {
    throw new ValidationError([tooLarge], true);
  },
});

type BodyKind = 'json' | 'form';

function kindOf(contentType: string | undefined): BodyKind | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'application/x-www-form-urlencoded') return 'form';
  return undefined;
}

/** The body as text, if it is of an accepted kind and valid UTF-8; a named error otherwise. */
export async function readText(
  raw: Request | { arrayBuffer(): Promise<ArrayBuffer>; header(name: string): string | undefined },
  accepted: BodyKind,
): Promise<string> {
  const contentType = raw instanceof Request ? raw.headers.get('content-type') : raw.header('content-type');
  if (kindOf(contentType ?? undefined) !== accepted) throw new UnsupportedMediaTypeError();
  const bytes = await raw.arrayBuffer();
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ValidationError([{ path: 'body', code: 'invalid_encoding' }]);
  }
}

/** Checks a JSON body's type, encoding and syntax before any validator reads it. */
export const guardJsonBody: MiddlewareHandler = async (c, next) => {
  const text = await readText(c.req, 'json');
  if (text.trim() === '') throw new EmptyBodyError();
  try {
    JSON.parse(text);
  } catch {
    throw new MalformedJsonError();
  }
  await next();
};
