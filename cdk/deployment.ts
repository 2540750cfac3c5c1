import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from '../shared/config.js';
import { dataNames, StatefulStack } from './stateful.js';
import { type DeploymentSettings, StatelessStack } from './stateless.js';

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

/**
 * The operator's choices, from context (`cdk deploy -c gcm:taggerEveryMinutes=10`), checked here so
 * that a typo stops the synth instead of deploying a schedule nobody meant.
 */
export function settingsFromContext(app: App): DeploymentSettings {
  const context = (name: string): unknown => app.node.tryGetContext(`gcm:${name}`);
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = context(name) ?? fallback;
    const value = typeof raw === 'number' ? raw : /^\d+$/.test(String(raw)) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`Context gcm:${name} must be a whole number from ${min} to ${max}, not ${String(raw)}`);
    }
    return value;
  };
  const name = context('name') ?? 'gcm-synthesis';
  // Lower case because the name goes into the bucket's; short because the bucket's name adds up to 33 to it.
  if (typeof name !== 'string' || !/^[a-z][a-z0-9-]{2,24}$/.test(name)) {
    throw new Error(
      'Context gcm:name must be 3 to 25 lower-case letters, digits or hyphens, starting with a letter',
    );
  }
  const logLevel = context('logLevel') ?? 'INFO';
  if (!LOG_LEVELS.includes(logLevel as (typeof LOG_LEVELS)[number])) {
    throw new Error(`Context gcm:logLevel must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return {
    name,
    // At least 2: the tagger's timeout is one minute less than its interval.
    taggerEveryMinutes: integer('taggerEveryMinutes', 5, 2, 60),
    reportHourUtc: integer('reportHourUtc', 3, 0, 23),
    logLevel: logLevel as DeploymentSettings['logLevel'],
    ...submissionWindow(context('submissionsOpenAt'), context('submissionsCloseAt')),
  };
}

/** The functions parse the window with this same schema at start-up: what they would refuse stops the synth. */
function submissionWindow(openAt: unknown, closeAt: unknown) {
  try {
    const config = readConfig({
      SUBMISSIONS_OPEN_AT: openAt,
      SUBMISSIONS_CLOSE_AT: closeAt,
    } as NodeJS.ProcessEnv);
    return { submissionsOpenAt: config.SUBMISSIONS_OPEN_AT, submissionsCloseAt: config.SUBMISSIONS_CLOSE_AT };
  } catch (error) {
    throw new Error(`Context gcm:submissionsOpenAt or gcm:submissionsCloseAt: ${(error as Error).message}`);
  }
}

/** Both stacks, and cdk-nag's AWS Solutions checks on every synth: a finding fails the synth. */
export function defineDeployment(app: App) {
  const settings = settingsFromContext(app);
  const names = dataNames(settings.name);
  const stateful = new StatefulStack(app, `${settings.name}-data`, {
    description: 'GCM contribution synthesis: the table, the bucket and the first admin password (retained)',
    names,
  });
  const stateless = new StatelessStack(app, `${settings.name}-app`, {
    description: 'GCM contribution synthesis: functions, HTTP API, schedules and alarms',
    names,
    firstAdminSecret: stateful.firstAdminSecret,
    settings,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { stateful, stateless };
}
