/** The outline and CodeLens of a file: each kind's spec builds its own (`KindSpec.outline`, `lenses`). */
import type { Workspace } from '../workspace';
import type { ParsedDocument, ParsedFile } from '../parse';
import { specOf, type OutlineContext } from '../kinds';
import { short } from '../kinds/outline';
import { text } from '../model/values';
import type { CodeLens, DocumentSymbol } from './api';
import { configuredMaxSpan } from './hover';
import { kindLabel } from './model';

function contextOf(ws: Workspace, file: ParsedFile, doc: ParsedDocument, data: Record<string, unknown>): OutlineContext {
  return { doc, data, range: (path, target) => file.lines.rangeOf(doc.locate(path, target)), maxSpan: configuredMaxSpan(ws, doc.uri) };
}

export function documentSymbols(ws: Workspace, uri: string): DocumentSymbol[] {
  const file = ws.file(uri);
  if (!file) return [];
  return file.documents.map((doc) => {
    const range = file.lines.rangeOf(doc.span.end > doc.span.start ? doc.span : doc.segment.span);
    const idRange = doc.has(['id']) ? file.lines.rangeOf(doc.locate(['id'], 'value')) : { start: range.start, end: range.start };
    return {
      name: short(text(doc.data?.title)) ?? doc.id ?? kindLabel(doc.kind),
      detail: [kindLabel(doc.kind), doc.id].filter(Boolean).join(' · '),
      kind: 'document' as const,
      range,
      selectionRange: idRange,
      children: doc.data ? specOf(doc.kind).outline(contextOf(ws, file, doc, doc.data)) : [],
    };
  });
}

export function codeLenses(ws: Workspace, uri: string): CodeLens[] {
  const file = ws.file(uri);
  if (!file) return [];
  const out: CodeLens[] = [];
  for (const doc of file.documents) {
    const lenses = specOf(doc.kind).lenses;
    if (doc.data && lenses) out.push(...lenses(contextOf(ws, file, doc, doc.data)));
  }
  return out;
}
