// Section: the polygon kernels. contains (geofencing) on every engine alone, for each points x
// vertices size of the mode: Wasm (SIMD, eight points a block), the same Wasm kernel without SIMD,
// the JS twin and the native C build of the same loop (bench/native/polygons.c, SSE2), all answers
// checked against each other. Then polygon (Wasm vs JS), a geofencing request through the contract
// (handle()) with a JSON body and with a binary body, how much of it parsing and validating the body
// takes, what handing the input to a pool worker costs (a structured clone), and what such a request
// bills on a 128 MB Lambda (bench/lambda-cost.ts's emulation).
//
// The zone: a smooth closed curve of n vertices around Berlin (lon/lat degrees, radius ~0.1°), its
// radius wobbling by a fifth; the points: uniform over its bounding box (about half fall inside).
// A "jagged" polygon (each vertex's radius drawn at random) is timed beside it at the target size:
// there every edge spans a wide band of y, so the kernel's fast path (an edge whose y range holds
// none of a block's eight points) rarely applies: the worst case for the Wasm kernel's layout.
//
// Runners are timed in turns (one run of each, then again), so a noisy stretch of the machine hits
// them alike; each figure is the median of as many runs as fill config.geometry.runMs (at least 3).
// Times here are CPU time (this process's; the C program's own), not wall time: the kernels are
// single-threaded, so on an idle machine the two agree, and on this shared one the wall clock mostly
// measures the other tenants (a 100 ms run lost a third of its wall time to them, at random).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { handle } from '../src/contract/handle.ts';
import { kernelRoute } from '../src/contract/routes.ts';
import { readInput } from '../src/contract/validation.ts';
import type { PolyRequest } from '../src/contract/types.ts';
import { containsJs, containsKernel, containsWasm } from '../src/core/kernels/contains.ts';
import { engines as polygonEngines } from '../src/core/kernels/polygon.ts';
import { httpApiEvent } from '../test/fixtures/lambda/envelopes.ts';
import { cgroupSupport } from './cgroup.ts';
import type { BenchConfig } from './config.ts';
import { emulate, type RowPlan } from './lambda-cost.ts';
import { priced, type Priced } from './lambda-pricing.ts';
import { median, medianLaunch, mulberry32, NATIVE_LAUNCHES, type NativeBuild } from './palindromes-targets.ts';
import type { Deployed } from './processes.ts';

export type Shape = 'zone' | 'jagged';

export interface ContainsRow {
  points: number;
  vertices: number;
  shape: Shape;
  /** Points inside (every runner's answers are checked equal). */
  inside: number;
  wasmMs: number;
  /** The same Wasm kernel one point at a time (containsScalar). */
  wasmScalarMs: number;
  jsMs: number;
  /** Null without a C compiler. */
  nativeMs: number | null;
  jsOverWasm: number;
  scalarOverSimd: number;
  wasmOverNative: number | null;
}

export interface PolygonRow {
  vertices: number;
  wasmMs: number;
  jsMs: number;
  jsOverWasm: number;
}

/** One geofencing request of `points` against a 100-vertex zone through handle(), JSON body beside binary body. */
export interface ApiRow {
  points: number;
  jsonBytes: number;
  binaryBytes: number;
  /** Reading the body (JSON.parse and the readers, or the binary layout) and the kernel's checks. */
  jsonReadMs: number;
  binaryReadMs: number;
  /** The Wasm kernel alone. */
  kernelMs: number;
  /** handle() end to end: read, check, kernel, answer as JSON text. */
  jsonTotalMs: number;
  binaryTotalMs: number;
  /** jsonReadMs / jsonTotalMs: the share of the request spent on the JSON body. */
  jsonShare: number;
  binaryShare: number;
}

export interface LambdaGeofenceRow extends Priced {
  points: number;
  body: 'json' | 'binary';
  engine: 'wasm' | 'js';
  firstMs: number;
  /** Median of the warm calls. */
  durationMs: number;
  cpuMs: number;
}

