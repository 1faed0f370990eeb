/** The document kinds of DESIGN §1. The names are a contract. */
export const KINDS = [
  'roster',
  'driver-diagram',
  'pdsa-cycle',
  'rapid-charter',
  'leadership-model',
  'message-map',
] as const;
export type Kind = (typeof KINDS)[number];

/** How each kind is named on screen. */
export const KIND_LABELS: Readonly<Record<Kind, string>> = {
  roster: 'Roster',
  'driver-diagram': 'Driver diagram',
  'pdsa-cycle': 'PDSA cycle',
  'rapid-charter': 'RAPID decision charter',
  'leadership-model': 'Leadership model',
  'message-map': 'Message map',
};

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

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
