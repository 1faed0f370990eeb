export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** Zero-based line and UTF-16 character, as the editor counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open span of offsets into a file's text. */
export interface Span {
  start: number;
  end: number;
}

/** A step into a YAML value: a mapping key or a sequence index. */
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * An edit the user may apply; never applied by the engine itself. A `fix` cannot change what the
 * document means (Fix All, on-save fix-all and the CLI's `--fix` apply it); a `suggestion` (a guess,
 * a choice, a value to fill in) is offered in the light bulb only and applied only when chosen.
 */
export interface Fix {
  title: string;
  edits: TextEdit[];
  kind: 'fix' | 'suggestion';
}

export interface RelatedInformation {
  uri: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  uri: string;
  range: Range;
  severity: Severity;
  rule: string;
  message: string;
  related?: RelatedInformation[];
  fixes?: Fix[];
}

/** Where a diagnostic points inside a document: the key, its value, or the item as a whole. */
export type Target = 'key' | 'value' | 'item';
