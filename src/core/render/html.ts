import type { Path } from '../types';

/**
 * Markup that is already safe: built by `html` from escaped parts, or a constant of this module.
 * Every document string reaches the output through `html`'s interpolation, which escapes it;
 * there is no other way in, so nothing a document says can become markup.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Content = Html | string | number | boolean | null | undefined | readonly Content[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Escapes text for HTML and SVG: element content and double- or single-quoted attribute
 * values alike. Characters that XML forbids (other controls, lone surrogates) become U+FFFD,
 * so an SVG stays well-formed whatever the document holds.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/[&<>"'`]/g, (c) => ENTITIES[c])
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Attribute values are escaped like text (all quotes included); kept separate for intent. */
export const escapeAttr = escapeHtml;

function flatten(value: Content): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return (value as readonly Content[]).map(flatten).join('');
  return escapeHtml(value);
}

/** Tagged template: interpolated values are escaped unless they are `Html`; lists are joined. */
export function html(strings: TemplateStringsArray, ...values: Content[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += flatten(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Joins parts (escaping the plain ones) with a separator. */
export function join(parts: readonly Content[], separator: Content = ''): Html {
  const sep = flatten(separator);
  return new Html(parts.map(flatten).filter((p) => p !== '').join(sep));
}

/** Attributes from a record; undefined and false are left out, `true` is a bare attribute. */
export function attrs(record: Record<string, string | number | boolean | undefined | null>): Html {
  let out = '';
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined || value === null || value === false) continue;
    // Names are constants of the renderers; checked anyway, since an attribute name cannot be escaped.
    if (!/^[a-z][a-z0-9:-]*$/i.test(name)) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeAttr(value)}"`;
  }
  return new Html(out);
}

/** A JSON path joined by dots, as `data-path` carries it: `decisions.0.decide`. */
export function dataPath(path: Path): string {
  return path.join('.');
}

/** Class names: falsy parts dropped. Only constant tokens and `token()` results belong here. */
export function classes(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}

/** A value as a class token when it is one of the allowed words, else the fallback. */
export function token<T extends string>(value: unknown, allowed: readonly T[], fallback: string = 'unknown'): T | string {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? value : fallback;
}
