/**
 * The preview's decisions that need no editor: what a webview message may say, which document
 * and which source range a click means, which file a panel shows, how it is titled.
 * Only type imports here, so the tests run in plain Node.
 */
import type { ParsedDocument, ParsedFile } from '../../core/parse';
import type { Path, PathSegment, Span } from '../../core/types';

export const VIEW_TYPE = 'improvekit.preview';

/** Messages the webview script (media/preview.js) sends. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'reveal'; path: Path; ordinal?: number; doc?: string }
  | { type: 'open'; uri: string }
  | { type: 'export'; format: 'svg' | 'png' };

/** Longest `data-path` or URI accepted from the webview: ours are short, anything longer is not ours. */
const MAX_TEXT = 2048;

function shortText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT && !/[\u0000-\u001f]/.test(value);
}

/** `decisions.0.decide` → `['decisions', 0, 'decide']`: list indexes are numbers, as the engine's paths have them. */
export function pathOf(dataPath: string): Path {
  return dataPath.split('.').map((segment) => (/^(0|[1-9]\d{0,8})$/.test(segment) ? Number(segment) : segment));
}

/**
 * Checks a message from the webview. The page is ours and escaped, but a webview is a web page:
 * anything malformed is dropped rather than trusted.
 */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const message = raw as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal': {
      if (!shortText(message.path)) return undefined;
      const out: WebviewMessage = { type: 'reveal', path: pathOf(message.path) };
      if (Number.isSafeInteger(message.ordinal) && (message.ordinal as number) >= 0) out.ordinal = message.ordinal as number;
      if (shortText(message.doc)) out.doc = message.doc;
      return out;
    }
    case 'open':
      // Only URIs with a scheme, never `command:` (no command URIs in the preview) nor script-like ones.
      if (!shortText(message.uri) || !/^[a-z][a-z0-9+.-]*:/i.test(message.uri) || /^(command|javascript|vbscript|data):/i.test(message.uri)) return undefined;
      return { type: 'open', uri: message.uri };
    case 'export':
      return message.format === 'svg' || message.format === 'png' ? { type: 'export', format: message.format } : undefined;
    default:
      return undefined;
  }
}

/** The document a click came from: by its position in the file, checked against its id when both are known. */
export function documentFor(file: ParsedFile, ordinal?: number, id?: string): ParsedDocument | undefined {
  const byOrdinal = ordinal === undefined ? undefined : file.documents.find((d) => d.ordinal === ordinal);
  if (byOrdinal && (id === undefined || byOrdinal.id === id)) return byOrdinal;
  // The file changed since the page was drawn: the id is the better guide.
  const byId = id === undefined ? undefined : file.documents.find((d) => d.id === id);
  return byId ?? byOrdinal ?? (ordinal === undefined && id === undefined ? file.documents[0] : undefined);
}

/**
 * The source to select for a clicked path: a list item by its id line (the engine's `item`
 * target), a key with its value. A path that no longer exists falls back to its deepest part.
 */
export function revealSpan(doc: ParsedDocument, path: Path): Span {
  if (!path.length) return doc.locate([], 'item');
  if (typeof path[path.length - 1] === 'number') return doc.locate(path, 'item');
  const key = doc.locate(path, 'key');
  const value = doc.locate(path, 'item');
  const end = value.start >= key.start ? Math.max(key.end, value.end) : key.end;
  return { start: key.start, end };
}

/** What the preview needs to know of an editor to decide whether to follow it. */
export interface EditorCandidate {
  /** The engine's URI for the editor's document. */
  uri: string;
  /** Whether the engine found at least one Improvekit document in it. */
  holdsDocuments: boolean;
}

/**
 * The file a following preview shows next: the active editor's when it holds our documents
 * (as the Markdown preview follows Markdown editors), else the one it shows now.
 */
export function nextPreviewUri(active: EditorCandidate | undefined, current: string | undefined): string | undefined {
  if (active?.holdsDocuments) return active.uri;
  return current;
}

function fileName(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '');
  // After the last `/`, or after the scheme of an opaque URI (`untitled:Untitled-1`).
  const name = clean.slice(Math.max(clean.lastIndexOf('/'), clean.indexOf(':')) + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** "Preview k3-reading": the first document's id, else the file name. */
export function previewTitle(file: ParsedFile | undefined, uri: string): string {
  const id = file?.documents.find((d) => d.id)?.id;
  return `Preview ${id ?? fileName(uri)}`;
}

/** What a preview keeps across a reload (the webview's state): the file it shows. */
export function restoredUri(state: unknown): string | undefined {
  const uri = (state as { uri?: unknown } | null | undefined)?.uri;
  return shortText(uri) && /^[a-z][a-z0-9+.-]*:/i.test(uri) && !/^(command|javascript|data):/i.test(uri) ? uri : undefined;
}

/** A fresh nonce for a page's CSP: 128 random bits as base64 (crypto.getRandomValues exists in Node and in browsers). */
export function makeNonce(random: (bytes: Uint8Array) => Uint8Array = (b) => globalThis.crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(16));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The file name an export proposes: the document's file with the new extension (`k3.driver.yaml` → `k3.driver.html`). */
export function exportFileName(uri: string, extension: 'html' | 'svg' | 'png', suffix = ''): string {
  const base = fileName(uri).replace(/\.(ya?ml|md|markdown)$/i, '') || 'improvekit';
  return `${base}${suffix}.${extension}`;
}

/** A label as a file name part: `Org chart: Lincoln` → `org-chart-lincoln`. */
export function slug(label: string): string {
  return (
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'diagram'
  );
}

/** Whether an editor position (0-based offset) lies inside a document, to pick what to highlight. */
export function documentAt(file: ParsedFile, offset: number): ParsedDocument | undefined {
  return file.documents.find((d) => offset >= d.span.start && offset <= d.span.end);
}

/**
 * The deepest path of a document whose source holds the offset, for highlighting in the
 * preview what the cursor is on. Walks the value: each step keeps the child whose span holds it.
 */
export function pathAt(doc: ParsedDocument, offset: number, maxDepth = 6): Path {
  const path: PathSegment[] = [];
  let value: unknown = doc.value;
  for (let depth = 0; depth < maxDepth; depth++) {
    const children: Array<string | number> = Array.isArray(value)
      ? value.map((_, i) => i)
      : value && typeof value === 'object'
        ? Object.keys(value as Record<string, unknown>)
        : [];
    const next = children.find((child) => {
      const candidate = [...path, child];
      if (!doc.has(candidate)) return false;
      const key = doc.locate(candidate, 'key');
      const item = doc.locate(candidate, 'value');
      return offset >= Math.min(key.start, item.start) && offset <= Math.max(key.end, item.end);
    });
    if (next === undefined) break;
    path.push(next);
    value = Array.isArray(value) ? value[next as number] : (value as Record<string, unknown>)[next as string];
  }
  return path;
}
