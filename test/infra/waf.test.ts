// The optional WAF app (bin/waf.ts): one us-east-1 stack with a CloudFront web ACL that limits storefront requests
// per address, deployable without bootstrapping us-east-1, and clean under cdk-nag like the main stack.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { WAF_STACK_NAME, WafStack } from '../../lib/waf-stack';

type Json = Record<string, any>;

const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as Json;
const newApp = (context: Json = {}) => new App({ context: { ...cdkJson.context, ...context } });

function synthesize(context: Json = {}): { stack: WafStack; template: Template } {
  const stack = new WafStack(newApp(context), WAF_STACK_NAME);
  return { stack, template: Template.fromStack(stack) };
}

const { stack, template } = synthesize();
const webAcl = () => Object.values(template.findResources('AWS::WAFv2::WebACL'))[0]!.Properties as Json;

test('lives in us-east-1, where CloudFront reads web ACLs from, in any account', () => {
  expect(stack.region).toBe('us-east-1');
  expect(webAcl().Scope).toBe('CLOUDFRONT');
});

test('needs no bootstrap in us-east-1: no bootstrap version check, no asset', () => {
  const json = template.toJSON();
  expect(json.Parameters?.BootstrapVersion).toBeUndefined();
  expect(json.Rules?.CheckBootstrapVersion).toBeUndefined();
  // Deployed with the caller's own credentials (no bootstrap deploy role) and its template inline (no asset bucket).
  const app = newApp();
  new WafStack(app, WAF_STACK_NAME);
  const manifest = app.synth().getStackByName(WAF_STACK_NAME);
  expect(manifest.assumeRoleArn).toBeUndefined();
  expect(manifest.stackTemplateAssetObjectUrl).toBeUndefined();
});

test('allows everything but storefront requests over the limit from one address, which get 429', () => {
  const acl = webAcl();
  expect(acl.DefaultAction).toEqual({ Allow: {} });
  expect(acl.Rules).toHaveLength(1);
  const rule = acl.Rules[0] as Json;
  expect(rule.Action).toEqual({ Block: { CustomResponse: { ResponseCode: 429 } } });
  const rate = rule.Statement.RateBasedStatement as Json;
  expect(rate).toMatchObject({ Limit: 300, EvaluationWindowSec: 300, AggregateKeyType: 'IP' });
  expect(rate.ScopeDownStatement.ByteMatchStatement).toMatchObject({
    FieldToMatch: { UriPath: {} },
    PositionalConstraint: 'STARTS_WITH',
    SearchString: '/storefront/',
  });
});

test('never limits Shoper or SMSAPI per address (they call from a few servers for every shop)', () => {
  const text = JSON.stringify(webAcl());
  expect(text).not.toContain('/shoper/');
  expect(text).not.toContain('/smsapi/');
});

test('prints the ARN to pass as webAclArn', () => {
  expect(template.findOutputs('WebAclArn').WebAclArn?.Value).toEqual({
    'Fn::GetAtt': [Object.keys(template.findResources('AWS::WAFv2::WebACL'))[0], 'Arn'],
  });
});

test('wafStorefrontLimit changes the limit; an impossible one stops the synth', () => {
  const custom = Object.values(synthesize({ wafStorefrontLimit: '1000' }).template.findResources('AWS::WAFv2::WebACL'))[0]!;
  expect(custom.Properties.Rules[0].Statement.RateBasedStatement.Limit).toBe(1000);
  expect(() => synthesize({ wafStorefrontLimit: '5' })).toThrow(/wafStorefrontLimit/);
  expect(() => synthesize({ wafStorefrontLimit: 'lots' })).toThrow(/wafStorefrontLimit/);
});

test('AWS Solutions checks report nothing unacknowledged', () => {
  const app = newApp();
  new WafStack(app, WAF_STACK_NAME);
  const report = new AwsSolutionsChecks().validateScope(app);
  expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
});
