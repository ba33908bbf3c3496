// `npm run package`: every platform's deployable artifacts under dist/, with their sizes, the
// files each deployed bundle carries, and its runtime dependencies (with the reason for each).
import { packageAzure } from './package/azure.ts';
import { packageLambda } from './package/lambda.ts';
import { packageOpenfaas } from './package/openfaas.ts';
import type { Artifact } from './package/artifact.ts';

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

export async function packageAll(): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  // One after another: each step bundles with esbuild and writes its own dist/ folder.
  for (const step of [packageLambda, packageAzure, packageOpenfaas]) artifacts.push(...(await step()));
  return artifacts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const artifact of await packageAll()) {
    console.log(`${artifact.path.padEnd(28)} ${size(artifact.bytes).padStart(10)}`);
    console.log(`  files: ${artifact.files.join(', ')}`);
    const deps = Object.entries(artifact.runtimeDependencies);
    console.log(`  runtime dependencies: ${deps.length ? deps.map(([name, why]) => `${name} (${why})`).join('; ') : 'none'}`);
  }
}
