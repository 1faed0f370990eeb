import type { z } from 'zod';
import { def, schemaAt } from '../schemas/walk';
import type { FixSpec, Rule, RuleContext } from './api';
import { expectedWords } from '../schemas/kinds';
import { KIND_SPECS, KINDS, type Kind } from '../kinds';
import { closest, listing } from '../text';
import type { Path, PathSegment, Span } from '../types';
import { valueAt } from '../items';
import { indentUnit, isText, keyWords, quoteYaml } from '../syntax';

interface Problem {
  at: Path;
  target: 'key' | 'value' | 'item';
  message: string;
  rename?: [string, string];
  replace?: string;
  kindMismatch?: boolean;
  /** The repair of a layout slip (see `slips`), offered as is. */
  fixes?: FixSpec[];
}

/** The keys of a run as the subject of a message: "`a` belongs", "`a` and `b` belong", "`a` and 4 more keys belong". */
function runNames(run: readonly string[]): string {
  const shown = run.map((k) => `\`${k.length > 40 ? `${k.slice(0, 39)}…` : k}\``);
  if (run.length === 1) return `${shown[0]} belongs`;
  return run.length === 2 ? `${listing(shown)} belong` : `${shown[0]} and ${run.length - 1} more keys belong`;
}

const UNITS = new WeakMap<object, number>();

/** The indentation step of the document checked (read once). */
function unitOf(ctx: RuleContext): number {
  let unit = UNITS.get(ctx.doc);
  if (unit === undefined) UNITS.set(ctx.doc, (unit = indentUnit(ctx.source(ctx.doc.span))));
  return unit;
}

/** The column of an offset in its line; undefined past a long line's first characters (no slip is that wide). */
function columnOf(ctx: RuleContext, offset: number): number | undefined {
  const from = Math.max(0, offset - 1024);
  const before = ctx.source({ start: from, end: offset });
  const eol = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return eol >= 0 || from === 0 ? before.length - eol - 1 : undefined;
}

/**
 * Unknown keys that are valid YAML but a slip of layout, with what was meant: keys typed flush
 * left under a key left empty (`data:` then `measure:`), the rest of a flow mapping's value after
 * an unquoted `, ` (`{ title: Huddles, debrief }`), and a key missing the space after its colon
 * in a flow mapping (`{ id:p1 }`). Keys a problem covers map to null: they are not reported again.
 */
/** Edits that put `indent` before every line of the text from `from` to `to` that holds more than spaces. */
function indentEdits(ctx: RuleContext, from: number, to: number, indent: string): Array<{ span: Span; text: string }> {
  const text = ctx.source({ start: from, end: to });
  const edits: Array<{ span: Span; text: string }> = [];
  for (let at = 0; at < text.length; ) {
    const eol = /\r\n|\r|\n/.exec(text.slice(at));
    const line = eol ? text.slice(at, at + eol.index) : text.slice(at);
    if (line.trim()) edits.push({ span: { start: from + at, end: from + at }, text: indent });
    if (!eol) break;
    at += eol.index + eol[0].length;
  }
  return edits;
}

