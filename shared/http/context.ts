import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'hono';
import type { ConsultationCatalogue, Language } from '../consultation.js';
import type { IntakeDeps } from '../intake.js';
import type { MailDeps } from '../mail/outbox.js';
import type { JobRunner } from '../review/jobs.js';
import type { Principal } from '../review/model.js';
import type { ScryptCost } from '../review/passwords.js';
import type {
  DocumentStore,
  ModelStore,
  ReportStore,
  ReviewStore,
  SubmissionStore,
} from '../stores/ports.js';
import type { Catalogue } from './i18n/index.js';

/** What the app is built from: the stores and settings, so tests and the Lambda can differ only here. */
export interface AppDeps {
  store: SubmissionStore;
  catalogue: ConsultationCatalogue;
  logger: Logger;
  now?: () => Date;
  /** Submissions one client address may post per minute. */
  submissionsPerMinute?: number;
  /** The secretariat's workspace; without it the app serves only the public side. */
  review?: ReviewDeps;
  /** Where compiled synthesis reports are; without it the report page says there is none yet. */
  reports?: ReportStore;
  /** Uploaded documents; without it the form and the API take typed answers only. */
  documents?: DocumentStore;
  /** The address the public reaches the app on (PUBLIC_BASE_URL): links that leave a request start with it. */
  publicBaseUrl?: string;
  /** The outbox: receipts, withdrawal confirmations and "send me my link again"; without it no mail. */
  mail?: MailDeps;
  /** "Send me my link again" requests one client address may make per minute. */
  resendsPerMinute?: number;
  /** Report files larger than this are a redirect to a presigned link instead of a streamed body. */
  reportStreamLimitBytes?: number;
}

export interface ReviewDeps {
  reviews: ReviewStore;
  /** Sign-in attempts one client address may make per minute. */
  signInsPerMinute?: number;
  /** Lowered only by tests, which hash dozens of passwords. */
  passwordCost?: ScryptCost;
  /** Runs tagging, the report and retraining on an admin's request; without it the dashboard offers none. */
  jobs?: JobRunner;
  /** The stored tagging models, so an admin can put one in use; without it the dashboard offers nothing of the kind. */
  models?: ModelStore;
}

export type AppEnv = {
  Variables: {
    language: string;
    lang: Language;
    t: Catalogue;
    requestId: string;
    /** The signed-in secretariat member, on secretariat routes. */
    principal?: Principal;
  };
};

export type AppContext = Context<AppEnv>;

/** What intake needs of the app's dependencies, for the API and the pages alike. */
export function intakeDeps(deps: AppDeps, now: () => Date): IntakeDeps {
  return {
    store: deps.store,
    catalogue: deps.catalogue,
    now,
    ...(deps.documents ? { documents: deps.documents } : {}),
    ...(deps.mail ? { mail: deps.mail } : {}),
  };
}

/** The caller's address: API Gateway's source IP on Lambda, the socket's peer under Node. */
export function clientAddress(c: Context): string {
  const env = c.env as
    | {
        requestContext?: { http?: { sourceIp?: string } };
        incoming?: { socket?: { remoteAddress?: string } };
      }
    | undefined;
  return env?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
