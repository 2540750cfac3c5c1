import { Match } from 'aws-cdk-lib/assertions';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { describe, expect, it } from 'vitest';
import { HOUSE_RUNTIME, METRICS_NAMESPACE } from '../../cdk/house-function.js';
import {
  API_5XX_MIN_REQUESTS,
  API_5XX_PERCENT,
  MAX_PENDING_AGE,
  TAGGER_METRICS,
} from '../../cdk/operations.js';
import { API_THROTTLE, SES_SUPPRESSING_EVENTS, UPLOAD_SWEEP_HOUR_UTC } from '../../cdk/stateless.js';
import { TAGGER_WORKERS } from '../../shared/tagging/dispatch.js';
import { resourceOf, synthesize } from './synthesize.js';

const { code } = synthesize();

type Name = 'Api' | 'Tagger' | 'Report' | 'Mailer';
const fn = (name: Name) => resourceOf(code, 'AWS::Lambda::Function', `${name}Function`);
const ref = (logicalId: string) => ({ Ref: logicalId });
const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

describe('every function', () => {
  it.each(['Api', 'Tagger', 'Report', 'Mailer'] as const)(
    '%s runs the house runtime on arm64 with JSON logs',
    (name) => {
      const { Properties } = fn(name);
      const logs = resourceOf(code, 'AWS::Logs::LogGroup', `${name}Logs`);
      expect(Properties).toMatchObject({
        Runtime: HOUSE_RUNTIME.name,
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', LogGroup: ref(logs.id) },
      });
      expect(HOUSE_RUNTIME.name).toBe('nodejs24.x');
      expect(logs.Properties.RetentionInDays).toBe(90);
    },
  );

  it.each([
    ['Api', 'api'],
    ['Tagger', 'tagger'],
    ['Report', 'report'],
    ['Mailer', 'mailer'],
  ] as const)('%s gets the data names, its service name and source maps from the stack', (name, service) => {
    expect(fn(name).Properties.Environment).toEqual({
      Variables: expect.objectContaining({
        TABLE_NAME: 'gcm-synthesis',
        BUCKET_NAME: {
          'Fn::Join': ['', ['gcm-synthesis-data-', ref('AWS::AccountId'), '-', ref('AWS::Region')]],
        },
        LOG_LEVEL: 'INFO',
        POWERTOOLS_SERVICE_NAME: service,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        NODE_OPTIONS: '--enable-source-maps',
      }),
    });
  });

  it('has memory and a timeout of its own', () => {
    expect(fn('Api').Properties).toMatchObject({ MemorySize: 1024, Timeout: 20 });
    expect(fn('Tagger').Properties).toMatchObject({ MemorySize: 1769, Timeout: 240 });
    expect(fn('Report').Properties).toMatchObject({ MemorySize: 1769, Timeout: 600 });
    expect(fn('Mailer').Properties).toMatchObject({ MemorySize: 512, Timeout: 60 });
  });
});

describe('the api function', () => {
  it('is told which functions to invoke, and where the first admin and its password are', () => {
    expect(fn('Api').Properties.Environment).toEqual({
      Variables: expect.objectContaining({
        REPORT_FUNCTION_NAME: ref(fn('Report').id),
        TAGGER_FUNCTION_NAME: ref(fn('Tagger').id),
        SECRETARIAT_EMAIL: ref('FirstAdminEmail'),
        SECRETARIAT_SECRET_ARN: {
          'Fn::GetStackOutput': expect.objectContaining({ StackName: 'gcm-synthesis-data' }),
        },
      }),
    });
  });

  it('takes the admin and alarm e-mail addresses as deploy parameters', () => {
    for (const name of ['FirstAdminEmail', 'AlarmEmail']) {
      code.hasParameter(name, { Type: 'String', AllowedPattern: Match.stringLikeRegexp('@') });
    }
  });
});

describe('the HTTP API', () => {
  it('sends every route to the api function, with no CORS: pages and API share one origin', () => {
    const api = resourceOf(code, 'AWS::ApiGatewayV2::Api', 'HttpApi');
    expect(api.Properties.ProtocolType).toBe('HTTP');
    expect(api.Properties.CorsConfiguration).toBeUndefined();
    code.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$default',
      AuthorizationType: 'NONE',
    });
    code.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: arnOf(fn('Api').id),
    });
  });

  it('has a throttled stage that writes JSON access logs without query strings', () => {
    const stage = resourceOf(code, 'AWS::ApiGatewayV2::Stage', 'Stage');
    const accessLogs = resourceOf(code, 'AWS::Logs::LogGroup', 'ApiAccessLogs');
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: API_THROTTLE.rateLimit,
        ThrottlingBurstLimit: API_THROTTLE.burstLimit,
      },
      AccessLogSettings: { DestinationArn: arnOf(accessLogs.id) },
    });
    const format = JSON.parse((stage.Properties.AccessLogSettings as { Format: string }).Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(JSON.stringify(format)).not.toMatch(/querystring|\$request/i);
    expect(accessLogs.Properties.RetentionInDays).toBe(30);
  });
});

