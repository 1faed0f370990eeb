import type { Workspace } from '../workspace';
import type { ParsedDocument, ParsedFile } from '../parse';
import { itemIndex } from '../items';
import { ROLE_CATEGORIES, RAPID_ROLES } from '../schemas/kinds';
import { date, ids, items, obj, text } from '../model/values';
import { readDate, readNumber } from '../model/csv';
import { resolveDataPath } from '../data';
import type { PathSegment, Position, Range } from '../types';
import { fileFormat } from '../recognize';
import { KINDS, type Kind } from '../kinds';
import type { CompletionItem } from './api';
import { cursorContext } from './cursor';
import { definitionsOf, kindLabel, LIST_WORDS, docAt, lenientData, referencesOf, rosterEntries, seriesOf, SERIES_KINDS, siteOf, splitRef, titleOf, type RefSite } from './model';
import { documentSnippets, itemSnippets, type DocumentStart, type SnippetFill } from './snippets';
import { enumValuesAt, isObjectAt, keysAt, kindDescription } from './schema';

/** The lines of a file's text (any line break). */
export function linesOf(file: ParsedFile): string[] {
  return file.text.split(/\r\n|\r|\n/);
}

/**
 * What may be written at a position. `trigger`: the character whose typing asked (none when the
 * list was asked for); a space typed where a whole document could start is indentation, not a request.
 */
export function completions(ws: Workspace, uri: string, position: Position, trigger?: string): CompletionItem[] {
  const file = ws.file(uri);
  if (!file) return [];
  // Other YAML (a CI workflow) gets nothing, and is not even split into lines.
  if (!file.documents.length && fileFormat(file.uri) !== 'markdown' && /\S/.test(file.text)) return [];
  const offset = file.lines.offsetAt(position);
  const lines = linesOf(file);
  const start = trigger !== undefined && /\s/.test(trigger) ? undefined : documentStartAt(file, lines, offset, position);
  const documents = start ? documentSnippets(start, snippetFill(ws, file, undefined), wordRange(lines, position), KINDS) : [];
  // An empty file named for its kind, or an empty fence, is a document already: its keys too.
  return [...documents, ...atPosition(ws, file, lines, offset, position)];
}

function atPosition(ws: Workspace, file: ParsedFile, lines: readonly string[], offset: number, position: Position): CompletionItem[] {
  const doc = docAt(file, offset);
  if (!doc) return [];
  const first = file.lines.positionAt(doc.segment.span.start).line;
  const last = file.lines.positionAt(doc.span.end).line;
  const ctx = cursorContext(lines, position.line, position.character, Math.max(first, file.lines.positionAt(doc.span.start).line), last, file.lines.lineStart(position.line), (p) => isObjectAt(doc.kind, p));
  if (!ctx) return [];
  const range: Range = file.lines.rangeOf(ctx.word);
  const typed = file.text.slice(ctx.word.start, ctx.word.end);
  if (ctx.mode === 'key') {
    // Renaming a key already followed by its `:` replaces the word only.
    const colon = /^[ \t]*:/.test(file.text.slice(ctx.word.end));
    const keys = keysAt(doc.kind, ctx.path)
      .filter(({ key }) => !ctx.present.includes(key) || key === typed)
      .map(({ key, description }, i): CompletionItem => ({ label: key, kind: 'key', detail: description?.split(/(?<=\.)\s/)[0], documentation: description, range, insertText: colon ? key : `${key}: `, sortText: String(i).padStart(3, '0') }));
    return [...keys, ...itemSnippetsAt(ws, file, doc, lines[position.line] ?? '', ctx.path, range)];
  }
  const path = ctx.path;
  if (path.length === 1 && path[0] === 'kind') {
    return KINDS.map((kind) => ({ label: kind, kind: 'document' as const, detail: kindLabel(kind), documentation: kindDescription(kind), range }));
  }
  const out: CompletionItem[] = [];
  const columns = SERIES_KINDS[doc.kind]?.columns;
  if (columns && path.length === 2 && path[0] === 'data' && typeof path[1] === 'string' && columns.includes(path[1])) {
    return columnCompletions(ws, file, doc, path[1], range);
  }
  if (doc.kind === 'measure' && path.length === 3 && path[0] === 'phases' && typeof path[1] === 'number') {
    if (path[2] === 'reason') return reasonCompletions(ws, file, doc, offset, range);
    if (path[2] === 'start') return startCompletions(ws, file, doc, offset, range);
  }
  const site = siteOf(doc.kind, path);
  if (site) out.push(...replacing(referenceCompletions(ws, file, doc, site, typed, range), typed, position.character - range.start.character));
  const seen = new Set(out.map((c) => c.label));
  for (const value of enumValuesAt(doc.kind, path)) {
    if (!seen.has(value)) out.push({ label: value, kind: 'value', range, sortText: `z${value}` });
  }
  return out;
}