export interface GeometrySection {
  /** What the polygons and points are. */
  workload: string;
  native: { compiler: string | null; note: string };
  /** Keyed '<points>x<vertices>' (the zone), and 'jagged <points>x<vertices>'. */
  contains: Record<string, ContainsRow>;
  /** Keyed by vertices. */
  polygon: Record<string, PolygonRow>;
  /** Keyed by points. */
  api: Record<string, ApiRow>;
  /** A contains input of that many points (and a 100-vertex zone) structured-cloned, as a pool worker receives it (ms). */
  cloneMs: Record<string, number>;
  /** A geofencing request on the Lambda bundle at 128 MB, emulated; keyed '<points> <json|binary> <engine>'. */
  lambda: { skipped: string | null; memoryMb: number; vertices: number; rows: Record<string, LambdaGeofenceRow> };
  /** The targets at 100,000 points x 1,000 vertices (the zone); null where that size did not run. */
  targets: { jsOverWasm: TargetFigure; wasmOverNative: TargetFigure };
}

export interface TargetFigure {
  value: number | null;
  limit: number;
  /** 'min': value >= limit; 'max': value <= limit. */
  kind: 'min' | 'max';
  met: boolean | null;
}

const TARGET_POINTS = 100_000;
const TARGET_VERTICES = 1_000;
/** The vertices of the zone of a typical geofencing request (API and Lambda rows). */
const REQUEST_VERTICES = 100;

const CENTER = [13.4, 52.5] as const;
const RADIUS = 0.1;

/** The zone of n vertices: counterclockwise, radius RADIUS x (1 + 0.2 sin 3t + 0.07 sin(7t + 1)). */
export function zone(n: number): Float64Array {
  const vertices = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const r = RADIUS * (1 + 0.2 * Math.sin(3 * t) + 0.07 * Math.sin(7 * t + 1));
    vertices[2 * i] = CENTER[0] + r * Math.cos(t);
    vertices[2 * i + 1] = CENTER[1] + r * Math.sin(t);
  }
  return vertices;
}

/** n vertices around the same center, each at a random radius in [RADIUS / 2, RADIUS]. */
function jagged(n: number): Float64Array {
  const next = mulberry32(7);
  const vertices = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const r = RADIUS * (0.5 + 0.5 * (next() / 2 ** 32));
    vertices[2 * i] = CENTER[0] + r * Math.cos(t);
    vertices[2 * i + 1] = CENTER[1] + r * Math.sin(t);
  }
  return vertices;
}

/** m points uniform over the square around the center that holds every polygon here. */
export function pointsAround(m: number): Float64Array {
  const next = mulberry32(42);
  const points = new Float64Array(2 * m);
  const side = 2 * 1.3 * RADIUS;
  for (let i = 0; i < m; i++) {
    points[2 * i] = CENTER[0] - side / 2 + side * (next() / 2 ** 32);
    points[2 * i + 1] = CENTER[1] - side / 2 + side * (next() / 2 ** 32);
  }
  return points;
}

/** This process's CPU time so far (ms). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs each runner in turns until each has run for about `runMs` (at least three times); each runner's median (ms). */
function timeInTurns(runs: Record<string, () => unknown>, runMs: number): Record<string, number> {
  const names = Object.keys(runs);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  const once = (name: string) => {
    const started = cpuMs();
    runs[name]!();
    return cpuMs() - started;
  };
  let slowest = 0;
  for (const name of names) slowest = Math.max(slowest, once(name)); // warm-up, and the size of a turn
  const turns = Math.max(3, Math.min(2000, Math.ceil(runMs / Math.max(slowest, 1e-3))));
  for (let turn = 0; turn < turns; turn++) for (const name of names) samples[name]!.push(once(name));
  return Object.fromEntries(names.map((name) => [name, median(samples[name]!)]));
}

/** The binary body of POST /api/contains: the vertex count, the vertices, the points. */
export function containsBody(polygon: Float64Array, points: Float64Array): Float64Array {
  const body = new Float64Array(1 + polygon.length + points.length);
  body[0] = polygon.length / 2;
  body.set(polygon, 1);
  body.set(points, 1 + polygon.length);
  return body;
}

