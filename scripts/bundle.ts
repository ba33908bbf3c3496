// esbuild with the Wasm embedded: every runnable artifact (the CLI, the public API bundle, the
// platform bundles) is one file that carries build/*.wasm inline instead of reading it from disk.
import { build, type BuildOptions, type BuildResult, type Plugin } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Replaces src/runtime/wasm-bytes.ts (which reads build/) with the same bytes, inlined. */
const embedWasm: Plugin = {
  name: 'embed-wasm',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]runtime[\\/]wasm-bytes\.ts$/ }, () => ({
      contents: [
        `import kernel from './build/polyfn.wasm';`,
        `import wasi from './build/polyfn-wasi.wasm';`,
        `export const kernelWasm = () => kernel;`,
        `export const wasiWasm = () => wasi;`,
      ].join('\n'),
      loader: 'js',
      resolveDir: root,
    }));
  },
};

/** One esbuild build (ESM for Node 20.19, the floor in package.json's engines, unless `options` say otherwise); its result carries the metafile when asked for. */
export function bundle(options: BuildOptions & { entryPoints: string[]; outfile: string }): Promise<BuildResult> {
  return build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: root,
    loader: { '.wasm': 'binary' },
    ...options,
    plugins: [embedWasm, ...(options.plugins ?? [])],
  });
}

/** What a server bundle carries besides this repository's code, and why (npm run package lists it). */
export const SERVER_BUNDLE_DEPENDENCIES: Readonly<Record<string, string>> = {
  piscina: 'bundled (its CommonJS worker in piscina/): the worker pool that keeps long searches off the request thread',
};

/**
 * A server bundle: `outfile` plus, beside it, what its worker pool (src/server/pool.ts) loads at run
 * time: kernel-worker.mjs (the task, Wasm inline) and piscina's own worker, which piscina finds as
 * `${__dirname}/worker.js`. That worker is CommonJS, so it lives in piscina/ with a package.json that
 * says so (the bundle may sit in a "type": "module" folder), and the ESM bundle defines __dirname
 * as that folder (and require, for its CommonJS parts). piscina is the bundle's only __dirname user.
 */
export async function serverBundle(options: BuildOptions & { entryPoints: string[]; outfile: string }): Promise<void> {
  const outdir = dirname(options.outfile);
  const piscinaWorker = join(dirname(createRequire(import.meta.url).resolve('piscina')), 'worker.js');
  await mkdir(resolve(root, outdir, 'piscina'), { recursive: true });
  await writeFile(resolve(root, outdir, 'piscina/package.json'), '{ "type": "commonjs" }\n');
  await Promise.all([
    bundle({
      ...options,
      banner: {
        js: [
          "import { createRequire as __polyfnRequire } from 'node:module';",
          "import { fileURLToPath as __polyfnPath } from 'node:url';",
          'const require = __polyfnRequire(import.meta.url);',
          "const __dirname = __polyfnPath(new URL('./piscina/', import.meta.url));",
        ].join('\n'),
      },
    }),
    bundle({ entryPoints: ['src/server/kernel-worker.ts'], outfile: join(outdir, 'kernel-worker.mjs') }),
    // @napi-rs/nice (thread priority) is optional: piscina only loads it when asked, and catches its absence.
    bundle({ entryPoints: [piscinaWorker], outfile: join(outdir, 'piscina/worker.js'), format: 'cjs', external: ['@napi-rs/nice'] }),
  ]);
}

/**
 * A bundle for a web-standard runtime (Cloudflare Workers, Deno, Bun): no Node built-ins and no
 * Buffer, so the Wasm bytes inline are decoded with atob.
 */
export function webBundle(options: BuildOptions & { entryPoints: string[]; outfile: string }): Promise<BuildResult> {
  return bundle({ platform: 'neutral', target: 'es2022', ...options });
}

/**
 * A Deno or Bun server bundle: `outfile` plus, beside it, the script its Web Worker pool
 * (src/server/web-pool.ts) loads at run time, kernel-worker.mjs (Wasm inline).
 */
export async function webServerBundle(options: BuildOptions & { entryPoints: string[]; outfile: string }): Promise<void> {
  await Promise.all([
    webBundle(options),
    webBundle({ entryPoints: ['src/server/web-kernel-worker.ts'], outfile: join(dirname(options.outfile), 'kernel-worker.mjs') }),
  ]);
}
