/**
 * The kinds' snippets as completion items, filled in for the workspace at the cursor: a whole
 * document only where a document can start (an empty YAML file, an empty fenced block or front
 * matter, a blank line of Markdown prose), an item only where an item of its list starts. A
 * placeholder that names something by id becomes a choice of the ids the workspace has there; an
 * id the snippet introduces is one the workspace does not have yet.
 */
import type { Kind } from '../kinds';
import { KIND_SNIPPETS } from '../kinds/snippets';
import type { SnippetReference, SnippetSpec } from '../kinds/spec';
import type { Range } from '../types';
import type { CompletionItem } from './api';

/** What filling a snippet needs to know of the workspace. */
export interface SnippetFill {
  /** The ids a reference site offers (what completion offers as its value), best first; undefined when the site is unknown. */
  idsAt(kind: Kind, at: ReadonlyArray<string | '*'>): string[] | undefined;
  /** Whether the site's ids are free text here (a person while the workspace has no roster). */
  freeText(kind: Kind, at: ReadonlyArray<string | '*'>): boolean;
  /** Whether a document id is taken in the workspace. */
  documentIdTaken(id: string): boolean;
  /** Whether an item id is taken in the document the item goes into. */
  itemIdTaken(id: string): boolean;
}

/** `base`, or `base-2`, `base-3`… : the first that is not taken. */
function fresh(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/** A choice element: `,`, `|`, `$`, `}` and `\` are escaped in snippet syntax. */
function choiceText(value: string): string {
  return value.replace(/[\\,|$}]/g, (c) => `\\${c}`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes placeholder `n` with its key: the flow entry (`, key: ${n:…}`) or the whole line. */
function dropPlaceholder(lines: string[], n: number): string[] {
  const placeholder = `\\$\\{${n}(?::[^}]*)?\\}`;
  const after = new RegExp(`,\\s*[A-Za-z0-9_-]+: ${placeholder}`);
  const before = new RegExp(`[A-Za-z0-9_-]+: ${placeholder},\\s*`);
  const any = new RegExp(placeholder);
  const out: string[] = [];
  for (const line of lines) {
    if (!any.test(line)) out.push(line);
    else if (after.test(line)) out.push(line.replace(after, ''));
    else if (before.test(line)) out.push(line.replace(before, ''));
  }
  return out;
}

/**
 * A snippet's body filled in: each reference placeholder a choice of the workspace's ids (its own
 * default first when the workspace has it, else an id no other placeholder starts with); with no
 * id to offer, the written text where it is free text, else a blank placeholder or no key at all.
 * The document's or the item's own id is one not taken yet.
 */
export function fillSnippet(kind: Kind, snippet: SnippetSpec, fill: SnippetFill): string {
  let lines = [...snippet.body];
  const refs = Object.entries(snippet.references ?? {})
    .filter((entry): entry is [string, SnippetReference] => entry[1] !== undefined)
    .map(([n, ref]) => ({ n: Number(n), ref }))
    .sort((a, b) => a.n - b.n);
  const defaultOf = (n: number) => new RegExp(`\\$\\{${n}:([^}]*)\\}`).exec(lines.join('\n'))?.[1];
  const choices = new Map<number, string[]>();
  const used = new Set<string>();
  const pending: Array<{ n: number; ids: string[] }> = [];
  for (const { n, ref } of refs) {
    const ids = [...new Set(fill.idsAt(kind, ref.at) ?? [])];
    if (!ids.length) {
      if (fill.freeText(kind, ref.at)) continue;
      if (ref.none === 'drop') lines = dropPlaceholder(lines, n);
      else lines = lines.map((l) => l.replace(new RegExp(`\\$\\{${n}:[^}]*\\}`), () => `\${${n}}`));
      continue;
    }
    const written = defaultOf(n);
    if (written !== undefined && ids.includes(written)) {
      choices.set(n, [written, ...ids.filter((id) => id !== written)]);
      used.add(written);
    } else pending.push({ n, ids });
  }
  // The placeholders whose written text the workspace lacks each start with an id not yet used,
  // so that accepting every default does not give one party every RAPID role.
  for (const { n, ids } of pending) {
    const head = ids.find((id) => !used.has(id)) ?? ids[0];
    used.add(head);
    choices.set(n, [head, ...ids.filter((id) => id !== head)]);
  }
  for (const [n, ids] of choices) {
    const choice = `\${${n}|${ids.map(choiceText).join(',')}|}`;
    lines = lines.map((l) => l.replace(new RegExp(`\\$\\{${n}:[^}]*\\}`), () => choice));
  }
  // The id a whole document or an item introduces.
  lines = lines.map((line, i) => {
    const doc = /^id: \$\{(\d+):([^}]*)\}/.exec(line);
    if (doc) return line.replace(new RegExp(`\\$\\{${doc[1]}:${escapeRegExp(doc[2])}\\}`), () => `\${${doc[1]}:${fresh(doc[2], fill.documentIdTaken)}}`);
    const item = i === 0 ? /^- (?:\{ )?id: \$\{(\d+):([^}]*)\}/.exec(line) : null;
    if (item) return line.replace(new RegExp(`\\$\\{${item[1]}:${escapeRegExp(item[2])}\\}`), () => `\${${item[1]}:${fresh(item[2], fill.itemIdTaken)}}`);
    return line;
  });
  return lines.join('\n');
}

/** The text a snippet would insert with every default taken, for its documentation. */
function preview(body: string): string {
  let text = body.replace(/\$\{\d+\|((?:\\.|[^,|\\])*)[,|][^}]*\}/g, (_, first: string) => first.replace(/\\(.)/g, '$1'));
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  }
  return text.replace(/\$\{\d+\}|\$\d+/g, '');
}

