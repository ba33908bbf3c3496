// Supply chain: each deployed bundle carries only what it needs. (`npm audit` cannot run here: the
// registry mirror answers 405 to its endpoint, so these tests check what audit would cover instead.)
// esbuild writes a `// <path>` line before each module it bundles (the bundles are not minified):
// from those, the packages inside each artifact must be exactly the runtime dependencies its package
// step lists (with their own dependencies), never a dev dependency; its own code must come from
// src/ and its platform's adapter only; and the imports it leaves to the runtime are the platform's,
// or a dependency the platform installs from the artifact's package.json (Cloud Run functions).
import { unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { root, SERVER_BUNDLE_DEPENDENCIES } from '../scripts/bundle.ts';
import type { Artifact } from '../scripts/package/artifact.ts';
import { packageAzure } from '../scripts/package/azure.ts';
import { packageBun } from '../scripts/package/bun.ts';
import { packageCloudflare } from '../scripts/package/cloudflare.ts';
import { packageDeno } from '../scripts/package/deno.ts';
import { GCP_DIR, packageGcp } from '../scripts/package/gcp.ts';
import { LAMBDA_ZIP, packageLambda } from '../scripts/package/lambda.ts';
import { packageNetlify } from '../scripts/package/netlify.ts';
import { packageOpenfaas } from '../scripts/package/openfaas.ts';
import { packageVercel } from '../scripts/package/vercel.ts';

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

async function manifest(path: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(root, path), 'utf8')) as Manifest;
}

/** A deployable as it ships: its JavaScript files' code, and what may be in them. */
interface Deployable {
  name: string;
  /** File name -> code, for every .js/.mjs file it ships. */
  code: Record<string, string>;
  /** Packages it documents as runtime dependencies (the package step's list). */
  documented: string[];
  /** Folders its own modules may come from: src/, the Wasm in build/, and its platform's adapter. */
  ownCode: string[];
  /** Non-builtin imports left for the runtime to provide. */
  providedByRuntime: string[];
  /** Documented dependencies the platform installs from the artifact's package.json, rather than bundled. */
  installed?: string[];
}

const MODULE_MARKER = /^\/\/ (\S+\.(?:[cm]?[jt]s|json|wasm))$/gm;
const IMPORTED = /\brequire\("([^"]+)"\)|\bfrom\s*"([^"]+)"|\bimport\("([^"]+)"\)/g;

/** The modules esbuild bundled into `code`, as paths from the repo root. */
function bundledModules(code: string): string[] {
  return [...code.matchAll(MODULE_MARKER)].map(([, path]) => path!);
}

/** The package a bundled module comes from (the innermost node_modules), or undefined for the repo's own. */
function packageOf(path: string): string | undefined {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(path);
  return match?.[1];
}

/** `names` and everything they depend on, from the installed packages' manifests. */
async function withDependencies(names: string[]): Promise<Set<string>> {
  const closure = new Set<string>();
  const queue = [...names];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    if (closure.has(name)) continue;
    closure.add(name);
    queue.push(...Object.keys((await manifest(`node_modules/${name}/package.json`)).dependencies ?? {}));
  }
  return closure;
}

async function filesOf(artifact: Artifact): Promise<Record<string, string>> {
  const scripts = artifact.files.filter((file) => /\.m?js$/.test(file));
  return Object.fromEntries(await Promise.all(scripts.map(async (file) => [file, await readFile(join(root, artifact.path, file), 'utf8')])));
}

const OWN = ['src/', 'build/'];
let deployables: Deployable[] = [];
let repo: Manifest = {};

const supply = suite('supply chain: each deployed bundle carries only what it needs');

