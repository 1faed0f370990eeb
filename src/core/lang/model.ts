/**
 * What the language features know about ids and references: the documents and items that carry
 * an id (definitions), every place a document names one (references), and how each resolves.
 * Lists and namespaces come from `items.ts`; the reference keys mirror what `ref/unknown` and
 * `ref/unknown-person` check.
 */
import { readLenient } from '../parse';
import type { Workspace } from '../workspace';
import type { ParsedDocument, ParsedFile } from '../parse';
import { itemIndex, namespaces, valueAt, type Item } from '../items';
import { pathsOf } from '../model/items';
import { obj, text, titleOf } from '../model/values';
import { KIND_SPECS, KINDS, RAPID_ROLE_KEYS, type Kind, type RefSite as KindRefSite, type RefTarget } from '../kinds';
import type { Path, Span } from '../types';
import { LIST_WORDS as REF_LIST_WORDS } from '../rules/ref';
import { resolveDataPath, type DataFile } from '../data';
import { measureData, thresholdOverrides, type MeasureData } from '../model/measure';

export type { RefTarget };

/** A reference site of a kind's spec, with the kind it belongs to. */
export interface RefSite extends KindRefSite {
  kind: Kind;
}

export { RAPID_ROLE_KEYS, titleOf };

/** Every place a document names something by id, from the kinds' specs. */
export const REF_SITES: readonly RefSite[] = KINDS.flatMap((kind) => KIND_SPECS[kind].references.map((site: KindRefSite): RefSite => ({ ...site, kind })));

/** The reference site whose value (or an item of whose list value) a path is. */
export function siteOf(kind: Kind, path: Path): RefSite | undefined {
  const matches = (pattern: RefSite['at'], p: Path) => pattern.length === p.length && pattern.every((seg, i) => (seg === '*' ? typeof p[i] === 'number' : seg === p[i]));
  return REF_SITES.find((s) => s.kind === kind && (matches(s.at, path) || (typeof path[path.length - 1] === 'number' && matches(s.at, path.slice(0, -1)))));
}

/** The document of a file at an offset (fenced blocks and front matter included). */
export function docAt(file: ParsedFile, offset: number): ParsedDocument | undefined {
  return (
    file.documents.find((d) => offset >= d.span.start && offset <= d.span.end) ??
    file.documents.find((d) => offset >= d.segment.span.start && offset <= d.segment.span.end)
  );
}

/**
 * The document's value, read leniently while it is being typed: a document with a syntax error
 * has no `data`, but most of it still reads.
 */
export function lenientData(file: ParsedFile, doc: ParsedDocument): Record<string, unknown> | undefined {
  if (doc.data) return doc.data;
  // Through parse.ts, under its limits (size, aliases, depth); it never throws.
  return obj(readLenient(file.text.slice(doc.span.start, doc.span.end)));
}

/** The span of a scalar's text (inside its quotes), when the source spells the value as it reads. */
export function scalarSpan(file: ParsedFile, doc: ParsedDocument, path: Path, value: string): Span | undefined {
  if (!doc.has(path)) return undefined;
  let { start, end } = doc.locate(path, 'value');
  const q = file.text[start];
  if ((q === '"' || q === "'") && end - start >= 2 && file.text[end - 1] === q) {
    start++;
    end--;
  }
  const raw = file.text.slice(start, end);
  const at = raw.indexOf(value);
  if (at < 0 || raw.trim() !== value) return undefined;
  return { start: start + at, end: start + at + value.length };
}

export interface Definition {
  doc: ParsedDocument;
  /** Path of the id value: `['id']` for the document, `[list, index, 'id']` for an item. */
  path: Path;
  id: string;
  /** The item; undefined for the document itself. */
  item?: Item;
}

export function definitionKey(d: Definition): string {
  return `${d.doc.uri}\u0000${d.doc.ordinal}\u0000${d.path.join('\u0001')}`;
}

export function documentDefinition(doc: ParsedDocument): Definition | undefined {
  return doc.id === undefined ? undefined : { doc, path: ['id'], id: doc.id };
}

function itemDefinition(doc: ParsedDocument, item: Item): Definition {
  return { doc, path: [...item.path, 'id'], id: item.id, item };
}

/** The document id and every item id of a document. */
export function definitionsOf(doc: ParsedDocument, data = doc.data): Definition[] {
  const out: Definition[] = [];
  const own = documentDefinition(doc);
  if (own) out.push(own);
  if (data) for (const group of namespaces(doc.kind, data)) for (const item of group) out.push(itemDefinition(doc, item));
  return out;
}

export interface Reference {
  doc: ParsedDocument;
  /** Path of the scalar. */
  path: Path;
  value: string;
  site: RefSite;
}

