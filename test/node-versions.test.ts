// The Node versions: every platform setting names the one major the deployments target (22: Lambda
// nodejs22.x, Azure Functions, Cloud Run functions, the OpenFaaS image, .nvmrc), while package.json's
// engines keeps the floor that the bundles are built for (20.19: require(esm)), so 20 keeps working
// until it goes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { root } from '../scripts/bundle.ts';

const TARGET = 22;
const FLOOR = '20.19';

const read = (path: string) => readFile(join(root, path), 'utf8');

/** Every match of `pattern`'s first group in the file: each place it names a version. */
async function named(path: string, pattern: RegExp): Promise<string[]> {
  const found = [...(await read(path)).matchAll(pattern)].map((match) => match[1]!);
  assert.ok(found.length > 0, `${path} names no version (${pattern})`);
  return found;
}

test(`the platforms' settings name Node ${TARGET}`, async () => {
  assert.is((await read('.nvmrc')).trim(), String(TARGET));
  for (const path of ['deploy/aws/serverless.yml', 'deploy/aws/template.yaml']) {
    for (const runtime of await named(path, /^\s+[Rr]untime: nodejs(\d+)\.x$/gm)) assert.is(Number(runtime), TARGET, path);
  }
  for (const image of await named('deploy/openfaas/Dockerfile', /^FROM \S+ node:(\d+)-alpine$/gm)) assert.is(Number(image), TARGET, 'Dockerfile');
  for (const runtime of await named('deploy/gcp/README.md', /--runtime=nodejs(\d+)/g)) assert.is(Number(runtime), TARGET, 'deploy/gcp/README.md');
  const azure = 'deploy/azure/README.md';
  for (const version of await named(azure, /--runtime-version (\d+)/g)) assert.is(Number(version), TARGET, azure);
  for (const version of await named(azure, /WEBSITE_NODE_DEFAULT_VERSION=~(\d+)/g)) assert.is(Number(version), TARGET, azure);
});

test(`engines keeps the floor, Node ${FLOOR}, and the bundles are built for it`, async () => {
  const { engines } = JSON.parse(await read('package.json')) as { engines: { node: string } };
  assert.is(engines.node, `>=${FLOOR}`);
  assert.equal(await named('scripts/bundle.ts', /target: 'node(\d+)'/g), [FLOOR.split('.')[0]!]);
});

test.run();
