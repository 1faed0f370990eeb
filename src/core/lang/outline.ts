import type { Workspace } from '../workspace';
import type { ParsedDocument, ParsedFile } from '../parse';
import { listItems, type Item } from '../items';
import { spans } from '../model/span';
import { ids, parties, text } from '../model/values';
import type { Path, Range } from '../types';
import type { CodeLens, DocumentSymbol, SymbolKind } from './api';
import { configuredMaxSpan, spanTitle } from './hover';
import { KIND_LABELS, titleOf } from './model';

function short(s: string | undefined, max = 60): string | undefined {
  if (s === undefined) return undefined;
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function rangeAt(file: ParsedFile, doc: ParsedDocument, path: Path, target: 'key' | 'value' | 'item'): Range {
  return file.lines.rangeOf(doc.locate(path, target));
}

function itemSymbol(file: ParsedFile, doc: ParsedDocument, item: Item, kind: SymbolKind, name?: string, detail?: string, children: DocumentSymbol[] = []): DocumentSymbol {
  const status = text(item.value.status);
  return {
    name: name ?? short(titleOf(item.value)) ?? item.id,
    detail: detail ?? (status ? `${item.id} · ${status}` : item.id),
    kind,
    range: rangeAt(file, doc, item.path, 'value'),
    selectionRange: rangeAt(file, doc, [...item.path, 'id'], 'value'),
    children,
  };
}

function section(file: ParsedFile, doc: ParsedDocument, key: string, name: string, children: DocumentSymbol[]): DocumentSymbol[] {
  if (!children.length || !doc.has([key])) return [];
  const keyRange = rangeAt(file, doc, [key], 'key');
  const value = rangeAt(file, doc, [key], 'value');
  return [{ name, kind: 'section', range: { start: keyRange.start, end: value.end }, selectionRange: keyRange, children }];
}

function driverSymbols(file: ParsedFile, doc: ParsedDocument, data: Record<string, unknown>): DocumentSymbol[] {
  const primaries = listItems(data, ['primary_drivers']);
  const secondaries = listItems(data, ['secondary_drivers']);
  const ideas = listItems(data, ['change_ideas']);
  const supports = (item: Item) => ids(item.value.supports).map((s) => s.split('#').pop()!);
  const ideasOf = (id: string) => ideas.filter((c) => supports(c).includes(id)).map((c) => itemSymbol(file, doc, c, 'change-idea'));
  const placed = new Set<Item>();
  const tree = primaries.map((p) => {
    const under = secondaries.filter((s) => supports(s).includes(p.id));
    under.forEach((s) => placed.add(s));
    return itemSymbol(file, doc, p, 'driver', undefined, undefined, [...under.map((s) => itemSymbol(file, doc, s, 'driver', undefined, undefined, ideasOf(s.id))), ...ideasOf(p.id)]);
  });
  const out: DocumentSymbol[] = [];
  const aim = data.aim && typeof data.aim === 'object' ? (data.aim as Record<string, unknown>) : undefined;
  if (aim && doc.has(['aim'])) {
    const keyRange = rangeAt(file, doc, ['aim'], 'key');
    out.push({ name: short(text(aim.statement)) ?? 'Aim', detail: 'aim', kind: 'aim', range: { start: keyRange.start, end: rangeAt(file, doc, ['aim'], 'value').end }, selectionRange: keyRange, children: tree });
  } else out.push(...tree);
  const known = new Set([...primaries, ...secondaries].map((i) => i.id));
  const loose = secondaries.filter((s) => !placed.has(s)).map((s) => itemSymbol(file, doc, s, 'driver', undefined, undefined, ideasOf(s.id)));
  const orphanIdeas = ideas.filter((c) => !supports(c).some((s) => known.has(s))).map((c) => itemSymbol(file, doc, c, 'change-idea'));
  out.push(...section(file, doc, 'secondary_drivers', 'Secondary drivers supporting no primary driver', loose));
  out.push(...section(file, doc, 'change_ideas', 'Change ideas supporting no driver', orphanIdeas));
  out.push(...section(file, doc, 'measures', 'Measures', listItems(data, ['measures']).map((m) => itemSymbol(file, doc, m, 'measure', undefined, [m.id, text(m.value.type)].filter(Boolean).join(' · ')))));
  return out;
}

function list(file: ParsedFile, doc: ParsedDocument, data: Record<string, unknown>, key: string, name: string, kind: SymbolKind): DocumentSymbol[] {
  return section(file, doc, key, name, listItems(data, [key]).map((i) => itemSymbol(file, doc, i, kind)));
}

/** Items of a list without ids (plan questions and messages may have none). */
function looseItems(file: ParsedFile, doc: ParsedDocument, data: Record<string, unknown>, path: Path, kind: SymbolKind, field: string): DocumentSymbol[] {
  let value: unknown = data;
  for (const seg of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[seg as string] : undefined;
  if (!Array.isArray(value)) return [];
  return value.flatMap((v, i) => {
    if (!v || typeof v !== 'object') return [];
    const o = v as Record<string, unknown>;
    const id = text(o.id);
    const at = [...path, i];
    return [{ name: short(text(o[field])) ?? id ?? `${kind} ${i + 1}`, detail: id, kind, range: rangeAt(file, doc, at, 'value'), selectionRange: rangeAt(file, doc, at, 'item'), children: [] }];
  });
}

function symbolsOf(file: ParsedFile, doc: ParsedDocument): DocumentSymbol[] {
  const data = doc.data;
  if (!data) return [];
  switch (doc.kind) {
    case 'driver-diagram':
      return driverSymbols(file, doc, data);
    case 'pdsa-cycle': {
      const questions = looseItems(file, doc, data, ['plan', 'questions'], 'question', 'question');
      if (!questions.length) return [];
      const key = rangeAt(file, doc, ['plan', 'questions'], 'key');
      return [{ name: 'Plan questions', kind: 'section', range: { start: key.start, end: rangeAt(file, doc, ['plan', 'questions'], 'value').end }, selectionRange: key, children: questions }];
    }
    case 'rapid-charter':
      return section(
        file,
        doc,
        'decisions',
        'Decisions',
        listItems(data, ['decisions']).map((d) =>
          itemSymbol(
            file,
            doc,
            d,
            'decision',
            undefined,
            undefined,
            (['recommend', 'agree', 'perform', 'input', 'decide'] as const).flatMap((role) =>
              d.value[role] === undefined || !parties(d.value[role]).length
                ? []
                : [{ name: `${role[0].toUpperCase()}: ${parties(d.value[role]).join(', ')}`, detail: role, kind: 'party' as const, range: rangeAt(file, doc, [...d.path, role], 'value'), selectionRange: rangeAt(file, doc, [...d.path, role], 'key'), children: [] }],
            ),
          ),
        ),
      );
    case 'leadership-model':
      return [...list(file, doc, data, 'roles', 'Roles', 'role'), ...list(file, doc, data, 'positions', 'Positions', 'position'), ...list(file, doc, data, 'teams', 'Teams', 'team')];
    case 'message-map': {
      const messages = looseItems(file, doc, data, ['messages'], 'message', 'text');
      return section(file, doc, 'messages', 'Messages', messages);
    }
    case 'roster':
      return [...list(file, doc, data, 'people', 'People', 'person'), ...list(file, doc, data, 'groups', 'Groups', 'group')];
  }
}

export function documentSymbols(ws: Workspace, uri: string): DocumentSymbol[] {
  const file = ws.file(uri);
  if (!file) return [];
  return file.documents.map((doc) => {
    const range = file.lines.rangeOf(doc.span.end > doc.span.start ? doc.span : doc.segment.span);
    const idRange = doc.has(['id']) ? rangeAt(file, doc, ['id'], 'value') : { start: range.start, end: range.start };
    return {
      name: short(text(doc.data?.title)) ?? doc.id ?? KIND_LABELS[doc.kind],
      detail: [KIND_LABELS[doc.kind], doc.id].filter(Boolean).join(' · '),
      kind: 'document' as const,
      range,
      selectionRange: idRange,
      children: symbolsOf(file, doc),
    };
  });
}

function rapidLens(item: Item): { title: string; tooltip: string } {
  const v = item.value;
  const count = (role: string) => parties(v[role]).length;
  const d = parties(v.decide);
  const r = parties(v.recommend);
  const dText = d.length ? `D: ${d.join(' + ')}` : 'no D';
  const rText = r.length ? `R: ${r.join(', ')}` : 'no R';
  const title = [dText, rText, `A: ${count('agree')}`, `P: ${count('perform')}`, `I: ${count('input')}`].join(' · ');
  const tooltip =
    `Decision \`${item.id}\`: ${d.length === 1 ? `${d[0]} decides` : d.length ? `${d.length} parties hold the D — only one may` : 'nobody holds the D — name the one party who decides'}; ` +
    `${r.length ? `${r.join(', ')} recommend${r.length === 1 ? 's' : ''}` : 'nobody recommends'}; ${count('agree')} agree (a veto), ${count('perform')} perform, ${count('input')} give input.`;
  return { title, tooltip };
}

export function codeLenses(ws: Workspace, uri: string): CodeLens[] {
  const file = ws.file(uri);
  if (!file) return [];
  const out: CodeLens[] = [];
  for (const doc of file.documents) {
    const data = doc.data;
    if (!data) continue;
    if (doc.kind === 'rapid-charter') {
      for (const item of listItems(data, ['decisions'])) out.push({ range: rangeAt(file, doc, item.path, 'item'), ...rapidLens(item) });
    } else if (doc.kind === 'leadership-model') {
      for (const span of spans(data, configuredMaxSpan(ws)).values()) {
        const teams = span.teams.map((t) => t.id ?? `team ${t.index + 1}`);
        out.push({
          range: rangeAt(file, doc, ['positions', span.index], 'item'),
          title: spanTitle(span),
          tooltip: `Position \`${span.id}\` leads ${span.teachers} teacher${span.teachers === 1 ? '' : 's'}${teams.length ? ` in ${teams.join(', ')}` : ''}; its limit is ${span.max}${span.source === 'role' ? ` (role \`${span.role}\`)` : span.source === 'defaults' ? ' (defaults.max_span)' : ''}.`,
        });
      }
    }
  }
  return out;
}