/** Every reference a document makes (a list value gives one per item). */
export function referencesOf(doc: ParsedDocument, data = doc.data): Reference[] {
  if (!data) return [];
  const out: Reference[] = [];
  for (const site of REF_SITES) {
    if (site.kind !== doc.kind) continue;
    for (const path of pathsOf(data, site.at)) {
      const v = valueAt(data, path);
      if (Array.isArray(v)) {
        v.forEach((element, i) => {
          const t = text(element);
          if (t !== undefined) out.push({ doc, path: [...path, i], value: t, site });
        });
      } else {
        const t = text(v);
        if (t !== undefined) out.push({ doc, path, value: t, site });
      }
    }
  }
  return out;
}

/** `doc#item` → its parts; a bare id has no document part. */
export function splitRef(value: string): { docId?: string; itemId: string } {
  const hash = value.indexOf('#');
  return hash < 0 ? { itemId: value } : { docId: value.slice(0, hash), itemId: value.slice(hash + 1) };
}

/** Whether the reference's text names a document (all of it, or the part before `#`). */
function namesDocument(ref: Reference): string | undefined {
  if (ref.site.target.scope === 'document') return ref.value;
  if (ref.site.target.scope === 'person') return undefined;
  return splitRef(ref.value).docId;
}

/** The people and groups of every roster. */
export function rosterEntries(ws: Workspace): Definition[] {
  const out: Definition[] = [];
  for (const doc of ws.documents('roster')) {
    if (!doc.data) continue;
    for (const item of namespaces('roster', doc.data)[0] ?? []) out.push(itemDefinition(doc, item));
  }
  return out;
}

/** What the item part of a reference names (nothing for a document-scoped reference). */
export function resolveItem(ws: Workspace, ref: Reference, people?: Definition[]): Definition[] {
  const target = ref.site.target;
  const data = ref.doc.data;
  switch (target.scope) {
    case 'local': {
      if (!data) return [];
      const { docId, itemId } = splitRef(ref.value);
      if (docId !== undefined && docId !== ref.doc.id) return [];
      const item = itemIndex(ref.doc.kind, data, target.lists[0]).get(itemId);
      return item && target.lists.includes(item.list) ? [itemDefinition(ref.doc, item)] : [];
    }
    case 'driver': {
      const { docId, itemId } = splitRef(ref.value);
      const docs = docId !== undefined ? ws.byId(docId) : [...ws.documents('driver-diagram')];
      const out: Definition[] = [];
      for (const doc of docs) {
        if (doc.kind !== 'driver-diagram' || !doc.data) continue;
        const item = itemIndex('driver-diagram', doc.data, target.list).get(itemId);
        if (item && item.list === target.list) out.push(itemDefinition(doc, item));
      }
      return out;
    }
    case 'document':
      return [];
    case 'person': {
      const key = ref.value.toLowerCase();
      return (people ?? rosterEntries(ws)).filter((d) => d.id.toLowerCase() === key);
    }
  }
}

/** The documents a reference names (whole value, or its part before `#`). */
export function resolveDocument(ws: Workspace, ref: Reference): Definition[] {
  const docId = namesDocument(ref);
  if (docId === undefined) return [];
  const target = ref.site.target;
  const wanted: Kind = target.scope === 'document' ? (target.kind as Kind) : target.scope === 'driver' ? 'driver-diagram' : ref.doc.kind;
  return ws
    .byId(docId)
    .filter((d) => d.kind === wanted)
    .map((d) => documentDefinition(d)!)
    .filter(Boolean);
}

/** What is under the cursor: an id where it is defined, or a part of a reference. */
export type Hit =
  | { type: 'definition'; def: Definition; span: Span }
  | { type: 'reference'; ref: Reference; part: 'item' | 'document'; span: Span; whole: Span };

function within(offset: number, span: Span): boolean {
  return offset >= span.start && offset <= span.end;
}

/** The spans of a reference's parts in its file. */
export function referenceSpans(file: ParsedFile, ref: Reference): { whole: Span; document?: Span; item?: Span } | undefined {
  const whole = scalarSpan(file, ref.doc, ref.path, ref.value);
  if (!whole) return undefined;
  if (ref.site.target.scope === 'document') return { whole, document: whole };
  if (ref.site.target.scope === 'person') return { whole, item: whole };
  const { docId } = splitRef(ref.value);
  if (docId === undefined) return { whole, item: whole };
  const hash = whole.start + docId.length;
  return { whole, document: { start: whole.start, end: hash }, item: { start: hash + 1, end: whole.end } };
}

