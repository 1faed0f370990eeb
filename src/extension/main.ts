/**
 * The extension's entry, for desktop VS Code and the web alike: builds the engine host and
 * registers the features over it. The preview's render code is loaded only when first used.
 */
import * as vscode from 'vscode';
import { ExtensionEngineHost } from './engine';
import { DiagnosticsPublisher, FixProvider, fixAllCommand } from './diagnostics';
import { LanguageFeatures, SELECTOR } from './language';
import { StatusItem } from './status';
import { checkWorkspace, newDocument } from './commands';
import { registerPreview, extendMarkdownIt } from './preview/index';
import { registerYamlSchemas } from './yaml';

/** What `activate` returns: the Markdown preview plugin, and the parts integration tests look at. */
export interface ImprovekitApi {
  extendMarkdownIt: typeof extendMarkdownIt;
  host: ExtensionEngineHost;
  publisher: DiagnosticsPublisher;
  status: StatusItem;
  /** Resolves when the first read of the workspace is done. */
  ready: Promise<void>;
  /** This extension's log folder; the extension host's own log is in the folder above it. */
  logUri: vscode.Uri;
}

export function activate(context: vscode.ExtensionContext): ImprovekitApi {
  const log = vscode.window.createOutputChannel('Improvekit', { log: true });
  const host = new ExtensionEngineHost(log);
  const publisher = new DiagnosticsPublisher(host);
  const features = new LanguageFeatures(host);
  const status = new StatusItem(host);
  context.subscriptions.push(
    log,
    host,
    publisher,
    status,
    features.register(),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new FixProvider(host, publisher), FixProvider.metadata),
    vscode.commands.registerCommand('improvekit.checkWorkspace', (options?: { quiet?: boolean }) => checkWorkspace(host, publisher, options)),
    vscode.commands.registerCommand('improvekit.newDocument', (kind?: unknown) => newDocument(host, kind)),
    vscode.commands.registerCommand('improvekit.fixAll', () => fixAllCommand(host)),
    registerYamlSchemas(context, host),
  );
  registerPreview(context, host);
  const ready = host.start().then(
    () => publisher.publishAll(),
    (error) => log.error(`Reading the workspace failed: ${String((error as Error)?.stack ?? error)}`),
  );
  return { extendMarkdownIt, host, publisher, status, ready, logUri: context.logUri };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