function slips(ctx: RuleContext, path: Path, unknown: readonly string[], allowed: readonly string[], covered: Set<string>): Map<string, Problem | null> {
  const out = new Map<string, Problem | null>();
  const mapping = valueAt(ctx.data, path);
  if (!mapping || typeof mapping !== 'object' || Array.isArray(mapping)) return out;
  const entries = mapping as Record<string, unknown>;
  const keys = Object.keys(entries);
  const unknownKeys = new Set(unknown);
  const isUnknown = (k: string) => unknownKeys.has(k);
  const keySpan = (k: string) => ctx.doc.locate([...path, k], 'key');
  // Written as a bare key in a flow mapping: no colon after it, a comma or the brace.
  const bare = (k: string) => entries[k] === null && /^[ \t]*[,}]/.test(ctx.source({ start: keySpan(k).end, end: keySpan(k).end + 64 }));
  const column = (k: string) => columnOf(ctx, keySpan(k).start);
  /** The keys the schema knows under a key of this mapping. */
  const childKeysOf = (k: string): string[] => {
    const children = schemaAt(KIND_SPECS[ctx.doc.kind].schema, [...path, k]);
    return children && def(children).type === 'object' ? Object.keys(def(children).shape ?? {}) : [];
  };
  /** A key written with nothing after its colon but a comment. */
  const emptyKey = (k: string) => entries[k] === null && /^[ \t]*:[ \t]*(?:#.*)?(?:\r?\n|\r|$)/.test(ctx.source({ start: keySpan(k).end, end: keySpan(k).end + 256 }));
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (!isUnknown(key) || out.has(key)) continue;
    const above = keys[i - 1];
    const noSpace = /^([A-Za-z_][A-Za-z0-9_-]*):(\S.*)$/.exec(key);
    if (noSpace && allowed.includes(noSpace[1]) && !(noSpace[1] in entries) && entries[key] === null) {
      const colon = keySpan(key).start + noSpace[1].length + 1;
      out.set(key, {
        at: [...path, key],
        target: 'key',
        message: `Add a space after the colon in \`${key.length > 40 ? `${key.slice(0, 39)}…` : key}\``,
        fixes: [{ title: `Add a space after \`${noSpace[1]}:\``, kind: 'fix', edits: [{ span: { start: colon, end: colon }, text: ' ' }] }],
      });
      continue;
    }
    // Flush left under an empty key further up, with keys of this mapping between: indenting it
    // where it stands would not put it there, so the advice is to move it (no quick fix).
    const owner = keys
      .slice(0, Math.max(0, i - 1))
      .reverse()
      .find((k) => allowed.includes(k) && emptyKey(k) && childKeysOf(k).includes(key) && column(k) !== undefined && column(k) === column(key));
    if (owner) {
      out.set(key, { at: [...path, key], target: 'key', message: `\`${key}\` belongs under \`${owner}:\`: move it below \`${owner}:\` and indent it` });
      covered.add(pathLabel([...path, owner]));
      covered.add(pathLabel([...path, owner, key]));
      continue;
    }
    if (above === undefined || !allowed.includes(above)) continue;
    // Flush left under an empty key: the run of its known children, up to a key of this mapping.
    const childKeys = childKeysOf(above);
    const empty = emptyKey(above);
    if (empty && childKeys.includes(key) && column(key) !== undefined && column(key) === column(above)) {
      const run = [key];
      for (let j = i + 1; j < keys.length && isUnknown(keys[j]) && childKeys.includes(keys[j]); j++) run.push(keys[j]);
      const from = keySpan(key).start - column(key)!;
      const to = ctx.doc.locate([...path, run[run.length - 1]], 'item').end;
      const unit = ' '.repeat(unitOf(ctx));
      const edits = indentEdits(ctx, from, to, unit);
      const names = runNames(run);
      out.set(key, {
        at: [...path, key],
        target: 'key',
        message: `${names} under \`${above}:\`: indent ${run.length === 1 ? 'it' : 'them'}`,
        fixes: [{ title: `Indent ${run.length === 1 ? `\`${key}\`` : `${run.length} keys`} under \`${above}:\``, kind: 'suggestion', edits }],
      });
      for (const k of run.slice(1)) out.set(k, null);
      // What the empty key lacks (it is empty; its required keys are missing) is what the run holds.
      covered.add(pathLabel([...path, above]));
      for (const k of run) covered.add(pathLabel([...path, above, k]));
      continue;
    }
    // Keys of a list's last item typed at the list's dashes (`questions:`, `- id: q1`, `question: …`).
    const list = entries[above];
    const lastIndex = Array.isArray(list) ? list.length - 1 : -1;
    const lastItem = lastIndex >= 0 ? (list as unknown[])[lastIndex] : undefined;
    const itemKeys = lastItem && typeof lastItem === 'object' && !Array.isArray(lastItem) ? Object.keys(lastItem) : [];
    if (itemKeys.length && !itemKeys.includes(key)) {
      const element = schemaAt(KIND_SPECS[ctx.doc.kind].schema, [...path, above, lastIndex]);
      const elementKeys = element && def(element).type === 'object' ? Object.keys(def(element).shape ?? {}) : [];
      const firstKey = ctx.doc.locate([...path, above, lastIndex, itemKeys[0]], 'key');
      const itemColumn = columnOf(ctx, firstKey.start);
      const dash = itemColumn === undefined ? null : /^( *)-( +)$/.exec(ctx.source({ start: firstKey.start - itemColumn, end: firstKey.start }));
      if (dash && dash[1].length === column(above) && column(key) === column(above) && elementKeys.includes(key)) {
        const run = [key];
        for (let j = i + 1; j < keys.length && isUnknown(keys[j]) && elementKeys.includes(keys[j]) && !itemKeys.includes(keys[j]); j++) run.push(keys[j]);
        const from = keySpan(key).start - column(key)!;
        const to = ctx.doc.locate([...path, run[run.length - 1]], 'item').end;
        const step = ' '.repeat(itemColumn! - dash[1].length);
        const edits = indentEdits(ctx, from, to, step);
        const names = runNames(run);
        out.set(key, {
          at: [...path, key],
          target: 'key',
          message: `${names} to the item above: line ${run.length === 1 ? "it" : "them"} up with \`${itemKeys[0]}\``,
          fixes: [{ title: `Indent ${run.length === 1 ? `\`${key}\`` : `${run.length} keys`} into the item above`, kind: 'suggestion', edits }],
        });
        for (const k of run.slice(1)) out.set(k, null);
        for (const k of run) covered.add(pathLabel([...path, above, lastIndex, k]));
        continue;
      }
    }
    // The rest of a value after an unquoted `, `: the text of the key above, cut by the comma.
    if (typeof entries[above] === 'string' && bare(key) && isText(ctx.doc.kind, [...path, above])) {
      const value = ctx.doc.locate([...path, above], 'value');
      const first = ctx.source(value).charAt(0);
      if (first === '"' || first === "'" || !/^[ \t]*,[ \t]*$/.test(ctx.source({ start: value.end, end: keySpan(key).start }))) continue;
      const run = [key];
      for (let j = i + 1; j < keys.length && isUnknown(keys[j]) && bare(keys[j]) && /^[ \t]*,[ \t]*$/.test(ctx.source({ start: keySpan(keys[j - 1]).end, end: keySpan(keys[j]).start })); j++) run.push(keys[j]);
      const span = { start: value.start, end: keySpan(run[run.length - 1]).end };
      const what = `the ${keyWords(above)}`;
      out.set(key, {
        at: [...path, key],
        target: 'key',
        message: `\`${key.length > 40 ? `${key.slice(0, 39)}…` : key}\` is part of ${what}: quote ${what}, it holds \`, \``,
        fixes: [{ title: `Quote ${what}`, kind: 'suggestion', edits: [{ span, text: quoteYaml(ctx.source(span)) }] }],
      });
      for (const k of run.slice(1)) out.set(k, null);
    }
  }
  return out;
}