/** As little-endian bytes (the machines this runs on are little-endian, as the C program assumes). */
const bytesOf = (values: Float64Array) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);

function insideAndChecksum(inside: Uint8Array): { inside: number; checksum: number } {
  let count = 0;
  let checksum = 0;
  inside.forEach((b, j) => {
    if (b) {
      count++;
      checksum += j + 1;
    }
  });
  return { inside: count, checksum };
}

/** The C program on one input: the median of its repeats, median over NATIVE_LAUNCHES processes; its answers checked. */
function timeNative(binary: string, file: string, runMs: number, expected: { inside: number; checksum: number }): number {
  const launch = (repeats: number) => {
    const out = JSON.parse(execFileSync(binary, ['contains', file, String(repeats)], { encoding: 'utf8' })) as { inside: number; checksum: string; ns: number };
    if (out.inside !== expected.inside || Number(out.checksum) !== expected.checksum)
      throw new Error(`the native contains answers differ from polyfn's (${file})`);
    return { ns: out.ns };
  };
  const first = launch(1).ns / 1e6;
  const repeats = Math.max(3, Math.min(2000, Math.ceil(runMs / NATIVE_LAUNCHES / Math.max(first, 1e-3))));
  return medianLaunch(() => launch(repeats)).ns / 1e6;
}

function containsRow(points: Float64Array, polygon: Float64Array, shape: Shape, config: BenchConfig, native: NativeBuild | null, scratch: string): ContainsRow {
  const wasm = containsWasm(polygon, points, 0n)!;
  const answers = JSON.stringify(Array.from(wasm));
  if (
    JSON.stringify(Array.from(containsWasm(polygon, points, 0n, true)!)) !== answers ||
    JSON.stringify(Array.from(containsJs(polygon, points, 0n)!)) !== answers
  ) {
    throw new Error(`contains ${shape} ${points.length / 2}x${polygon.length / 2}: the engines disagree`);
  }
  const t = timeInTurns(
    {
      wasm: () => containsWasm(polygon, points, 0n),
      scalar: () => containsWasm(polygon, points, 0n, true),
      js: () => containsJs(polygon, points, 0n),
    },
    config.geometry.runMs,
  );
  const summary = insideAndChecksum(wasm);
  let nativeMs: number | null = null;
  if (native?.polygons) {
    const file = join(scratch, 'contains.bin');
    writeFileSync(file, bytesOf(containsBody(polygon, points)));
    nativeMs = timeNative(native.polygons, file, config.geometry.runMs, summary);
  }
  return {
    points: points.length / 2,
    vertices: polygon.length / 2,
    shape,
    inside: summary.inside,
    wasmMs: t['wasm']!,
    wasmScalarMs: t['scalar']!,
    jsMs: t['js']!,
    nativeMs,
    jsOverWasm: t['js']! / t['wasm']!,
    scalarOverSimd: t['scalar']! / t['wasm']!,
    wasmOverNative: nativeMs === null ? null : t['wasm']! / nativeMs,
  };
}

function polygonRow(n: number, config: BenchConfig): PolygonRow {
  const vertices = zone(n);
  const [w, j] = [polygonEngines.wasm(vertices), polygonEngines.js(vertices)];
  if (!Object.is(w.twiceArea, j.twiceArea) || !Object.is(w.perimeter, j.perimeter) || !Object.is(w.centroidX, j.centroidX))
    throw new Error(`polygon ${n}: the engines disagree`);
  const t = timeInTurns({ wasm: () => polygonEngines.wasm(vertices), js: () => polygonEngines.js(vertices) }, config.geometry.runMs);
  return { vertices: n, wasmMs: t['wasm']!, jsMs: t['js']!, jsOverWasm: t['js']! / t['wasm']! };
}

const CONTAINS_ROUTE = kernelRoute(containsKernel);

function request(body: Uint8Array, type: string): PolyRequest {
  return { method: 'POST', path: '/api/contains', query: {}, headers: { 'content-type': type }, body };
}

