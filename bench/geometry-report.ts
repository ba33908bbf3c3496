// The polygon kernels' tables (bench/geometry.ts) for bench/results.md, and their lines in the README.
// Runs from before those kernels have no geometry section: both then render nothing.
import { bytes, count, duration, ratio, table } from './format.ts';
import type { GeometrySection, TargetFigure } from './geometry.ts';
import { usd } from './lambda-cost-report.ts';
import type { Results } from './results.ts';

const sizeLabel = (points: number, vertices: number) => `${count(points)} × ${count(vertices)}`;
const percent = (share: number) => `${(100 * share).toFixed(share < 0.1 ? 1 : 0)}%`;

function targetText(name: string, t: TargetFigure): string {
  const verdict = t.met === null ? 'not measured in this run' : `${ratio(t.value)}, ${t.met ? 'met' : 'NOT met'}`;
  return `${name} (${t.kind === 'min' ? '≥' : '≤'} ${ratio(t.limit)}): ${verdict}`;
}

function containsTable(g: GeometrySection): string {
  const rows = Object.values(g.contains).map((c) => [
    `${sizeLabel(c.points, c.vertices)}${c.shape === 'jagged' ? ' (jagged)' : ''}`,
    count(c.inside),
    duration(c.wasmMs),
    duration(c.wasmScalarMs),
    duration(c.jsMs),
    duration(c.nativeMs),
    ratio(c.jsOverWasm),
    ratio(c.scalarOverSimd),
    ratio(c.wasmOverNative),
  ]);
  return table(['points × vertices', 'inside', 'Wasm (SIMD)', 'Wasm, scalar', 'JS', 'native (C, SSE2)', 'JS / Wasm', 'scalar / SIMD', 'Wasm / native'], rows);
}

function targetsLine(g: GeometrySection): string {
  const jagged = Object.values(g.contains).find((c) => c.shape === 'jagged');
  const worst = jagged ? ` The jagged polygon at the same size: JS / Wasm ${ratio(jagged.jsOverWasm)}, Wasm / native ${ratio(jagged.wasmOverNative)}.` : '';
  return (
    `Targets at 100,000 points × 1,000 vertices (the zone): ${targetText("the JS engine's time over Wasm's", g.targets.jsOverWasm)}; ` +
    `${targetText("Wasm's time over native's", g.targets.wasmOverNative)}.${worst}`
  );
}

function apiTable(g: GeometrySection): string {
  const rows = Object.values(g.api).map((a) => [
    count(a.points),
    bytes(a.jsonBytes),
    duration(a.jsonReadMs),
    percent(a.jsonShare),
    duration(a.jsonTotalMs),
    bytes(a.binaryBytes),
    duration(a.binaryReadMs),
    percent(a.binaryShare),
    duration(a.binaryTotalMs),
    duration(a.kernelMs),
    ratio(a.jsonTotalMs / a.binaryTotalMs),
  ]);
  return table(
    ['points', 'JSON body', 'read + check', 'share', 'request', 'binary body', 'read + check', 'share', 'request', 'kernel (Wasm)', 'JSON / binary'],
    rows,
  );
}

function lambdaTable(g: GeometrySection): string {
  const rows = Object.values(g.lambda.rows).map((row) => [
    `${count(row.points)} points`,
    row.body,
    row.engine === 'wasm' ? 'Wasm' : 'JS',
    duration(row.firstMs),
    duration(row.durationMs),
    duration(row.cpuMs),
    `${count(row.billedMs)} ms`,
    row.perMillionUsd ? usd(row.perMillionUsd.x86) : '–',
    row.perMillionUsd ? usd(row.perMillionUsd.arm64) : '–',
  ]);
  return table(
    ['request', 'body', 'engine', 'first call', 'Duration (warm)', 'CPU time', 'billed', 'per million, x86', 'per million, arm64'],
    rows,
    'lllrrrrrr',
  );
}

export function geometryMarkdown(r: Results): string {
  const g = r.geometry;
  if (!g) return '';
  const clone = Object.entries(g.cloneMs)
    .map(([m, ms]) => `${count(Number(m))} points ${duration(ms)}`)
    .join(', ');
  return `## Polygon kernels: contains (geofencing) and polygon

${g.workload} Native: ${g.native.note}.

**contains, engines alone** (the kernel's glue included: copying the points through the Wasm buffer, the answers out):

${containsTable(g)}

${targetsLine(g)}

**polygon** (area, perimeter, centroid; engines alone):

${table(
  ['vertices', 'Wasm', 'JS', 'JS / Wasm'],
  Object.values(g.polygon).map((p) => [count(p.vertices), duration(p.wasmMs), duration(p.jsMs), ratio(p.jsOverWasm)]),
)}

**A geofencing request through the contract** (\`handle()\`, Wasm engine, a ${count(g.lambda.vertices)}-vertex zone): reading and checking the
body (JSON.parse and the readers, or the binary layout, then the kernel's checks), its share of the whole request, and the kernel alone:

${apiTable(g)}

Handing the input to a pool worker (a structured clone, as \`postMessage\` makes): ${clone}.

${
  g.lambda.skipped
    ? `**On Lambda:** not measured in this run: ${g.lambda.skipped}.`
    : `**On a ${g.lambda.memoryMb} MB Lambda** (emulated as in the Lambda section: the bundle under the size's CPU share and memory, an HTTP API event, the binary body base64-encoded in it as API Gateway sends it):

${lambdaTable(g)}`
}`;
}

/** The README's lines on the polygon kernels (none for a run without them). */
export function geometryReadme(r: Results): string[] {
  const g = r.geometry;
  if (!g) return [];
  const headline = g.contains['100000x1000'];
  const api = g.api['100000'] ?? Object.values(g.api).at(-1)!;
  const lambdaPoints = Math.max(...Object.values(g.lambda.rows).map((row) => row.points), 0);
  const bill = (body: 'json' | 'binary') => g.lambda.rows[`${lambdaPoints} ${body} wasm`];
  const billText = (body: 'json' | 'binary') => {
    const row = bill(body);
    return row ? `${duration(row.durationMs)} → ${count(row.billedMs)} ms, ${row.perMillionUsd ? usd(row.perMillionUsd.x86) : '–'} per million` : '–';
  };
  return [
    '',
    `**Geofencing.** \`contains\` for ${
      headline
        ? `100,000 points against a 1,000-vertex zone: Wasm ${duration(headline.wasmMs)}, JS ${duration(headline.jsMs)}, ` +
          `native ${duration(headline.nativeMs)} (JS / Wasm ${ratio(headline.jsOverWasm)}, Wasm / native ${ratio(headline.wasmOverNative)}; ` +
          `SIMD ${ratio(headline.scalarOverSimd)} the scalar loop)`
        : 'the target size was not run in this mode'
    }. ${targetsLine(g)} ` +
      `Through the API with a ${count(g.lambda.vertices)}-vertex zone, ${count(api.points)} points as JSON (${bytes(api.jsonBytes)}) take ` +
      `${duration(api.jsonReadMs)} to read and check, ${percent(api.jsonShare)} of the request; as a binary body (${bytes(api.binaryBytes)}) ` +
      `${duration(api.binaryReadMs)}. ` +
      (g.lambda.skipped || !bill('json')
        ? 'The Lambda bill of such a request was not measured in this run.'
        : `On a ${g.lambda.memoryMb} MB Lambda (emulated), ${count(lambdaPoints)} points bill ${billText('json')} as JSON and ${billText('binary')} as a binary body.`),
  ];
}
