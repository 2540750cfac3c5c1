import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TAGGER_METRICS } from '../shared/tagging/backlog.js';
import { type HouseFunction, METRICS_NAMESPACE } from './house-function.js';

// The metrics the tagger publishes on every run (shared/tagging/backlog.ts), under METRICS_NAMESPACE.
export { TAGGER_METRICS };

/** How long a submission may wait for its tags before someone is told. */
export const MAX_PENDING_AGE = Duration.minutes(30);

/** Below this many requests in five minutes, a few errors are not a rate worth waking someone for. */
export const API_5XX_MIN_REQUESTS = 20;
export const API_5XX_PERCENT = 5;

export interface OperationsProps {
  alarmEmail: string;
  functions: HouseFunction[];
  tagger: HouseFunction;
  taggerEveryMinutes: number;
  stage: apigw.HttpStage;
  failedInvocations: sqs.IQueue;
}

/** Alarms that mail the secretariat's operator, and a dashboard of the same signals. */
export class Operations extends Construct {
  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    // No KMS key: CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, and
    // an alarm message carries only alarm names and numbers.
    const topic = new sns.Topic(this, 'Alarms', { displayName: 'GCM synthesis alarms', enforceSSL: true });
    topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(topic);
    const alarms: cloudwatch.Alarm[] = [];
    const alarm = (
      alarmId: string,
      options: cloudwatch.CreateAlarmOptions & { metric: cloudwatch.IMetric },
    ) => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      alarms.push(created);
      return created;
    };
    const fiveMinutes = Duration.minutes(5);

    for (const fn of props.functions) {
      const name = fn.node.id;
      const bounded = fn.reservedConcurrentExecutions !== undefined;
      alarm(`${name}Errors`, {
        metric: fn.function.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: `The ${name} function failed at least once in five minutes: see its log group.`,
      });
      // A function with a reserved concurrency throttles a run beyond its bound (an on-demand run
      // that meets a scheduled one, a tagging worker beyond the bound), and Lambda retries it by
      // design; only throttling that lasts means it cannot keep up.
      alarm(`${name}Throttles`, {
        metric: fn.function.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: bounded ? 3 : 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: bounded
          ? `The ${name} function was throttled for fifteen minutes in a row: its runs take longer than its schedule.`
          : `The ${name} function was throttled: the account's Lambda concurrency is exhausted.`,
      });
    }

    const taggerMetric = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { ...TAGGER_METRICS.dimensions },
        statistic,
        period: fiveMinutes,
      });
    const oldestPending = taggerMetric(TAGGER_METRICS.oldestPendingAge, 'Maximum');
    const pending = taggerMetric(TAGGER_METRICS.pending, 'Maximum');
    alarm('TaggerBacklog', {
      metric: oldestPending,
      threshold: MAX_PENDING_AGE.toSeconds(),
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      alarmDescription: `A submission has waited more than ${MAX_PENDING_AGE.toMinutes()} minutes for its tags.`,
    });
    // Catches what no error metric shows: a disabled rule, a broken target, a tagger that never starts.
    const taggerSilence = Duration.minutes(Math.max(3 * props.taggerEveryMinutes, 15));
    alarm('TaggerNotRunning', {
      metric: props.tagger.function.metricInvocations({ period: taggerSilence, statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      alarmDescription: `The tagger has not run for ${taggerSilence.toMinutes()} minutes although it is scheduled every ${props.taggerEveryMinutes}.`,
    });

    const failed = props.failedInvocations.metricApproximateNumberOfMessagesVisible({
      period: fiveMinutes,
      statistic: 'Maximum',
    });
    alarm('FailedInvocations', {
      metric: failed,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription:
        'A scheduled or on-demand run failed for good: its event waits in the failed-invocations queue.',
    });

    const requests = props.stage.metricCount({ period: fiveMinutes, statistic: 'Sum' });
    const serverErrors = props.stage.metricServerError({ period: fiveMinutes, statistic: 'Sum' });
    const serverErrorRate = new cloudwatch.MathExpression({
      expression: `IF(requests >= ${API_5XX_MIN_REQUESTS}, 100 * errors / requests, 0)`,
      usingMetrics: { requests, errors: serverErrors },
      period: fiveMinutes,
      label: 'API 5xx (% of requests)',
    });
    alarm('Api5xxRate', {
      metric: serverErrorRate,
      threshold: API_5XX_PERCENT,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      alarmDescription: `More than ${API_5XX_PERCENT}% of API requests failed with a 5xx in five minutes.`,
    });

    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(1) });
    const perFunction = (title: string, metric: (fn: HouseFunction) => cloudwatch.IMetric) =>
      new cloudwatch.GraphWidget({ title, width: 8, left: props.functions.map(metric) });
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API requests and 5xx',
        width: 12,
        left: [requests, serverErrors],
        right: [serverErrorRate],
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency (p50, p99)',
        width: 12,
        left: [
          props.stage.metricLatency({ period: fiveMinutes, statistic: 'p50' }),
          props.stage.metricLatency({ period: fiveMinutes, statistic: 'p99' }),
        ],
      }),
    );
    dashboard.addWidgets(
      perFunction('Errors', (fn) => fn.function.metricErrors({ period: fiveMinutes, label: fn.node.id })),
      perFunction('Duration p99', (fn) =>
        fn.function.metricDuration({ period: fiveMinutes, statistic: 'p99', label: fn.node.id }),
      ),
      perFunction('Throttles', (fn) =>
        fn.function.metricThrottles({ period: fiveMinutes, label: fn.node.id }),
      ),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Tagger backlog',
        width: 12,
        left: [pending],
        right: [oldestPending],
      }),
      new cloudwatch.GraphWidget({ title: 'Failed invocations waiting', width: 12, left: [failed] }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', width: 24, alarms }),
    );
  }
}
