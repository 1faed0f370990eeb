/**
 * Export Preview as HTML / as SVG: the same self-contained page as `improvekit render --out`,
 * and a diagram as a standalone `.svg`, written through `vscode.workspace.fs` (web too).
 *
 * Both commands take `(source?: Uri, target?: Uri)`: the document (menus pass the resource as
 * the first argument) and where to write. With a target no dialog is shown, for tests and scripts.
 * `{ source, target }` as the first argument works too.
 */
import * as vscode from 'vscode';
import type { EngineHost } from '../host';
import type { ParsedFile } from '../../core/parse';
import { loadRenderer } from './loader';
import { engineUriOf } from './panel';
import { exportFileName, slug } from './logic';

export interface ExportArguments {
  source?: vscode.Uri;
  target?: vscode.Uri;
}

/** The command's arguments in either form; anything else is ignored (menus may pass more). */
export function exportArguments(first: unknown, second: unknown): ExportArguments {
  if (first instanceof vscode.Uri) return { source: first, target: second instanceof vscode.Uri ? second : undefined };
  if (first && typeof first === 'object') {
    const { source, target } = first as { source?: unknown; target?: unknown };
    return { source: source instanceof vscode.Uri ? source : undefined, target: target instanceof vscode.Uri ? target : undefined };
  }
  return {};
}

/** `improvekit.export.theme`: the palette of exported files (light unless set; paper is white). */
function exportTheme(scope?: vscode.Uri): 'light' | 'dark' | 'auto' {
  const theme = vscode.workspace.getConfiguration('improvekit', scope).get<string>('export.theme', 'light');
  return theme === 'dark' || theme === 'auto' ? theme : 'light';
}

/** `improvekit.export.findings`: mark what the checks found (default) or leave it out, for a slide. */
function exportFindings(scope?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('improvekit', scope).get<boolean>('export.findings', true) !== false;
}

const NOTHING_TO_EXPORT =
  'Improvekit: nothing to export. Open a driver diagram, PDSA cycle, RAPID charter, leadership model, message map or roster (or a Markdown note with one), then run the command again.';

export class Exporter {
  constructor(
    private readonly host: EngineHost,
    /** The file the preview shows, used when no editor is active (the preview has focus). */
    private readonly previewUri: () => string | undefined,
  ) {}

  /** The engine's file for the command's source, the active editor, or the preview. */
  private async sourceFile(source?: vscode.Uri): Promise<{ file: ParsedFile; editorUri: vscode.Uri } | undefined> {
    if (source) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.toString());
      const file = open ? (this.host.workspace.file(engineUriOf(open)) ?? (await this.host.ensureFile(source))) : await this.host.ensureFile(source);
      return file?.documents.length ? { file, editorUri: source } : undefined;
    }
    const editor = vscode.window.activeTextEditor;
    if (editor) {
      const uri = engineUriOf(editor.document);
      const file = this.host.workspace.file(uri) ?? (await this.host.ensureFile(editor.document.uri));
      if (file?.documents.length) return { file, editorUri: editor.document.uri };
    }
    const shown = this.previewUri();
    const file = shown ? this.host.workspace.file(shown) : undefined;
    return file?.documents.length ? { file, editorUri: vscode.Uri.parse(file.uri, true) } : undefined;
  }

  /** Where to write: the target given, else what the save dialog says (beside the document by default). */
  private async destination(editorUri: vscode.Uri, name: string, filters: Record<string, string[]>, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (target) return target;
    const folder = editorUri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(editorUri, '..');
    const defaultUri = folder ? vscode.Uri.joinPath(folder, name) : undefined;
    return vscode.window.showSaveDialog({ defaultUri, filters, saveLabel: 'Export', title: 'Improvekit: Export' });
  }

  private async write(target: vscode.Uri, text: string, prompt: boolean, what: string): Promise<void> {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    if (!prompt) return;
    const name = target.path.slice(target.path.lastIndexOf('/') + 1);
    const choice = await vscode.window.showInformationMessage(`Improvekit: exported ${what} to ${name}.`, 'Open', 'Open in Editor');
    if (choice === 'Open') await vscode.env.openExternal(target);
    else if (choice === 'Open in Editor') await vscode.window.showTextDocument(target);
  }

  /** What an export works on: the source file, where to write (when given), the renderer, the checks. */
  private async exportJob(first: unknown, second: unknown) {
    const { source, target } = exportArguments(first, second);
    const found = await this.sourceFile(source);
    if (!found) {
      void vscode.window.showWarningMessage(NOTHING_TO_EXPORT);
      return undefined;
    }
    const findings = exportFindings(found.editorUri);
    return { ...found, target, renderer: loadRenderer(), findings, diagnostics: findings ? this.host.workspace.diagnostics(found.file.uri) : [] };
  }

  /** Writes the document's self-contained HTML (no scripts, no network); returns where, or undefined. */
  async exportHtml(first?: unknown, second?: unknown): Promise<vscode.Uri | undefined> {
    const job = await this.exportJob(first, second);
    if (!job) return undefined;
    const { file, editorUri, target, renderer, diagnostics } = job;
    const fragments = file.documents.map((doc) => renderer.renderDocument(doc, { diagnostics, workspace: this.host.workspace }));
    const page = renderer.renderPage(fragments, { title: fragments[0]?.title ?? exportFileName(file.uri, 'html'), inlineCss: true, theme: exportTheme(editorUri) });
    const where = await this.destination(editorUri, exportFileName(file.uri, 'html'), { HTML: ['html', 'htm'] }, target);
    if (!where) return undefined;
    await this.write(where, page, !target, 'the preview');
    return where;
  }

  /** Writes a diagram of the document (the one picked when there are several) as a standalone SVG. */
  async exportSvg(first?: unknown, second?: unknown): Promise<vscode.Uri | undefined> {
    const job = await this.exportJob(first, second);
    if (!job) return undefined;
    const { file, editorUri, target, renderer, diagnostics, findings } = job;
    const theme = exportTheme(editorUri) === 'dark' ? 'dark' : 'light';
    const diagrams = file.documents.flatMap((doc) => renderer.renderSvgs(doc, { diagnostics, workspace: this.host.workspace, theme, findings }));
    if (!diagrams.length) {
      void vscode.window.showWarningMessage(
        'Improvekit: this file draws no diagram to export as SVG. Driver diagrams, leadership models (org chart) and PDSA cycles with data (run chart) do; use Export Preview as HTML for the others.',
      );
      return undefined;
    }
    let diagram = diagrams[0];
    if (diagrams.length > 1 && !target) {
      const picked = await vscode.window.showQuickPick(
        diagrams.map((d, index) => ({ label: d.label || `Diagram ${index + 1}`, index })),
        { title: 'Improvekit: Export Diagram as SVG', placeHolder: 'Which diagram?' },
      );
      if (!picked) return undefined;
      diagram = diagrams[picked.index];
    }
    const name = exportFileName(file.uri, 'svg', diagrams.length > 1 ? `-${slug(diagram.label)}` : '');
    const where = await this.destination(editorUri, name, { SVG: ['svg'] }, target);
    if (!where) return undefined;
    await this.write(where, diagram.svg, !target, diagram.label ? `“${diagram.label}”` : 'the diagram');
    return where;
  }
}
