// The HTTP API behind every public path, with access logs. Callers reach it through CloudFront (one domain);
// routes are added once the functions exist, because the functions need the CloudFront address first.
// Every route has its own throttle (stage route settings), so a flood on a public door cannot starve the others.
import { Fn, Lazy, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteThrottle } from '../settings';

/** The stage's default throttle: only a ceiling for a route added without a budget of its own. */
export const STAGE_THROTTLE: RouteThrottle = { rate: 200, burst: 500 };

export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  /** Host name of the API's own endpoint, the origin CloudFront forwards API paths to. */
  readonly originDomain: string;
  private readonly integrations = new Map<lambda.IFunction, HttpLambdaIntegration>();
  private readonly stage: apigw.HttpStage;
  /** Route key (`POST /shoper/webhooks`) → its own throttle, written into the stage's route settings. */
  private readonly routeThrottles = new Map<string, RouteThrottle>();

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Shoper SMS notifications: App Store, webhooks, SMSAPI callbacks, storefront widget, admin API',
      createDefaultStage: false,
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      // A safety net for a route without its own budget; the storefront function also rate-limits per visitor.
      throttle: { rateLimit: STAGE_THROTTLE.rate, burstLimit: STAGE_THROTTLE.burst },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // Default CLF-style format leaves out the route; this one keeps what a person debugging needs.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            route: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    // HttpStage has no per-route settings: they go on the CloudFormation resource, filled in once routes exist.
    const cfnStage = this.stage.node.defaultChild as apigw.CfnStage;
    cfnStage.routeSettings = Lazy.any({
      produce: () =>
        this.routeThrottles.size === 0
          ? undefined
          : Object.fromEntries(
              [...this.routeThrottles].map(([key, { rate, burst }]) => [key, { ThrottlingRateLimit: rate, ThrottlingBurstLimit: burst }]),
            ),
    });

    // apiEndpoint is https://<id>.execute-api.<region>.amazonaws.com: CloudFront wants the host alone.
    this.originDomain = Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));
  }

  /**
   * Route `methods path` to `fn`. The functions authenticate every request themselves: Shoper signs with
   * HMAC/SHA-1, SMSAPI calls from its own servers, the admin API checks its session token, the widget is public.
   * Each route (each method) gets `throttle` as a budget of its own.
   */
  route(path: string, methods: apigw.HttpMethod[], fn: lambda.IFunction, throttle: RouteThrottle): void {
    let integration = this.integrations.get(fn);
    if (!integration) {
      // Named after the construct holding the function (e.g. "Sender"), which is unique in the stack.
      const owner = fn.node.scope?.node.id ?? fn.node.id;
      integration = new HttpLambdaIntegration(`${owner}Integration`, fn);
      this.integrations.set(fn, integration);
    }
    for (const route of this.httpApi.addRoutes({ path, methods, integration })) {
      this.routeThrottles.set((route.node.defaultChild as apigw.CfnRoute).routeKey, throttle);
      // API Gateway refuses route settings for a route key that does not exist yet.
      this.stage.node.addDependency(route);
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Callers cannot use an API Gateway authorizer: Shoper signs App Store events (HMAC-SHA512) and ' +
          'webhooks (SHA-1) with its own schemes, SMSAPI sends reports and OAuth redirects unsigned, the ' +
          'storefront widget is public by design, and the admin API uses a session token the function ' +
          'verifies; each function checks its caller before doing anything.',
      });
    }
  }
}
