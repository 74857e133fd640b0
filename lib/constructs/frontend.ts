// One public domain for the whole product: CloudFront serves the admin SPA (/app/*) and the storefront widget
// (/widget/*) from a private S3 bucket, and forwards the API paths to the HTTP API untouched and uncached.
import { execFileSync } from 'node:child_process';
import {
  AssetHashType,
  type CfnResource,
  DefaultStackSynthesizer,
  DockerImage,
  Duration,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from './handler-function';
// The header's name is the function side's (it checks it): one constant for both.
import { ORIGIN_SECRET_HEADER } from '#domain/client-address';

/** Paths CloudFront hands to the HTTP API; everything else is a static file. */
export const API_PATH_PATTERNS = ['/api/*', '/shoper/*', '/smsapi/*', '/storefront/*', '/health', '/l/*'] as const;

/** What the storefront function reads from a widget's request (its CORS check, body type, language, viewer). */
export const STOREFRONT_FORWARDED_HEADERS = [
  'Origin',
  'Content-Type',
  'Accept-Language',
  'Access-Control-Request-Method',
  'Access-Control-Request-Headers',
  'CloudFront-Viewer-Address',
] as const;

/** Paths refreshed in CloudFront's cache after every deployment of the front end. */
export const FRONTEND_INVALIDATION_PATHS = ['/app/*', '/widget/*'];

export interface FrontendProps {
  /** Host name of the HTTP API endpoint. */
  readonly apiDomain: string;
  /** A CloudFront-scope WAF web ACL to attach (the `webAclArn` setting); none when absent. */
  readonly webAclArn?: string | undefined;
}

// The SPA is one index.html: /app, /app/ and client-side routes (/app/templates) get it, files keep their path.
const SPA_REWRITE = `
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/app' || (uri.indexOf('/app/') === 0 && uri.slice(uri.lastIndexOf('/') + 1).indexOf('.') === -1)) {
    request.uri = '/app/index.html';
  }
  return request;
}
`;

export class Frontend extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`: the base of every public URL. */
  readonly publicUrl: string;
  /** The value CloudFront sends in ORIGIN_SECRET_HEADER: generated once per deployment, never in the template. */
  readonly originSecret: secretsmanager.Secret;
  /** Its fixed name, `<stackName>/origin-secret`: readable as /aws/reference/secretsmanager/<name> in Parameter Store. */
  readonly originSecretName: string;

  constructor(scope: Construct, id: string, props: FrontendProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Only build output lives here; every deployment writes it again.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the public build of the SPA and widget, readable solely by CloudFront through ' +
        'OAC; server access logs would record nothing but CloudFront fetching those same files.',
    });

    const spaRewrite = new cloudfront.Function(this, 'SpaRewrite', {
      comment: 'Serves /app/index.html for the admin SPA and its client-side routes',
      code: cloudfront.FunctionCode.fromInline(SPA_REWRITE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });

    // No X-Frame-Options or frame-ancestors: the admin SPA runs in an iframe of each shop's own admin domain.
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Security headers for the SPA and widget',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    this.originSecretName = `${Stack.of(this).stackName}/origin-secret`;
    this.originSecret = new secretsmanager.Secret(this, 'OriginSecret', {
      description: `Sent by CloudFront to the API in the ${ORIGIN_SECRET_HEADER} header: proves a request came through it`,
      // A fixed name, so the function can read it through Parameter Store's /aws/reference/secretsmanager/ path.
      secretName: this.originSecretName,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront reads the value into its origin header only when the stack deploys, so a rotation outside ' +
        'CloudFormation would lock CloudFront out; a new value comes by replacing the secret in a deployment.',
    });

    const apiBehavior: cloudfront.BehaviorOptions = {
      origin: new origins.HttpOrigin(props.apiDomain, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
        // A dynamic reference CloudFormation resolves at deploy time: the value is in no template or asset.
        customHeaders: { [ORIGIN_SECRET_HEADER]: this.originSecret.secretValue.unsafeUnwrap() },
      }),
      // A redirect would drop the body of Shoper's and SMSAPI's POSTs, so plain HTTP is refused outright.
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      // Host must stay the API's own, or API Gateway cannot route; signatures and bodies pass unchanged.
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };

    // The storefront counts requests per shopper, so its origin requests carry the viewer's address
    // (CloudFront-Viewer-Address): the connection API Gateway sees comes from a CloudFront edge, shared by every
    // shopper behind it. Only the headers the widget's calls need are forwarded.
    const storefrontBehavior: cloudfront.BehaviorOptions = {
      ...apiBehavior,
      originRequestPolicy: new cloudfront.OriginRequestPolicy(this, 'StorefrontOriginRequests', {
        comment: 'Storefront widget calls: their own headers plus the viewer address for per-shopper rate limits',
        headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(...STOREFRONT_FORWARDED_HEADERS),
        queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
        cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
      }),
    };

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Shoper SMS notifications: admin SPA, storefront widget and API on one domain',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: spaRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: Object.fromEntries(
        API_PATH_PATTERNS.map((pattern) => [pattern, pattern === '/storefront/*' ? storefrontBehavior : apiBehavior]),
      ),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Shops and their customers are in Poland; the cheapest price class covers Europe.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      ...(props.webAclArn === undefined ? {} : { webAclId: props.webAclArn }),
    });
    this.publicUrl = `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: Shoper and SMSAPI call the API from their own servers, and shops sell (and their ' +
          'customers sign up for notifications) from any country.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF by default: every API route verifies its caller (Shoper signatures, session tokens), the ' +
          'storefront routes are rate limited in the function and each route has its own API throttle; a ' +
          'publisher who wants WAF deploys the us-east-1 web ACL of bin/waf.ts and sets the webAclArn context.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'CloudFront access logs are left to the publisher: API requests are already logged by the HTTP API ' +
          'stage access log and the functions, and static file requests carry no information worth keeping.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the ' +
          'minimum TLS version itself; a publisher who adds a custom domain and certificate sets TLSv1.2_2021.',
      },
    );

    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      sources: [frontendBuild()],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: FRONTEND_INVALIDATION_PATHS,
      memoryLimit: 512,
      // The SPA's chunks have content-hashed names and app.js imports them by name: files of earlier deployments stay,
      // so a panel opened (or an app.js cached) before a deployment still finds every chunk it asks for.
      prune: false,
    });
    // The deployment handler is CDK's own singleton Lambda function: acknowledgements go on it (and so on its role).
    const handler = deployment.handlerRole.node.scope;
    if (handler) {
      Validations.of(handler).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            "CDK's BucketDeployment handler uses AWSLambdaBasicExecutionRole for its own logs; it runs only " +
            'during deployments and its role is not configurable without replacing the construct.',
        },
        {
          id: 'AwsSolutions-L1',
          reason: "The runtime of CDK's BucketDeployment handler is chosen by aws-cdk-lib, not by this app.",
        },
        ...this.bucketDeploymentWildcards().map((finding) => ({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason:
            "CDK's BucketDeployment handler copies the whole build into the site bucket (object wildcards on " +
            'that bucket and the asset bucket) and invalidates the distribution, which CloudFront authorises ' +
            'only with Resource "*".',
        })),
      );
    }
  }

  /** The wildcard findings cdk-nag reports for the BucketDeployment handler's policy, one by one. */
  private bucketDeploymentWildcards(): string[] {
    const stack = Stack.of(this);
    const siteBucket = stack.getLogicalId(this.bucket.node.defaultChild as CfnResource);
    const qualifier: unknown = this.node.tryGetContext('@aws-cdk/core:bootstrapQualifier');
    const assetBucket = `cdk-${typeof qualifier === 'string' ? qualifier : DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-<AWS::Region>`;
    return [
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      `Resource::arn:<AWS::Partition>:s3:::${assetBucket}/*`,
      `Resource::<${siteBucket}.Arn>/*`,
      'Resource::*',
    ];
  }
}

