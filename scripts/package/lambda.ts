// The AWS Lambda artifact: adapters/lambda/handler.ts bundled into one ESM file with the Wasm inline
// (dist/lambda/index.mjs, which serverless-offline runs), zipped at the root of dist/lambda.zip so the
// function's handler setting is `index.handler`. Nothing from node_modules ships beside it.
import { zipSync } from 'fflate';
import type { Metafile } from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { bundle, root } from '../bundle.ts';
import type { Artifact } from './artifact.ts';

export const LAMBDA_BUNDLE = 'dist/lambda/index.mjs';
export const LAMBDA_ZIP = 'dist/lambda.zip';

/** A fixed date and a Unix mode (rw-r--r--): the same code always makes the same zip, readable by the runtime. */
const ZIP_ENTRY = { mtime: '2020-01-01T00:00:00Z', os: 3, attrs: 0o100644 << 16, level: 9 } as const;

/** Imports the bundle leaves to the runtime that Node does not provide itself. */
function runtimeDependencies(metafile: Metafile): Record<string, string> {
  const imports = Object.values(metafile.outputs).flatMap((output) => output.imports);
  const missing = imports.filter((entry) => entry.external && !isBuiltin(entry.path));
  return Object.fromEntries(missing.map((entry) => [entry.path, 'imported by the bundle but not bundled']));
}

export async function packageLambda(): Promise<Artifact[]> {
  await rm(join(root, 'dist/lambda'), { recursive: true, force: true });
  const { metafile } = await bundle({ entryPoints: ['adapters/lambda/handler.ts'], outfile: LAMBDA_BUNDLE, metafile: true });
  const zip = zipSync({ 'index.mjs': [await readFile(join(root, LAMBDA_BUNDLE)), ZIP_ENTRY] });
  await writeFile(join(root, LAMBDA_ZIP), zip);
  return [{ path: LAMBDA_ZIP, bytes: zip.length, files: ['index.mjs'], runtimeDependencies: runtimeDependencies(metafile!) }];
}
