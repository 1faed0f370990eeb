/**
 * Export Preview as HTML / Diagram as SVG / as PNG: the same self-contained page as
 * `improvekit render --out`, a diagram as a standalone `.svg`, or drawn as a `.png` sized for a
 * 1920 × 1080 slide (by resvg's WebAssembly, read from the extension with the fonts of `media/`),
 * written through `vscode.workspace.fs` (web too).
 *
 * The commands take `(source?: Uri, target?: Uri)`: the document (menus pass the resource as
 * the first argument) and where to write. With a target no dialog is shown, for tests and scripts.
 * `{ source, target }` as the first argument works too.
 */
import * as vscode from 'vscode';
import type { EngineHost } from '../host';
import type { ParsedFile } from '../../core/parse';
import type { Rasteriser } from '../../core/render/png';
import type { SvgDiagram } from '../../core/render';
import { loadRenderer, type PreviewRenderer } from './loader';
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
  private rasteriser: Promise<Rasteriser> | undefined;

  constructor(
    private readonly host: EngineHost,
    /** The file the preview shows, used when no editor is active (the preview has focus). */
    private readonly previewUri: () => string | undefined,
    /** Where the rasteriser's WebAssembly and fonts are (PNG export). */
    private readonly extensionUri?: vscode.Uri,
  ) {}

  /** resvg's WebAssembly and the fonts, read once from the extension (a file on desktop, a resource on the web). */
  private loadRasteriser(renderer: PreviewRenderer): Promise<Rasteriser> {
    const root = this.extensionUri;
    if (!root) return Promise.reject(new Error('the extension has not finished activating'));
    const read = (file: string) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, ...file.split('/')));
    this.rasteriser ??= Promise.all([read(renderer.PNG_WASM_FILE), ...renderer.PNG_FONT_FILES.map(read)]).then(
      ([wasm, ...fonts]) => ({ wasm, fonts }),
      (error: unknown) => {
        this.rasteriser = undefined;
        throw error;
      },
    );
    return this.rasteriser;
  }

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

  private async write(target: vscode.Uri, content: string | Uint8Array, prompt: boolean, what: string): Promise<void> {
    await vscode.workspace.fs.writeFile(target, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    if (!prompt) return;
    const name = target.path.slice(target.path.lastIndexOf('/') + 1);
    const choice = await vscode.window.showInformationMessage(`Improvekit: exported ${what} to ${name}.`, 'Open', 'Open in Editor');
    if (choice === 'Open') await vscode.env.openExternal(target);
    // A picture opens in the editor's image viewer; text as a document.
    else if (choice === 'Open in Editor') await (typeof content === 'string' ? vscode.window.showTextDocument(target) : vscode.commands.executeCommand('vscode.open', target));
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

  /**
   * The diagram to export: the only one, or the one picked when there are several (the first
   * with a target given). `flat` draws it for the rasteriser (PNG).
   */
  private async diagramOf(job: NonNullable<Awaited<ReturnType<Exporter['exportJob']>>>, format: 'SVG' | 'PNG'): Promise<{ diagram: SvgDiagram; suffix: string } | undefined> {
    const { file, editorUri, target, renderer, diagnostics, findings } = job;
    const theme = exportTheme(editorUri) === 'dark' ? 'dark' : 'light';
    const flat = format === 'PNG' ? { flat: true, fontFamily: renderer.PNG_FONT_STACK } : {};
    const diagrams = file.documents.flatMap((doc) => renderer.renderSvgs(doc, { diagnostics, workspace: this.host.workspace, theme, findings, ...flat }));
    if (!diagrams.length) {
      void vscode.window.showWarningMessage(
        `Improvekit: this file draws no diagram to export as ${format}. Driver diagrams, leadership models (org chart) and PDSA cycles with data (run chart) do; use Export Preview as HTML for the others.`,
      );
      return undefined;
    }
    let diagram = diagrams[0];
    if (diagrams.length > 1 && !target) {
      const picked = await vscode.window.showQuickPick(
        diagrams.map((d, index) => ({ label: d.label || `Diagram ${index + 1}`, index })),
        { title: `Improvekit: Export Diagram as ${format}`, placeHolder: 'Which diagram?' },
      );
      if (!picked) return undefined;
      diagram = diagrams[picked.index];
    }
    return { diagram, suffix: diagrams.length > 1 ? `-${slug(diagram.label)}` : '' };
  }

  /** Writes a diagram of the document (the one picked when there are several) as a standalone SVG. */
  async exportSvg(first?: unknown, second?: unknown): Promise<vscode.Uri | undefined> {
    const job = await this.exportJob(first, second);
    const chosen = job && (await this.diagramOf(job, 'SVG'));
    if (!job || !chosen) return undefined;
    const { diagram, suffix } = chosen;
    const where = await this.destination(job.editorUri, exportFileName(job.file.uri, 'svg', suffix), { SVG: ['svg'] }, job.target);
    if (!where) return undefined;
    await this.write(where, diagram.svg, !job.target, diagram.label ? `“${diagram.label}”` : 'the diagram');
    return where;
  }

  /** Draws a diagram of the document as a PNG that fits a 1920 × 1080 slide, title and legend included. */
  async exportPng(first?: unknown, second?: unknown): Promise<vscode.Uri | undefined> {
    const job = await this.exportJob(first, second);
    const chosen = job && (await this.diagramOf(job, 'PNG'));
    if (!job || !chosen) return undefined;
    const { diagram, suffix } = chosen;
    const { renderer } = job;
    const where = await this.destination(job.editorUri, exportFileName(job.file.uri, 'png', suffix), { PNG: ['png'] }, job.target);
    if (!where) return undefined;
    let png: Uint8Array;
    try {
      png = (await renderer.svgToPng(diagram.svg, await this.loadRasteriser(renderer), renderer.pngWidth(diagram.svg, 'landscape'))).png;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(`Improvekit: export as SVG instead; PNG drawing failed here (${reason.slice(0, 60)}).`);
      return undefined;
    }
    await this.write(where, png, !job.target, diagram.label ? `“${diagram.label}”` : 'the diagram');
    return where;
  }
}
