import type { Workspace } from '../workspace';
import { itemIndex } from '../items';
import { SLUG } from '../schemas/kinds';
import type { Position, TextEdit } from '../types';
import type { Location, PrepareRename, RenameResult } from './api';
import { hitAt, rosterEntries, scalarSpan, targetsOf, usesOf, LIST_WORDS, type Definition } from './model';

function locationOf(ws: Workspace, def: Definition): Location | undefined {
  const file = ws.file(def.doc.uri);
  const span = file && scalarSpan(file, def.doc, def.path, def.id);
  return file && span ? { uri: def.doc.uri, range: file.lines.rangeOf(span) } : undefined;
}

function targetsAt(ws: Workspace, uri: string, position: Position): Definition[] {
  const file = ws.file(uri);
  if (!file) return [];
  const hit = hitAt(file, file.lines.offsetAt(position));
  return hit ? targetsOf(ws, hit) : [];
}

export function definition(ws: Workspace, uri: string, position: Position): Location[] {
  return targetsAt(ws, uri, position)
    .map((d) => locationOf(ws, d))
    .filter((l): l is Location => l !== undefined);
}

export function references(ws: Workspace, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const out: Location[] = [];
  const seen = new Set<string>();
  const add = (l: Location | undefined) => {
    if (!l) return;
    const key = `${l.uri}:${l.range.start.line}:${l.range.start.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(l);
  };
  for (const def of targetsAt(ws, uri, position)) {
    if (includeDeclaration) add(locationOf(ws, def));
    for (const use of usesOf(ws, def)) add({ uri: use.file.uri, range: use.file.lines.rangeOf(use.span) });
  }
  return out;
}

export function prepareRename(ws: Workspace, uri: string, position: Position): PrepareRename | undefined {
  const file = ws.file(uri);
  if (!file) return undefined;
  const hit = hitAt(file, file.lines.offsetAt(position));
  if (!hit) return undefined;
  const targets = targetsOf(ws, hit);
  if (!targets.length) return undefined;
  return { range: file.lines.rangeOf(hit.span), placeholder: targets[0].id };
}

/** Why a new id cannot be used for a definition, if it cannot. */
function refusal(ws: Workspace, def: Definition, newName: string): string | undefined {
  if (!SLUG.test(newName)) return `\`${newName}\` is not a valid id: use lowercase letters, digits, \`.\`, \`_\` or \`-\`, starting with a letter or digit (such as \`k3-reading\`).`;
  if (newName === def.id) return `The id is already \`${newName}\`: type a different one.`;
  if (!def.item) {
    const taken = ws.byId(newName);
    if (taken.length) return `The document id \`${newName}\` is already used by a ${taken[0].kind} in ${taken[0].uri.split('/').pop()}: pick an id no other document has.`;
    return undefined;
  }
  const word = LIST_WORDS[def.item.list] ?? 'item';
  if (def.doc.kind === 'roster') {
    const other = rosterEntries(ws).find((p) => p.id.toLowerCase() === newName.toLowerCase());
    if (other) return `\`${newName}\` is already a person or group in ${other.doc.uri.split('/').pop()}: pick an id no roster uses.`;
    return undefined;
  }
  const existing = def.doc.data && itemIndex(def.doc.kind, def.doc.data, def.item.list).get(newName);
  if (existing) return `\`${newName}\` is already the id of ${LIST_WORDS[existing.list] ?? 'an item'} ${Number(existing.path[existing.path.length - 1]) + 1} in this ${def.doc.kind}: pick an id no other ${word} uses here.`;
  return undefined;
}

export function rename(ws: Workspace, uri: string, position: Position, newName: string): RenameResult {
  const file = ws.file(uri);
  if (!file) return { error: 'This file is not part of the workspace: open it inside the workspace folder to rename ids.' };
  const hit = hitAt(file, file.lines.offsetAt(position));
  if (!hit) return { error: 'The cursor is not on an id or a reference: put it on an `id:` value or on a value that names one.' };
  const def = targetsOf(ws, hit)[0];
  if (!def) return { error: `\`${hit.type === 'reference' ? hit.ref.value : ''}\` names nothing in the workspace, so there is nothing to rename: fix the reference first.` };
  const name = newName.trim();
  const why = refusal(ws, def, name);
  if (why) return { error: why };
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  const add = (u: string, range: TextEdit['range']) => {
    const key = `${u}:${range.start.line}:${range.start.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    (changes[u] ??= []).push({ range, newText: name });
  };
  const own = ws.file(def.doc.uri);
  const span = own && scalarSpan(own, def.doc, def.path, def.id);
  if (!own || !span) return { error: `The id \`${def.id}\` is written in a form that cannot be edited in place (an escape or a multi-line value): rename it by hand.` };
  add(def.doc.uri, own.lines.rangeOf(span));
  for (const use of usesOf(ws, def)) add(use.file.uri, use.file.lines.rangeOf(use.span));
  return { changes };
}