supply.before(async () => {
  repo = await manifest('package.json');
  // One after another: each step bundles with esbuild and writes its own dist/ folder.
  const [lambda] = await packageLambda();
  const [functionsApp, customHandler] = await packageAzure();
  const [openfaas] = await packageOpenfaas();
  const web = {
    cloudflare: await packageCloudflare(),
    deno: await packageDeno(),
    bun: await packageBun(),
    gcp: await packageGcp(),
    netlify: await packageNetlify(),
    vercel: await packageVercel(),
  };
  const gcpManifest = await manifest(`${GCP_DIR}/package.json`);
  const zipped = unzipSync(new Uint8Array(await readFile(join(root, LAMBDA_ZIP))));
  deployables = await Promise.all([
    {
      name: 'lambda (dist/lambda.zip)',
      code: Object.fromEntries(Object.entries(zipped).map(([file, bytes]) => [file, Buffer.from(bytes).toString('utf8')])),
      documented: Object.keys(lambda!.runtimeDependencies),
      ownCode: [...OWN, 'adapters/lambda/'],
      providedByRuntime: [],
    },
    {
      name: 'azure functions v4 (dist/azure-functions/)',
      code: await filesOf(functionsApp!),
      documented: Object.keys(functionsApp!.runtimeDependencies),
      ownCode: [...OWN, 'adapters/azure/'],
      // The Node worker answers this require() itself (scripts/package/azure.ts leaves it out).
      providedByRuntime: ['@azure/functions-core'],
    },
    {
      name: 'azure custom handler (dist/azure-custom-handler/)',
      code: await filesOf(customHandler!),
      documented: Object.keys(customHandler!.runtimeDependencies),
      ownCode: [...OWN, 'adapters/azure/'],
      // piscina's optional thread-priority addon: loaded only when asked for, its absence caught.
      providedByRuntime: ['@napi-rs/nice'],
    },
    {
      name: 'openfaas (dist/openfaas/)',
      code: await filesOf(openfaas!),
      documented: Object.keys(openfaas!.runtimeDependencies),
      ownCode: [...OWN, 'adapters/openfaas/'],
      providedByRuntime: ['@napi-rs/nice'],
    },
    {
      // The npm package's bin: a server bundle, so it carries what every server bundle carries.
      name: 'the local server (build/cli.mjs and its pool)',
      code: Object.fromEntries(
        await Promise.all(['cli.mjs', 'kernel-worker.mjs', 'piscina/worker.js'].map(async (file) => [file, await readFile(join(root, 'build', file), 'utf8')])),
      ),
      documented: Object.keys(SERVER_BUNDLE_DEPENDENCIES),
      ownCode: [...OWN, 'cli/', 'adapters/node/', 'package.json'],
      providedByRuntime: ['@napi-rs/nice'],
    },
    {
      name: 'cloudflare workers (dist/cloudflare/)',
      code: await filesOf(web.cloudflare[0]!),
      documented: Object.keys(web.cloudflare[0]!.runtimeDependencies),
      ownCode: [...OWN, 'adapters/cloudflare/'],
      // The kernels beside the worker, compiled by the platform, and the runtime's own module (its bindings).
      providedByRuntime: ['./polyfn.wasm', 'cloudflare:workers'],
    },
    ...(['deno', 'bun', 'netlify', 'vercel'] as const).map(async (platform) => ({
      name: `${platform} (${web[platform][0]!.path})`,
      code: await filesOf(web[platform][0]!),
      documented: Object.keys(web[platform][0]!.runtimeDependencies),
      ownCode: [...OWN, `adapters/${platform}/`],
      providedByRuntime: [],
    })),
    {
      name: 'cloud run functions (dist/gcp/)',
      code: await filesOf(web.gcp[0]!),
      documented: Object.keys(web.gcp[0]!.runtimeDependencies),
      ownCode: [...OWN, 'adapters/gcp/'],
      providedByRuntime: [],
      installed: Object.keys(gcpManifest.dependencies ?? {}),
    },
  ]);
});

supply('every bundle still marks its modules (the checks below read those marks)', () => {
  for (const { name, code } of deployables) {
    for (const [file, text] of Object.entries(code)) assert.ok(bundledModules(text).length > 0, `${name} ${file}: no module marks (minified?)`);
  }
});

supply('the packages inside each bundle are exactly its documented runtime dependencies and theirs', async () => {
  const devOnly = Object.keys(repo.devDependencies ?? {});
  for (const { name, code, documented, installed = [] } of deployables) {
    const allowed = await withDependencies(documented.filter((dependency) => !installed.includes(dependency)));
    const bundled = new Set(
      Object.values(code).flatMap((text) =>
        bundledModules(text)
          .map(packageOf)
          .filter((p) => p !== undefined),
      ),
    );
    for (const dependency of documented)
      assert.ok(bundled.has(dependency) || installed.includes(dependency), `${name}: documents ${dependency} but neither carries it nor has it installed`);
    for (const dependency of installed)
      assert.ok(documented.includes(dependency) && !bundled.has(dependency), `${name}: installs ${dependency} without documenting it, or bundles it too`);
    for (const found of bundled)
      assert.ok(allowed.has(found), `${name}: carries ${found}, which its package step does not list (it lists: ${documented.join(', ') || 'none'})`);
    for (const dev of devOnly)
      assert.ok(
        !bundled.has(dev) || documented.includes(dev),
        `${name}: carries the dev dependency ${dev}, which its package step does not list as a runtime dependency`,
      );
  }
});

supply("each bundle's own code comes from src/ and its own platform's adapter", () => {
  for (const { name, code, ownCode } of deployables) {
    const own = Object.values(code).flatMap((text) => bundledModules(text).filter((path) => packageOf(path) === undefined));
    for (const path of own)
      assert.ok(
        ownCode.some((prefix) => path.startsWith(prefix)),
        `${name}: bundles ${path}`,
      );
  }
});

supply('the only imports left to the runtime are builtins, what the platform provides and what it installs', () => {
  for (const { name, code, providedByRuntime, installed = [] } of deployables) {
    const imports = Object.values(code).flatMap((text) => [...text.matchAll(IMPORTED)].map((m) => m[1] ?? m[2] ?? m[3]!));
    const external = [...new Set(imports.filter((specifier) => !isBuiltin(specifier)))].sort();
    assert.equal(external, [...providedByRuntime, ...installed].sort(), name);
  }
});

supply('the package installs nothing: its production dependency tree (what npm audit --omit=dev audits) is empty', async () => {
  const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  const production = Object.entries(lock.packages).filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional);
  assert.equal(
    production.map(([path]) => path),
    [],
  );
  assert.equal(repo.dependencies ?? {}, {});
});

supply.run();
