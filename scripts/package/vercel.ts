// The Vercel artifact: dist/vercel/, a project folder for `vercel deploy`: vercel.json
// (deploy/vercel/: /api/* rewritten to the function), package.json (ES modules, the Node version)
// and the function api/polyfn.mjs (one file, Wasm inline). No dependencies.
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundle, root } from '../bundle.ts';
import { folderArtifact, type Artifact } from './artifact.ts';

export const VERCEL_DIR = 'dist/vercel';
export const VERCEL_FUNCTION = `${VERCEL_DIR}/api/polyfn.mjs`;

export async function packageVercel(): Promise<Artifact[]> {
  const out = join(root, VERCEL_DIR);
  await rm(out, { recursive: true, force: true });
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const manifest = { name: 'polyfn-vercel', version, private: true, type: 'module', engines: { node: '22.x' } };
  await bundle({ entryPoints: ['adapters/vercel/polyfn.ts'], outfile: VERCEL_FUNCTION });
  await Promise.all([
    copyFile(join(root, 'deploy/vercel/vercel.json'), join(out, 'vercel.json')),
    writeFile(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`),
  ]);
  return [await folderArtifact(VERCEL_DIR, {})];
}
