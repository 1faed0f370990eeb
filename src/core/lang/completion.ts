import type { Workspace } from '../workspace';
import type { ParsedDocument, ParsedFile } from '../parse';
import { itemIndex } from '../items';
import { ROLE_CATEGORIES, RAPID_ROLES } from '../schemas/kinds';
import { text } from '../model/values';
import { KINDS, type Position, type Range } from '../types';
import type { CompletionItem } from './api';
import { cursorContext } from './cursor';
import { KIND_LABELS, LIST_WORDS, docAt, lenientData, rosterEntries, siteOf, splitRef, titleOf, type RefSite } from './model';
import { enumValuesAt, isObjectAt, keysAt, kindDescription } from './schema';

/** The lines of a file's text (any line break). */
export function linesOf(file: ParsedFile): string[] {
  return file.text.split(/\r\n|\r|\n/);
}

export function completions(ws: Workspace, uri: string, position: Position): CompletionItem[] {
  const file = ws.file(uri);
  if (!file) return [];
  const offset = file.lines.offsetAt(position);
  const doc = docAt(file, offset);
  if (!doc) return [];
  const lines = linesOf(file);
  const first = file.lines.positionAt(doc.segment.span.start).line;
  const last = file.lines.positionAt(doc.span.end).line;
  const ctx = cursorContext(lines, position.line, position.character, Math.max(first, file.lines.positionAt(doc.span.start).line), last, file.lines.lineStart(position.line), (p) => isObjectAt(doc.kind, p));
  if (!ctx) return [];
  const range: Range = file.lines.rangeOf(ctx.word);
  const typed = file.text.slice(ctx.word.start, ctx.word.end);
  if (ctx.mode === 'key') {
    // Renaming a key already followed by its `:` replaces the word only.
    const colon = /^[ \t]*:/.test(file.text.slice(ctx.word.end));
    return keysAt(doc.kind, ctx.path)
      .filter(({ key }) => !ctx.present.includes(key) || key === typed)
      .map(({ key, description }, i) => ({ label: key, kind: 'key' as const, detail: description?.split(/(?<=\.)\s/)[0], documentation: description, range, insertText: colon ? key : `${key}: `, sortText: String(i).padStart(3, '0') }));
  }
  const path = ctx.path;
  if (path.length === 1 && path[0] === 'kind') {
    return KINDS.map((kind) => ({ label: kind, kind: 'document' as const, detail: KIND_LABELS[kind], documentation: kindDescription(kind), range }));
  }
  const out: CompletionItem[] = [];
  const site = siteOf(doc.kind, path);
  if (site) out.push(...referenceCompletions(ws, file, doc, site, typed, range));
  const seen = new Set(out.map((c) => c.label));
  for (const value of enumValuesAt(doc.kind, path)) {
    if (!seen.has(value)) out.push({ label: value, kind: 'value', range, sortText: `z${value}` });
  }
  return out;
}

function referenceCompletions(ws: Workspace, file: ParsedFile, doc: ParsedDocument, site: RefSite, typed: string, range: Range): CompletionItem[] {
  const target = site.target;
  switch (target.scope) {
    case 'local': {
      const data = lenientData(file, doc);
      if (!data) return [];
      const qualify = splitRef(typed).docId !== undefined && doc.id !== undefined;
      const index = itemIndex(doc.kind, data, target.lists[0]);
      const out: CompletionItem[] = [];
      for (const item of index.values()) {
        if (!target.lists.includes(item.list)) continue;
        out.push({ label: qualify ? `${doc.id}#${item.id}` : item.id, kind: 'reference', detail: titleOf(item.value), documentation: `${capital(LIST_WORDS[item.list] ?? item.list)} of this ${doc.kind}.`, range, sortText: `${target.lists.indexOf(item.list)}${item.id}` });
      }
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
      return [...ws.documents(target.kind)]
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
