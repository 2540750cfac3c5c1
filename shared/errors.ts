/** Domain errors: each names what went wrong in the domain's terms; the HTTP edge maps them to statuses. */

/** A field at fault: its path in the body, a code the catalogues translate, and the code's parameters. */
export interface FieldProblem {
  path: string;
  code: string;
  params?: Record<string, string | number>;
}

export class ValidationError extends Error {
  constructor(
    readonly fields: FieldProblem[],
    readonly tooLarge = false,
  ) {
    super(fields.map((f) => `${f.path}: ${f.code}`).join('; '));
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends Error {
  constructor(
    readonly what:
      | 'consultation'
      | 'submission'
      | 'report'
      | 'unpublished_report'
      | 'page'
      | 'account'
      | 'model',
  ) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

export class SubmissionClosedError extends Error {
  constructor(readonly window: { opensAt: string; closesAt: string }) {
    super('the submission window is closed');
    this.name = 'SubmissionClosedError';
  }
}

export class VersionConflictError extends Error {
  constructor(readonly id: string) {
    super(`submission ${id} changed since it was read`);
    this.name = 'VersionConflictError';
  }
}

export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('this Idempotency-Key was already used with a different request');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** A backing service (DynamoDB, S3) did not answer: nothing was stored, and the client may retry. */
export class StoreUnavailableError extends Error {
  constructor(
    readonly service: 'dynamodb' | 's3',
    cause: unknown,
  ) {
    super(`${service} is unavailable`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** No signed-in secretariat member: no session or token, an expired one, or wrong credentials at sign-in. */
export class AuthenticationError extends Error {
  constructor(readonly reason: 'required' | 'invalid_credentials') {
    super(reason === 'required' ? 'sign-in required' : 'wrong e-mail or password');
    this.name = 'AuthenticationError';
  }
}

/** Signed in, but the role does not allow the action. */
export class ForbiddenError extends Error {
  constructor() {
    super('the role does not allow this');
    this.name = 'ForbiddenError';
  }
}

/** The request is well-formed, but the state of what it names refuses it. */
export class StateConflictError extends Error {
  constructor(
    readonly code:
      | 'submission_withdrawn'
      | 'job_running'
      | 'job_unavailable'
      | 'account_exists'
      | 'document_already_submitted',
  ) {
    super(code);
    this.name = 'StateConflictError';
  }
}
