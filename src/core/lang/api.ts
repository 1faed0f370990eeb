/**
 * The shapes of the editor language features (completion, hover, navigation, outline, lenses).
 * Pure data in the engine's own terms (zero-based positions, string URIs); the VS Code adapter
 * turns them into `vscode` objects. Nothing here imports `vscode` or Node built-ins.
 */
import type { Position, Range, TextEdit } from '../types';

export interface Location {
  uri: string;
  range: Range;
}

export type CompletionKind = 'reference' | 'person' | 'value' | 'key' | 'document' | 'snippet';

export interface CompletionItem {
  /** What the list shows, and what is inserted unless `insertText` says otherwise. */
  label: string;
  kind: CompletionKind;
  /** A short line beside the label (the item's title, the person's role…). */
  detail?: string;
  /** Markdown shown when the item is selected. */
  documentation?: string;
  /** The text the completion replaces (the partial word at the cursor, or an empty range). */
  range: Range;
  insertText?: string;
  /** `insertText` is in snippet syntax (tab stops, placeholders, choices). */
  snippet?: boolean;
  /** What the typed word is matched against, when not the label. */
  filterText?: string;
  sortText?: string;
}

export interface Hover {
  /** Markdown. */
  contents: string;
  range: Range;
}

export type SymbolKind = 'document' | 'aim' | 'driver' | 'change-idea' | 'measure' | 'question' | 'decision' | 'party' | 'role' | 'position' | 'team' | 'message' | 'person' | 'group' | 'section';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** The whole item. */
  range: Range;
  /** Its id or name, inside `range`. */
  selectionRange: Range;
  children: DocumentSymbol[];
}

export interface CodeLens {
  range: Range;
  title: string;
  /** What the lens explains, for its tooltip. */
  tooltip?: string;
}

export type RenameResult = { changes: Record<string, TextEdit[]> } | { error: string };

export interface PrepareRename {
  range: Range;
  placeholder: string;
}

export type { Position, Range, TextEdit };
