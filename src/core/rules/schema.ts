import type { z } from 'zod';
import { def, schemaAt } from '../schemas/walk';
import type { FixSpec, Rule, RuleContext } from './api';
import { expectedWords } from '../schemas/kinds';
import { KIND_SPECS, KINDS, type Kind } from '../kinds';
import { closest, listing } from '../text';
import type { Path, PathSegment } from '../types';
import { valueAt } from '../items';

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

function issueMessage(ctx: RuleContext, schema: z.ZodType, issue: z.core.$ZodIssue): Array<{ at: Path; target: 'key' | 'value' | 'item'; message: string; rename?: [string, string]; replace?: string; kindMismatch?: boolean }> {
  const path = issue.path as PathSegment[];
  const last = path[path.length - 1];
  const where = pathLabel(path.slice(0, -1));
  const value = valueAt(ctx.data, path);
  const here = schemaAt(schema, path);
  // A missing key fails as a wrong type, or as no branch of a union (`text: hi | 3`): say it is missing.
  if (value === undefined && typeof last === 'string' && issue.code !== 'unrecognized_keys') {
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
      return issue.keys
        .filter((k) => !k.startsWith('x-'))
        .map((key) => {
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
    for (const issue of result.error.issues) {
      for (const problem of issueMessage(ctx, schema, issue)) {
        const key = `${pathLabel(problem.at)}|${problem.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const fixes: FixSpec[] = [];
        // A closest name or value is a guess (a suggestion); only a change of letter case (`Testing` → `testing`) keeps the meaning (a fix).
        if (problem.rename) fixes.push({ title: `Rename \`${problem.rename[0]}\` to \`${problem.rename[1]}\``, kind: caseOnly(problem.rename[0], problem.rename[1]), edits: [{ at: problem.at, target: 'key' as const, text: problem.rename[1] }] });
        if (problem.replace) fixes.push({ title: `Change to \`${problem.replace}\``, kind: problem.kindMismatch ? ('suggestion' as const) : caseOnly(String(valueAt(ctx.data, problem.at)), problem.replace), edits: [{ at: problem.at, target: 'value' as const, text: problem.replace }] });
        ctx.report({ at: problem.at, target: problem.target, message: problem.message, fixes });
      }
    }
  },
};

export const SCHEMA_RULES: readonly Rule[] = [schemaInvalid];