function item(snippet: SnippetSpec, insertText: string, range: Range, language: string, sortText: string): CompletionItem {
  return {
    label: snippet.prefix[0],
    kind: 'snippet',
    detail: snippet.name,
    documentation: `${snippet.description.replace(/^Improvekit: /, '')}\n\n\`\`\`${language}\n${preview(insertText)}\n\`\`\``,
    range,
    insertText,
    snippet: true,
    filterText: snippet.prefix.join(' '),
    sortText,
  };
}

/** Where a whole document may start. */
export type DocumentStart =
  /** An empty YAML file (of one kind when its name says so). */
  | { at: 'yaml'; kinds: readonly Kind[] }
  /** An empty front matter block of a Markdown file. */
  | { at: 'front-matter' }
  /** An empty fenced block whose info string names a kind. */
  | { at: 'fence'; kind: Kind }
  /** A blank line of Markdown prose: a fenced block of its own. */
  | { at: 'prose' };

/** The whole-document snippets for a place a document may start. */
export function documentSnippets(start: DocumentStart, fill: SnippetFill, range: Range, kinds: readonly Kind[]): CompletionItem[] {
  const of = (kind: Kind) => KIND_SNIPPETS[kind].document;
  const withoutKind = (kind: Kind) => fillSnippet(kind, of(kind), fill).split('\n').filter((l) => !l.startsWith('kind:') && l !== '$0').join('\n');
  switch (start.at) {
    case 'yaml':
      return start.kinds.map((kind, i) => item(of(kind), fillSnippet(kind, of(kind), fill), range, 'yaml', `!${i}`));
    case 'front-matter':
      return kinds.map((kind, i) => item(of(kind), fillSnippet(kind, of(kind), fill).replace(/\n\$0$/, ''), range, 'yaml', `!${i}`));
    case 'fence':
      return [item(of(start.kind), withoutKind(start.kind), range, 'yaml', '!0')];
    case 'prose':
      return kinds.map((kind, i) => ({
        ...item(of(kind), `\`\`\`${kind}\n${withoutKind(kind)}\n\`\`\`\n$0`, range, 'markdown', `!${i}`),
        detail: `${of(kind).name} block`,
      }));
  }
}

/**
 * The item snippets of a kind's list `list` (a path without indexes). `afterDash`: the line already
 * has its `- `, so the body goes in without it.
 */
export function itemSnippets(kind: Kind, list: readonly (string | number)[], afterDash: boolean, fill: SnippetFill, range: Range): CompletionItem[] {
  const key = list.join('.');
  return KIND_SNIPPETS[kind].items
    .filter((s) => s.list?.join('.') === key)
    .map((s, i) => {
      const body = fillSnippet(kind, s, fill);
      return item(s, afterDash ? body.replace(/^- /, '') : body, range, 'yaml', `!${i}`);
    });
}
