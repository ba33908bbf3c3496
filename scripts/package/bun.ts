// The Bun artifact: dist/bun/, the server (server.mjs, Wasm inline) and its Web Worker script,
// started with `PORT=8080 bun server.mjs`. No dependencies: Bun serves it itself.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { root, webServerBundle } from '../bundle.ts';
import { folderArtifact, type Artifact } from './artifact.ts';

export const BUN_DIR = 'dist/bun';

export async function packageBun(): Promise<Artifact[]> {
  await rm(join(root, BUN_DIR), { recursive: true, force: true });
  await webServerBundle({ entryPoints: ['adapters/bun/server.ts'], outfile: `${BUN_DIR}/server.mjs` });
  return [await folderArtifact(BUN_DIR, {})];
}
