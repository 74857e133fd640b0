// The CDK app: one environment-agnostic stack, so `cdk synth` works offline and `cdk deploy` targets whatever
// account and region the publisher's credentials point at. cdk-nag's AWS Solutions checks run on every synth.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SmsNotificationsStack, STACK_NAME } from '../lib/sms-notifications-stack';

const app = new App();
new SmsNotificationsStack(app, STACK_NAME);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