describe('the schedules', () => {
  const queue = resourceOf(code, 'AWS::SQS::Queue', 'FailedInvocations');

  it('runs the tagger every five minutes and the report daily, with undeliverable events kept', () => {
    for (const [name, expression] of [
      ['Tagger', 'rate(5 minutes)'],
      ['Report', 'cron(0 3 * * ? *)'],
    ] as const) {
      code.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: expression,
        State: 'ENABLED',
        Targets: [
          Match.objectLike({
            Arn: arnOf(fn(name).id),
            DeadLetterConfig: { Arn: arnOf(queue.id) },
            RetryPolicy: { MaximumRetryAttempts: 2 },
          }),
        ],
      });
    }
  });

  it('sweeps abandoned uploads daily through the tagger', () => {
    code.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: `cron(30 ${UPLOAD_SWEEP_HOUR_UTC} * * ? *)`,
      Targets: [
        Match.objectLike({
          Arn: arnOf(fn('Tagger').id),
          Input: JSON.stringify({ action: 'sweep-uploads' }),
          DeadLetterConfig: { Arn: arnOf(queue.id) },
        }),
      ],
    });
  });

  it('bounds the tagging workers (plus their dispatcher), never runs two report compilers at once, and leaves the api uncapped', () => {
    expect(fn('Tagger').Properties.ReservedConcurrentExecutions).toBe(TAGGER_WORKERS + 1);
    expect(TAGGER_WORKERS + 1).toBeLessThanOrEqual(8);
    expect(fn('Report').Properties.ReservedConcurrentExecutions).toBe(1);
    expect(fn('Api').Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('delivers due mail every minute, and hands SES bounces and complaints to the mailer', () => {
    code.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [
        Match.objectLike({ Arn: arnOf(fn('Mailer').id), DeadLetterConfig: { Arn: arnOf(queue.id) } }),
      ],
    });
    code.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.ses'], 'detail-type': [...SES_SUPPRESSING_EVENTS] },
      Targets: [
        Match.objectLike({ Arn: arnOf(fn('Mailer').id), DeadLetterConfig: { Arn: arnOf(queue.id) } }),
      ],
    });
  });

  it('ends a tagger run before the next one is due', () => {
    expect(fn('Tagger').Properties.Timeout).toBeLessThan(5 * 60);
  });

  it('sends failed asynchronous runs to an encrypted dead-letter queue', () => {
    expect(queue.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    for (const [name, retries] of [
      ['Tagger', 0],
      ['Report', 1],
    ] as const) {
      code.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: ref(fn(name).id),
        MaximumRetryAttempts: retries,
        DestinationConfig: { OnFailure: { Destination: arnOf(queue.id) } },
      });
    }
  });
});

