/**
 * The preview feature: the preview webview, the exports, and the Markdown preview plugin.
 * Light at activation: the renderer (src/core/render) is loaded on first use (see `loader.ts`).
 */
import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import type { EngineHost } from '../host';
import { installBlocks, type BlockRenderer } from '../../markdown/fence';
import { loadRenderer, setExtensionUri } from './loader';
import { PreviewPanel } from './panel';
import { Exporter } from './exports';
import { VIEW_TYPE } from './logic';

/** The host the Markdown preview's blocks are checked against; set at activation. */
let activeHost: EngineHost | undefined;

/**
 * Registers `improvekit.openPreview`, `improvekit.exportHtml`, `improvekit.exportSvg`, `improvekit.exportPng` and the
 * preview's serializer (activation event `onWebviewPanel:improvekit.preview`).
 */
export function registerPreview(context: vscode.ExtensionContext, host: EngineHost): void {
  setExtensionUri(context.extensionUri);
  activeHost = host;
  const preview = new PreviewPanel(context.extensionUri, host);
  const exporter = new Exporter(host, () => preview.currentUri, context.extensionUri);
  context.subscriptions.push(
    preview,
    { dispose: () => (activeHost = activeHost === host ? undefined : activeHost) },
    vscode.commands.registerCommand('improvekit.openPreview', (resource?: unknown) => preview.open(resource instanceof vscode.Uri ? resource : undefined)),
    vscode.commands.registerCommand('improvekit.exportHtml', (source?: unknown, target?: unknown) => exporter.exportHtml(source, target)),
    vscode.commands.registerCommand('improvekit.exportSvg', (source?: unknown, target?: unknown) => exporter.exportSvg(source, target)),
    vscode.commands.registerCommand('improvekit.exportPng', (source?: unknown, target?: unknown) => exporter.exportPng(source, target)),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => preview.restore(panel, state),
    }),
  );
}

/**
 * The Markdown preview plugin (`markdown.markdownItPlugins`): fenced blocks named after a kind
 * (```rapid-charter) are drawn as the preview draws them, with the note's diagnostics when the
 * workspace holds the note. The renderer loads at the first such block.
 */
export function extendMarkdownIt(md: MarkdownIt): MarkdownIt {
  let render: BlockRenderer | undefined;
  return installBlocks(md, (block) => {
    render ??= loadRenderer().createBlockRenderer({ workspace: () => activeHost?.workspace });
    return render(block);
  });
}
