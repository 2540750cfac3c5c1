import { Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildDeployment } from './synthesize.js';

// The deployment plus one bucket built without care: what cdk-nag says about the whole tells
// whether it runs on every synth, whether the deployment passes it, and whether each
// acknowledgement still answers a real finding.
const { app, stateless } = buildDeployment();
const careless = new s3.Bucket(stateless, 'Careless');
const synth = (() => {
  try {
    app.synth();
    return undefined;
  } catch (error) {
    return error as Error;
  }
})();

interface Finding {
  rule: string;
  path: string;
}

/** Every finding of the AWS Solutions pack on the tree, acknowledged or not. */
function rawFindings(): Finding[] {
  const pack = new AwsSolutionsChecks();
  Object.assign(pack, { isAcknowledged: () => false });
  return pack
    .validateScope(app)
    .violations.flatMap((v) =>
      v.violatingResources.map((r) => ({ rule: v.ruleName, path: r.constructPath ?? '' })),
    );
}

function acknowledgements() {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          rule: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag on every synth', () => {
  it('fails the synth on an unacknowledged finding, and names only the careless bucket', () => {
    expect(synth?.message).toMatch(/AwsSolutions-S1\b/);
    expect(synth?.message).toMatch(/AwsSolutions-S10\b/);
    const flagged = [...(synth?.message ?? '').matchAll(/^\s+(\S+) aws-cdk-lib\./gm)].map((m) => m[1] ?? '');
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.filter((path) => !path.startsWith(careless.node.path))).toEqual([]);
  });

  it('acknowledges only findings that exist, each under the construct that has it', () => {
    const raw = rawFindings();
    for (const ack of acknowledgements()) {
      expect(
        raw.some((finding) => finding.rule === ack.rule && finding.path.startsWith(`${ack.path}/`)),
        `${ack.rule} on ${ack.path} answers no finding`,
      ).toBe(true);
    }
  });

  it('leaves no finding of the deployment itself unacknowledged', () => {
    const acks = acknowledgements();
    const open = rawFindings().filter(
      (finding) =>
        !finding.path.startsWith(`${careless.node.path}/`) &&
        !acks.some((ack) => ack.rule === finding.rule && finding.path.startsWith(`${ack.path}/`)),
    );
    expect(open).toEqual([]);
  });

  it('gives every acknowledgement a reason a reviewer can check', () => {
    const acks = acknowledgements();
    expect(acks.map((ack) => ack.rule.replace(/\[.*\]$/, '')).sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM5',
      'AwsSolutions-IAM5',
      'AwsSolutions-IAM5',
      'AwsSolutions-IAM5',
      'AwsSolutions-IAM5',
      'AwsSolutions-IAM5',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
    for (const ack of acks) expect(ack.reason.split(' ').length, ack.rule).toBeGreaterThanOrEqual(10);
  });
});
