// What the worker uses of the Workers runtime's own module: its bindings, here the text [vars].
// @cloudflare/workers-types would declare the whole Workers API, clashing with the DOM globals the
// rest of the code is checked against, for this one import.
declare module 'cloudflare:workers' {
  export const env: Readonly<Record<string, string | undefined>>;
}