/**
 * The built SPA and widget: `frontend/build.ts <outDir>` writes app/index.html, its assets and
 * widget/sms-widget.js. Built on this machine when possible, in a node:22 container otherwise.
 */
function frontendBuild(): s3deploy.ISource {
  return s3deploy.Source.asset(PROJECT_ROOT, {
    // Re-upload (and invalidate) only when the built files change, not whenever any source file does.
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local: {
        tryBundle(outDir: string): boolean {
          // Output to stderr: the CDK CLI reads the app's stdout.
          execFileSync('npx', ['--no-install', 'tsx', 'frontend/build.ts', outDir], {
            cwd: PROJECT_ROOT,
            stdio: ['ignore', process.stderr, 'inherit'],
          });
          return true;
        },
      },
      image: DockerImage.fromRegistry('node:22-slim'),
      environment: { HOME: '/tmp', npm_config_cache: '/tmp/.npm' },
      command: [
        'bash',
        '-c',
        [
          'mkdir -p /tmp/src',
          'tar -C /asset-input --exclude=./node_modules --exclude=./cdk.out --exclude=./.git -cf - . | tar -C /tmp/src -xf -',
          'cd /tmp/src',
          'npm ci --no-audit --no-fund',
          'npx tsx frontend/build.ts /asset-output',
        ].join(' && '),
      ],
    },
  });
}
