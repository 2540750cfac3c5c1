import { CfnOutput, CfnParameter, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE } from '../shared/stores/table.js';
import { TAGGER_WORKERS } from '../shared/tagging/dispatch.js';
import { HouseFunction } from './house-function.js';
import { Operations } from './operations.js';
import type { DataNames } from './stateful.js';

/** What an operator may choose at deployment (`cdk deploy -c gcm:<name>=<value>`): settingsFromContext. */
export interface DeploymentSettings {
  /** Tells deployments in one account and region apart; names the stacks, the table, the bucket. */
  name: string;
  taggerEveryMinutes: number;
  reportHourUtc: number;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  submissionsOpenAt?: string;
  submissionsCloseAt?: string;
}

export interface StatelessStackProps extends StackProps {
  names: DataNames;
  /** The one value taken from the stateful stack: a secret's ARN ends in a suffix only AWS knows. */
  firstAdminSecret: secretsmanager.ISecret;
  settings: DeploymentSettings;
}

/**
 * API Gateway's steady rate and burst for the whole API, per second. Sized for a consultation with
 * millions of answers (the EU's 4.6 million over six weeks average under 2 a second) with room
 * for a closing-day rush, and low enough that a flood cannot run up the Lambda and DynamoDB bill.
 */
export const API_THROTTLE = { rateLimit: 100, burstLimit: 200 };

/** The daily upload sweep runs at half past this hour, UTC: night in Geneva, where the secretariat works. */
export const UPLOAD_SWEEP_HOUR_UTC = 1;

/**
 * The code and everything around it: the three functions, the HTTP API, the schedules, the alarms.
 * It holds no data, so it can be redeployed, or destroyed and created again, at any time.
 */
export class StatelessStack extends Stack {
  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { names, firstAdminSecret, settings } = props;
    const table = dynamodb.Table.fromTableName(this, 'Table', names.table);
    const bucket = s3.Bucket.fromBucketName(this, 'Bucket', names.bucket);

    const alarmEmail = new CfnParameter(this, 'AlarmEmail', {
      type: 'String',
      description: 'E-mail address that receives the alarms (confirm the subscription mail SNS sends)',
      allowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    });
    const firstAdminEmail = new CfnParameter(this, 'FirstAdminEmail', {
      type: 'String',
      description: 'E-mail address of the first secretariat admin, who signs in with the generated password',
      allowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    });

    const senderEmail = new CfnParameter(this, 'SenderEmail', {
      type: 'String',
      description:
        'The address receipts are sent from. SES mails it a verification link: nothing is sent until it is confirmed',
      allowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    });

    const environment = {
      TABLE_NAME: table.tableName,
      BUCKET_NAME: bucket.bucketName,
      ...(settings.submissionsOpenAt ? { SUBMISSIONS_OPEN_AT: settings.submissionsOpenAt } : {}),
      ...(settings.submissionsCloseAt ? { SUBMISSIONS_CLOSE_AT: settings.submissionsCloseAt } : {}),
    };

