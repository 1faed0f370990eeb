/**
 * Lenient readers for document values. Rules run on documents that may also have schema
 * problems, so they read what is there and ignore what has the wrong shape.
 */
export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(value: unknown): Obj | undefined {
  return isObj(value) ? value : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The mapping items of a list, with their indexes (non-mappings are skipped). */
export function items(value: unknown): Array<{ item: Obj; index: number }> {
  const out: Array<{ item: Obj; index: number }> = [];
  list(value).forEach((item, index) => {
    if (isObj(item)) out.push({ item, index });
  });
  return out;
}

/** Non-empty text (numbers count as text); undefined for null, empty or other shapes. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const t = value.trim();
    return t ? t : undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Whether a value says something: not null, not blank, not an empty list or mapping. */
export function filled(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(filled);
  if (isObj(value)) return Object.entries(value).some(([k, v]) => !k.startsWith('x-') && filled(v));
  return true;
}

/** A role that takes one party or a list: the parties named, as written. */
export function parties(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text).filter((p): p is string => p !== undefined);
  const one = text(value);
  return one ? [one] : [];
}

/** A list of ids (`supports: [a, b]`, or a single id written without brackets). */
export function ids(value: unknown): string[] {
  return parties(value);
}

/** A number, or a numeric string such as "8". */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** A share of time: 0..1, or "N%". */
export function share(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
    if (m) return Number(m[1]) / 100;
  }
  return num(value);
}

/** A `YYYY-MM-DD` date as written, when it is a real calendar date. */
export function date(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? value.trim() : undefined;
}

/** An item's title as people read it: its title, name, statement, decision, question or text. */
export function titleOf(value: Record<string, unknown> | undefined): string | undefined {
  if (!value) return undefined;
  return text(value.title) ?? text(value.name) ?? text(value.statement) ?? text(value.decision) ?? text(value.question) ?? text(value.text);
}
