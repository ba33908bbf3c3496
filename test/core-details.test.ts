// Details of the core that a looser test lets slip: the number forms text accepts and refuses, the
// parameter readers' exact codes and messages on each side of their bounds, the JSON Schemas the
// readers and kernels publish (checked against real answers), and the kernels' own inputs.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { routes } from '../src/contract/routes.ts';
import { openApiDocument } from '../src/contract/openapi.ts';
import { runtime, setRuntime } from '../src/core/runtime.ts';
import {
  allParams,
  contains,
  kernelNamed,
  MAX_VERTICES,
  runExamples,
  type Circle,
  type AnyKernel,
  containsKernel,
  inputToJson,
  circleKernel,
  engineName,
  integer,
  integerFromText,
  KERNELS,
  kindOf,
  number,
  numberFromText,
  numbers,
  palindromeResultToJSON,
  palindromes,
  palindromesKernel,
  points,
  PolyfnError,
  polygonKernel,
  runKernel,
} from '../src/index.ts';

/** The error `run` throws, as "code: message" (a test fails if it throws anything else, or nothing). */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    assert.instance(e, PolyfnError);
    return `${(e as PolyfnError).code}: ${(e as PolyfnError).message}`;
  }
  throw new assert.Assertion({ message: 'expected a PolyfnError', operator: 'throws', generated: false, expects: 'a PolyfnError', actual: 'nothing' });
}

const text = suite('core: numbers written as text');

text('every accepted number form reads as Number() reads it', () => {
  for (const form of ['7', '-7', '12.5', '12.', '-0.25', '.25', '-.5', '1e5', '1e10', '1E+5', '1e-5', '-12.5e-10', '.5e3', '100']) {
    assert.is(numberFromText(form, 'x'), Number(form), form);
  }
});

text('every refused form is invalid_argument "<name> must be a number"', () => {
  for (const form of ['', '-', '.', '1x', '.x', '1.2.3', '1e', 'e5', '1ex5', '1e+', '1e5x', '1e5.5', ' 1', '1 ', '+1', 'Infinity', 'NaN', '0x10', '1_000']) {
    assert.is(
      failure(() => numberFromText(form, 'radius')),
      'invalid_argument: radius must be a number',
      JSON.stringify(form),
    );
  }
});

text('integers: digits with an optional minus, nothing else', () => {
  assert.is(integerFromText('-12', 'n'), -12);
  for (const form of ['1.0', '1e3', '+1', '', '-', ' 1'])
    assert.is(
      failure(() => integerFromText(form, 'min')),
      'invalid_argument: min must be an integer',
      form,
    );
});

text.run();

const readers = suite('core: parameter readers, messages and schemas');

readers('kindOf names each JSON kind for a message', () => {
  assert.equal(
    [null, [], {}, 'x', 1, true].map((v) => kindOf(v)),
    ['null', 'an array', 'an object', 'a string', 'a number', 'a boolean'],
  );
});

readers('integer: both ends of the exact range, -0 read as 0, the messages', () => {
  const { MAX_SAFE_INTEGER: top } = Number;
  assert.is(integer.fromJson(top, 'n'), top);
  assert.is(integer.fromJson(-top, 'n'), -top);
  assert.is(integer.fromText!(String(top), 'n'), top);
  assert.ok(Object.is(integer.fromJson(-0, 'n'), 0));
  assert.ok(Object.is(integer.fromText!('-0', 'n'), 0));
  const range = `invalid_argument: n must be an integer between -${top} and ${top}`;
  assert.is(
    failure(() => integer.fromJson(top + 1, 'n')),
    range,
  );
  assert.is(
    failure(() => integer.fromJson(-top - 1, 'n')),
    range,
  );
  assert.is(
    failure(() => integer.fromText!('9007199254740993', 'n')),
    range,
  );
  assert.is(
    failure(() => integer.fromJson(1.5, 'n')),
    'invalid_argument: n must be an integer, not a number (1.5)',
  );
  assert.is(
    failure(() => integer.fromJson('5', 'n')),
    'invalid_argument: n must be an integer, not a string',
  );
  assert.is(
    failure(() => integer.fromJson(null, 'n')),
    'invalid_argument: n must be an integer, not null',
  );
  assert.equal(integer.schema, { type: 'integer', minimum: -top, maximum: top });
});