    // The tagger's run must end before the next one is due. Overlapping runs are safe: each worker
    // leases its segments of the pending index (shared/tagging/run.ts), so a segment is never
    // tagged by two at once.
    const taggerTimeout = Duration.minutes(Math.min(settings.taggerEveryMinutes - 1, 14));
    // Classifying and rendering are CPU-bound: 1769 MB is where Lambda gives a whole vCPU.
    const tagger = new HouseFunction(this, 'Tagger', {
      name: 'tagger',
      description: 'Tags pending submissions against the recommendations, and retrains the model',
      memorySize: 1769,
      timeout: taggerTimeout,
      environment,
      logLevel: settings.logLevel,
      // The scheduled run only dispatches: it invokes this function once per group of pending
      // segments (TAGGER_WORKERS groups). The bound is those workers plus one for the dispatcher
      // or a retrain, so that they run side by side while DynamoDB writes and the account's
      // concurrency stay small; an invocation beyond it is throttled and retried by Lambda.
      reservedConcurrentExecutions: TAGGER_WORKERS + 1,
    });
    // The dispatcher invokes its own workers.
    tagger.allowInvokingItself();
    // One report at a time: two runs would race to move reports/<consultation>/latest.json.
    const report = new HouseFunction(this, 'Report', {
      name: 'report',
      description: 'Compiles the synthesis report in five formats to S3',
      memorySize: 1769,
      timeout: Duration.minutes(10),
      environment,
      logLevel: settings.logLevel,
      reservedConcurrentExecutions: 1,
      // pdfkit and the PDF renderer read font files from their packages at run time, files a
      // bundle would leave behind.
      nodeModules: ['pdfkit', '@expo-google-fonts/noto-sans'],
      // The three faces of Noto Sans the PDF embeds (shared/synthesis/render/pdf.ts); the other
      // fifteen are 10 MB it never reads. A face it needs and lacks fails its import at start-up.
      nodeModuleEntries: {
        '@expo-google-fonts/noto-sans': [
          'package.json',
          'LICENSE',
          'LICENSE_FONT',
          '400Regular',
          '400Regular_Italic',
          '700Bold',
        ],
      },
    });
    const mailSending = mailSendingResources(this, senderEmail.valueAsString);
    // The one function that sends mail: the outbox's worker, and the recorder of bounces and complaints.
    const mailer = new HouseFunction(this, 'Mailer', {
      name: 'mailer',
      description: 'Sends the outbox mail through SES, and records bounces and complaints',
      memorySize: 512,
      timeout: Duration.minutes(1),
      environment: {
        ...environment,
        MAIL_FROM: `GCM consultation <${senderEmail.valueAsString}>`,
        SES_CONFIGURATION_SET: mailSending.configurationSet.configurationSetName,
      },
      logLevel: settings.logLevel,
    });
    mailer.allow(['ses:SendEmail'], [mailSending.identityArn, mailSending.configurationSetArn]);

    const api = new HouseFunction(this, 'Api', {
      name: 'api',
      description: 'The public and secretariat HTTP API and pages',
      memorySize: 1024,
      // Below API Gateway's 30 s integration limit, so a stuck request ends as a Lambda error we
      // count, not as a gateway timeout we cannot see in the function's metrics.
      timeout: Duration.seconds(20),
      environment: {
        ...environment,
        REPORT_FUNCTION_NAME: report.function.functionName,
        TAGGER_FUNCTION_NAME: tagger.function.functionName,
        MAILER_FUNCTION_NAME: mailer.function.functionName,
        SECRETARIAT_SECRET_ARN: firstAdminSecret.secretArn,
        SECRETARIAT_EMAIL: firstAdminEmail.valueAsString,
      },
      logLevel: settings.logLevel,
    });

    grantAccess({ api, tagger, report, mailer }, table, bucket);
    api.allow(['secretsmanager:GetSecretValue'], [firstAdminSecret.secretArn]);
    api.allow(
      ['lambda:InvokeFunction'],
      [tagger.function.functionArn, report.function.functionArn, mailer.function.functionArn],
    );

