// The `polyfn` command: the kernels from a shell, the local server, and the WASI build.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { serve, DEFAULT_PORT } from '../adapters/node/server.ts';
import {
  circle,
  DEFAULT_BUDGET,
  ENGINES,
  FACTOR_MAX,
  integerFromText,
  numberFromText,
  palindromeResultToJSON,
  palindromes,
  type Engine,
} from '../src/core/index.ts';
import { parsePort, portFromEnv } from '../src/server/http.ts';
import { runWasi } from './wasi.ts';
import pkg from '../package.json' with { type: 'json' };

const HELP = `polyfn: one WebAssembly compute core for every serverless platform

Usage:
  polyfn palindromes --min <n> --max <n> [--engine wasm|js] [--budget <steps>]
      Smallest and largest palindromic products of two factors in [min, max]
      (1 <= min <= max <= ${FACTOR_MAX}), each with all its factor pairs. One JSON line;
      values above 2^53 - 1 are printed as decimal strings. Default budget: ${DEFAULT_BUDGET} steps.
  polyfn circle --radius <r> [--engine wasm|js]
      Area and circumference of a circle (0 <= r, finite). One JSON line.
  polyfn serve [--port <port>] [--host <host>]
      The local HTTP server (port: --port, else $PORT, else ${DEFAULT_PORT}). Stops on SIGTERM/SIGINT.
  polyfn wasi <palindromes <min> <max> | circle <radius>>
      The same kernels from the standalone WASI build (build/polyfn-wasi.wasm), run by Node's
      built-in node:wasi with no JS glue. Any WASI runtime runs that file the same way.
  polyfn --help | --version

Engines: wasm (default, the AssemblyScript build) or js (the TypeScript twin); results are identical.
Errors: one line on stderr and exit status 1 (2 for usage errors).`;

class UsageError extends Error {}

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

function integerOption(raw: unknown, name: string): number {
  if (typeof raw !== 'string') throw new UsageError(`--${name} is required`);
  return integerFromText(raw, name);
}

function engineOption(raw: unknown): Engine | undefined {
  if (raw === undefined || ENGINES.includes(raw as Engine)) return raw as Engine | undefined;
  throw new UsageError(`--engine must be one of: ${ENGINES.join(', ')}`);
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  switch (command) {
    case 'palindromes': {
      const o = options(rest, ['min', 'max', 'engine', 'budget']);
      if (o['help']) break;
      const result = palindromes(integerOption(o['min'], 'min'), integerOption(o['max'], 'max'), {
        engine: engineOption(o['engine']),
        budget: o['budget'] === undefined ? undefined : integerOption(o['budget'], 'budget'),
      });
      print(palindromeResultToJSON(result));
      return 0;
    }
    case 'circle': {
      const o = options(rest, ['radius', 'engine']);
      if (o['help']) break;
      const raw = o['radius'];
      if (typeof raw !== 'string') throw new UsageError('--radius is required');
      print(circle(numberFromText(raw, 'radius'), { engine: engineOption(o['engine']) }));
      return 0;
    }
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