function describeExpected(schema: z.ZodType | undefined, fallback: string): string {
  if (!schema) return fallback;
  const own = expectedWords(schema);
  if (own) return own;
  const d = def(schema);
  switch (d.type) {
    case 'object':
      return 'a mapping of keys and values';
    case 'array':
      return `a list (items written \`- …\` on their own lines, or \`[a, b]\`)`;
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return '`true` or `false`';
    case 'enum':
      return `one of ${Object.values(d.entries ?? {}).join(', ')}`;
    default:
      return fallback;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text ("${value.length > 40 ? `${value.slice(0, 40)}…` : value}")`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `\`${value}\``;
  return typeof value;
}

/** A path as people read it: `decisions[0].decide`. */
export function pathLabel(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || 'the document';
}

/** Hints for required keys, so a missing key says what to write. */
const KEY_HINTS: Record<string, string> = {
  id: 'a short id such as `grading-policy`',
  title: 'a short title',
  statement: 'what is to improve, for whom',
  decision: 'what is being decided',
  question: 'the question this test answers',
  task: 'what must be done',
  text: 'the key message',
  name: 'what is measured',
  role: 'a role id from `roles`, or a category such as principal',
  led_by: 'the id of the position that leads the team',
  teachers: 'how many teachers, or a list of their names',
  change_idea: 'the change idea under test, as `<driver diagram id>#<change idea id>`',
  decisions: 'the list of decisions',
  messages: 'the list of key messages',
  aim: 'the aim, with `statement`, `measure`, `target` and `by`',
  date: 'the date of the point, YYYY-MM-DD',
  value: 'the value measured',
};

/** What the layout slips of a document explain: their advice by mapping, and the paths whose issues they account for. */
interface Slips {
  byMapping: Map<string, Map<string, Problem | null>>;
  covered: Set<string>;
}

function findSlips(ctx: RuleContext, schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): Slips {
  const found: Slips = { byMapping: new Map(), covered: new Set() };
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path as PathSegment[];
    const parent = schemaAt(schema, path);
    const allowed = parent && def(parent).type === 'object' ? Object.keys(def(parent).shape ?? {}) : [];
    found.byMapping.set(pathLabel(path), slips(ctx, path, issue.keys.filter((k) => !k.startsWith('x-')), allowed, found.covered));
  }
  return found;
}