/** What the contract does with a body before the kernel runs: read it, then the kernel's checks. */
function readAndCheck(req: PolyRequest): void {
  const {
    engine: _engine,
    budget: _budget,
    ...input
  } = readInput(req, CONTAINS_ROUTE.params, CONTAINS_ROUTE.maxBodyBytes, containsKernel.binaryBody) as Record<string, unknown>;
  containsKernel.validate(input as never);
}

async function apiRow(m: number, config: BenchConfig): Promise<ApiRow> {
  const polygon = zone(REQUEST_VERTICES);
  const points = pointsAround(m);
  const pairs = (values: Float64Array) => Array.from({ length: values.length / 2 }, (_, i) => [values[2 * i], values[2 * i + 1]]);
  const json = new TextEncoder().encode(JSON.stringify({ polygon: pairs(polygon), points: pairs(points) }));
  const binary = bytesOf(containsBody(polygon, points));
  const jsonRequest = request(json, 'application/json');
  const binaryRequest = request(binary, 'application/octet-stream');
  const [fromJson, fromBinary] = await Promise.all([handle(jsonRequest), handle(binaryRequest)]);
  if (fromJson.status !== 200 || fromJson.body !== fromBinary.body) throw new Error(`api ${m}: the JSON and binary bodies answer differently`);
  const t = timeInTurns(
    {
      jsonRead: () => readAndCheck(jsonRequest),
      binaryRead: () => readAndCheck(binaryRequest),
      kernel: () => containsWasm(polygon, points, 0n),
    },
    config.geometry.runMs,
  );
  // handle() is async: timed alike, awaited inside each run.
  const totals = { json: [] as number[], binary: [] as number[] };
  const turns = Math.max(3, Math.min(500, Math.ceil(config.geometry.runMs / Math.max(t['jsonRead']! + t['kernel']!, 1e-3))));
  for (let turn = 0; turn < turns; turn++) {
    for (const [name, req] of [
      ['json', jsonRequest],
      ['binary', binaryRequest],
    ] as const) {
      const started = cpuMs();
      await handle(req);
      totals[name].push(cpuMs() - started);
    }
  }
  const jsonTotalMs = median(totals.json);
  const binaryTotalMs = median(totals.binary);
  return {
    points: m,
    jsonBytes: json.length,
    binaryBytes: binary.length,
    jsonReadMs: t['jsonRead']!,
    binaryReadMs: t['binaryRead']!,
    kernelMs: t['kernel']!,
    jsonTotalMs,
    binaryTotalMs,
    jsonShare: t['jsonRead']! / jsonTotalMs,
    binaryShare: t['binaryRead']! / binaryTotalMs,
  };
}

function cloneMs(m: number, config: BenchConfig): number {
  const input = { polygon: zone(REQUEST_VERTICES), points: pointsAround(m) };
  return timeInTurns({ clone: () => structuredClone(input) }, config.geometry.runMs)['clone']!;
}

async function lambdaRows(config: BenchConfig, deployed: Deployed): Promise<GeometrySection['lambda']> {
  const memoryMb = 128;
  const section: GeometrySection['lambda'] = { skipped: null, memoryMb, vertices: REQUEST_VERTICES, rows: {} };
  const support = cgroupSupport();
  if (!support.version) return { ...section, skipped: `not run: ${support.note}` };
  const polygon = zone(REQUEST_VERTICES);
  const plans: Array<RowPlan & { points: number; body: 'json' | 'binary'; engine: 'wasm' | 'js' }> = [];
  for (const m of config.geometry.lambdaPoints) {
    const points = pointsAround(m);
    const pairs = (values: Float64Array) => Array.from({ length: values.length / 2 }, (_, i) => [values[2 * i], values[2 * i + 1]]);
    const bodies = {
      json: { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ polygon: pairs(polygon), points: pairs(points) }) },
      binary: { headers: { 'content-type': 'application/octet-stream' }, body: bytesOf(containsBody(polygon, points)) },
    };
    for (const engine of ['wasm', 'js'] as const) {
      for (const body of ['json', 'binary'] as const) {
        const event = httpApiEvent({ method: 'POST', path: '/api/contains', query: { engine: [engine] }, ...bodies[body] });
        plans.push({ key: `${m} ${body} ${engine}`, workload: `contains ${m}`, runner: engine, event, points: m, body, engine });
      }
    }
  }
  const figures = await emulate(
    support.version,
    deployed,
    '',
    plans.map(({ key, workload, runner, event }) => ({ key, workload, runner, event })),
    memoryMb,
    config,
  );
  for (const plan of plans) {
    const child = figures.rows[plan.key]!;
    const durationMs = median(child.warm.map((s) => s.ms));
    section.rows[plan.key] = {
      points: plan.points,
      body: plan.body,
      engine: plan.engine,
      firstMs: child.firstMs,
      durationMs,
      cpuMs: median(child.warm.map((s) => s.cpuMs)),
      ...priced(memoryMb, durationMs),
    };
  }
  return section;
}

