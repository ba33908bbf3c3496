// The arrows point down: composition roots (cli/) -> adapters -> server layer (Node only) ->
// contract -> core, with runtimes handing the core its Wasm module and clock from beside it. Each
// layer's files are read for what they import, so a wrong arrow fails here rather than in review.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { root } from './support/run.ts';

interface SourceFile {
  path: string;
  text: string;
  /** Imported files relative to the root ('src/core/kernel.ts'), and bare specifiers ('node:fs', 'piscina'). */
  imports: string[];
}

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourcesUnder(folder: string): SourceFile[] {
  const entries = readdirSync(join(root, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|mjs)$/.test(entry.name))
    .map((entry) => {
      const path = relative(root, join(entry.parentPath, entry.name));
      const text = readFileSync(join(root, path), 'utf8');
      const imports = [...text.matchAll(SPECIFIER)]
        .map((m) => m[1] ?? m[2] ?? m[3]!)
        .map((spec) => (spec.startsWith('.') ? relative(root, resolve(root, dirname(path), spec)) : spec));
      return { path, text, imports };
    });
}

/** Text with comments removed, so a word in a comment is not a use. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

function assertImports(files: SourceFile[], allowed: (target: string) => boolean, what: string): void {
  assert.ok(files.length > 0, `${what}: no files`);
  for (const file of files) {
    for (const target of file.imports) assert.ok(allowed(target), `${file.path} imports ${target}: ${what}`);
  }
}

const under =
  (...folders: string[]) =>
  (target: string) =>
    folders.some((folder) => target === folder || target.startsWith(`${folder}/`));

test('src/core knows no runtime: it imports only itself, and reads no process, Buffer or Node module', () => {
  const files = sourcesUnder('src/core');
  assertImports(files, under('src/core'), 'the core imports only the core');
  for (const { path, text } of files) assert.not.match(code(text), /\bprocess\.|\bBuffer\b|\bDeno\b|\bBun\b/, `${path} reads a runtime global`);
});

test('the contract knows no platform and no server: it imports the core and itself, no Node module', () => {
  const files = sourcesUnder('src/contract');
  assertImports(files, under('src/core', 'src/contract'), 'the contract imports only the core and the contract');
  for (const { path, text } of files) assert.not.match(code(text), /\bprocess\.|\bBuffer\b/, `${path} reads a Node global`);
});

test('the server layer and the runtimes point down only', () => {
  const node = (target: string) => target.startsWith('node:');
  assertImports(sourcesUnder('src/runtime'), (t) => under('src/core', 'src/runtime')(t) || node(t), 'a runtime imports the core and Node');
  assertImports(
    sourcesUnder('src/server'),
    (t) => under('src/index.ts', 'src/core', 'src/contract', 'src/runtime', 'src/server')(t) || node(t) || t === 'piscina',
    'the server layer',
  );
});

test('each adapter knows its own envelope: no other adapter, no CLI', () => {
  for (const platform of readdirSync(join(root, 'adapters'))) {
    const own = under(`adapters/${platform}`, 'src', 'package.json');
    assertImports(
      sourcesUnder(`adapters/${platform}`),
      (t) => own(t) || !t.includes('/') || t.startsWith('node:') || t.startsWith('@'),
      `adapters/${platform}`,
    );
  }
});

test('nothing below the CLI imports it, and nothing in src imports an adapter', () => {
  for (const folder of ['src', 'adapters']) {
    assertImports(sourcesUnder(folder), (t) => !under('cli', 'test', 'bench', 'scripts')(t), `${folder} points down`);
  }
  assertImports(sourcesUnder('src'), (t) => !under('adapters')(t), 'src knows no adapter');
});

test.run();
