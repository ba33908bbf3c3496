// The Deno artifact: dist/deno/, the module `deno serve` runs (main.mjs, Wasm inline) and its Web
// Worker script. No dependencies: Deno serves it itself.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { root, webServerBundle } from '../bundle.ts';
import { folderArtifact, type Artifact } from './artifact.ts';

export const DENO_DIR = 'dist/deno';

export async function packageDeno(): Promise<Artifact[]> {
  await rm(join(root, DENO_DIR), { recursive: true, force: true });
  await webServerBundle({ entryPoints: ['adapters/deno/main.ts'], outfile: `${DENO_DIR}/main.mjs` });
  return [await folderArtifact(DENO_DIR, {})];
}
