/**
 * The extension loaded against the stand-in `vscode` (fake-vscode.ts) and preview (fake-preview.ts)
 * for the suite this is called in: module resolution is hooked before its tests and put back after.
 * Other suites may hook resolution too: this wraps whatever is in place, and restores it.
 */
import Module from 'node:module';
import type * as Fake from './fake-vscode';

type Resolver = (request: string, parent: unknown, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolver };

export interface StandIn {
  vscode: typeof Fake;
  main: typeof import('../../../src/extension/main');
}

/** Call inside a `describe`: its `before` hooks registered later see `vscode` and `main` loaded. */
export function useStandIn(): StandIn {
  const loaded = {} as StandIn;
  let previousResolve: Resolver;
  let ownResolve: Resolver;
  before(() => {
    previousResolve = moduleWithResolver._resolveFilename;
    ownResolve = function (this: unknown, request, parent, ...rest) {
      if (request === 'vscode') return require.resolve('./fake-vscode');
      const resolved = previousResolve.call(this, request, parent, ...rest);
      return /src[\\/]extension[\\/]preview[\\/]index\.ts$/.test(resolved) ? require.resolve('./fake-preview') : resolved;
    };
    moduleWithResolver._resolveFilename = ownResolve;
    loaded.vscode = require('./fake-vscode');
    loaded.main = require('../../../src/extension/main');
  });
  after(() => {
    if (moduleWithResolver._resolveFilename === ownResolve) moduleWithResolver._resolveFilename = previousResolve;
  });
  return loaded;
}
