// `npm run package`: every platform's deployable artifacts under dist/, with their sizes, the
// files each deployed bundle carries, and its runtime dependencies (with the reason for each).
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { packageAzure } from './package/azure.ts';
import { packageLambda } from './package/lambda.ts';
import { packageOpenApi } from './package/openapi.ts';
import { packageOpenfaas } from './package/openfaas.ts';
import { formatBytes, type Artifact } from './package/artifact.ts';

export async function packageAll(): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  // One after another: each step bundles with esbuild and writes its own dist/ folder.
  for (const step of [packageLambda, packageAzure, packageOpenfaas, packageOpenApi]) artifacts.push(...(await step()));
  return artifacts;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
  for (const artifact of await packageAll()) {
    console.log(`${artifact.path.padEnd(28)} ${formatBytes(artifact.bytes).padStart(10)}`);
    console.log(`  files: ${artifact.files.join(', ')}`);
    const deps = Object.entries(artifact.runtimeDependencies);
    console.log(`  runtime dependencies: ${deps.length ? deps.map(([name, why]) => `${name} (${why})`).join('; ') : 'none'}`);
  }
}