function issueMessage(ctx: RuleContext, schema: z.ZodType, issue: z.core.$ZodIssue, slipped: Slips): Problem[] {
  const path = issue.path as PathSegment[];
  // A slip of layout accounts for it (a key typed outside the mapping that lacks it).
  if (issue.code !== 'unrecognized_keys' && slipped.covered.has(pathLabel(path))) return [];
  const last = path[path.length - 1];
  const where = pathLabel(path.slice(0, -1));
  const value = valueAt(ctx.data, path);
  const here = schemaAt(schema, path);
  // A missing key fails as a wrong type, or as no branch of a union (`text: hi | 3`): say it is missing.
  if (value === undefined && typeof last === 'string' && issue.code !== 'unrecognized_keys') {
    // `{ id:p1 }`: the key is there, missing only the space after its colon (reported as such).
    const parent = valueAt(ctx.data, path.slice(0, -1));
    if (parent && typeof parent === 'object' && Object.keys(parent).some((k) => k.startsWith(`${last}:`) && (parent as Record<string, unknown>)[k] === null)) return [];
    const hint = Object.hasOwn(KEY_HINTS, last) ? KEY_HINTS[last] : undefined;
    const parentPath = path.slice(0, -1);
    const atParent = parentPath.length === 0 ? ['id'] : parentPath;
    return [
      {
        at: atParent,
        target: parentPath.length && typeof parentPath[parentPath.length - 1] === 'number' ? 'item' : 'key',
        message: `Missing required key \`${last}\` in ${pathLabel(parentPath)}: add \`${last}:\`${hint ? ` with ${hint}` : ''}.`,
      },
    ];
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const parent = schemaAt(schema, path);
      const allowed = parent && def(parent).type === 'object' ? Object.keys(def(parent).shape ?? {}) : [];
      const unknown = issue.keys.filter((k) => !k.startsWith('x-'));
      const layout = slipped.byMapping.get(pathLabel(path)) ?? new Map<string, Problem | null>();
      return unknown
        .filter((key) => layout.get(key) !== null)
        .map((key): Problem => {
          const slip = layout.get(key);
          if (slip) return slip;
          const guess = closest(key, allowed);
          return {
            at: [...path, key],
            target: 'key' as const,
            message: guess ? `Unknown key \`${key}\` — did you mean \`${guess}\`?` : `Unknown key \`${key}\`: remove it, or start it with \`x-\` for a note of your own`,
            rename: guess ? ([key, guess] as [string, string]) : undefined,
          };
        });
    }
    case 'invalid_type': {
      const expected = describeExpected(here, issue.expected);
      return [{ at: path, target: 'value', message: `\`${pathLabel(path)}\` should be ${expected}, but it is ${describeValue(value)}.` }];
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
      if (path.length === 1 && last === 'kind') {
        return [{ at: path, target: 'value', message: `\`kind\` is \`${String(value)}\` but this ${ctx.doc.origin === 'fence' ? 'fenced block' : 'file'} is a ${allowed[0]}: change \`kind\` or the ${ctx.doc.origin === 'fence' ? 'fence' : 'file name'}`, replace: allowed[0], kindMismatch: true }];
      }
      return [
        {
          at: path,
          target: 'value',
          message: guess ? `\`${pathLabel(path)}\` is ${describeValue(value)}: did you mean \`${guess}\`?` : `\`${pathLabel(path)}\` is ${describeValue(value)}: use ${listing(allowed, 'or')}`,
          replace: guess,
        },
      ];
    }
    case 'invalid_format':
    case 'too_small':
    case 'too_big':
    case 'invalid_union': {
      if (issue.code === 'too_small' && issue.origin === 'string' && value === '') {
        return [{ at: path, target: 'value', message: `\`${pathLabel(path)}\` is empty: write ${describeExpected(here, 'a value')}.` }];
      }
      return [{ at: path, target: 'value', message: `\`${pathLabel(path)}\` should be ${describeExpected(here, 'a valid value')}, but it is ${describeValue(value)}.` }];
    }
    case 'custom':
      return [{ at: path, target: 'value', message: `\`${pathLabel(path)}\` is ${describeValue(value)}, which ${issue.message}.` }];
    default:
      return [{ at: path, target: 'value', message: `${issue.message} at \`${pathLabel(path)}\`${where ? '' : ''}.` }];
  }
}