readers('number: any JSON number, nothing else', () => {
  assert.is(number.fromJson(-1.5, 'r'), -1.5);
  assert.is(
    failure(() => number.fromJson('1', 'r')),
    'invalid_argument: r must be a number, not a string',
  );
  assert.equal(number.schema, { type: 'number' });
});

readers('numbers(max): 1 to max entries, both sides; the entry named in its message', () => {
  const three = numbers(3);
  assert.equal(Array.from(three.fromJson([1], 'radii')), [1]);
  assert.equal(Array.from(three.fromJson([1, 2, 3], 'radii')), [1, 2, 3]);
  assert.is(
    failure(() => three.fromJson([1, 2, 3, 4], 'radii')),
    'invalid_argument: radii must have at most 3 entries',
  );
  assert.is(
    failure(() => three.fromJson([], 'radii')),
    'invalid_argument: radii must not be empty',
  );
  assert.is(
    failure(() => three.fromJson({}, 'radii')),
    'invalid_argument: radii must be an array of numbers, not an object',
  );
  assert.is(
    failure(() => three.fromJson('1,2', 'radii')),
    'invalid_argument: radii must be an array of numbers, not a string',
  );
  assert.is(
    failure(() => three.fromJson([1, '2'], 'radii')),
    'invalid_argument: radii[1] must be a number, not a string',
  );
  assert.equal(three.toJson!(new Float64Array([1.5, 2])), [1.5, 2]);
  assert.equal(three.schema, { type: 'array', items: { type: 'number' }, minItems: 1, maxItems: 3 });
});

readers('points(min, max): counts on both sides, every malformed pair refused by index', () => {
  const reader = points(3, 4);
  const square = [
    [0, 0],
    [1, 0],
    [1, 1],
  ];
  assert.equal(Array.from(reader.fromJson(square, 'p')), [0, 0, 1, 0, 1, 1]);
  assert.equal(Array.from(reader.fromJson([...square, [0, 1]], 'p')), [0, 0, 1, 0, 1, 1, 0, 1]);
  assert.is(
    failure(() => reader.fromJson(square.slice(0, 2), 'p')),
    'invalid_argument: p must have at least 3 points',
  );
  assert.is(
    failure(() => reader.fromJson([...square, [0, 1], [0, 2]], 'p')),
    'invalid_argument: p must have at most 4 points',
  );
  assert.is(
    failure(() => reader.fromJson([], 'p')),
    'invalid_argument: p must not be empty',
  );
  assert.is(
    failure(() => reader.fromJson({}, 'p')),
    'invalid_argument: p must be an array of [x, y] points, not an object',
  );
  assert.is(
    failure(() => reader.fromJson(null, 'p')),
    'invalid_argument: p must be an array of [x, y] points, not null',
  );
  for (const bad of [5, {}, [1], [1, 2, 3], ['1', 2], [1, '2'], [null, 2], []]) {
    assert.is(
      failure(() => reader.fromJson([[0, 0], [1, 0], bad], 'p')),
      'invalid_argument: p[2] must be [x, y] with finite numbers',
      JSON.stringify(bad),
    );
  }
  assert.equal(reader.toJson!(new Float64Array([0, 1, 2, 3])), [
    [0, 1],
    [2, 3],
  ]);
  assert.equal(reader.schema, { type: 'array', items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 }, minItems: 3, maxItems: 4 });
});

readers('engineName: the engines, by name only', () => {
  assert.is(engineName.fromText!('js', 'engine'), 'js');
  assert.is(engineName.fromJson('wasm', 'engine'), 'wasm');
  assert.is(
    failure(() => engineName.fromJson('WASM', 'engine')),
    'invalid_argument: engine must be one of: wasm, js',
  );
  assert.is(engineName.kind, '`wasm`, `js`');
  assert.equal(engineName.schema, { type: 'string', enum: ['wasm', 'js'] });
});

readers('PolyfnError: its name and code', () => {
  const error = new PolyfnError('kernel_fault', 'm');
  assert.is(error.name, 'PolyfnError');
  assert.is(String(error), 'PolyfnError: m');
  assert.is(error.code, 'kernel_fault');
});

readers.run();

