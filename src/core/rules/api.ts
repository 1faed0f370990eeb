import type { ParsedDocument, Target } from '../parse';
import type { DataFile } from '../data';
import type { Kind } from '../kinds';
import type { Path, Severity, Span } from '../types';

/** An option a rule reads from `.improvekit.yaml` (a threshold, a list of words). */
export type OptionValue = number | string | boolean | readonly string[];

/**
 * A rule: a small declarative object. It never parses, reads files or formats output;
 * it looks at one parsed document (and, for `workspace` rules, the index) and reports.
 */
export interface Rule {
  /** `family/name`, fixed by DESIGN §2. */
  id: string;
  /** The kinds of document it checks. */
  kinds: readonly Kind[];
  severity: Severity;
  /** One line: what it catches. */
  description: string;
  /** Thresholds and lists, with their defaults; configurable per rule. */
  options?: Readonly<Record<string, OptionValue>>;
  /** `workspace` rules read other documents through the index and re-run when it changes. */
  scope?: 'document' | 'workspace';
  check(ctx: RuleContext): void;
}

export interface RelatedSpec {
  doc: ParsedDocument;
  at: Path;
  target?: Target;
  message: string;
}

export interface EditSpec {
  /** Replace the span of a path (see `Target`)… */
  at?: Path;
  target?: Target;
  /** …or an explicit span of the file. */
  span?: Span;
  text: string;
}

/** See `Fix`: a `fix` keeps the document's meaning and Fix All applies it; a `suggestion` is only offered. */
export interface FixSpec {
  title: string;
  edits: EditSpec[];
  kind: 'fix' | 'suggestion';
}

export interface Report {
  /** Path into the document's value of the offending key or item. */
  at: Path;
  /** The URI of a data file the finding is on (a CSV row); `span` is then a span of that file. */
  file?: string;
  target?: Target;
  /** A narrower span of the file (a word inside a value), when the path's span is too wide. */
  span?: Span;
  message: string;
  related?: RelatedSpec[];
  fixes?: FixSpec[];
}

/** What a document can learn about the rest of the workspace. */
export interface WorkspaceView {
  /** Every document of the workspace, optionally of one kind. */
  documents(kind?: Kind): Iterable<ParsedDocument>;
  /** Documents whose `id` is this. */
  byId(id: string): readonly ParsedDocument[];
  /** Whether any roster document exists (people are then checked). */
  hasRoster(): boolean;
  /** Whether a roster lists this person or group, by id or by name. */
  isPerson(idOrName: string): boolean;
  /**
   * The canonical key of a party (see `model/parties.ts`): its roster id in lower case when the
   * text is the id or name of a roster entry in any case, else the text trimmed, lower case,
   * spaces collapsed. Two texts naming the same party have the same key.
   */
  partyKey(text: string): string;
  /** Every roster id (people and groups), for suggestions. */
  personIds(): string[];
  /** PDSA cycles whose `change_idea` names this change idea (`<driver id>#<idea id>`). */
  cyclesTesting(changeIdeaKey: string): readonly ParsedDocument[];
  /** PDSA cycles whose `previous` is this cycle id. */
  cyclesAfter(cycleId: string): readonly ParsedDocument[];
  /** How many decisions across all charters name this party (by party key) as their single decider. */
  decisionsDecidedBy(party: string): number;
  /** A data file (CSV) of the workspace, parsed; undefined when it is not held. */
  dataFile(uri: string): DataFile | undefined;
  /** Measure documents and PDSA series giving data for a driver-diagram measure (`doc#measure`, or `#measure`). */
  dataFor(measureKey: string): readonly ParsedDocument[];
  /** Resolve `doc#item` or a bare item id to the change idea it names, if any. */
  resolveChangeIdea(ref: string): { doc: ParsedDocument; index: number; key: string } | undefined;
}

export interface RuleContext {
  doc: ParsedDocument;
  /** The document's mapping (rules only run on documents whose value is a mapping). */
  data: Record<string, unknown>;
  workspace: WorkspaceView;
  /** The value the configuration sets for an option of a rule (this one or another), undefined when unset. */
  configured(rule: string, name: string): OptionValue | undefined;
  /** A configured option, or the rule's default. */
  option<T extends OptionValue>(name: string): T;
  /** Today's date, `YYYY-MM-DD` (from `today` in the configuration, else the clock). */
  today: string;
  /** Words `message/jargon` flags. */
  jargon: readonly string[];
  report(report: Report): void;
  /** Text to insert a `key: value` entry into the mapping at a path (for fixes). */
  insertEntry(mapPath: Path, key: string, valueText: string): EditSpec | undefined;
  /** Text to append items (each a one-line flow mapping or scalar) to the list at a path, written as its items are (for fixes). */
  appendItems(listPath: Path, itemTexts: readonly string[]): EditSpec | undefined;
  /** The file's text in a span (clamped to the file): for edits that must keep what they do not change (comments). */
  source(span: Span): string;
  /** The control-chart signal thresholds configured (`spc:` of `.improvekit.yaml`). */
  spc: 'ihi' | 'mdc';
  /**
   * The data file a relative path of this document names: its URI, and the file when the
   * workspace holds it. Undefined when the path may not be read (absolute, a URL, not a CSV).
   */
  dataFile(relative: string): { uri: string; file: DataFile | undefined } | undefined;
}
