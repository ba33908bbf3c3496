// The Azure package step: two function apps, each a folder that `func azure functionapp publish`
// deploys as is (and `func start` runs locally). Templates come from deploy/azure/.
//   dist/azure-functions/       the v4 programming model: host.json, package.json, index.js
//   dist/azure-custom-handler/  host.json, one folder per route (its function.json written here from the
//                               route table), custom-handler.mjs
//                               with its worker pool's files beside it (kernel-worker.mjs, piscina/)
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AZURE_FUNCTIONS } from '../../adapters/azure/function-app.ts';
import { functionJson } from '../../adapters/azure/invocation.ts';
import { bundle, root, SERVER_BUNDLE_DEPENDENCIES, serverBundle } from '../bundle.ts';
import { folderArtifact, type Artifact } from './artifact.ts';

const FUNCTIONS_APP = 'dist/azure-functions';
const CUSTOM_HANDLER = 'dist/azure-custom-handler';

async function packageFunctionsApp(): Promise<Artifact> {
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const manifest = { name: 'polyfn-azure-functions', version, private: true, main: 'index.js' };
  await cp(join(root, 'deploy/azure/functions-app'), join(root, FUNCTIONS_APP), { recursive: true });
  await Promise.all([
    writeFile(join(root, FUNCTIONS_APP, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`),
    // CommonJS, @azure/functions-core left out: the library finds the worker through
    // require('@azure/functions-core'), which only the Node worker's CommonJS loader answers.
    bundle({
      entryPoints: ['adapters/azure/functions.ts'],
      outfile: `${FUNCTIONS_APP}/index.js`,
      format: 'cjs',
      external: ['@azure/functions-core'],
    }),
  ]);
  return folderArtifact(FUNCTIONS_APP, {
    '@azure/functions': 'the v4 programming model (app.http); bundled into index.js, so the app has no node_modules to install',
  });
}

async function packageCustomHandler(): Promise<Artifact> {
  await cp(join(root, 'deploy/azure/custom-handler'), join(root, CUSTOM_HANDLER), { recursive: true });
  // One folder per function the code serves, derived from the route table: nothing to keep in step.
  await Promise.all(
    AZURE_FUNCTIONS.map(async ({ name, route }) => {
      await mkdir(join(root, CUSTOM_HANDLER, name), { recursive: true });
      await writeFile(join(root, CUSTOM_HANDLER, name, 'function.json'), `${JSON.stringify(functionJson(route), null, 2)}\n`);
    }),
  );
  await serverBundle({ entryPoints: ['adapters/azure/custom-handler-main.ts'], outfile: `${CUSTOM_HANDLER}/custom-handler.mjs` });
  return folderArtifact(CUSTOM_HANDLER, SERVER_BUNDLE_DEPENDENCIES);
}

/** Writes dist/azure-functions/ and dist/azure-custom-handler/ afresh. */
export async function packageAzure(): Promise<Artifact[]> {
  await Promise.all([FUNCTIONS_APP, CUSTOM_HANDLER].map((dir) => rm(join(root, dir), { recursive: true, force: true })));
  return Promise.all([packageFunctionsApp(), packageCustomHandler()]);
}
