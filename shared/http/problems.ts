import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Language } from '../consultation.js';
import type { FieldProblem } from '../errors.js';
import {
  AuthenticationError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  NotFoundError,
  StateConflictError,
  StoreUnavailableError,
  SubmissionClosedError,
  ValidationError,
  VersionConflictError,
} from '../errors.js';
import { CATALOGUES, type Catalogue, format, type Plural, plural } from './i18n/index.js';

/** Errors that exist only at the HTTP edge. */
export class UnsupportedMediaTypeError extends Error {
  override name = 'UnsupportedMediaTypeError';
}
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(readonly retryAfterSeconds: number) {
    super('too many requests');
  }
}
export class MalformedJsonError extends Error {
  override name = 'MalformedJsonError';
}
/** A JSON endpoint got no body at all: a different mistake from a body that does not parse. */
export class EmptyBodyError extends Error {
  override name = 'EmptyBodyError';
}
/** A form post whose CSRF token is missing or not the session's (its Origin was fine). */
export class CsrfTokenError extends Error {
  override name = 'CsrfTokenError';
}

/** The one error shape every JSON endpoint answers with. */
export interface Problem {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  fields?: { path: string; code: string; message: string }[];
  headers?: Record<string, string>;
}

export function fieldMessage(lang: Language, issue: FieldProblem): string {
  const { fieldErrors } = CATALOGUES[lang];
  const template = (fieldErrors as Record<string, string | Plural>)[issue.code] ?? fieldErrors.invalid;
  const params = issue.params ?? {};
  // A plural message counts its `count` parameter; every issue whose message has one sets it.
  return typeof template === 'string'
    ? format(template, params)
    : plural(lang, template, Number(params.count), params);
}

/** Maps any error to a status and a message the caller can act on; undefined for a bug (a 500). */
export function toProblem(error: unknown, lang: Language): Problem | undefined {
  const t = CATALOGUES[lang];
  if (error instanceof ValidationError) {
    const fields = error.fields.map((f) => ({
      path: f.path,
      code: f.code,
      message: fieldMessage(lang, f),
    }));
    return error.tooLarge
      ? { status: 413, code: 'payload_too_large', message: t.errors.tooLarge, fields }
      : { status: 400, code: 'invalid_input', message: t.errors.invalid, fields };
  }
  if (error instanceof MalformedJsonError)
    return { status: 400, code: 'malformed_json', message: t.errors.malformedJson };
  if (error instanceof EmptyBodyError)
    return { status: 400, code: 'empty_body', message: t.security.emptyBody };
  if (error instanceof CsrfTokenError)
    return { status: 403, code: 'csrf_token_invalid', message: t.security.csrfToken };
  if (error instanceof UnsupportedMediaTypeError)
    return { status: 415, code: 'unsupported_media_type', message: t.errors.unsupportedMediaType };
  if (error instanceof NotFoundError) {
    const message =
      error.what === 'submission'
        ? t.errors.notFoundSubmission
        : error.what === 'consultation'
          ? t.errors.notFoundConsultation
          : error.what === 'unpublished_report'
            ? t.reportPage.notYet
            : t.errors.notFound;
    const code = error.what === 'unpublished_report' ? 'report_not_published' : `${error.what}_not_found`;
    return { status: 404, code, message };
  }
  if (error instanceof SubmissionClosedError)
    return { status: 409, code: 'submission_window_closed', message: t.errors.closed };
  if (error instanceof VersionConflictError)
    return { status: 409, code: 'version_conflict', message: t.errors.conflict };
  if (error instanceof AuthenticationError)
    return error.reason === 'required'
      ? { status: 401, code: 'unauthorized', message: t.errors.unauthorized }
      : { status: 401, code: 'invalid_credentials', message: t.errors.invalidCredentials };
  if (error instanceof ForbiddenError) return { status: 403, code: 'forbidden', message: t.errors.forbidden };
  if (error instanceof StateConflictError)
    return { status: 409, code: error.code, message: t.errors.stateConflict[error.code] };
  if (error instanceof IdempotencyKeyReusedError)
    return { status: 422, code: 'idempotency_key_reused', message: t.errors.idempotencyReused };
  if (error instanceof RateLimitedError)
    return {
      status: 429,
      code: 'rate_limited',
      message: t.errors.rateLimited,
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
    };
  if (error instanceof StoreUnavailableError)
    return {
      status: 503,
      code: 'service_unavailable',
      message: t.errors.unavailable,
      headers: { 'Retry-After': '5' },
    };
  if (error instanceof HTTPException) {
    // Our own code throws named errors; an HTTPException comes from Hono's middleware, and its
    // 403 only from hono/csrf's Origin check.
    if (error.status === 403)
      return { status: 403, code: 'forbidden_origin', message: t.errors.forbiddenOrigin };
    if (error.status === 413) return { status: 413, code: 'payload_too_large', message: t.errors.tooLarge };
    if (error.status === 415)
      return { status: 415, code: 'unsupported_media_type', message: t.errors.unsupportedMediaType };
    if (error.status === 401) return { status: 401, code: 'unauthorized', message: t.errors.unauthorized };
    if (error.status < 500)
      return { status: error.status, code: 'bad_request', message: t.security.badRequest };
  }
  return undefined;
}

export function internalProblem(t: Catalogue): Problem {
  return { status: 500, code: 'internal_error', message: t.errors.internal };
}