const kernels = suite('core: the kernels\u2019 own inputs and answers');

kernels('each kernel validates its example and its warm-up input (a worker runs the warm-up as it starts)', () => {
  for (const kernel of KERNELS) {
    kernel.validate(kernel.example as never);
    if (kernel.warmUp !== undefined) kernel.validate(kernel.warmUp as never);
  }
  assert.equal(palindromesKernel.warmUp, { min: 100_000_000, max: 999_999_999 });
});

kernels('palindromes: a factor that is not an integer, each side of each bound, the budget message', () => {
  assert.is(
    failure(() => palindromes(10.5, 99)),
    'invalid_argument: min must be an integer',
  );
  assert.is(
    failure(() => palindromes(10, Number.NaN)),
    'invalid_argument: max must be an integer',
  );
  assert.is(
    failure(() => palindromes('10' as unknown as number, 99)),
    'invalid_argument: min must be an integer',
  );
  assert.is(
    failure(() => palindromes(0, 99)),
    'invalid_argument: min must be >= 1',
  );
  assert.is(
    failure(() => palindromes(1, 1_000_000_000)),
    'invalid_argument: max must be <= 999999999',
  );
  assert.is(
    failure(() => palindromes(12, 11)),
    'invalid_argument: min must be <= max',
  );
  assert.is(palindromes(11, 11).smallest.value, 121n);
  for (const engine of ['wasm', 'js'] as const) {
    assert.is(
      failure(() => palindromes(10, 99, { engine, budget: 1 })),
      'budget_exceeded: the search of [10, 99] needs more than 1 steps',
      engine,
    );
  }
});

kernels('palindromes: its parameters say their limits; a pool kernel documents 503 overloaded', () => {
  const { min, max } = palindromesKernel.params;
  assert.is(min.doc, 'the smallest factor (1 <= min <= max)');
  assert.is(max.doc, 'the largest factor (max <= 999999999)');
  const responses = (openApiDocument(routes) as { paths: Record<string, { get: { responses: Record<string, unknown> } }> }).paths['/api/palindromes']!.get
    .responses;
  assert.ok('503' in responses, Object.keys(responses).join(', '));
});

kernels('palindromes: its answer schema holds real answers and refuses others', () => {
  const valid = new Ajv2020({ strict: false }).compile(palindromesKernel.answer);
  const answers = [palindromes(10, 99), palindromes(15, 15), palindromes(999_900_000, 999_999_999)].map(palindromeResultToJSON);
  assert.is(answers[1]!.smallest.value, null);
  assert.type(answers[2]!.largest.value, 'string');
  for (const answer of answers) assert.ok(valid(answer), JSON.stringify(valid.errors));
  const [{ smallest, largest }] = answers as [(typeof answers)[0]];
  assert.not.ok(valid({ smallest }), 'without largest');
  assert.not.ok(valid({ largest }), 'without smallest');
  assert.not.ok(valid({ smallest, largest, steps: 1 }), 'an extra property');
  assert.not.ok(valid({ smallest, largest: { ...largest, factors: [[1, 2, 3]] } }), 'a factor triple');
});

kernels('every kernel\u2019s answer schema holds its answers, and refuses one without a property, with an extra one, or a property of another type', () => {
  const answers: [AnyKernel, object][] = [
    ...KERNELS.map((kernel): [AnyKernel, object] => [kernel, kernel.example]),
    [circleKernel, { radii: new Float64Array([0, 1.5]) }],
    [polygonKernel, { vertices: new Float64Array([0, 0, 1, 1, 2, 2]) }],
    [polygonKernel, { vertices: new Float64Array([0, 0, 0, 1, 1, 0]) }],
    [palindromesKernel, { min: 15, max: 15 }],
  ];
  for (const [kernel, input] of answers) {
    const valid = new Ajv2020({ strict: false }).compile(kernel.answer);
    const answer = kernel.toJSON(runKernel(kernel, input as never, {}) as never) as Record<string, unknown>;
    const where = `${kernel.name} ${JSON.stringify(answer)}`;
    assert.ok(valid(answer), `${where}: ${JSON.stringify(valid.errors)}`);
    assert.not.ok(valid({ ...answer, extra: 1 }), `${where} with an extra property`);
    for (const key of Object.keys(answer)) {
      const { [key]: _, ...without } = answer;
      assert.not.ok(valid(without), `${where} without ${key}`);
      assert.not.ok(valid({ ...answer, [key]: 'x' }), `${where} with ${key} a string`);
      const value = answer[key];
      if (Array.isArray(value)) assert.not.ok(valid({ ...answer, [key]: value.map(() => 'x') }), `${where} with strings in ${key}`);
    }
  }
});