    const failedInvocations = new sqs.Queue(this, 'FailedInvocations', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(failedInvocations).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the scheduled functions and their rules.',
    });
    const onFailure = new SqsDestination(failedInvocations);
    // The next tick is the tagger's retry: retrying a failed run would only overlap it.
    tagger.function.configureAsyncInvoke({
      onFailure,
      retryAttempts: 0,
      maxEventAge: Duration.minutes(15),
    });
    report.function.configureAsyncInvoke({
      onFailure,
      retryAttempts: 1,
      maxEventAge: Duration.hours(1),
    });
    // A failed round is harmless to repeat (each mail is leased), and a lost bounce event would let
    // the address be written to again.
    mailer.function.configureAsyncInvoke({
      onFailure,
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
    });

    const target = (fn: HouseFunction, event?: Record<string, string>) =>
      new targets.LambdaFunction(fn.function, {
        deadLetterQueue: failedInvocations,
        retryAttempts: 2,
        maxEventAge: Duration.minutes(15),
        ...(event ? { event: events.RuleTargetInput.fromObject(event) } : {}),
      });
    new events.Rule(this, 'TaggerSchedule', {
      description: 'Tags the submissions that wait for the tagger',
      schedule: events.Schedule.rate(Duration.minutes(settings.taggerEveryMinutes)),
      targets: [target(tagger)],
    });
    new events.Rule(this, 'ReportSchedule', {
      description: 'Compiles the daily synthesis report',
      schedule: events.Schedule.cron({ minute: '0', hour: String(settings.reportHourUtc) }),
      targets: [target(report)],
    });
    new events.Rule(this, 'UploadSweepSchedule', {
      description: 'Deletes uploaded documents that no live submission names',
      schedule: events.Schedule.cron({ minute: '30', hour: String(UPLOAD_SWEEP_HOUR_UTC) }),
      targets: [target(tagger, { action: 'sweep-uploads' })],
    });

    // The api wakes the mailer after writing mail; this round catches what a lost wake-up left and
    // every retry that falls due.
    new events.Rule(this, 'MailerSchedule', {
      description: 'Sends the outbox mail that is due',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [target(mailer)],
    });
    new events.Rule(this, 'MailEvents', {
      description:
        'Records the addresses SES reports as bounced or complaining, so they are not written to again',
      eventPattern: { source: ['aws.ses'], detailType: [...SES_SUPPRESSING_EVENTS] },
      targets: [target(mailer)],
    });

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      // Access logs hold client addresses: a month is enough to investigate abuse.
      retention: logs.RetentionDays.ONE_MONTH,
    });
    const httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'GCM contribution synthesis: consultation pages, submissions, review, reports',
      defaultIntegration: new HttpLambdaIntegration('Api', api.function),
      createDefaultStage: false,
    });
    const stage = new apigw.HttpStage(this, 'Stage', {
      httpApi: httpApi,
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // The path without its query string: receipt tokens travel in the query and stay out of logs.
        format: accessLogFormat(),
      },
    });
    const defaultRoute = httpApi.node.findChild('DefaultRoute');
    Validations.of(defaultRoute).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Stakeholders submit and read the report without an account; the secretariat routes check a session or bearer token inside the app on every request.',
    });

    // The private links in mail point at the API's own address.
    mailer.function.addEnvironment('PUBLIC_BASE_URL', stage.url);

    new Operations(this, 'Operations', {
      alarmEmail: alarmEmail.valueAsString,
      functions: [api, tagger, report, mailer],
      tagger: tagger,
      taggerEveryMinutes: settings.taggerEveryMinutes,
      stage: stage,
      failedInvocations: failedInvocations,
    });

    new CfnOutput(this, 'Url', { value: stage.url, description: 'The consultation site and API' });
    new CfnOutput(this, 'FirstAdminSecretArn', {
      value: firstAdminSecret.secretArn,
      description: 'aws secretsmanager get-secret-value --secret-id <this> gives the first admin password',
    });
  }
}

/** The EventBridge detail types of the SES events that stop mail to an address. */
export const SES_SUPPRESSING_EVENTS = ['Email Bounced', 'Email Complaint Received'] as const;

/**
 * SES: the sender's identity, and a configuration set that sends only over TLS, keeps SES's own
 * suppression list for bounces and complaints, and puts those two events on the default event bus,
 * where a rule hands them to the mailer.
 */
function mailSendingResources(scope: Construct, senderEmail: string) {
  const configurationSet = new ses.ConfigurationSet(scope, 'MailConfiguration', {
    tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    sendingEnabled: true,
  });
  configurationSet.addEventDestination('BouncesAndComplaints', {
    destination: ses.EventDestination.eventBus(
      events.EventBus.fromEventBusName(scope, 'DefaultBus', 'default'),
    ),
    events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
  });
  const identity = new ses.EmailIdentity(scope, 'Sender', {
    identity: ses.Identity.email(senderEmail),
    configurationSet,
  });
  const stack = Stack.of(scope);
  return {
    configurationSet,
    identityArn: stack.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: identity.emailIdentityName,
    }),
    configurationSetArn: stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: configurationSet.configurationSetName,
    }),
  };
}

/** One JSON object per request, so Logs Insights can query the fields. */
function accessLogFormat() {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      time: '$context.requestTime',
      ip: '$context.identity.sourceIp',
      method: '$context.httpMethod',
      path: '$context.path',
      status: '$context.status',
      bytes: '$context.responseLength',
      latencyMs: '$context.responseLatency',
      integrationStatus: '$context.integrationStatus',
      integrationError: '$context.integrationErrorMessage',
      userAgent: '$context.identity.userAgent',
    }),
  );
}

