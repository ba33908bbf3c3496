// The Cloud Run functions artifact: dist/gcp/, the source folder `gcloud functions deploy --source`
// uploads and `functions-framework --source` runs: index.mjs (the function, Wasm inline) and a
// package.json whose one dependency is the Functions Framework, which the platform's build installs.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundle, root } from '../bundle.ts';
import { folderArtifact, type Artifact } from './artifact.ts';

export const GCP_DIR = 'dist/gcp';
export const FUNCTIONS_FRAMEWORK = '@google-cloud/functions-framework';

export async function packageGcp(): Promise<Artifact[]> {
  await rm(join(root, GCP_DIR), { recursive: true, force: true });
  const repo = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
  // The version range the tests run it with.
  const manifest = {
    name: 'polyfn-gcp',
    version: repo.version,
    private: true,
    type: 'module',
    main: 'index.mjs',
    engines: { node: '>=20' },
    dependencies: { [FUNCTIONS_FRAMEWORK]: repo.devDependencies[FUNCTIONS_FRAMEWORK] },
  };
  await bundle({ entryPoints: ['adapters/gcp/index.ts'], outfile: `${GCP_DIR}/index.mjs`, external: [FUNCTIONS_FRAMEWORK] });
  await writeFile(join(root, GCP_DIR, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return [
    await folderArtifact(GCP_DIR, {
      [FUNCTIONS_FRAMEWORK]:
        "the platform's own framework: it serves the function and calls it (installed by the platform's build from package.json, not bundled)",
    }),
  ];
}
