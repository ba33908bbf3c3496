// The Netlify artifact: dist/netlify/, a site folder for `netlify deploy`: netlify.toml
// (deploy/netlify/), the function netlify/functions/polyfn.mjs (one file, Wasm inline: Netlify's
// bundler would leave a .wasm read from disk out) and an empty public/ to publish. No dependencies.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundle, root } from '../bundle.ts';
import { folderArtifact, type Artifact } from './artifact.ts';

export const NETLIFY_DIR = 'dist/netlify';
export const NETLIFY_FUNCTION = `${NETLIFY_DIR}/netlify/functions/polyfn.mjs`;

export async function packageNetlify(): Promise<Artifact[]> {
  const out = join(root, NETLIFY_DIR);
  await rm(out, { recursive: true, force: true });
  await mkdir(join(out, 'public'), { recursive: true });
  await Promise.all([
    bundle({ entryPoints: ['adapters/netlify/polyfn.ts'], outfile: NETLIFY_FUNCTION }),
    copyFile(join(root, 'deploy/netlify/netlify.toml'), join(out, 'netlify.toml')),
    // Netlify publishes a folder with every site; the function is the whole of this one.
    writeFile(join(out, 'public/index.html'), '<!doctype html><title>polyfn</title><p>The API is at /api/.</p>\n'),
  ]);
  return [await folderArtifact(NETLIFY_DIR, {})];
}
