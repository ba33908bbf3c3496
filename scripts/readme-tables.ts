// The README's tables that describe the code, rendered from it: the HTTP contract's route table
// (from the route and kernel descriptions). test/readme.test.ts holds the README to this rendering;
// `npx tsx scripts/readme-tables.ts --write` rewrites the README's block after a change.
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { routes, type Route } from '../src/contract/routes.ts';
import type { JsonSchema, Param } from '../src/index.ts';

export const ROUTES_START = '<!-- routes:start -->';
export const ROUTES_END = '<!-- routes:end -->';

function paramCell(route: Route, name: string, { kind, required, fromText }: Param): string {
  const notes = [kind, ...(required ? ['required'] : []), ...(fromText ? [] : [route.kernel?.binaryBody ? 'body only' : 'JSON body only'])];
  return `\`${name}\` (${notes.join(', ')})`;
}

/** A schema's shape in a line: `{"a","b":{"c"}}`, a const as its value, alternatives joined with "or". */
export function shapeOf(schema: JsonSchema): string {
  const alternatives = (schema['oneOf'] ?? schema['anyOf']) as JsonSchema[] | undefined;
  if (alternatives) return alternatives.map(shapeOf).join(' or ');
  const properties = schema['properties'] as Record<string, JsonSchema> | undefined;
  if (!properties) return 'const' in schema ? JSON.stringify(schema['const']) : '';
  const entries = Object.entries(properties).map(([name, property]) => {
    const inner = shapeOf(property);
    return inner.startsWith('{') || inner.startsWith('"') ? `${JSON.stringify(name)}:${inner}` : JSON.stringify(name);
  });
  return `{${entries.join(',')}}`;
}

function routeRow(route: Route): string {
  const params = Object.entries(route.params).map(([name, param]) => paramCell(route, name, param));
  if (route.oneOf) params.push(`exactly one of ${route.oneOf.map((name) => `\`${name}\``).join(', ')}`);
  if (route.kernel?.binaryBody) params.push(`or an \`application/octet-stream\` body: ${route.kernel.binaryBody.layout}`);
  const answer = shapeOf(route.answer)
    .split(' or ')
    .map((shape) => `\`${shape}\``)
    .join(' or ');
  const cells = [`\`${route.path}\``, route.methods.join(', '), route.summary, params.join(', ') || 'none', answer];
  return `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
}

export function renderRouteTable(): string {
  return ['| route | methods | does | parameters | answer |', '|---|---|---|---|---|', ...routes.map(routeRow)].join('\n');
}

/** The README with its route table block replaced by the current rendering. */
export function withRouteTable(readme: string): string {
  const start = readme.indexOf(ROUTES_START);
  const end = readme.indexOf(ROUTES_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${ROUTES_START} ... ${ROUTES_END} block`);
  return `${readme.slice(0, start + ROUTES_START.length)}\n${renderRouteTable()}\n${readme.slice(end)}`;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
  const readme = fileURLToPath(new URL('../README.md', import.meta.url));
  const current = readFileSync(readme, 'utf8');
  const rendered = withRouteTable(current);
  if (process.argv.includes('--write')) writeFileSync(readme, rendered);
  else if (rendered !== current) {
    console.error('README.md: the route table differs from the code; run npx tsx scripts/readme-tables.ts --write');
    process.exit(1);
  }
}
