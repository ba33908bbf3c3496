// What the AWS deploy files give AWS, read from what the tools write rather than from the files'
// text: the CloudFormation that `serverless package` (osls) writes from deploy/aws/serverless.yml,
// and deploy/aws/template.yaml as CloudFormation reads it. A public function URL needs both
// lambda:InvokeFunctionUrl and lambda:InvokeFunction (InvokedViaFunctionUrl) in its resource policy,
// or it answers 403; Lambda filters the JSON log lines by level only with the JSON log format.
// `serverless package` makes no AWS call (dummy credentials, telemetry off).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, type Tags } from 'yaml';
import { root } from '../scripts/bundle.ts';
import { packageLambda } from '../scripts/package/lambda.ts';
import { run } from './support/run.ts';

const SERVERLESS = join(root, 'node_modules/serverless/bin/serverless.js');
const FOLDER = join(root, 'deploy/aws');
const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}

/** `serverless package` into a temporary folder: the update-stack template it would deploy. */
async function serverlessTemplate(...args: string[]): Promise<Record<string, Resource>> {
  const out = await mkdtemp(join(tmpdir(), 'polyfn-sls-'));
  try {
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'not-a-secret',
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      SLS_INTERACTIVE_SETUP_DISABLE: '1',
      FORCE_COLOR: '0',
    };
    const ran = await run(process.execPath, [SERVERLESS, 'package', '--package', out, ...args], { cwd: FOLDER, env });
    assert.is(ran.code, 0, ran.stdout + ran.stderr);
    return JSON.parse(await readFile(join(out, 'cloudformation-template-update-stack.json'), 'utf8')).Resources;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** CloudFormation's short forms (!Ref, !GetAtt, !Sub) as the long forms they stand for. */
const CLOUDFORMATION_TAGS: Tags = [
  { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
  { tag: '!GetAtt', resolve: (value: string) => ({ 'Fn::GetAtt': value.split('.') }) },
  { tag: '!Sub', resolve: (value: string) => ({ 'Fn::Sub': value }) },
];

interface SamTemplate {
  Parameters: Record<string, { Default?: string; AllowedValues?: string[] }>;
  Resources: Record<string, Resource>;
}

async function samTemplate(): Promise<SamTemplate> {
  return parse(await readFile(join(FOLDER, 'template.yaml'), 'utf8'), { customTags: CLOUDFORMATION_TAGS });
}

function ofType(resources: Record<string, Resource>, type: string): Resource[] {
  return Object.values(resources).filter((resource) => resource.Type === type);
}

const test = suite('AWS deploy files');

let resources: Record<string, Resource>;
test.before(async () => {
  await packageLambda(); // serverless package checks that the artifact exists
  resources = await serverlessTemplate();
});

test('serverless.yml: the function URL is public, with both permissions', () => {
  const fn = { 'Fn::GetAtt': ['ApiLambdaFunction', 'Arn'] };
  const permissions = ofType(resources, 'AWS::Lambda::Permission').map((p) => p.Properties);
  const url = permissions.find((p) => p['Action'] === 'lambda:InvokeFunctionUrl');
  assert.equal(url, { FunctionName: fn, Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' });
  const invoke = permissions.find((p) => p['Action'] === 'lambda:InvokeFunction' && p['Principal'] === '*');
  assert.equal(invoke, { FunctionName: fn, Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true });
  assert.equal(ofType(resources, 'AWS::Lambda::Url')[0]?.Properties['AuthType'], 'NONE');
});

test('serverless.yml: JSON logs filtered at the logLevel parameter (INFO unless given), kept 14 days', async () => {
  const fn = ofType(resources, 'AWS::Lambda::Function')[0]!.Properties;
  assert.is(fn['Runtime'], 'nodejs22.x');
  assert.equal(fn['LoggingConfig'], { ApplicationLogLevel: 'INFO', LogFormat: 'JSON', SystemLogLevel: 'INFO' });
  assert.is(ofType(resources, 'AWS::Logs::LogGroup')[0]?.Properties['RetentionInDays'], 14);
  const warn = ofType(await serverlessTemplate('--param', 'logLevel=WARN'), 'AWS::Lambda::Function')[0]!.Properties;
  assert.is((warn['LoggingConfig'] as { ApplicationLogLevel: string }).ApplicationLogLevel, 'WARN');
});

test('template.yaml: JSON logs at the LogLevel parameter, into a log group kept as long as serverless.yml keeps it', async () => {
  const sam = await samTemplate();
  assert.is(sam.Parameters['LogLevel']?.Default, 'INFO');
  assert.equal(sam.Parameters['LogLevel']?.AllowedValues, LEVELS);
  const [fn] = ofType(sam.Resources, 'AWS::Serverless::Function');
  assert.is(fn!.Properties['Runtime'], 'nodejs22.x');
  assert.equal(fn!.Properties['FunctionUrlConfig'], { AuthType: 'NONE' });
  const { LogGroup: logGroup, ...logging } = fn!.Properties['LoggingConfig'] as { LogGroup: { Ref: string } };
  assert.equal(logging, { LogFormat: 'JSON', ApplicationLogLevel: { Ref: 'LogLevel' }, SystemLogLevel: 'INFO' });
  const group = sam.Resources[logGroup.Ref];
  assert.is(group?.Type, 'AWS::Logs::LogGroup');
  const serverlessRetention = ofType(resources, 'AWS::Logs::LogGroup')[0]?.Properties['RetentionInDays'];
  assert.is(group?.Properties['RetentionInDays'], serverlessRetention);
});

test.run();
