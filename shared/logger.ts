import { Logger } from '@aws-lambda-powertools/logger';

/** JSON logs, one line an event; callers pass ids and counts, never what a person wrote. */
export function createLogger(serviceName: string, logLevel = process.env.LOG_LEVEL ?? 'INFO'): Logger {
  return new Logger({ serviceName, logLevel: logLevel as 'INFO' });
}
