// Permissions that CDK has no ready-made grant for: the publisher's secrets in SSM and the job schedules.
// Each one is scoped to this stack's own parameter prefix or schedule group, never to the whole account.
import { type Acknowledgment, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';

type Grantee = iam.IGrantable & IConstruct;

// Grants land in the policy of the grantee's role, so that is where their acknowledgement belongs.
function acknowledgeOnRole(grantee: Grantee, acknowledgement: Acknowledgment): void {
  const principal = grantee.grantPrincipal;
  Validations.of(principal instanceof iam.Role ? principal : grantee).acknowledge(acknowledgement);
}

/** The SSM path under which the publisher creates the SecureString secrets before deploying: `/<stackName>`. */
export const secretsPrefix = (scope: IConstruct): string => `/${Stack.of(scope).stackName}`;

/** Read the publisher's SecureString secrets under `/<stackName>/` and nothing else in Parameter Store. */
export function grantSecretsRead(grantee: Grantee): void {
  const stack = Stack.of(grantee);
  const prefix = secretsPrefix(grantee).slice(1);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
      resources: [
        // GetParametersByPath is authorised against the path itself, the others against each parameter.
        stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: prefix }),
        stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: `${prefix}/*` }),
      ],
    }),
  );
  acknowledgeOnRole(grantee, {
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/${prefix}/*]`,
    reason:
      'The secrets are several SSM parameters the publisher creates under the stack prefix; the wildcard ' +
      'covers exactly that prefix, so adding a secret needs no IAM change.',
  });
}

export type ScheduleAction = 'scheduler:CreateSchedule' | 'scheduler:DeleteSchedule';

export interface ScheduleGrantProps {
  readonly groupName: string;
  readonly actions: readonly ScheduleAction[];
  /** Needed to create schedules: the role the schedules run as is passed to EventBridge Scheduler. */
  readonly schedulerRole?: iam.IRole;
}

/** Create and/or delete one-shot job schedules in this stack's schedule group. */
export function grantSchedules(grantee: Grantee, props: ScheduleGrantProps): void {
  const stack = Stack.of(grantee);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [...props.actions],
      resources: [stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${props.groupName}/*` })],
    }),
  );
  if (props.schedulerRole) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [props.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
  }
  acknowledgeOnRole(grantee, {
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${props.groupName}/*]`,
    reason:
      'Every delayed SMS gets its own schedule named after its job, so names are not known in advance; the ' +
      "wildcard is limited to this stack's schedule group.",
  });
}

/**
 * List schedules, so uninstalling a shop can find and delete its pending jobs. Kept in a policy of its own
 * because scheduler:ListSchedules cannot be limited to a resource, and its "*" should not hide anything else.
 */
export function grantScheduleListing(grantee: Grantee & { role?: iam.IRole | undefined }, id: string): void {
  if (!grantee.role) throw new Error(`GRANT_FAILED: ${grantee.node.path} has no role to attach ${id} to`);
  const policy = new iam.Policy(grantee, id, {
    statements: [new iam.PolicyStatement({ actions: ['scheduler:ListSchedules'], resources: ['*'] })],
  });
  grantee.role.attachInlinePolicy(policy);
  Validations.of(policy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'scheduler:ListSchedules supports no resource-level permissions, so AWS only accepts Resource "*"; the ' +
      'function filters by its own schedule group, and listing reveals only schedule names and times.',
  });
}

/** The Parameter Store name under which a Secrets Manager secret can be read with ssm:GetParameter. */
export const secretReferenceParameter = (secretName: string): string => `/aws/reference/secretsmanager/${secretName}`;

/**
 * Read one Secrets Manager secret, directly or through its Parameter Store reference (the SSM client and the
 * Powertools parameter cache the functions already use): GetSecretValue on that secret and GetParameter on that
 * one reference name, nothing else.
 */
export function grantSecretReferenceRead(grantee: Grantee, secret: secretsmanager.ISecret, secretName: string): void {
  const stack = Stack.of(grantee);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['ssm:GetParameter'],
      resources: [stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: secretReferenceParameter(secretName).slice(1) })],
    }),
  );
}
