// The README must say what the code does and what the benchmarks measured: one source of truth per fact.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { withReadmeSection } from '../bench/readme.ts';
import type { Results } from '../bench/results.ts';
import * as contractLimits from '../src/contract/limits.ts';
import * as coreLimits from '../src/core/limits.ts';
import { ERROR_STATUS } from '../src/contract/errors.ts';
import { withRouteTable } from '../scripts/readme-tables.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Limits and errors'), readme.indexOf('## Performance'));

/** The rows of the section's table whose header row starts with `| ${first} |`, as cells. */
function tableRows(first: string): string[][] {
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${first} |`));
  assert.ok(start >= 0, `README: no table headed "${first}" under Limits and errors`);
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines.slice(start + 2, end < 0 ? undefined : end).map((line) => line.split('|').map((cell) => cell.trim()));
}

test("every limit in the README has the value the code uses, the kernels' and the contract's", () => {
  const rows = tableRows('limit');
  const numeric = Object.entries({ ...coreLimits, ...contractLimits }).filter(([, value]) => typeof value === 'number') as Array<[string, number]>;
  for (const [name, value] of numeric) {
    const row = rows.find((cells) => cells[1]!.includes(`\`${name}\``));
    assert.ok(row, `README lists ${name}`);
    // FACTOR_MIN .. FACTOR_MAX share a row: "1 .. 999999999".
    const names = [...row![1]!.matchAll(/`(\w+)`/g)].map((m) => m[1]!);
    const values = row![2]!.split('..').map((part) => Number(part.trim().split(' ')[0]));
    assert.is(values[names.indexOf(name)], value, name);
  }
});

test('every error code in the README has the status the code answers, and none is missing', () => {
  const documented = new Map(tableRows('code').map((cells) => [cells[1]!.replaceAll('`', ''), Number(cells[2])]));
  assert.equal([...documented.keys()].sort(), Object.keys(ERROR_STATUS).sort());
  for (const [code, status] of Object.entries(ERROR_STATUS)) assert.is(documented.get(code), status, code);
});

test('the route table is the one the route and kernel descriptions render', () => {
  assert.fixture(readme, withRouteTable(readme), 'run npx tsx scripts/readme-tables.ts --write');
});

test('the performance section says what the committed bench/results.json says', () => {
  const results = JSON.parse(readFileSync(new URL('../bench/results.json', import.meta.url), 'utf8')) as Results;
  assert.is(results.mode, 'full', 'the committed results come from a full run');
  assert.fixture(readme, withReadmeSection(readme, results));
});

test.run();
