// A stand-in for the `vscode` module so the bundle's load time can be measured outside the editor:
// every property, call and construction gives the stand-in again, also through esbuild's ESM
// interop (which copies own properties and falls back to the prototype).
const proto = new Proxy({}, { get: (target, prop) => (typeof prop === 'symbol' || prop === 'then' ? undefined : stub) });
const stub = new Proxy(function () {}, {
  get: (target, prop) => (prop === '__esModule' ? false : typeof prop === 'symbol' || prop === 'then' ? undefined : stub),
  apply: () => stub,
  construct: () => stub,
  getPrototypeOf: () => proto,
});
module.exports = stub;
