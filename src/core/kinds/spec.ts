/**
 * What the product knows of one document kind, in one place (DESIGN §6, "a kind is one module").
 * Each kind's module exports one `KindSpec`; `kinds/index.ts` holds them in a table keyed by kind
 * name, so the compiler names every field a new kind must fill. Renderers are the one part kept
 * out of the spec: they live in `render/` (a table keyed by kind there too) so that the editor's
 * activation bundle never loads drawing code.
 *
 * This module sits below the parser and the workspace: specs see documents through the small
 * `SourceDocument` view, never through the parser's types.
 */
import type { z } from 'zod';
import type { CodeLens, DocumentSymbol } from '../lang/api';
import type { Path, Range, Span, Target } from '../types';

/** What a spec may read of a parsed document. */
export interface SourceDocument {
  readonly id: string | undefined;
  readonly data: Record<string, unknown> | undefined;
  locate(path: Path, target?: Target): Span;
  has(path: Path): boolean;
}

/**
 * Where a document names something by id. `'*'` in `at` stands for any index of a list; a value
 * that is a list gives one reference per item.
 */
export interface RefSite {
  at: ReadonlyArray<string | '*'>;
  target: RefTarget;
  /** What it names, in words (`primary driver`, `person or group`). */
  what: string;
  /** Values that resolve without naming an item (a position's role may be a bare category). */
  alsoAllowed?: readonly string[];
  /** Said after "names no …" when the value resolves to nothing (how this key is written). */
  hint?: string;
  /** Each item is named once at this site (a result per plan question): suggestions leave out the items already named. */
  once?: boolean;
}

export type RefTarget =
  /** Items of the same document, in these lists (one namespace); `<this doc id>#<item>` works too. */
  | { scope: 'local'; lists: readonly string[] }
  /** Items of driver diagrams anywhere, written `<driver diagram id>#<item id>` (or bare). */
  | { scope: 'driver'; list: 'change_ideas' | 'measures' }
  /** A document id of a kind. */
  | { scope: 'document'; kind: string }
  /** A person or group of a roster. */
  | { scope: 'person' };

/** The links between documents the workspace index keeps, by name. */
export type LinkName =
  /** A PDSA cycle, by the change idea it tests (`k3-reading#c-huddles`, or `#c-huddles`). */
  | 'cycle-tests'
  /** A PDSA cycle, by the cycle it builds on. */
  | 'cycle-after'
  /** A document, by the URI of a data file (CSV) it reads. */
  | 'reads-data'
  /** A measure document or a PDSA series, by the driver-diagram measure it gives data for. */
  | 'data-for-measure';

/** What the workspace index learns from one document. */
export interface IndexFacts {
  /** Ids and names (lower case) of the people and groups a roster lists. */
  people?: string[];
  /** Parties (lower case) that hold the single D of a decision. */
  deciders?: string[];
  /** Keys under which other documents find this one (`cycle-tests` → `k3-reading#c-huddles`). */
  links?: Array<[LinkName, string]>;
}

export interface LearnContext {
  /** The URI of a data file named by a relative path of the document; undefined when not allowed. */
  resolveData(relative: string): string | undefined;
}

/** A placeholder of a snippet that names something by id. */
export interface SnippetReference {
  /** The reference site it fills: the `at` of one of the kind's `references`. */
  at: ReadonlyArray<string | '*'>;
  /**
   * With no id in the workspace to offer: `empty` leaves the placeholder blank for the writer to
   * name one (the default), `drop` leaves out its key (an optional one). A person keeps the
   * written text while the workspace has no roster: people are free text then.
   */
  none?: 'empty' | 'drop';
}

/** A snippet as VS Code's snippet files hold it, with what completion needs to fill it in. */
export interface SnippetSpec {
  /** Its name in the snippet file. */
  name: string;
  prefix: string[];
  description: string;
  /** VS Code snippet syntax; an item's body starts `- `. */
  body: string[];
  /** An item snippet: the list it adds an item to (offered only where an item of that list starts). */
  list?: readonly string[];
  /** Placeholders (by number) that name something by id: completion makes each a choice of the workspace's ids. */
  references?: Readonly<Partial<Record<number, SnippetReference>>>;
}

/**
 * A kind's snippets: the whole document (its body starts `kind: <name>`), and its items. Each kind
 * module exports them beside its spec (the table is `kinds/snippets.ts`); completion serves them,
 * and `npm run generate` writes them into snippets/ for other editors.
 */
export interface KindSnippets {
  document: SnippetSpec;
  items: readonly SnippetSpec[];
}

/** What the outline and CodeLens of a kind are built from. */
export interface OutlineContext {
  doc: SourceDocument;
  data: Record<string, unknown>;
  /** The editor range of a path's key, value or item. */
  range(path: Path, target: Target): Range;
  /** The configured `max_span` of `leadership/oversized-span`. */
  maxSpan: number;
}

export interface KindSpec<Name extends string = string> {
  /** The kind name: the value of `kind:` and of a fence's info string. A contract (DESIGN §1). */
  name: Name;
  /** The file name suffix: `*.<suffix>.yaml` (and `.yml`). A contract. */
  suffix: string;
  /** How the kind is named on screen (`RAPID decision charter`). */
  label: string;
  /** The shorter name the editor uses beside ids (`RAPID charter`). */
  shortLabel: string;
  /** One line for the New Document picker and completion. */
  description: string;
  /** Its zod schema; the JSON Schema in `schemas/` is generated from it. */
  schema: z.ZodType;
  /**
   * The lists of identified items, grouped by id namespace: within a group ids must be unique
   * and references resolve (a driver diagram's drivers, ideas and measures share one).
   */
  namespaces: ReadonlyArray<readonly Path[]>;
  /** Every place a document of this kind names something by id. */
  references: readonly RefSite[];
  /** A sound starting document: every required key present, the items linked. */
  skeleton(id: string, context: { changeIdea?: string }): string;
  /** What the workspace index learns from a document of this kind. */
  learn?(data: Record<string, unknown>, context: LearnContext): IndexFacts;
  /** The outline's symbols below the document's own. */
  outline(context: OutlineContext): DocumentSymbol[];
  /** Lenses above its items (`D: supt · R: cao`). */
  lenses?(context: OutlineContext): CodeLens[];
}

/** A person reference at a path: `owner` of a document or an item is a roster person or group. */
export function ownerSite(at: readonly (string | '*')[] = []): RefSite {
  return { at: [...at, 'owner'], target: { scope: 'person' }, what: 'person or group' };
}

/** Whether a reference site is an `owner` (see `ownerSite`). */
export function isOwnerSite(site: RefSite): boolean {
  return site.target.scope === 'person' && site.at[site.at.length - 1] === 'owner';
}
