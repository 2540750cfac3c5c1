import { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from './config.js';

/**
 * JSON logs, one line an event; callers pass ids and counts, never what a person wrote. The level
 * comes from the caller (`config.LOG_LEVEL`, the only place the environment's is read).
 */
export function createLogger(serviceName: string, logLevel: Config['LOG_LEVEL']): Logger {
  return new Logger({ serviceName, logLevel });
}
