// One Lambda function built from functions/handlers/<name>.ts: the bundling, runtime, logging and tracing every
// handler shares, an own log group, and an own role that starts with nothing but writing to that log group.
import * as path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Config } from '#config';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export type HandlerName = 'appstore' | 'webhooks' | 'planner' | 'sender' | 'reports' | 'admin' | 'storefront' | 'links' | 'stats';

/** Only names functions/config.ts reads, so a typo here is a compile error rather than a silent default. */
export type FunctionEnvironment = Partial<Record<keyof Config, string>>;

export interface HandlerFunctionProps {
  readonly handler: HandlerName;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly environment: FunctionEnvironment;
  /** Active X-Ray tracing (the `tracing` deployment setting). */
  readonly tracing: boolean;
  /** Executions set aside for this function alone, and its ceiling (the `reservedConcurrency` setting); none when absent. */
  readonly reservedConcurrency?: number | undefined;
}

export class HandlerFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      // Logs expire after a month anyway; a deleted stack should not leave orphaned log groups behind.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // An own role instead of the default one: AWSLambdaBasicExecutionRole would allow writing to any log group.
    const role = new iam.Role(this, 'Role', {
      description: `Runs the ${props.handler} function`,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    this.logGroup.grantWrite(role);

    this.fn = new NodejsFunction(this, 'Function', {
      description: props.description,
      entry: path.join(PROJECT_ROOT, 'functions', 'handlers', `${props.handler}.ts`),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      ...(props.tracing ? { tracing: lambda.Tracing.ACTIVE } : {}),
      ...(props.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: props.reservedConcurrency }),
      environment: {
        ...props.environment,
        // Stack traces point at the TypeScript sources instead of the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.handler,
      },
      bundling: {
        minify: true,
        sourceMap: true,
        target: 'node22',
        format: OutputFormat.CJS,
        // The Node.js 22 runtime ships AWS SDK v3; bundling it would only make cold starts slower.
        externalModules: ['@aws-sdk/*'],
      },
    });

    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is chosen on purpose: the esbuild target, the local runtime and the test suite all run ' +
        'Node 22, so moving to a newer runtime is a deliberate change made in all of them at once.',
    });
    // Acknowledged on the role: the X-Ray statement lands in its default policy, created while tracing is set up.
    if (props.tracing)
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which do not ' +
          'support resource-level permissions, so AWS requires Resource "*" for them.',
      });
  }
}
