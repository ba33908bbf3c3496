// `npm run package`: every platform's deployable artifacts under dist/, with their sizes, the
// files each deployed bundle carries, and its runtime dependencies (with the reason for each).
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { packageAzure } from './package/azure.ts';
import { packageBun } from './package/bun.ts';
import { packageCloudflare } from './package/cloudflare.ts';
import { packageDeno } from './package/deno.ts';
import { packageGcp } from './package/gcp.ts';
import { packageLambda } from './package/lambda.ts';
import { packageNetlify } from './package/netlify.ts';
import { packageOpenApi } from './package/openapi.ts';
import { packageOpenfaas } from './package/openfaas.ts';
import { packageVercel } from './package/vercel.ts';
import { formatBytes, type Artifact } from './package/artifact.ts';

export async function packageAll(): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  // One after another: each step bundles with esbuild and writes its own dist/ folder.
  const steps = [
    packageLambda,
    packageAzure,
    packageOpenfaas,
    packageCloudflare,
    packageDeno,
    packageBun,
    packageGcp,
    packageNetlify,
    packageVercel,
    packageOpenApi,
  ];
  for (const step of steps) artifacts.push(...(await step()));
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
