// The published numbers of the "Serverless Rust" talk (its "RESULTS - LAMBDA 128MB" and "RESULTS - AZURE
// FUNCTIONS" tables: Node and Rust, cold start of hello world, warm hello world and palindrome
// products 10-99, 100-999, 1000-9999), and ours for the same workloads through the same kind of
// entry point: the Lambda handler with an HTTP API event and the Azure v4 httpHandler, in process,
// once per engine. Theirs were taken on Lambda (128 MB: 1/13 of a vCPU) and Azure, ours on this
// machine: the comparison shows orders of magnitude, not a like-for-like race.
import { adapterCalls, withoutStdout, type BenchRequest } from './adapters.ts';
import { SEED_RANGES, type BenchConfig } from './config.ts';
import { measure, type Timing } from './measure.ts';

export const SEED_WORKLOADS = ['hello', ...SEED_RANGES.map((w) => w.id)] as const;
export type SeedWorkload = (typeof SEED_WORKLOADS)[number];

/** A published figure: the text as printed ('~500ms', '< 1ms') and its value in ms. */
export interface Published {
  text: string;
  ms: number;
}

export interface PublishedRow {
  /** Cold start of hello world. */
  cold: Published;
  warm: Record<SeedWorkload, Published>;
}

function published(text: string): Published {
  const match = /^[~<]?\s*([\d.]+)\s*(ms|s)$/.exec(text);
  if (!match) throw new Error(`unreadable published figure ${text}`);
  return { text, ms: Number(match[1]) * (match[2] === 's' ? 1000 : 1) };
}

function row(cold: string, hello: string, small: string, medium: string, large: string): PublishedRow {
  return { cold: published(cold), warm: { hello: published(hello), '10-99': published(small), '100-999': published(medium), '1000-9999': published(large) } };
}

export const SEEDS_SOURCE = 'the "Serverless Rust" talk by Stefan Baumgartner, its "RESULTS - LAMBDA 128MB" and "RESULTS - AZURE FUNCTIONS" slides';

export const PUBLISHED: Record<'lambda-128mb' | 'azure-functions', Record<'node' | 'rust', PublishedRow>> = {
  'lambda-128mb': {
    node: row('~200ms', '2ms', '2ms', '~500ms', '~70s'),
    rust: row('< 20ms', '< 1ms', '< 1ms', '~45ms', '~8s'),
  },
  'azure-functions': {
    node: row('~700ms', '1ms', '9ms', '~80ms', '~10s'),
    rust: row('< 100ms', '< 1ms', '< 5ms', '~15ms', '~1s'),
  },
};

const ENTRY_POINTS = ['lambda-http-v2', 'azure-functions'] as const;
export type SeedEntryPoint = (typeof ENTRY_POINTS)[number];

/** Ours: entry point -> engine -> workload -> one warm request. */
export type SeedsOurs = Record<SeedEntryPoint, Record<'wasm' | 'js', Record<SeedWorkload, Timing>>>;

function requestFor(workload: SeedWorkload, engine: 'wasm' | 'js'): BenchRequest {
  const range = SEED_RANGES.find((w) => w.id === workload);
  if (!range) return { path: '/api/hello', query: {} };
  return { path: '/api/palindromes', query: { min: [String(range.min)], max: [String(range.max)], engine: [engine] } };
}

export async function benchSeedsWorkloads(config: BenchConfig): Promise<SeedsOurs> {
  const calls: Partial<Record<string, () => unknown>> = {};
  for (const engine of ['wasm', 'js'] as const) {
    for (const workload of SEED_WORKLOADS) {
      const forRequest = adapterCalls(requestFor(workload, engine));
      for (const entry of ENTRY_POINTS) calls[`${entry} ${engine} ${workload}`] = forRequest[entry];
    }
  }
  const timings = await withoutStdout(() => measure(config, calls));
  const ours = {} as SeedsOurs;
  for (const entry of ENTRY_POINTS) {
    ours[entry] = { wasm: {} as Record<SeedWorkload, Timing>, js: {} as Record<SeedWorkload, Timing> };
    for (const engine of ['wasm', 'js'] as const) {
      for (const workload of SEED_WORKLOADS) ours[entry][engine][workload] = timings[`${entry} ${engine} ${workload}`]!;
    }
  }
  return ours;
}
