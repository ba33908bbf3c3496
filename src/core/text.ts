// Numbers written as text (CLI arguments, query strings): one strict grammar for every entry point,
// mirrored by the WASI command (assembly/wasi.ts). No hex, no spaces, no "Infinity".
import { PolyfnError } from './errors.ts';

const INTEGER_TEXT = /^-?\d+$/;
const NUMBER_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

export function integerFromText(text: string, name: string): number {
  if (!INTEGER_TEXT.test(text)) throw new PolyfnError('invalid_argument', `${name} must be an integer`);
  return Number(text);
}

export function numberFromText(text: string, name: string): number {
  if (!NUMBER_TEXT.test(text)) throw new PolyfnError('invalid_argument', `${name} must be a number`);
  return Number(text);
}
