// esbuild with the Wasm embedded: every runnable artifact (the CLI, the public API bundle, the
// platform bundles) is one file that carries build/*.wasm inline instead of reading it from disk.
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Replaces src/core/wasm-bytes.ts (which reads build/) with the same bytes, inlined. */
const embedWasm: Plugin = {
  name: 'embed-wasm',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]core[\\/]wasm-bytes\.ts$/ }, () => ({
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

export async function bundle(options: BuildOptions & { entryPoints: string[]; outfile: string }): Promise<void> {
  await build({
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