/** A fix when two spellings differ only in letter case, else a suggestion. */
function caseOnly(written: string, wanted: string): 'fix' | 'suggestion' {
  return written !== wanted && written.toLowerCase() === wanted.toLowerCase() ? 'fix' : 'suggestion';
}

const schemaInvalid: Rule = {
  id: 'schema/invalid',
  kinds: KINDS,
  severity: 'error',
  description: 'A value has the wrong type or is not one of the allowed values, a required key is missing, or a key is unknown.',
  check(ctx) {
    const kind: Kind = ctx.doc.kind;
    const schema = KIND_SPECS[kind].schema;
    const result = schema.safeParse(ctx.data);
    if (result.success) return;
    const seen = new Set<string>();
    const slipped = findSlips(ctx, schema, result.error.issues);
    for (const issue of result.error.issues) {
      for (const problem of issueMessage(ctx, schema, issue, slipped)) {
        const key = `${pathLabel(problem.at)}|${problem.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const fixes: FixSpec[] = [...(problem.fixes ?? [])];
        // A closest name or value is a guess (a suggestion); only a change of letter case (`Testing` → `testing`) keeps the meaning (a fix).
        if (problem.rename) fixes.push({ title: `Rename \`${problem.rename[0]}\` to \`${problem.rename[1]}\``, kind: caseOnly(problem.rename[0], problem.rename[1]), edits: [{ at: problem.at, target: 'key' as const, text: problem.rename[1] }] });
        if (problem.replace) fixes.push({ title: `Change to \`${problem.replace}\``, kind: problem.kindMismatch ? ('suggestion' as const) : caseOnly(String(valueAt(ctx.data, problem.at)), problem.replace), edits: [{ at: problem.at, target: 'value' as const, text: problem.replace }] });
        ctx.report({ at: problem.at, target: problem.target, message: problem.message, fixes });
      }
    }
  },
};

export const SCHEMA_RULES: readonly Rule[] = [schemaInvalid];
