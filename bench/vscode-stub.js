// A stand-in for the `vscode` module so the bundle's load time can be measured outside the editor.
module.exports = new Proxy(function () {}, {
  get: (target, prop) => (prop === '__esModule' ? false : module.exports),
  apply: () => module.exports,
  construct: () => module.exports,
});
