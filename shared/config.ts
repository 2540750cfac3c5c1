import { z } from 'zod';

const optionalUrl = z.url().optional();
const seconds = z.coerce.number().int().min(0);

const envSchema = z.object({
  TABLE_NAME: z.string().min(3).default('gcm-synthesis'),
  BUCKET_NAME: z.string().min(3).default('gcm-synthesis'),
  AWS_REGION: z.string().default('eu-west-1'),
  DYNAMODB_ENDPOINT: optionalUrl,
  S3_ENDPOINT: optionalUrl,
  /**
   * The address people reach the site at (https://consult.example.org, or the one `npm start` prints). Links that
   * leave the request (the private receipt link, upload redirects, e-mails) are built from it, never from `Host`.
   */
  PUBLIC_BASE_URL: optionalUrl,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The address `npm start` listens on: this machine only, unless set (`0.0.0.0` for every interface). */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().default('.data'),
  TAG_INTERVAL_SECONDS: seconds.default(30),
  REPORT_INTERVAL_SECONDS: seconds.default(300),
  SUBMISSIONS_OPEN_AT: z.iso.datetime().optional(),
  SUBMISSIONS_CLOSE_AT: z.iso.datetime().optional(),
  /** Submissions one client may post per minute; API Gateway throttles on top of this in AWS. */
  SUBMISSION_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Quiet by default for `npm start` and the scripts; the CDK stack sets the functions' (`gcm:logLevel`, INFO). */
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('WARN'),
  /** The first secretariat admin `npm start` creates when no account exists; a password is generated without one. */
  SECRETARIAT_EMAIL: z.email().optional(),
  SECRETARIAT_PASSWORD: z.string().min(12).optional(),
  /** On AWS, the Secrets Manager secret whose text is the first admin's password (the CDK stack generates it). */
  SECRETARIAT_SECRET_ARN: z.string().min(1).optional(),
  /**
   * How long a DynamoDB or S3 request may take before the API answers 503. Short on AWS, so an outage fails fast;
   * the tests raise it, because the embedded servers share a busy machine's cores and a slow answer is not an outage.
   */
  STORE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(1).default(2_000),
  STORE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  /** Sign-in attempts one client address may make per minute. */
  SIGN_IN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** The sender of receipts and links: on AWS an address of the SES identity the stack verifies. */
  MAIL_FROM: z.string().min(3).default('GCM consultation <no-reply@localhost>'),
  /** How often `npm start` looks in the outbox for mail that is due (a retry); 0 leaves it to wake-ups. */
  MAIL_INTERVAL_SECONDS: seconds.default(5),
  /** "Send me my link again" requests one client address may make per minute (429 past it). */
  RESEND_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  /** On AWS, the SES configuration set whose event destination records bounces and complaints. */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** On AWS, the mailer function the api wakes after writing mail to the outbox. */
  MAILER_FUNCTION_NAME: z.string().min(1).optional(),
  /** On AWS, the functions the admin's "run tagging", "retrain" and "compile the report" invoke. */
  TAGGER_FUNCTION_NAME: z.string().min(1).optional(),
  REPORT_FUNCTION_NAME: z.string().min(1).optional(),
});
export type Config = z.infer<typeof envSchema>;

/** Reads the environment once; a bad value stops start-up with the variable's name. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return result.data;
}

export function windowOverride(config: Config) {
  return {
    ...(config.SUBMISSIONS_OPEN_AT ? { opensAt: config.SUBMISSIONS_OPEN_AT } : {}),
    ...(config.SUBMISSIONS_CLOSE_AT ? { closesAt: config.SUBMISSIONS_CLOSE_AT } : {}),
  };
}
