// The Cloudflare Workers artifact: dist/cloudflare/, what `wrangler deploy` uploads as it is
// (no_bundle) and `workerd serve wrangler.jsonc` runs: wrangler.jsonc (deploy/cloudflare/), the
// worker (worker.mjs) and the kernels as polyfn.wasm beside it, which the worker imports and the
// platform compiles at upload. No dependencies: the worker's one import besides its own files is
// the runtime's cloudflare:workers.
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { root, webBundle } from '../bundle.ts';
import { folderArtifact, type Artifact } from './artifact.ts';

export const CLOUDFLARE_DIR = 'dist/cloudflare';

export async function packageCloudflare(): Promise<Artifact[]> {
  const out = join(root, CLOUDFLARE_DIR);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await Promise.all([
    webBundle({ entryPoints: ['adapters/cloudflare/worker.ts'], outfile: `${CLOUDFLARE_DIR}/worker.mjs`, external: ['*.wasm', 'cloudflare:workers'] }),
    copyFile(join(root, 'build/polyfn.wasm'), join(out, 'polyfn.wasm')),
    copyFile(join(root, 'deploy/cloudflare/wrangler.jsonc'), join(out, 'wrangler.jsonc')),
  ]);
  return [await folderArtifact(CLOUDFLARE_DIR, {})];
}

/** What the tests and the benchmark read of a Workers folder's wrangler.jsonc (JSON with // comment lines). */
export interface WranglerConfig {
  main: string;
  compatibility_date: string;
  vars: Record<string, string>;
}

export async function wranglerConfig(folder = join(root, CLOUDFLARE_DIR)): Promise<WranglerConfig> {
  const text = await readFile(join(folder, 'wrangler.jsonc'), 'utf8');
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as WranglerConfig;
}
