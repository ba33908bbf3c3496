// Modules the runtimes import that TypeScript cannot see: a .wasm module is a compiled
// WebAssembly.Module where the platform compiles it (Cloudflare Workers).
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