/**
 * Each function's rights on the data, exactly what its code does and no more:
 *
 * | function | table                                                     | bucket                                                 |
 * |----------|-----------------------------------------------------------|--------------------------------------------------------|
 * | api      | read and write items; query the table and both indexes    | read and write reports/* (publish a draft); read and   |
 * |          |                                                           | write models/* (an admin puts a stored model in use);  |
 * |          |                                                           | read, write and delete uploads/*                       |
 * | tagger   | query both indexes (pending; byConsultation to retrain);  | read and write models/*; read and delete uploads/*     |
 * |          | get and update items                                      | (read a document; sweep abandoned ones)                |
 * | report   | query the byConsultation index                            | read models/current.json; read, write and delete       |
 * |          |                                                           | reports/* (drafts, and a failed run's files)           |
 * | mailer   | get, put and update items; query the table (an address's  | nothing                                                |
 * |          | submissions) and the pending index (the outbox's queue)   |                                                        |
 *
 * Every function may also list the bucket: the api lists a consultation's reports, and without
 * s3:ListBucket S3 answers a key that does not exist yet (the first report, the first model) with
 * 403 instead of 404, so the code could not tell "none yet" from "forbidden".
 */
function grantAccess(
  fns: Record<'api' | 'tagger' | 'report' | 'mailer', HouseFunction>,
  table: dynamodb.ITable,
  bucket: s3.IBucket,
) {
  const index = (name: string) => `${table.tableArn}/index/${name}`;
  const { api, tagger, report, mailer } = fns;
  const reports =
    'Each run writes new keys under reports/<consultation>/<stamp>/: the prefix is the narrowest name for them.';
  const uploads =
    'Documents get keys made at upload time under uploads/: the prefix is the narrowest name for them.';

  api.allow(
    ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
    [table.tableArn],
  );
  api.allow(['dynamodb:Query'], [index(TABLE.byConsultation.name), index(TABLE.pending.name)]);
  // An admin's publication writes the run's published.json and moves latest.json.
  api.allowObjectsUnder(bucket, ['s3:GetObject', 's3:PutObject'], 'reports/', reports);
  // An admin puts a stored model in use: it reads the version's manifest and file, checks them, and
  // rewrites the manifest and the pointer models/current.json.
  api.allowObjectsUnder(
    bucket,
    ['s3:GetObject', 's3:PutObject'],
    'models/',
    'Stored models are named by their content hash, known only once trained: the prefix is the narrowest name for them.',
  );
  // It signs the browser's upload, reads the file's first bytes to check its type, signs the
  // secretariat's download, and deletes the document when its submission is withdrawn.
  api.allowObjectsUnder(bucket, ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], 'uploads/', uploads);

  // Retraining reads the reviewers' decisions through the listing index.
  tagger.allow(['dynamodb:Query'], [index(TABLE.pending.name), index(TABLE.byConsultation.name)]);
  tagger.allow(['dynamodb:GetItem', 'dynamodb:UpdateItem'], [table.tableArn]);
  // A worker's lease on a segment of the pending index is an item it puts and deletes.
  tagger.allow(['dynamodb:PutItem', 'dynamodb:DeleteItem'], [table.tableArn]);
  tagger.allowObjectsUnder(
    bucket,
    ['s3:GetObject', 's3:PutObject'],
    'models/',
    'A model is stored under a key made from its content hash, known only once it is trained.',
  );
  // It reads a submission's document, and its daily sweep deletes the ones no live submission names.
  tagger.allowObjectsUnder(bucket, ['s3:GetObject', 's3:DeleteObject'], 'uploads/', uploads);

  report.allow(['dynamodb:Query'], [index(TABLE.byConsultation.name)]);
  report.allowObject(bucket, ['s3:GetObject'], 'models/current.json');
  // It reads the drafts it compares with, and deletes what a run that failed half-way wrote.
  report.allowObjectsUnder(bucket, ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], 'reports/', reports);

  for (const fn of [api, tagger, report]) fn.allow(['s3:ListBucket'], [bucket.bucketArn]);

  // It reads submissions, mail and suppressions, writes the links it mints and the suppressions SES
  // reports, leases and settles mail, finds an address's submissions, and reads the outbox's queue.
  mailer.allow(
    ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
    [table.tableArn],
  );
  mailer.allow(['dynamodb:Query'], [index(TABLE.pending.name)]);
}