export function hitAt(file: ParsedFile, offset: number): Hit | undefined {
  const doc = docAt(file, offset);
  if (!doc || !doc.data) return undefined;
  for (const def of definitionsOf(doc)) {
    const span = scalarSpan(file, doc, def.path, def.id);
    if (span && within(offset, span)) return { type: 'definition', def, span };
  }
  for (const ref of referencesOf(doc)) {
    const spans = referenceSpans(file, ref);
    if (!spans || !within(offset, spans.whole)) continue;
    if (spans.document && within(offset, spans.document) && (!spans.item || offset < spans.item.start)) return { type: 'reference', ref, part: 'document', span: spans.document, whole: spans.whole };
    if (spans.item) return { type: 'reference', ref, part: 'item', span: spans.item, whole: spans.whole };
  }
  return undefined;
}

/** The definitions a hit stands for. */
export function targetsOf(ws: Workspace, hit: Hit): Definition[] {
  if (hit.type === 'definition') return [hit.def];
  return hit.part === 'document' ? resolveDocument(ws, hit.ref) : resolveItem(ws, hit.ref);
}

/** Every place that names a definition, with the span of the part that does. */
export function usesOf(ws: Workspace, def: Definition): Array<{ file: ParsedFile; ref: Reference; span: Span }> {
  const key = definitionKey(def);
  const out: Array<{ file: ParsedFile; ref: Reference; span: Span }> = [];
  const people = rosterEntries(ws);
  for (const doc of ws.documents()) {
    const file = ws.file(doc.uri);
    if (!file) continue;
    for (const ref of referencesOf(doc)) {
      const named = def.item ? resolveItem(ws, ref, people) : resolveDocument(ws, ref);
      if (!named.some((d) => definitionKey(d) === key)) continue;
      const spans = referenceSpans(file, ref);
      const span = def.item ? spans?.item : spans?.document;
      if (span) out.push({ file, ref, span });
    }
  }
  return out;
}

/** Where a definition lives, for people: `k3-reading.driver.yaml, line 12`. */
export function whereOf(ws: Workspace, def: Definition): string {
  const file = ws.file(def.doc.uri);
  const name = def.doc.uri.split('/').pop() ?? def.doc.uri;
  const line = file ? file.lines.positionAt(def.doc.locate(def.path, 'value').start).line + 1 : undefined;
  return line === undefined ? name : `${name}, line ${line}`;
}

/** Lists in words (those of `ref.ts`, and the lists no reference names). */
export const LIST_WORDS: Record<string, string> = { ...REF_LIST_WORDS, decisions: 'decision', messages: 'message', people: 'person', groups: 'group' };

/** How each kind is named in the editor, beside ids: the charter by its short name. */
export function kindLabel(kind: Kind): string {
  return KIND_SPECS[kind].shortLabel;
}

// ---- data series (measures, and PDSA cycles' run charts) ----

/** The kinds whose `data` is a chart's series, and the keys of `data` that name a column of its file. */
export const SERIES_KINDS: Partial<Record<Kind, { columns: readonly string[] }>> = {
  measure: { columns: ['date', 'value', 'n', 'group'] },
  'pdsa-cycle': { columns: ['date', 'value'] },
};

/** A document's series as the rules and the preview read them, with the data file it names. */
export interface SeriesView {
  measure: MeasureData;
  /** `data.file` as written, its URI (when it may be read) and the file (when the workspace holds it). */
  file?: string;
  uri?: string;
  dataFile?: DataFile;
}

/** Views by document: a parsed document never changes; the data file and the `spc` preset may. */
const SERIES = new WeakMap<ParsedDocument, { dataFile: DataFile | undefined; spc: string; view: SeriesView }>();

/**
 * The series of a measure or a PDSA cycle, analysed with the workspace's `spc` preset (what the
 * rules and the preview read), or undefined for other kinds. Cached until the document, its data
 * file or the preset changes: hovering over a 26,000-row file reads it once.
 */
export function seriesOf(ws: Workspace, doc: ParsedDocument, data: Record<string, unknown> | undefined = doc.data): SeriesView | undefined {
  if (!data || !SERIES_KINDS[doc.kind]) return undefined;
  const file = text(obj(data.data)?.file);
  const uri = file !== undefined ? resolveDataPath(doc.uri, file) : undefined;
  const dataFile = uri !== undefined ? ws.dataFile(uri) : undefined;
  const config = ws.getConfig(doc.uri);
  const thresholds = thresholdOverrides((rule, option) => config.rules[rule]?.options?.[option]);
  const spc = `${config.spc ?? 'ihi'}|${JSON.stringify(thresholds)}`;
  const cached = data === doc.data ? SERIES.get(doc) : undefined;
  if (cached && cached.dataFile === dataFile && cached.spc === spc) return cached.view;
  const view: SeriesView = { measure: measureData(data, dataFile, { spc: config.spc ?? 'ihi', thresholds }), file, uri, dataFile };
  if (data === doc.data) SERIES.set(doc, { dataFile, spc, view });
  return view;
}

