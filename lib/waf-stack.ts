// The optional WAF in front of CloudFront: a web ACL that limits requests per visitor address on the public
// storefront paths. CloudFront web ACLs are global (scope CLOUDFRONT) and exist only in us-east-1, so this is a
// small stack of its own, deployed there by bin/waf.ts; the main stack attaches it through the webAclArn setting.
import { CfnOutput, LegacyStackSynthesizer, Stack, type StackProps } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct, Node } from 'constructs';
import { SettingsError } from './settings';

export const WAF_STACK_NAME = 'ShoperSmsNotificationsWaf';

/** Paths counted per address: only the widget's. Shoper and SMSAPI call from a few servers each, so a limit per
 *  address there would block every shop's webhooks at once; those routes have their own API Gateway throttles. */
export const RATE_LIMITED_PATH = '/storefront/';

export interface WafSettings {
  /** Most storefront requests one address may make in five minutes before WAF answers 429. */
  readonly storefrontLimitPer5Minutes: number;
}

// A shopper's page views send a config call and a few basket calls; several shoppers may share one address (mobile
// carriers' NAT), so the limit is generous: about one request a second, kept up for five minutes.
export const DEFAULT_WAF_SETTINGS: WafSettings = { storefrontLimitPer5Minutes: 300 };

export function readWafSettings(node: Node): WafSettings {
  const value: unknown = node.tryGetContext('wafStorefrontLimit');
  if (value === undefined || value === null || value === '') return DEFAULT_WAF_SETTINGS;
  const limit = Number(value);
  // WAF accepts a rate-based limit from 10 upwards.
  if (!Number.isInteger(limit) || limit < 10 || limit > 2_000_000_000) {
    throw new SettingsError('wafStorefrontLimit', `must be a whole number of requests per 5 minutes from 10, got ${String(value)}`);
  }
  return { storefrontLimitPer5Minutes: limit };
}

export interface WafStackProps extends StackProps {
  readonly settings?: WafSettings;
}

const metrics = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName: name,
  sampledRequestsEnabled: true,
});

export class WafStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: WafStackProps = {}) {
    const { settings: given, ...stackProps } = props;
    super(scope, id, {
      description: 'Optional WAF web ACL for the CloudFront distribution of Shoper SMS notifications',
      // Always us-east-1 (where CloudFront reads web ACLs from), in whatever account the credentials point at. No
      // assets, and the legacy synthesizer deploys the template with the caller's own credentials, so us-east-1 needs
      // no `cdk bootstrap`.
      env: { region: 'us-east-1' },
      synthesizer: new LegacyStackSynthesizer(),
      ...stackProps,
    });
    const settings = given ?? readWafSettings(this.node);

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      description: 'Per-address rate limit on the storefront widget paths',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: metrics('ShoperSmsNotifications'),
      rules: [
        {
          name: 'StorefrontPerAddress',
          priority: 0,
          statement: {
            rateBasedStatement: {
              limit: settings.storefrontLimitPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: RATE_LIMITED_PATH,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          // The same answer the storefront function gives when its own limits are hit, so the widget treats both alike.
          action: { block: { customResponse: { responseCode: 429 } } },
          visibilityConfig: metrics('StorefrontPerAddress'),
        },
      ],
    });

    new CfnOutput(this, 'WebAclArn', {
      description: 'Pass to the main stack: npx cdk deploy -c webAclArn=<this value>',
      value: this.webAcl.attrArn,
    });
  }
}