/**
 * The ids offered for a value that names none of them (a snippet's placeholder, a stale id): the
 * editor matches what is typed against each item, so the ids would all be hidden; each is matched
 * as if the written word were its start, so that the whole list shows and one replaces the word.
 */
function replacing(items: CompletionItem[], typed: string, cursor: number): CompletionItem[] {
  const before = typed.slice(0, Math.max(0, cursor)).toLowerCase();
  if (!before || items.some((c) => c.label.toLowerCase() === typed.toLowerCase() || c.label.toLowerCase().startsWith(before))) return items;
  return items.map((c) => ({ ...c, filterText: `${typed.slice(0, Math.max(0, cursor))}${c.label}` }));
}

/** The range of the word at a position (what a completion there replaces). */
function wordRange(lines: readonly string[], position: Position): Range {
  const text = lines[position.line] ?? '';
  let start = position.character;
  while (start > 0 && /[A-Za-z0-9_.#@`-]/.test(text[start - 1])) start--;
  let end = position.character;
  while (end < text.length && /[A-Za-z0-9_.#@-]/.test(text[end])) end++;
  return { start: { line: position.line, character: start }, end: { line: position.line, character: end } };
}

/**
 * Where a whole document may start at the cursor: an empty YAML file, an empty fenced block whose
 * info string is a kind, an empty front matter, or a line of Markdown prose with nothing on it
 * but the word being typed (outside every fence).
 */
function documentStartAt(file: ParsedFile, lines: readonly string[], offset: number, position: Position): DocumentStart | undefined {
  const format = fileFormat(file.uri);
  if (format === 'yaml') {
    if (file.text.trim() !== '') return undefined;
    return { at: 'yaml', kinds: file.documents.length ? [file.documents[0].kind] : KINDS };
  }
  if (format !== 'markdown') return undefined;
  const line = lines[position.line] ?? '';
  if (!/^\s*[A-Za-z0-9_`-]*$/.test(line.slice(0, position.character)) || !/^[A-Za-z0-9_-]*\s*$/.test(line.slice(position.character))) return undefined;
  const doc = docAt(file, offset);
  if (doc) {
    const empty = file.text.slice(doc.span.start, doc.span.end).trim() === '';
    return empty && doc.origin === 'fence' ? { at: 'fence', kind: doc.kind } : undefined;
  }
  if (lines[0]?.trim() === '---' && position.line > 0) {
    const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    if (close < 0 || position.line < close) return close > 0 && lines.slice(1, close).every((l) => l.trim() === '') ? { at: 'front-matter' } : undefined;
  }
  let fenced = false;
  for (let l = 0; l < position.line; l++) if (/^\s{0,3}(```|~~~)/.test(lines[l])) fenced = !fenced;
  return fenced || /^\s{0,3}(```|~~~)/.test(line) ? undefined : { at: 'prose' };
}

/**
 * The item snippets where an item of a list starts: a line of its own under the list's key, or
 * after a `- ` with nothing else in the item yet.
 */
function itemSnippetsAt(ws: Workspace, file: ParsedFile, doc: ParsedDocument, line: string, path: PathSegment[], range: Range): CompletionItem[] {
  const before = line.slice(0, range.start.character);
  if (!/^\s*$/.test(line.slice(range.end.character))) return [];
  const fill = () => snippetFill(ws, file, doc);
  if (/^\s*$/.test(before)) return itemSnippets(doc.kind, path, false, fill(), range);
  if (/^\s*-\s+$/.test(before) && path[path.length - 1] === 0) return itemSnippets(doc.kind, path.slice(0, -1), true, fill(), range);
  return [];
}

/** What the snippets are filled with: the ids completion offers at each reference site. */
function snippetFill(ws: Workspace, file: ParsedFile, doc: ParsedDocument | undefined): SnippetFill {
  const none: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  let taken: Set<string> | undefined;
  return {
    idsAt(kind, at) {
      const site = siteOf(kind, at.map((seg) => (seg === '*' ? 0 : seg)));
      if (!site) return undefined;
      const local = doc && doc.kind === kind ? doc : undefined;
      let ids = referenceCompletions(ws, file, local, site, '', none).map((c) => c.label);
      if (site.once && local) {
        const data = lenientData(file, local);
        const named = new Set(referencesOf(local, data).filter((r) => r.site === site).map((r) => r.value));
        ids = ids.filter((id) => !named.has(id));
      }
      return ids;
    },
    freeText: (kind, at) => siteOf(kind, at.map((seg) => (seg === '*' ? 0 : seg)))?.target.scope === 'person' && !ws.hasRoster(),
    documentIdTaken: (id) => ws.byId(id).length > 0,
    itemIdTaken(id) {
      taken ??= new Set(doc ? definitionsOf(doc, lenientData(file, doc)).map((d) => d.id) : []);
      return taken.has(id);
    },
  };
}

function referenceCompletions(ws: Workspace, file: ParsedFile, doc: ParsedDocument | undefined, site: RefSite, typed: string, range: Range): CompletionItem[] {
  const target = site.target;
  switch (target.scope) {
    case 'local': {
      const data = doc && lenientData(file, doc);
      if (!doc || !data) return [];
      const qualify = splitRef(typed).docId !== undefined && doc.id !== undefined;
      const index = itemIndex(doc.kind, data, target.lists[0]);
      const out: CompletionItem[] = [];
      for (const item of index.values()) {
        if (!target.lists.includes(item.list)) continue;
        out.push({ label: qualify ? `${doc.id}#${item.id}` : item.id, kind: 'reference', detail: titleOf(item.value), documentation: `${capital(LIST_WORDS[item.list] ?? item.list)} of this ${doc.kind}.`, range, sortText: `${target.lists.indexOf(item.list)}${item.id}` });
      }
      // The lists in the site's order (a change idea supports secondary drivers first), each in document order.
      out.sort((a, b) => (a.sortText ?? '').charCodeAt(0) - (b.sortText ?? '').charCodeAt(0));
      if (site.at[site.at.length - 1] === 'role') {
        for (const category of ROLE_CATEGORIES) out.push({ label: category, kind: 'value', detail: 'role category', range, sortText: `z${category}` });
      }
      return out;
    }
    case 'driver': {
      const out: CompletionItem[] = [];
      for (const driver of ws.documents('driver-diagram')) {
        if (!driver.data || driver.id === undefined) continue;
        for (const item of itemIndex('driver-diagram', driver.data, target.list).values()) {
          if (item.list !== target.list) continue;
          out.push({ label: `${driver.id}#${item.id}`, kind: 'reference', detail: titleOf(item.value), documentation: `${capital(LIST_WORDS[target.list])} of driver diagram \`${driver.id}\`${text(driver.data.title) ? ` (${text(driver.data.title)})` : ''}.`, range });
        }
      }
      return out;
    }
    case 'document':
      return [...ws.documents(target.kind as Kind)]
        .filter((d) => d !== doc && d.id !== undefined)
        .map((d) => ({ label: d.id!, kind: 'document' as const, detail: text(d.data?.title), documentation: d.data && text(d.data.cycle) ? `Cycle ${text(d.data.cycle)}` : undefined, range }));
    case 'person': {
      const role = site.at[site.at.length - 1];
      const roleWords = role in RAPID_ROLES ? RAPID_ROLES[role as keyof typeof RAPID_ROLES] : undefined;
      return rosterEntries(ws).map((p) => ({
        label: p.id,
        kind: 'person' as const,
        detail: [text(p.item?.value.name), text(p.item?.value.role)].filter(Boolean).join(' — ') || undefined,
        documentation: roleWords,
        range,
      }));
    }
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---- measures: columns, phases ----

/** A column name as a YAML plain scalar when it can be one, else double-quoted. */
function yamlScalar(value: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_ ./()-]*$/.test(value) && !/\s$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) && !/^[-+]?[\d.]/.test(value) ? value : JSON.stringify(value);
}

/**
 * The column names of the header row of the CSV file `data.file` names, at `data.date`,
 * `data.value`, `data.n` and `data.group`. Columns whose first cells read as the key wants (dates
 * for `date`, numbers for `value` and `n`, words for `group`) come first; a column another key
 * already names comes last. Nothing when the file is not read (yet).
 */
function columnCompletions(ws: Workspace, file: ParsedFile, doc: ParsedDocument, key: string, range: Range): CompletionItem[] {
  const data = obj(lenientData(file, doc)?.data);
  const relative = text(data?.file);
  const uri = relative !== undefined ? resolveDataPath(doc.uri, relative) : undefined;
  const table = uri !== undefined ? ws.dataFile(uri)?.table : undefined;
  if (!table) return [];
  const sample = table.rows.slice(0, 5);
  const used = new Set(
    (SERIES_KINDS[doc.kind]?.columns ?? [])
      .filter((k) => k !== key)
      .map((k) => text(data?.[k]) ?? (k === 'group' ? undefined : k))
      .filter((c): c is string => c !== undefined),
  );
  const fits = (column: string) => {
    const cells = sample.map((r) => r.cells[column]).filter((c): c is string => c !== undefined && c.trim() !== '');
    if (!cells.length) return false;
    if (key === 'date') return cells.every((c) => readDate(c) !== undefined);
    if (key === 'group') return cells.every((c) => readNumber(c) === undefined && readDate(c) === undefined);
    return cells.every((c) => readNumber(c) !== undefined);
  };
  return table.header
    .filter((column, i) => column !== '' && table.header.indexOf(column) === i)
    .map((column, i) => {
      const examples = sample.map((r) => r.cells[column]?.trim()).filter((c): c is string => !!c).slice(0, 3);
      const rank = used.has(column) ? 2 : fits(column) ? 0 : 1;
      return {
        label: column,
        kind: 'value' as const,
        detail: `column of ${relative}`,
        documentation: `Column ${i + 1} of \`${relative}\`${examples.length ? `, e.g. ${examples.map((e) => `\`${e}\``).join(', ')}` : ''}.${used.has(column) ? ' Another key of `data` already names it.' : ''}`,
        range,
        insertText: yamlScalar(column),
        sortText: `${rank}${String(i).padStart(4, '0')}`,
      };
    });
}

/** The index of the `phases` item at an offset, when the document parses; undefined otherwise. */
function phaseIndexAt(doc: ParsedDocument, offset: number): number | undefined {
  if (!doc.data) return undefined;
  for (let i = 0; doc.has(['phases', i]); i++) {
    const span = doc.locate(['phases', i], 'value');
    if (offset >= span.start && offset <= span.end) return i;
  }
  return undefined;
}

/**
 * The PDSA cycles that test a change of this measure: the cycles of every change idea that lists
 * the driver-diagram measure `measure:` names (`change_ideas[].measures`), and cycles whose
 * `data.measure` names it — the cycles the preview marks on the chart.
 */
export function cyclesOfMeasure(ws: Workspace, data: Record<string, unknown>): ParsedDocument[] {
  const ref = text(data.measure);
  if (!ref) return [];
  const { docId, itemId } = splitRef(ref);
  const out = new Set<ParsedDocument>();
  const drivers = docId !== undefined ? ws.byId(docId) : [...ws.documents('driver-diagram')];
  for (const driver of drivers) {
    if (driver.kind !== 'driver-diagram' || !driver.data || driver.id === undefined) continue;
    for (const { item } of items(driver.data.change_ideas)) {
      const idea = text(item.id);
      if (idea && ids(item.measures).some((m) => splitRef(m).itemId === itemId)) for (const c of ws.cyclesTesting(`${driver.id}#${idea}`)) out.add(c);
    }
  }
  for (const d of ws.dataFor(docId !== undefined ? ref : `#${itemId}`)) if (d.kind === 'pdsa-cycle') out.add(d);
  return [...out];
}

function cycleStart(cycle: ParsedDocument): string | undefined {
  return date(obj(cycle.data?.plan)?.start);
}

/** Days between two ISO dates (large when one is missing). */
function daysApart(a: string | undefined, b: string | undefined): number {
  if (!a || !b) return 1e9;
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
}

/**
 * `phases[].reason`: the PDSA cycles testing this measure's change ideas (see `cyclesOfMeasure`),
 * the one starting closest to the phase's start first; each inserts `<cycle id> — <what it tested>`,
 * a plain line of text naming the change (the reason is free text).
 */
function reasonCompletions(ws: Workspace, file: ParsedFile, doc: ParsedDocument, offset: number, range: Range): CompletionItem[] {
  const data = lenientData(file, doc);
  if (!data) return [];
  const index = phaseIndexAt(doc, offset);
  const phaseStart = index !== undefined ? date(items(data.phases).find((p) => p.index === index)?.item.start) : undefined;
  const cycles = cyclesOfMeasure(ws, data).filter((c) => c.id !== undefined);
  cycles.sort((a, b) => daysApart(cycleStart(a), phaseStart) - daysApart(cycleStart(b), phaseStart) || (cycleStart(b) ?? '').localeCompare(cycleStart(a) ?? ''));
  return cycles.map((cycle, i) => {
    const ideaRef = text(cycle.data?.change_idea);
    const idea = ideaRef ? ws.resolveChangeIdea(ideaRef) : undefined;
    const ideaTitle = idea ? titleOf(items(idea.doc.data?.change_ideas).find((c) => c.index === idea.index)?.item) : undefined;
    const what = ideaTitle ?? text(cycle.data?.title);
    const start = cycleStart(cycle);
    const decision = text(obj(cycle.data?.act)?.decision);
    return {
      label: cycle.id!,
      kind: 'document' as const,
      detail: [text(cycle.data?.title), start ? `from ${start}` : undefined].filter(Boolean).join(' · ') || undefined,
      documentation: `PDSA cycle \`${cycle.id}\`${text(cycle.data?.cycle) ? ` (cycle ${text(cycle.data?.cycle)})` : ''}${ideaRef ? ` tests change idea \`${idea?.key ?? ideaRef}\`${ideaTitle ? ` — ${ideaTitle}` : ''}` : ''}${start ? `; it started ${start}` : ''}${decision ? `; decision: ${decision}` : ''}.`,
      range,
      insertText: what ? `${cycle.id} — ${what.replace(/[#:]\s/g, ' ').replace(/\s+/g, ' ').trim()}` : cycle.id!,
      sortText: String(i).padStart(4, '0'),
    };
  });
}

/**
 * `phases[].start`: the start dates of the PDSA cycles testing this measure (a new phase starts
 * with a change), then the dates of the points, each latest first, between the previous phase's
 * start and the next one's (a phase begins at a point). Dates that already start a phase are left out.
 */
function startCompletions(ws: Workspace, file: ParsedFile, doc: ParsedDocument, offset: number, range: Range): CompletionItem[] {
  const data = lenientData(file, doc);
  if (!data) return [];
  const index = phaseIndexAt(doc, offset);
  const phases = items(data.phases).map(({ item, index: i }) => ({ index: i, start: date(item.start) }));
  const taken = new Set(phases.filter((p) => p.index !== index && p.start).map((p) => p.start!));
  const before = phases.filter((p) => p.start && p.index !== index && (index === undefined || p.index < index)).map((p) => p.start!);
  const after = index === undefined ? [] : phases.filter((p) => p.start && p.index > index).map((p) => p.start!);
  const from = before.sort().at(-1);
  const to = after.sort()[0];
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  const inWindow = (d: string) => !(from && d <= from) && !(to && d >= to);
  const cycles = cyclesOfMeasure(ws, data)
    .map((cycle) => ({ cycle, start: cycleStart(cycle) }))
    .filter((c): c is { cycle: ParsedDocument; start: string } => c.start !== undefined && inWindow(c.start) && !taken.has(c.start))
    .sort((a, b) => b.start.localeCompare(a.start));
  for (const [i, { cycle, start }] of cycles.entries()) {
    if (seen.has(start)) continue;
    seen.add(start);
    out.push({ label: start, kind: 'value', detail: `start of PDSA cycle ${cycle.id ?? '?'}`, documentation: text(cycle.data?.title), range, sortText: `0${String(i).padStart(4, '0')}` });
  }
  const view = seriesOf(ws, doc, data);
  const points = new Map<string, number[]>();
  for (const series of view?.measure.series ?? []) {
    for (const p of series.points) {
      if (!inWindow(p.date)) continue;
      const values = points.get(p.date) ?? [];
      values.push(p.value);
      points.set(p.date, values);
    }
  }
  const unit = text(data.unit);
  const dates = [...points.keys()].sort().reverse().slice(0, 60);
  dates.forEach((d, i) => {
    if (taken.has(d) || seen.has(d)) return;
    seen.add(d);
    const values = points.get(d)!;
    out.push({ label: d, kind: 'value', detail: values.length === 1 ? `point: ${values[0]}${unit ? ` ${unit}` : ''}` : `${values.length} points`, range, sortText: `1${String(i).padStart(4, '0')}` });
  });
  return out;
}
