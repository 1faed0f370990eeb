/**
 * What the parts of the extension share: the engine's workspace kept in step with the editor.
 * Implemented once (in this folder) and handed to the features at activation.
 */
import type * as vscode from 'vscode';
import type { Workspace } from '../core/workspace';
import type { ParsedFile } from '../core/parse';

export interface EngineHost {
  /** The engine's workspace: every Improvekit document of the open folders, open editors' text first. */
  readonly workspace: Workspace;
  /** Fires with the URIs (as strings) whose text, parse or diagnostics changed. */
  readonly onDidUpdate: vscode.Event<readonly string[]>;
  /** The parsed file for a URI, reading it from `vscode.workspace.fs` when the workspace does not hold it yet. */
  ensureFile(uri: vscode.Uri): Promise<ParsedFile | undefined>;
  /** The workspace folder's `.improvekit.yaml` and `improvekit.*` settings, applied. */
  readonly onDidChangeConfiguration: vscode.Event<void>;
}
