// cdk-nag's AWS Solutions checks pass on the stack: every finding is either fixed or acknowledged next to its
// resource with a written reason. The same checks run on `cdk synth` (bin/app.ts), where a finding fails it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { SmsNotificationsStack, STACK_NAME } from '../../lib/sms-notifications-stack';

const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8'));
const newApp = () => new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });

const app = newApp();
const stack = new SmsNotificationsStack(app, STACK_NAME);

test('AWS Solutions checks report nothing unacknowledged', () => {
  const report = new AwsSolutionsChecks().validateScope(app);
  const findings = report.violations.map(
    (v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
  );
  expect(findings).toEqual([]);
  expect(findings.filter((f) => f.startsWith('error'))).toEqual([]);
});

test('the checks stay clean with every opt-in setting given (reservations, WAF, throttles)', () => {
  const optedIn = new App({
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      reservedConcurrency: 'storefront=20,reports=10,webhooks=30,admin=10,appstore=5',
      routeThrottles: 'storefront=20/40',
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/ShoperSmsNotifications/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    },
  });
  new SmsNotificationsStack(optedIn, STACK_NAME);
  const report = new AwsSolutionsChecks().validateScope(optedIn);
  expect(report.violations.map((v) => `${v.severity} ${v.ruleName}`)).toEqual([]);
});

test('the checks do catch a finding nobody acknowledged', () => {
  const probeApp = newApp();
  new s3.Bucket(new Stack(probeApp, 'Probe'), 'Unlogged');
  const report = new AwsSolutionsChecks().validateScope(probeApp);
  expect(report.violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1']));
});

test('synthesis with the checks registered, as bin/app.ts does, succeeds', () => {
  const checkedApp = newApp();
  new SmsNotificationsStack(checkedApp, STACK_NAME);
  Validations.of(checkedApp).addPlugins(new AwsSolutionsChecks(checkedApp));
  expect(() => checkedApp.synth()).not.toThrow();
});

test('every acknowledgement carries a written reason', () => {
  const acknowledgements: { path: string; id: string; reason: string }[] = [];
  const visit = (construct: IConstruct) => {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        acknowledgements.push({ path: construct.node.path, id, reason });
      }
    }
    construct.node.children.forEach(visit);
  };
  visit(stack);
  expect(acknowledgements.length).toBeGreaterThan(0);
  // A reason says why the finding does not apply here, in a sentence, not a placeholder.
  const weak = acknowledgements.filter(({ reason }) => reason.trim().split(/\s+/).length < 12);
  expect(weak).toEqual([]);
});

test('CDK itself reports no errors or warnings on the stack', () => {
  expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
});
