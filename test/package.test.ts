// The npm package as a user gets it: `npm pack`, installed into a fresh project, then used the ways
// the README says: import and require, the `polyfn` bin, and the types under both module
// resolutions a TypeScript project uses (NodeNext and Bundler).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { root, run } from './support/run.ts';

const exec = promisify(execFile);
const test = suite('the npm package, installed from its tarball');
const NPM = { cwd: root, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } };
const EXPECTED_10_99 = '{"smallest":{"value":121,"factors":[[11,11]]},"largest":{"value":9009,"factors":[[91,99]]}}';

let project = '';
let packed: string[] = [];

test.before(async () => {
  project = await mkdtemp(join(tmpdir(), 'polyfn-package-'));
  // The build is fresh (npm test's pretest): pack it as it is, without prepare rebuilding it.
  const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', project], NPM);
  const { filename, files } = (JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>)[0]!;
  packed = files.map((f) => f.path).sort();
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'a-user-project', private: true, type: 'module' }));
  await exec('npm', ['install', '--offline', '--no-package-lock', join(project, filename)], { ...NPM, cwd: project });
});

test.after(() => rm(project, { recursive: true, force: true }));

test('the tarball carries the built package, its licence and types, and nothing of the source tree', () => {
  for (const file of [
    'LICENSE',
    'README.md',
    'package.json',
    'bin/polyfn.mjs',
    'build/index.mjs',
    'build/cli.mjs',
    'build/polyfn.wasm',
    'build/types/src/index.d.ts',
  ]) {
    assert.ok(packed.includes(file), `the tarball lacks ${file}`);
  }
  for (const file of packed) assert.not.match(file, /^(src|test|bench|adapters|assembly|scripts|deploy)\//, `the tarball carries ${file}`);
});

test('import: the API with the Wasm engine, exact past 2^53', async () => {
  await writeFile(
    join(project, 'use.mjs'),
    `import { palindromes, palindromeResultToJSON } from 'polyfn';
const result = palindromes(100000000, 999999999);
console.log(JSON.stringify(palindromeResultToJSON(palindromes(10, 99))), String(result.largest.value));`,
  );
  const { code, stdout, stderr } = await run(process.execPath, ['use.mjs'], { cwd: project });
  assert.is(code, 0, stderr);
  assert.is(stdout, `${EXPECTED_10_99} 999900665566009999\n`);
});

test('require: the same API from CommonJS (Node’s require of an ES module)', async () => {
  await writeFile(join(project, 'use.cjs'), `const { circle } = require('polyfn');\nconsole.log(JSON.stringify(circle(2)));`);
  const { code, stdout, stderr } = await run(process.execPath, ['use.cjs'], { cwd: project });
  assert.is(code, 0, stderr);
  assert.is(stdout, '{"radius":2,"area":12.566370614359172,"circumference":12.566370614359172}\n');
});

test('the bin: `polyfn` runs from node_modules/.bin', async () => {
  const bin = join(project, 'node_modules', '.bin', 'polyfn');
  const { code, stdout, stderr } = await run(bin, ['palindromes', '--min', '10', '--max', '99'], { cwd: project });
  assert.is(code, 0, stderr);
  assert.is(stdout, `${EXPECTED_10_99}\n`);
});

test('types: a TypeScript user checks clean under NodeNext and under Bundler resolution', async () => {
  await writeFile(
    join(project, 'use.ts'),
    `import { circle, palindromes, PolyfnError, type PalindromeResult } from 'polyfn';
const result: PalindromeResult = palindromes(10, 99, { engine: 'js', budget: 1000 });
const value: bigint | null = result.largest.value;
const area: number = circle(2).area;
const code: string = new PolyfnError('invalid_argument', 'x').code;
// @ts-expect-error: engines are 'wasm' or 'js'
palindromes(10, 99, { engine: 'rust' });
export { value, area, code };`,
  );
  const typeRoots = join(root, 'node_modules', '@types');
  for (const [module, moduleResolution] of [
    ['NodeNext', 'NodeNext'],
    ['ESNext', 'Bundler'],
  ]) {
    const config = {
      compilerOptions: { module, moduleResolution, target: 'ES2022', strict: true, noEmit: true, types: ['node'], typeRoots: [typeRoots] },
      files: ['use.ts'],
    };
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify(config));
    const { code, stdout, stderr } = await run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
      cwd: project,
    });
    assert.is(code, 0, `${moduleResolution}: ${stdout}${stderr}`);
  }
});

test('the installed package depends on nothing', async () => {
  const installed = (await readdir(join(project, 'node_modules'))).filter((name) => !name.startsWith('.'));
  assert.equal(installed, ['polyfn']);
});

test.run();