kernels('each parameter\u2019s doc says its limits', () => {
  const docs = Object.fromEntries(
    KERNELS.map((kernel) => [kernel.name, Object.fromEntries(Object.entries(allParams(kernel)).map(([name, { doc }]) => [name, doc]))]),
  );
  assert.equal(docs, {
    palindromes: {
      min: 'the smallest factor (1 <= min <= max)',
      max: 'the largest factor (max <= 999999999)',
      engine: 'the engine: Wasm or its TypeScript twin (identical results)',
      budget: 'steps this call may take, at most the default (a lower budget gives up sooner)',
    },
    circle: {
      radius: 'the radius (0 <= radius <= 1e+153)',
      radii: 'a batch of radii (at most 10000)',
      engine: 'the engine: Wasm or its TypeScript twin (identical results)',
    },
    polygon: { vertices: 'the vertices in order (3 to 100000; |x|, |y| <= 1e+100)', engine: 'the engine: Wasm or its TypeScript twin (identical results)' },
    contains: {
      polygon: "the polygon's vertices in order (3 to 100000)",
      points: 'the points to test (at most 250000)',
      engine: 'the engine: Wasm or its TypeScript twin (identical results)',
      budget: 'steps this call may take, at most the default (a lower budget gives up sooner)',
    },
  });
});

kernels('the pool kernels (long calls) are the ones whose routes document 503 overloaded', () => {
  const paths = (openApiDocument(routes) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }).paths;
  for (const kernel of KERNELS) {
    const operations = Object.values(paths[`/api/${kernel.name}`]!);
    assert.ok(operations.length > 0, kernel.name);
    for (const { responses } of operations) assert.is('503' in responses, kernel.pool, kernel.name);
  }
  assert.equal(
    KERNELS.filter((kernel) => kernel.pool).map((kernel) => kernel.name),
    ['palindromes', 'contains'],
  );
});

kernels('binary bodies: the vertex count on both sides of its bound, exact codes and messages', () => {
  const atMost = new Float64Array(1 + 2 * MAX_VERTICES + 2);
  atMost[0] = MAX_VERTICES;
  const read = containsKernel.binaryBody!.read(atMost);
  assert.equal([read.polygon!.length, read.points!.length], [2 * MAX_VERTICES, 2]);
  const over = new Float64Array(1 + 2 * (MAX_VERTICES + 1) + 2);
  over[0] = MAX_VERTICES + 1;
  assert.is(
    failure(() => containsKernel.binaryBody!.read(over)),
    'invalid_argument: the binary body must start with the vertex count, an integer from 3 to 100000',
  );
  assert.is(
    failure(() => polygonKernel.binaryBody!.read(Float64Array.of(1, 2, 3))),
    'invalid_argument: the binary body must hold the vertices as [x, y] pairs: 3 values is an odd number',
  );
});

kernels('contains: the typed API names the polygon in its messages; the first chunk always runs, even past the deadline', () => {
  assert.is(
    failure(() => contains([[0, 0], [1, 0], [1] as never], [[0, 0]])),
    'invalid_argument: polygon[2] must be [x, y] with finite numbers',
  );
  assert.is(
    failure(() =>
      contains(
        [
          [0, 0],
          [1, 0],
          [1, 1],
        ],
        [[0, 0], [1] as never],
      ),
    ),
    'invalid_argument: points[1] must be [x, y] with finite numbers',
  );
  for (const engine of ['wasm', 'js'] as const) {
    assert.equal(Array.from(runKernel(containsKernel, containsKernel.example, { engine, timeoutMs: 0 }).inside), [1, 0, 1], engine);
  }
});