describe('the rights of each function', () => {
  /** A role's allowed actions as "action resource", with the data and the stack's own resources named plainly. */
  const grants = (name: Name) => {
    const policy = resourceOf(code, 'AWS::IAM::Policy', `${name}RoleDefaultPolicy`);
    const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    return statements
      .flatMap((statement) => {
        expect(statement.Effect).toBe('Allow');
        expect(statement.Condition).toBeUndefined();
        const resources = [statement.Resource]
          .flat()
          .map((resource) => shortName(flattenCfnReference(resource)));
        return [statement.Action]
          .flat()
          .flatMap((action) => resources.map((resource) => `${action} ${resource}`));
      })
      .sort();
  };

  const ownLogs = (name: string) => [`logs:CreateLogStream logs:${name}`, `logs:PutLogEvents logs:${name}`];
  const deadLetterQueue = ['sqs:GetQueueAttributes queue', 'sqs:GetQueueUrl queue', 'sqs:SendMessage queue'];

  it('lets the api read and write items, read and publish reports, put a stored model in use, and keep uploads', () => {
    expect(grants('Api')).toEqual(
      [
        'dynamodb:DeleteItem table',
        'dynamodb:GetItem table',
        'dynamodb:PutItem table',
        'dynamodb:Query table',
        'dynamodb:UpdateItem table',
        'dynamodb:Query table/index/byConsultation',
        'dynamodb:Query table/index/pending',
        's3:GetObject bucket/reports/*',
        's3:PutObject bucket/reports/*',
        's3:GetObject bucket/models/*',
        's3:PutObject bucket/models/*',
        's3:GetObject bucket/uploads/*',
        's3:PutObject bucket/uploads/*',
        's3:DeleteObject bucket/uploads/*',
        's3:ListBucket bucket',
        'secretsmanager:GetSecretValue first-admin-secret',
        'lambda:InvokeFunction function:Tagger',
        'lambda:InvokeFunction function:Report',
        'lambda:InvokeFunction function:Mailer',
        ...ownLogs('Api'),
      ].sort(),
    );
  });

  it('lets the tagger find pending work, tag it, read and write models, and sweep uploads', () => {
    expect(grants('Tagger')).toEqual(
      [
        'dynamodb:Query table/index/pending',
        'dynamodb:Query table/index/byConsultation',
        'dynamodb:GetItem table',
        'dynamodb:UpdateItem table',
        'dynamodb:PutItem table',
        'dynamodb:DeleteItem table',
        's3:GetObject bucket/models/*',
        's3:PutObject bucket/models/*',
        's3:GetObject bucket/uploads/*',
        's3:DeleteObject bucket/uploads/*',
        's3:ListBucket bucket',
        ...deadLetterQueue,
        ...ownLogs('Tagger'),
      ].sort(),
    );
  });

  it('lets the tagger invoke itself, and nothing else, through a policy of its own', () => {
    const policies = Object.values(code.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.PolicyName).includes('TaggerInvokeItself'),
    );
    expect(policies).toHaveLength(1);
    const statements =
      (policies[0]?.Properties.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? [];
    expect(
      statements.map((s) => `${s.Action} ${shortName(flattenCfnReference([s.Resource].flat()[0]))}`),
    ).toEqual(['lambda:InvokeFunction function:Tagger']);
  });

  it('lets the report only read the listing index and the model pointer, and keep reports', () => {
    expect(grants('Report')).toEqual(
      [
        'dynamodb:Query table/index/byConsultation',
        's3:GetObject bucket/models/current.json',
        's3:GetObject bucket/reports/*',
        's3:PutObject bucket/reports/*',
        's3:DeleteObject bucket/reports/*',
        's3:ListBucket bucket',
        ...deadLetterQueue,
        ...ownLogs('Report'),
      ].sort(),
    );
  });

  it('lets the mailer alone send mail, from the sender identity with the configuration set, and keep the outbox', () => {
    expect(grants('Mailer')).toEqual(
      [
        'dynamodb:GetItem table',
        'dynamodb:PutItem table',
        'dynamodb:UpdateItem table',
        'dynamodb:Query table',
        'dynamodb:Query table/index/pending',
        'ses:SendEmail ses:identity/<SenderEmail>',
        'ses:SendEmail ses:configuration-set/<MailConfiguration>',
        ...deadLetterQueue,
        ...ownLogs('Mailer'),
      ].sort(),
    );
    for (const name of ['Api', 'Tagger', 'Report'] as const)
      expect(grants(name).filter((grant) => grant.startsWith('ses:'))).toEqual([]);
  });

  it('grants no wildcard action, and no wildcard resource but a key prefix in the bucket', () => {
    const all = (['Api', 'Tagger', 'Report', 'Mailer'] as const).flatMap(grants);
    expect(all.filter((grant) => grant.split(' ')[0]?.includes('*'))).toEqual([]);
    expect(all.filter((grant) => grant.includes('*') && !/ bucket\/[a-z]+\/\*$/.test(grant))).toEqual([]);
  });

  it('gives the roles no managed policy, so nothing beyond these statements', () => {
    for (const role of Object.values(code.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        expect.objectContaining({ Principal: { Service: 'lambda.amazonaws.com' } }),
      ]);
    }
  });
});

