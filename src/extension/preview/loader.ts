/**
 * Loads the preview's renderer (`load.ts`) the first time a preview, an export or a Markdown
 * block needs it.
 *
 * Desktop: the renderer is the separate bundle `dist/preview.js`; its path is computed at run
 * time, so esbuild leaves the `require` alone and the activation bundle stays small.
 * Web: a web extension host runs one file and has no `require` of files, so the web build
 * (`IMPROVEKIT_WEB` defined true by esbuild.js) inlines the renderer; the desktop branch is
 * then dead code, and in the desktop build the inlined branch is.
 */
import * as vscode from 'vscode';
import type * as Renderer from './load';

export type PreviewRenderer = typeof Renderer;

declare const IMPROVEKIT_WEB: boolean;

let loaded: PreviewRenderer | undefined;
let extensionUri: vscode.Uri | undefined;

/** Where the desktop bundle is: set at activation. */
export function setExtensionUri(uri: vscode.Uri): void {
  extensionUri = uri;
}

export function loadRenderer(): PreviewRenderer {
  if (loaded) return loaded;
  if (typeof IMPROVEKIT_WEB !== 'undefined' && IMPROVEKIT_WEB) {
    loaded = require('./load') as PreviewRenderer;
  } else {
    if (!extensionUri) throw new Error('The Improvekit preview is not ready yet: the extension has not finished activating. Try again in a moment.');
    loaded = require(vscode.Uri.joinPath(extensionUri, 'dist', 'preview.js').fsPath) as PreviewRenderer;
  }
  return loaded;
}
