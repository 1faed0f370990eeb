/**
 * The heavy half of the Markdown plugin: a block of a note parsed and drawn by the engine.
 */
import { Workspace } from '../core/workspace';
import { renderDocument } from '../core/render';
import type { ParsedDocument, ParsedFile } from '../core/parse';
import type { BlockRenderer, EmbeddedBlock } from './fence';

export interface BlockContext {
  /**
   * The workspace the note belongs to: roster names, PDSA cycles, configuration. When it holds
   * the note itself (by the URI below), the block is drawn with the note's own diagnostics.
   */
  workspace?: () => Workspace | undefined;
  /** The note's URI for a render, from markdown-it's environment. */
  uriOf?: (env: unknown) => string | undefined;
}

/** The note's URI as the editor's Markdown preview passes it (`env.currentDocument`, a `vscode.Uri`), or as a string. */
export function currentDocumentOf(env: unknown): string | undefined {
  const current = (env as { currentDocument?: unknown } | null | undefined)?.currentDocument;
  if (typeof current === 'string') return current;
  if (current && typeof current === 'object' && typeof current.toString === 'function') {
    const text = String(current);
    return /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : undefined;
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  return norm(a) === norm(b);
}

/** The workspace's own parse of this block, when the workspace holds the note as markdown-it sees it. */
function fromWorkspace(file: ParsedFile, block: EmbeddedBlock): ParsedDocument | undefined {
  return file.documents.find((doc) => {
    const { segment } = doc;
    if (segment.origin !== block.origin) return false;
    if (block.origin === 'fence' && (!segment.fenceInfo || file.lines.positionAt(segment.fenceInfo.start).line !== block.line)) return false;
    return sameText(file.text.slice(segment.span.start, segment.span.end), block.content);
  });
}

/** A note of its own holding just this block, so the engine recognises it exactly as in a file. */
function syntheticNote(block: EmbeddedBlock): string {
  const content = block.content.endsWith('\n') ? block.content : `${block.content}\n`;
  if (block.origin === 'front-matter') return `---\n${content}---\n`;
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${block.kind ?? ''}\n${content}${fence}\n`;
}

/** Each block gets a workspace of its own, so one name serves them all. */
const SYNTHETIC = 'improvekit-block:/note.md';

/** Draws blocks with the engine; see `BlockContext` for what it uses of the editor. */
export function createBlockRenderer(context: BlockContext = {}): BlockRenderer {
  return (block) => {
    const outer = context.workspace?.();
    const uri = (context.uriOf ?? currentDocumentOf)(block.env);
    const file = uri ? outer?.file(uri) : undefined;
    const known = file && fromWorkspace(file, block);
    if (outer && uri && known) {
      return renderDocument(known, { diagnostics: outer.diagnostics(uri), workspace: outer }).body;
    }
    // Not in the workspace (or edited since): parse the block alone. Only the checks its own text
    // decides are shown; references to other documents are resolved through the workspace if any.
    const local = new Workspace({ config: outer?.getConfig() });
    const synthetic = SYNTHETIC;
    const parsed = local.setFile(synthetic, syntheticNote(block));
    if (!parsed.documents.length) return undefined;
    const diagnostics = local.localDiagnostics(synthetic);
    return parsed.documents
      .map((doc) => renderDocument(doc, { diagnostics, workspace: outer ?? local, positionAt: (offset) => parsed.lines.positionAt(offset) }).body)
      .join('\n');
  };
}
