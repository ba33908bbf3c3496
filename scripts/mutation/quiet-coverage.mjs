// StrykerJS buildCommand, run in the sandbox after instrumentation: lets a mutant run switch off
// the instrumenter's coverage counter. Coverage is needed in the dry run only (it picks the tests
// of each mutant), yet the counter runs on every statement of every mutant run: in the JS twin's
// hot loops that is ~4/5 of the run time. uvu-tap.ts sets the flag outside the dry run.
// Depends on the instrumenter's helper text: if that changes, this fails instead of doing nothing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const COUNTER = '  function cover() {\n';
const QUIET = `${COUNTER}    if (ns.coverageOff) return;\n`;

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

let patched = 0;
for (const file of sources('src')) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes('function stryCov_9fa48()')) continue;
  if (!text.includes(COUNTER)) throw new Error(`${file}: the instrumenter's coverage counter has changed shape`);
  writeFileSync(file, text.replace(COUNTER, QUIET));
  patched++;
}
if (patched === 0) throw new Error('no instrumented file found under src/');
console.log(`quiet-coverage: ${patched} instrumented files`);
