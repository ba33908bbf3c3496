// The OpenFaaS artifact: dist/openfaas/, a Docker build context for `faas-cli up` (lang: dockerfile).
// It holds the of-watchdog upstream server (server.mjs, with its worker pool's files beside it), the
// classic watchdog's entry (classic.mjs), both with the Wasm inline, deploy/openfaas/Dockerfile, and
// deploy/openfaas/stack.yaml pointed at this folder. No node_modules: piscina is bundled in.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundle, root, SERVER_BUNDLE_DEPENDENCIES, serverBundle } from '../bundle.ts';
import { folderContents, type Artifact } from './artifact.ts';

export const OPENFAAS_DIR = 'dist/openfaas';
/** The stack in the repo builds from the package; the packaged copy builds from its own folder. */
const REPO_HANDLER = 'handler: ../../dist/openfaas';

export async function packageOpenfaas(): Promise<Artifact[]> {
  const out = join(root, OPENFAAS_DIR);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const stack = await readFile(join(root, 'deploy/openfaas/stack.yaml'), 'utf8');
  if (!stack.includes(REPO_HANDLER)) throw new Error(`deploy/openfaas/stack.yaml: no "${REPO_HANDLER}" to point at the build context`);
  await Promise.all([
    serverBundle({ entryPoints: ['adapters/openfaas/server.ts'], outfile: `${OPENFAAS_DIR}/server.mjs` }),
    bundle({ entryPoints: ['adapters/openfaas/classic.ts'], outfile: `${OPENFAAS_DIR}/classic.mjs` }),
    copyFile(join(root, 'deploy/openfaas/Dockerfile'), join(out, 'Dockerfile')),
    writeFile(join(out, 'stack.yaml'), stack.replaceAll(REPO_HANDLER, 'handler: .')),
  ]);
  return [
    {
      path: `${OPENFAAS_DIR}/`,
      ...(await folderContents(out)),
      runtimeDependencies: SERVER_BUNDLE_DEPENDENCIES,
    },
  ];
}