describe('mail', () => {
  const configurationSet = resourceOf(code, 'AWS::SES::ConfigurationSet', 'MailConfiguration');

  it('sends from the address given at deployment, through a configuration set that requires TLS', () => {
    code.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: ref('SenderEmail'),
      ConfigurationSetAttributes: { ConfigurationSetName: ref(configurationSet.id) },
    });
    expect(configurationSet.Properties).toMatchObject({
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('puts bounces and complaints on the default event bus', () => {
    const destination = resourceOf(code, 'AWS::SES::ConfigurationSetEventDestination', 'MailConfiguration');
    expect(destination.Properties).toMatchObject({
      ConfigurationSetName: ref(configurationSet.id),
      EventDestination: { Enabled: true, MatchingEventTypes: ['bounce', 'complaint'] },
    });
    const bus = (
      destination.Properties.EventDestination as { EventBridgeDestination: { EventBusArn: unknown } }
    ).EventBridgeDestination.EventBusArn;
    expect(flattenCfnReference(bus)).toMatch(/:events:<AWS::Region>:<AWS::AccountId>:event-bus\/default$/);
  });

  it('gives the mailer the sender, the configuration set and the public address for links', () => {
    expect(fn('Mailer').Properties.Environment).toEqual({
      Variables: expect.objectContaining({
        SES_CONFIGURATION_SET: ref(configurationSet.id),
        MAIL_FROM: { 'Fn::Join': ['', ['GCM consultation <', ref('SenderEmail'), '>']] },
        PUBLIC_BASE_URL: expect.anything(),
      }),
    });
    expect(fn('Api').Properties.Environment).toEqual({
      Variables: expect.objectContaining({ MAILER_FUNCTION_NAME: ref(fn('Mailer').id) }),
    });
  });
});

describe('the alarms', () => {
  const topic = resourceOf(code, 'AWS::SNS::Topic', 'OperationsAlarms');
  const alarms = Object.values(code.findResources('AWS::CloudWatch::Alarm')) as {
    Properties: Record<string, unknown>;
  }[];
  const lambdaAlarm = (metricName: string, name: 'Api' | 'Tagger' | 'Report') =>
    alarms.find(
      ({ Properties: p }) =>
        p.Namespace === 'AWS/Lambda' &&
        p.MetricName === metricName &&
        JSON.stringify(p.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: ref(fn(name).id) }]),
    );

  it('mail the address given at deployment, when they fire and when they clear', () => {
    code.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: ref('AlarmEmail'),
      TopicArn: ref(topic.id),
    });
    expect(alarms.length).toBeGreaterThanOrEqual(10);
    for (const { Properties } of alarms) {
      expect(Properties.AlarmActions).toEqual([ref(topic.id)]);
      expect(Properties.OKActions).toEqual([ref(topic.id)]);
    }
  });

  it.each(['Api', 'Tagger', 'Report'] as const)('watch errors and throttles of %s', (name) => {
    expect(lambdaAlarm('Errors', name)?.Properties).toMatchObject({ Threshold: 1, EvaluationPeriods: 1 });
    // A run beyond a function's reserved concurrency is throttled by design.
    expect(lambdaAlarm('Throttles', name)?.Properties).toMatchObject({
      Threshold: 1,
      EvaluationPeriods: name === 'Api' ? 1 : 3,
    });
  });

  it("watch the age of the tagger's oldest pending submission, and a tagger that stopped running", () => {
    code.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: TAGGER_METRICS.oldestPendingAge,
      Dimensions: [{ Name: 'service', Value: 'tagger' }],
      Statistic: 'Maximum',
      Threshold: MAX_PENDING_AGE.toSeconds(),
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(lambdaAlarm('Invocations', 'Tagger')?.Properties).toMatchObject({
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
  });

  it('watch the share of API requests that end in a 5xx', () => {
    code.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: API_5XX_PERCENT,
      Metrics: Match.arrayWith([
        Match.objectLike({
          Expression: `IF(requests >= ${API_5XX_MIN_REQUESTS}, 100 * errors / requests, 0)`,
        }),
        Match.objectLike({
          Id: 'errors',
          MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: '5xx' }) }),
        }),
      ]),
    });
  });

  it('watch the dead-letter queue', () => {
    const queue = resourceOf(code, 'AWS::SQS::Queue', 'FailedInvocations');
    code.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue.id, 'QueueName'] } }],
    });
  });

  it('are on a dashboard with the backlog', () => {
    const dashboard = resourceOf(code, 'AWS::CloudWatch::Dashboard', 'OperationsDashboard');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    expect(body).toContain(TAGGER_METRICS.pending);
    expect(body).toContain(TAGGER_METRICS.oldestPendingAge);
  });
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Names a flattened resource as the tests speak of it. */
function shortName(resource: string): string {
  return resource
    .replace(/^arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table\/gcm-synthesis/, 'table')
    .replace(/^arn:<AWS::Partition>:s3:::gcm-synthesis-data-<AWS::AccountId>-<AWS::Region>/, 'bucket')
    .replace(/^<(Api|Tagger|Report|Mailer)Function[0-9A-F]{8}\.Arn>$/, 'function:$1')
    .replace(/^<(Api|Tagger|Report|Mailer)Logs[0-9A-F]{8}\.Arn>$/, 'logs:$1')
    .replace(
      /^arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity\/<Sender[0-9A-F]{8}>$/,
      'ses:identity/<SenderEmail>',
    )
    .replace(
      /^arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:configuration-set\/<MailConfiguration[0-9A-F]{8}>$/,
      'ses:configuration-set/<MailConfiguration>',
    )
    .replace(/^<FailedInvocations[0-9A-F]{8}\.Arn>$/, 'queue')
    .replace(/^\{"Fn::GetStackOutput":.*FirstAdminPassword.*\}$/, 'first-admin-secret');
}