function target(value: number | null, limit: number, kind: 'min' | 'max'): TargetFigure {
  return { value, limit, kind, met: value === null ? null : kind === 'min' ? value >= limit : value <= limit };
}

export async function benchGeometry(config: BenchConfig, deployed: Deployed, native: NativeBuild | null): Promise<GeometrySection> {
  const scratch = deployed.path('');
  const contains: Record<string, ContainsRow> = {};
  for (const m of config.geometry.points) {
    const points = pointsAround(m);
    for (const n of config.geometry.vertices) {
      if (m * n > config.geometry.maxTests) continue;
      contains[`${m}x${n}`] = containsRow(points, zone(n), 'zone', config, native, scratch);
    }
  }
  if (contains[`${TARGET_POINTS}x${TARGET_VERTICES}`]) {
    contains[`jagged ${TARGET_POINTS}x${TARGET_VERTICES}`] = containsRow(
      pointsAround(TARGET_POINTS),
      jagged(TARGET_VERTICES),
      'jagged',
      config,
      native,
      scratch,
    );
  }
  const polygon = Object.fromEntries(config.geometry.polygonVertices.map((n) => [String(n), polygonRow(n, config)]));
  const api: Record<string, ApiRow> = {};
  for (const m of config.geometry.apiPoints) api[String(m)] = await apiRow(m, config);
  const cloneSizes = [...config.geometry.apiPoints, 250_000].filter((m, i, all) => all.indexOf(m) === i);
  const clone = Object.fromEntries(cloneSizes.map((m) => [String(m), cloneMs(m, config)]));
  const lambda = await lambdaRows(config, deployed);
  const headline = contains[`${TARGET_POINTS}x${TARGET_VERTICES}`];
  return {
    workload:
      `contains: a zone of n vertices (a smooth closed curve around ${CENTER.join(', ')}, lon/lat, radius ${RADIUS}° wobbling by a fifth) ` +
      `and m points uniform over a square that holds it; "jagged": vertices at random radii (every edge spans a wide band of y). ` +
      `API and Lambda rows: a ${REQUEST_VERTICES}-vertex zone. Each figure is CPU time (the kernels are single-threaded; on this shared machine the wall clock measures the other tenants), ` +
      `the median of runs taken in turns with the other runners, at least 3, ~${config.geometry.runMs} ms each.`,
    native: native?.polygons
      ? {
          compiler: native.compiler,
          note: `${native.compiler}, -O2 -ffp-contract=off, SSE2 (128-bit, as Wasm SIMD); the median over ${NATIVE_LAUNCHES} processes of the median of their repeats`,
        }
      : {
          compiler: native?.compiler ?? null,
          note: native ? 'bench/native/polygons.c did not compile here (it needs SSE2: x86-64)' : 'no C compiler: the native figures are skipped',
        },
    contains,
    polygon,
    api,
    cloneMs: clone,
    lambda,
    targets: {
      jsOverWasm: target(headline?.jsOverWasm ?? null, 2, 'min'),
      wasmOverNative: target(headline?.wasmOverNative ?? null, 1.5, 'max'),
    },
  };
}
