import { list, text, obj } from '../model/values';
import { html, type Content, type Html } from './html';
import type { Scope } from './context';

import { KIND_SPECS, type Kind } from '../kinds';

/** How a kind is named on screen. */
export function kindLabel(kind: Kind): string {
  return KIND_SPECS[kind].label;
}

/** The document's title: its `title`, else what the renderer proposes, else its id, else its kind. */
export function titleOf(scope: Scope, proposal?: string): string {
  return text(scope.doc.data?.title) ?? proposal ?? scope.doc.id ?? kindLabel(scope.doc.kind);
}

/** The heading of a document: kind, title and the common keys (id, owner, updated, tags). */
export function header(scope: Scope, title: string, extra?: Content): Html {
  const data = scope.doc.data ?? {};
  const owner = text(data.owner);
  const updated = text(data.updated);
  const tags = list(data.tags).map(text).filter((t): t is string => !!t);
  const ownerLabel = owner ? scope.partyLabel(owner) : undefined;
  return html`<header class="ik-head"><p class="ik-kind">${kindLabel(scope.doc.kind)}</p><h1${text(data.title) ? html` data-path="title"` : ''}>${title}</h1><p class="ik-meta">${[
    scope.doc.id ? html`<span class="ik-meta-item" data-path="id"><span class="ik-muted">id</span> <code>${scope.doc.id}</code></span>` : '',
    ownerLabel ? html`<span class="ik-meta-item" data-path="owner"><span class="ik-muted">owner</span> ${ownerLabel}</span>` : '',
    updated ? html`<span class="ik-meta-item" data-path="updated"><span class="ik-muted">updated</span> ${updated}</span>` : '',
    tags.length ? html`<span class="ik-meta-item" data-path="tags">${tags.map((t) => html`<span class="ik-tag">${t}</span>`)}</span>` : '',
  ]}</p>${extra ?? ''}</header>`;
}

/** A labelled value (`dt`/`dd`) when the value says something. */
export function field(label: string, value: unknown, path: string, cls = ''): Html {
  const t = text(value);
  if (t === undefined) return html``;
  return html`<div class="ik-field ${cls}" data-path="${path}"><dt>${label}</dt><dd>${t}</dd></div>`;
}

/** A muted line saying that something is not there yet. */
export function empty(message: string): Html {
  return html`<p class="ik-empty">${message}</p>`;
}

/** The whole article of one document. */
export function article(scope: Scope, body: Content): Html {
  return html`<article class="ik-doc ik-doc-${scope.doc.kind}" data-kind="${scope.doc.kind}" data-ordinal="${scope.doc.ordinal}"${scope.doc.id ? html` data-doc="${scope.doc.id}"` : ''}>${body}</article>`;
}

/** A small badge (status, decision); the class suffix is a constant or a validated token. */
export function badge(label: string, cls: string, path?: string, title?: string): Html {
  return html`<span class="ik-badge ${cls}"${path ? html` data-path="${path}"` : ''}${title ? html` title="${title}"` : ''}>${label}</span>`;
}

/** `data.x.y` read leniently. */
export function at(value: unknown, ...keys: string[]): unknown {
  let v = value;
  for (const k of keys) v = obj(v)?.[k];
  return v;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-03-02` as `Mar 2` (with the year when asked); other text as it is. */
export function shortDate(value: string, withYear = false): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return value;
  return `${month} ${Number(m[3])}${withYear ? `, ${m[1]}` : ''}`;
}

/** A legend's words for a finding's outline, true on paper too (an exported page has no hover). */
export const FINDING_WORDS = 'outlined: a finding, listed under Checks';