kernels('the registry: kernels by name; the examples run on the engines asked for', () => {
  assert.is(kernelNamed('circle'), circleKernel);
  assert.is(kernelNamed('contains'), containsKernel);
  assert.is(kernelNamed('square'), undefined);
  // A runtime whose module has no kernels: the Wasm examples fail, the JS ones need no Wasm.
  const installed = runtime();
  setRuntime({ kernels: new WebAssembly.Module(Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0)), now: installed.now });
  try {
    runExamples(['js']);
    assert.throws(() => runExamples(['wasm']));
  } finally {
    setRuntime(installed);
  }
  runExamples();
});

kernels.run();

const calls = suite('core: what every call checks before it runs');

calls('presence: a required parameter, and exactly one of a oneOf group', () => {
  assert.is(
    failure(() => runKernel(palindromesKernel, { min: 1 } as never)),
    'missing_argument: max is required',
  );
  assert.is(
    failure(() => runKernel(circleKernel, {})),
    'missing_argument: radius (or radii, in a JSON body) is required',
  );
  assert.is(
    failure(() => runKernel(circleKernel, { radius: 1, radii: Float64Array.of(1) })),
    'invalid_argument: give either radius or radii, not both',
  );
  assert.is((runKernel(circleKernel, { radius: 1, radii: undefined }) as Circle).radius, 1);
});

calls('the engine: wasm or js, nothing else', () => {
  assert.is(
    failure(() => runKernel(circleKernel, { radius: 1 }, { engine: 'WASM' as never })),
    'invalid_argument: engine must be one of: wasm, js',
  );
});

calls('the budget: a positive safe integer, on a budgeted kernel only; a cost over it refused before any work', () => {
  for (const budget of [0, -1, 1.5, Number.NaN, 2 ** 53]) {
    assert.is(
      failure(() => palindromes(10, 99, { budget })),
      'invalid_argument: budget must be a positive integer',
      String(budget),
    );
  }
  assert.is(palindromes(10, 99, { budget: Number.MAX_SAFE_INTEGER }).largest.value, 9009n);
  // The example's cost: 4 edges x 1 block of points = 4 steps.
  assert.equal(Array.from(runKernel(containsKernel, containsKernel.example, { budget: 4 }).inside), [1, 0, 1]);
  assert.is(
    failure(() => runKernel(containsKernel, containsKernel.example, { budget: 3 })),
    'budget_exceeded: testing 3 points against 4 edges needs 4 steps, more than the budget of 3',
  );
  // circle counts no steps: its options carry no budget to check.
  assert.is((runKernel(circleKernel, { radius: 1 }, { budget: 0, timeoutMs: -1 }) as Circle).radius, 1);
});

calls('the time limit: a number >= 0; 0 stops a search of the whole 9-digit range, 10 s lets it finish', () => {
  for (const timeoutMs of [-1, Number.NaN]) {
    assert.is(
      failure(() => palindromes(10, 99, { timeoutMs })),
      'invalid_argument: timeoutMs must be a number >= 0',
      String(timeoutMs),
    );
  }
  for (const engine of ['wasm', 'js'] as const) {
    const range = { min: 100_000_000, max: 999_999_999 };
    assert.is(
      failure(() => palindromes(range.min, range.max, { engine, timeoutMs: 0 })),
      'budget_exceeded: the search of [100000000, 999999999] did not finish within 0 ms',
      engine,
    );
    assert.is(palindromes(range.min, range.max, { engine, timeoutMs: 10_000 }).largest.value, 999900665566009999n, engine);
  }
});

calls('allParams adds engine, and budget to a budgeted kernel; inputToJson writes typed arrays as JSON', () => {
  assert.equal(Object.keys(allParams(palindromesKernel)), ['min', 'max', 'engine', 'budget']);
  assert.equal(Object.keys(allParams(circleKernel)), ['radius', 'radii', 'engine']);
  assert.is(allParams(circleKernel).engine!.doc, 'the engine: Wasm or its TypeScript twin (identical results)');
  assert.equal(allParams(palindromesKernel).budget!.schema, integer.schema);
  assert.equal(inputToJson(containsKernel, containsKernel.example), {
    polygon: [
      [0, 0],
      [4, 0],
      [4, 3],
      [0, 3],
    ],
    points: [
      [1, 1],
      [5, 1],
      [4, 3],
    ],
  });
  assert.equal(inputToJson(palindromesKernel, { min: 10, max: 99 }), { min: 10, max: 99 });
});

calls.run();
