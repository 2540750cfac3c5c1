import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { defineDeployment } from '../../cdk/deployment.js';
import cdkJson from '../../cdk.json' with { type: 'json' };

/**
 * `cdk synth` bundles the functions with esbuild and runs CloudFormation's template checks besides
 * cdk-nag. The tests run cdk-nag on every synth and bundle only where bundles are what they test;
 * CloudFormation's checks (8 s of CPU) are left to `npm run synth` and every `cdk deploy`.
 */
export interface DeploymentOptions {
  bundle?: boolean;
}

/** The deployment as `cdk synth` builds it, with cdk.json's feature flags, not yet synthesised. */
export function buildDeployment(options: DeploymentOptions = {}) {
  const app = new App({
    context: { ...cdkJson.context, ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
    builtinCloudFormationValidation: false,
  });
  return { app, ...defineDeployment(app) };
}

/** The deployment synthesised once, with a template for each stack. */
export function synthesize(options: DeploymentOptions = {}) {
  const deployment = buildDeployment(options);
  const assembly = deployment.app.synth();
  const template = (stackName: string) => Template.fromJSON(assembly.getStackByName(stackName).template);
  return {
    ...deployment,
    assembly,
    data: template(deployment.stateful.stackName),
    code: template(deployment.stateless.stackName),
  };
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/** The resource of a type whose logical id starts with the construct's, for a stack's one of each. */
export function resourceOf(template: Template, type: string, logicalIdPrefix: string) {
  const found = Object.entries(template.findResources(type) as Resources).filter(([id]) =>
    id.startsWith(logicalIdPrefix),
  );
  if (found.length !== 1) {
    throw new Error(
      `expected one ${type} starting with ${logicalIdPrefix}, found ${found.map(([id]) => id)}`,
    );
  }
  const [id, resource] = found[0] as [string, Resources[string]];
  return { id, ...resource };
}
