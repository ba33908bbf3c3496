// The JS engine: the TypeScript twin of the Wasm kernels, with the same functions as ../wasm.ts.
export { searchPalindromes } from './palindromes.ts';
export { circleArea, circleCircumference, circles } from './geometry.ts';
