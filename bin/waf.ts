// The optional WAF app: one stack in us-east-1 holding the CloudFront web ACL (lib/waf-stack.ts). Deployed apart
// from the main app, so a plain `cdk deploy` still deploys the one main stack:
//   npx cdk deploy --app "npx tsx bin/waf.ts"    then    npx cdk deploy -c webAclArn=<its WebAclArn output>
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { WAF_STACK_NAME, WafStack } from '../lib/waf-stack';

const app = new App();
new WafStack(app, WAF_STACK_NAME);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
