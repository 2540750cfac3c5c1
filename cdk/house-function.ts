import { fileURLToPath } from 'node:url';
import { type Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
// cdk-nag names an IAM5 finding after the resource as this function renders it; using the same
// function keeps an acknowledgement pinned to exactly the resource it was written for.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { Construct } from 'constructs';

/** The entry points in functions/, one Lambda each. */
export type FunctionName = 'api' | 'tagger' | 'report' | 'mailer';

/** Namespace of the custom metrics the functions publish in Embedded Metric Format. */
export const METRICS_NAMESPACE = 'GcmSynthesis';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where a synth leaves esbuild's metafile of a function's bundle, in the cloud assembly's folder. */
export const metafileName = (name: FunctionName) => `${name}.esbuild-meta.json`;

/** The Lambda runtime every function runs on; esbuild targets the same Node.js version. */
export const HOUSE_RUNTIME = lambda.Runtime.NODEJS_24_X;

// esbuild's ESM output has no `require`, yet bundled CommonJS packages call it for Node built-ins.
// The alias keeps the banner's import from clashing with a `createRequire` inside the bundle.
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __cjsRequire } from 'node:module'; const require = __cjsRequire(import.meta.url);";

export interface HouseFunctionProps {
  name: FunctionName;
  description: string;
  memorySize: number;
  timeout: Duration;
  /** Variables beyond the house ones (log level, service name, metrics namespace, source maps). */
  environment: Record<string, string>;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Packages shipped as node_modules beside the bundle because they read their own files at run time. */
  nodeModules?: string[];
  /**
   * For a package in nodeModules, the only entries of its folder the function reads: the rest of
   * the folder is removed from the asset.
   */
  nodeModuleEntries?: Record<string, string[]>;
  /** Caps how many instances run at once; 1 makes runs of a scheduled job queue instead of overlap. */
  reservedConcurrentExecutions?: number;
}

/**
 * A Lambda function with the house defaults: Node.js on arm64, a minified ESM bundle with source
 * maps and the AWS SDK inside, JSON logs in a log group of its own with a retention, and a role
 * that starts with nothing but the right to write to that log group. Callers add the rights the
 * function uses, statement by statement.
 */
export class HouseFunction extends Construct {
  readonly function: NodejsFunction;
  private readonly role: iam.Role;
  readonly reservedConcurrentExecutions: number | undefined;

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    super(scope, id);
    this.reservedConcurrentExecutions = props.reservedConcurrentExecutions;

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS });
    // An explicit role instead of the AWSLambdaBasicExecutionRole managed policy, which allows
    // writing to every log group of the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `The ${props.name} function: its log group and the data it uses, nothing more`,
    });
    logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}functions/${props.name}.ts`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      description: props.description,
      runtime: HOUSE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[props.logLevel],
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        ...props.environment,
        LOG_LEVEL: props.logLevel,
        POWERTOOLS_SERVICE_NAME: props.name,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        // ESM entry points first, so packages that ship both are tree-shaken as modules.
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        // Stack traces need file and line, not the sources: leaving them out nearly halves the zip.
        sourcesContent: false,
        // The SDK version the tests ran, not whichever the runtime carries; and a minified bundle of
        // the few clients we use loads faster than the runtime's copy.
        bundleAwsSDK: true,
        banner: ESM_REQUIRE_BANNER,
        // The French and Spanish texts stay as they are instead of turning into \u escapes.
        charset: Charset.UTF8,
        metafile: true,
        nodeModules: props.nodeModules,
        // npm installs those node modules from its cache when it can, and asks the registry nothing
        // else (audit, funding, updates), so a synth works offline once `npm ci` has run.
        environment: {
          npm_config_prefer_offline: 'true',
          npm_config_audit: 'false',
          npm_config_fund: 'false',
          npm_config_update_notifier: 'false',
        },
        // esbuild's account of what went into the bundle is for us, not for Lambda: it moves out of
        // the asset into the cloud assembly's folder, where `npm run bundle-report` reads it.
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir, outputDir) => [
            `mv "${outputDir}/index.meta.json" "${outputDir}/../${metafileName(props.name)}"`,
            ...(props.nodeModules ? pruneNodeModules(outputDir, props.nodeModuleEntries ?? {}) : []),
          ],
        },
      },
    });
  }

  /** Allows the function the given actions on the given resources, and nothing else with them. */
  allow(actions: string[], resources: string[]) {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
  }

  /**
   * Allows the function to invoke itself asynchronously (a dispatcher and its workers). A policy of
   * its own, not the role's default one: the function depends on its role's default policy, which
   * could then not name the function's ARN without a dependency cycle.
   */
  allowInvokingItself() {
    new iam.Policy(this, 'InvokeItself', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [this.function.functionArn],
        }),
      ],
    });
  }

  /** Allows actions on one object, named by its full key. */
  allowObject(bucket: s3.IBucket, actions: string[], key: string) {
    this.allow(actions, [bucket.arnForObjects(key)]);
  }

  /**
   * Allows actions on every object under a key prefix such as `reports/`. Keys made at run time can
   * only be named by their prefix, so the wildcard finding cdk-nag raises for it is acknowledged
   * here, for this resource alone, with the reason the caller gives.
   */
  allowObjectsUnder(bucket: s3.IBucket, actions: string[], prefix: string, reason: string) {
    const resource = bucket.arnForObjects(`${prefix}*`);
    this.allow(actions, [resource]);
    const finding = flattenCfnReference(Stack.of(this).resolve(resource));
    Validations.of(this.role).acknowledge({ id: `AwsSolutions-IAM5[Resource::${finding}]`, reason });
  }
}

/**
 * Shell commands that leave in an asset's node_modules what Node.js loads and the licences: no
 * source maps, type declarations, read-mes, preview images or package-manager leftovers, and not
 * the project's lock file the install copies in.
 */
function pruneNodeModules(outputDir: string, entries: Record<string, string[]>): string[] {
  const modules = `"${outputDir}/node_modules"`;
  return [
    `rm -f "${outputDir}/package-lock.json"`,
    `find ${modules} -type f \\( -name '*.map' -o -name '*.md' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.png' \\) ! -iname 'licen[cs]e*' -delete`,
    `find ${modules} -type d -name .yarn -prune -exec rm -rf {} +`,
    ...Object.entries(entries).map(
      ([pkg, keep]) =>
        `find ${modules}/${pkg} -mindepth 1 -maxdepth 1 ${keep.map((entry) => `! -name '${entry}'`).join(' ')} -exec rm -rf {} +`,
    ),
  ];
}
