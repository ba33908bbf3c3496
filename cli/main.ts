// The `polyfn` command: every kernel from a shell (one command per kernel of the registry, its
// options derived from the kernel's parameters), the local server, and the WASI build.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { serve, DEFAULT_PORT } from '../adapters/node/server.ts';
import { allParams, DEFAULT_BUDGET, ENGINES, KERNELS, PolyfnError, runKernel, type AnyKernel, type Engine, type Param } from '../src/index.ts';
import { parsePort, portFromEnv } from '../src/server/http.ts';
import { runWasi } from './wasi.ts';
import pkg from '../package.json' with { type: 'json' };

class UsageError extends Error {}

/** A kernel's own parameters as options (`engine` and `budget` are the command's: see kernelUsage). */
function paramsOf(kernel: AnyKernel): Array<[string, Param]> {
  return Object.entries(kernel.params as Record<string, Param>);
}

/** What an option's value looks like: text (`<integer>`), or JSON for the parameters a query cannot carry. */
function placeholder({ kind, fromText }: Param): string {
  return fromText ? `<${kind}>` : `<JSON ${kind}>`;
}

/** A parameter must be given on the command line: it is required, or the one of its oneOf group. */
function requiredHere(kernel: AnyKernel, name: string): boolean {
  return (kernel.params as Record<string, Param>)[name]!.required || (kernel.oneOf?.length === 1 && kernel.oneOf[0] === name);
}

function kernelUsage(kernel: AnyKernel): string {
  const options = paramsOf(kernel).map(([name, param]) => {
    const option = `--${name} ${placeholder(param)}`;
    return requiredHere(kernel, name) ? option : `[${option}]`;
  });
  options.push(`[--engine ${ENGINES.join('|')}]`);
  if (kernel.budgeted) options.push('[--budget <steps>]');
  const lines = paramsOf(kernel).map(([name, param]) => `      --${name.padEnd(8)} ${param.doc}`);
  if (kernel.oneOf) lines.push(`      (one of ${kernel.oneOf.map((name) => `--${name}`).join(', ')})`);
  return [`  polyfn ${kernel.name} ${options.join(' ')}`, `      ${kernel.summary}`, ...lines].join('\n');
}

const HELP = `polyfn: one WebAssembly compute core for every serverless platform

Usage:
${KERNELS.map(kernelUsage).join('\n')}
  polyfn serve [--port <port>] [--host <host>]
      The local HTTP server (port: --port, else $PORT, else ${DEFAULT_PORT}). Stops on SIGTERM/SIGINT.
  polyfn wasi <command> <arguments...>
      The same kernels from the standalone WASI build (build/polyfn-wasi.wasm), run by Node's
      built-in node:wasi with no JS glue (e.g. polyfn wasi palindromes 10 99). Any WASI runtime
      runs that file the same way.
  polyfn --help | --version

Each kernel prints one JSON line; values above 2^53 - 1 are printed as decimal strings.
Engines: wasm (default, the AssemblyScript build) or js (the TypeScript twin); results are identical.
Budgets count steps; the default is ${DEFAULT_BUDGET}.
Errors: one line on stderr and exit status 1 (2 for usage errors).`;

/** Parses `--name value` options (all strings) plus --help; anything else is a usage error. */
function options(args: string[], names: readonly string[]): { [name: string]: string | boolean | (string | boolean)[] | undefined } {
  const spec: ParseArgsConfig['options'] = { help: { type: 'boolean', short: 'h' } };
  for (const name of names) spec[name] = { type: 'string' };
  try {
    return parseArgs({ args, options: spec, strict: true }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function engineOption(raw: unknown): Engine | undefined {
  if (raw === undefined || ENGINES.includes(raw as Engine)) return raw as Engine | undefined;
  throw new UsageError(`--engine must be one of: ${ENGINES.join(', ')}`);
}

/** An option's value read by its parameter: as text, or as JSON where the parameter has no text form. */
function readOption(param: Param, raw: string, name: string): unknown {
  if (param.fromText) return param.fromText(raw, name);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new PolyfnError('invalid_argument', `${name} must be JSON (${param.kind})`);
  }
  return param.fromJson(value, name);
}

/** Runs one kernel from its options; false when only its help was asked for. */
function runCommand(kernel: AnyKernel, args: string[]): boolean {
  const params = paramsOf(kernel);
  const all = allParams(kernel);
  const o = options(args, Object.keys(all));
  if (o['help']) return false;
  const input: Record<string, unknown> = {};
  for (const [name, param] of params) {
    const raw = o[name];
    if (typeof raw === 'string') input[name] = readOption(param, raw, name);
    else if (requiredHere(kernel, name)) throw new UsageError(`--${name} is required`);
  }
  if (kernel.oneOf && !kernel.oneOf.some((name) => name in input)) {
    throw new UsageError(`one of ${kernel.oneOf.map((name) => `--${name}`).join(', ')} is required`);
  }
  const budget = typeof o['budget'] === 'string' ? (readOption(all['budget']!, o['budget'], 'budget') as number) : undefined;
  const result: unknown = runKernel(kernel, input, { engine: engineOption(o['engine']), budget });
  process.stdout.write(`${JSON.stringify(kernel.toJSON(result))}\n`);
  return true;
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const kernel = KERNELS.find((k) => k.name === command);
  if (kernel) {
    if (runCommand(kernel, rest)) return 0;
  } else {
    switch (command) {
      case 'serve': {
        const o = options(rest, ['port', 'host']);
        if (o['help']) break;
        const port = typeof o['port'] === 'string' ? parsePort(o['port'], '--port') : portFromEnv('PORT', DEFAULT_PORT);
        await serve({ port, host: o['host'] as string | undefined });
        return -1; // keep running until a signal stops the server
      }
      case 'wasi':
        if (rest.length === 0 || rest[0] === '--help' || rest[0] === '-h') break;
        return runWasi(rest);
      case '--version':
      case '-v':
        process.stdout.write(`polyfn ${pkg.version}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        break;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  }
  process.stdout.write(`${HELP}\n`);
  return 0;
}

try {
  const code = await run(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
} catch (error) {
  const usage = error instanceof UsageError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`polyfn: ${message}${usage ? ' (see polyfn --help)' : ''}\n`);
  process.exitCode = usage ? 2 : 1;
}
