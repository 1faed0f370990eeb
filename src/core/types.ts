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

/** An edit the user may choose to apply (a quick fix); never applied by the engine. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one fix a "fix all" may apply without asking. */
  preferred?: boolean;
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
