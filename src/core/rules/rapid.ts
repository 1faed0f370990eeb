/**
 * RAPID charter rules. Role meanings and the facts behind the messages come from the report on
 * the SCALE Initiative (2014): Recommend, Agree ("must be consulted, and
 * should not be ignored"), Perform, Input ("must be consulted, but may be ignored") and Decide
 * ("make a final decision; commit the organization to action"); leaders disagreed "about whether
 * true decision-making authority rests with the superintendent or CEO or with the system's school
 * board" — the reason a charter gives every decision exactly one D.
 */
import { yamlScalar } from '../model/yaml-text';
import type { EditSpec, FixSpec, RelatedSpec, Rule, RuleContext } from './api';
import { items, parties, text, type Obj } from '../model/values';
import { listing } from '../text';
import { distinctParties, partiesOf, partyEntries, splitParties } from '../model/parties';
import type { Path } from '../types';

const KINDS = ['rapid-charter'] as const;

/** How a decision is named in messages: its id, else its place in the list. */
function label(item: Obj, index: number): string {
  const id = text(item.id);
  return id ? `\`${id}\`` : `number ${index + 1}`;
}

/** Whether a roster knows a text, and the party key of a text (`model/parties.ts`), for this workspace. */
function partyReaders(ctx: RuleContext): { known: (t: string) => boolean; key: (t: string) => string } {
  return { known: (t) => ctx.workspace.isPerson(t), key: (t) => ctx.workspace.partyKey(t) };
}

/** The parties a role names, read with the workspace's rosters: one per party key, in the order written. */
function rolePartiesOf(value: unknown, ctx: RuleContext): string[] {
  const { known, key } = partyReaders(ctx);
  return partiesOf(value, known, key);
}

/** Each party written in a role, with the path of its entry (`agree: [a, b]` and `agree: a, b` give two). */
function entries(value: unknown, path: Path, ctx: RuleContext): Array<{ party: string; key: string; at: Path }> {
  const { known, key } = partyReaders(ctx);
  return partyEntries(value, known).map((e) => ({ party: e.party, key: key(e.party), at: e.entry === undefined ? path : [...path, e.entry] }));
}

/** Parties without repeats (case-insensitive), in the order written. */
function distinct(names: readonly string[]): string[] {
  return distinctParties(names);
}

/**
 * The parties one string names when it plainly names several: "Board and Superintendent",
 * "supt, cao", "CAO/CFO" (see `splitParties` of `model/parties.ts`); a roster name is one party.
 */
export function namedParties(value: string, ctx: RuleContext): string[] {
  const whole = value.trim();
  if (!whole) return [whole];
  return splitParties(whole, partyReaders(ctx).known);
}

// ---- fixes ----

/** The offset where the line holding an offset starts. */
function lineStart(ctx: RuleContext, offset: number): number {
  const before = ctx.source({ start: 0, end: offset });
  return Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
}

/** The file's line ending. */
function eolOf(ctx: RuleContext): string {
  return ctx.source({ start: 0, end: Number.MAX_SAFE_INTEGER }).includes('\r\n') ? '\r\n' : '\n';
}

/** The comments (`# …`) written in a piece of YAML, outside quotes, in order. */
export function commentsIn(source: string): string[] {
  const out: string[] = [];
  for (const line of source.split(/\r?\n|\r/)) {
    let quote: string | undefined;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
        out.push(line.slice(i).trimEnd());
        break;
      }
    }
  }
  return out;
}

/** Edits by span, where one starts at the point another ends merged into one (no two edits of a fix touch). */
function joined(edits: EditSpec[]): EditSpec[] {
  const sorted = [...edits].sort((a, b) => a.span!.start - b.span!.start);
  const out: EditSpec[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last.span!.end === e.span!.start) out[out.length - 1] = { span: { start: last.span!.start, end: e.span!.end }, text: last.text + e.text };
    else out.push(e);
  }
  return out;
}

/** Fixes that fill an empty or missing role with a party: roster ids, else the parties of the decision. */
function fillFixes(ctx: RuleContext, item: Obj, index: number, role: string): FixSpec[] {
  const rolePath: Path = ['decisions', index, role];
  let candidates: string[];
  if (ctx.workspace.hasRoster()) candidates = ctx.workspace.personIds();
  else candidates = distinct(['recommend', 'agree', 'perform', 'input', 'decide'].filter((r) => r !== role).flatMap((r) => parties(item[r])));
  candidates = distinct(candidates).slice(0, 10);
  const edit = (valueText: string): EditSpec | undefined => {
    if (!(role in item)) return ctx.insertEntry(['decisions', index], role, valueText);
    // A block list (`decide:` then `- ` with nothing) ends past its line: too unsure to edit.
    if (Array.isArray(item[role]) && (item[role] as unknown[]).length) return undefined;
    // The key is there with an empty value: replace what follows the key (`decide: []`, `decide: ~`).
    const key = ctx.doc.locate(rolePath, 'key');
    const value = ctx.doc.locate(rolePath, 'value');
    if (value.start > key.start) return { span: { start: key.end, end: value.end }, text: `: ${valueText}` };
    // `decide:` with nothing after it: write after the colon.
    const colon = key.end + (ctx.source({ start: key.end, end: key.end + 64 }).match(/^[ \t]*:/)?.[0].length ?? 1);
    return { span: { start: colon, end: colon }, text: ` ${valueText}` };
  };
  const fixes: FixSpec[] = [];
  for (const c of candidates) {
    const e = edit(yamlScalar(c));
    if (e) fixes.push({ title: `Set \`${role}: ${c}\``, kind: 'suggestion', edits: [e] });
  }
  if (!ctx.workspace.hasRoster() && !(role in item)) {
    const e = ctx.insertEntry(['decisions', index], role, '');
    if (e) fixes.push({ title: `Add an empty \`${role}:\` key to fill in`, kind: 'suggestion', edits: [e] });
  }
  return fixes;
}

/** The target for a role that is empty: its key when written, else the decision. */
function roleAt(item: Obj, index: number, role: string): { at: Path; target: 'key' | 'item' } {
  return role in item ? { at: ['decisions', index, role], target: 'key' } : { at: ['decisions', index], target: 'item' };
}

// ---- rules ----

const missingDecider: Rule = {
  id: 'rapid/missing-decider',
  kinds: KINDS,
  severity: 'error',
  description: 'A decision has no `decide`: nobody makes the final call and commits the organisation to action.',
  check(ctx) {
    for (const { item, index } of items(ctx.data.decisions)) {
      if (parties(item.decide).length) continue;
      const written = 'decide' in item ? ' has an empty `decide`' : ' has no `decide`';
      ctx.report({
        ...roleAt(item, index, 'decide'),
        message: `Decision ${label(item, index)}${written}: name exactly one person or group who makes the final call`,
        fixes: fillFixes(ctx, item, index, 'decide'),
      });
    }
  },
};

const multipleDeciders: Rule = {
  id: 'rapid/multiple-deciders',
  kinds: KINDS,
  severity: 'error',
  description: '`decide` names more than one party: a decision has exactly one D.',
  check(ctx) {
    for (const { item, index } of items(ctx.data.decisions)) {
      const value = item.decide;
      const path: Path = ['decisions', index, 'decide'];
      // Every entry is read for the parties it names; the same party by id and by name is one.
      const named = rolePartiesOf(value, ctx);
      if (named.length < 2) continue;
      const shown = listing(named.map((p) => `\`${p}\``));
      // One decider is written as a plain value, `decide: supt`, however the deciders were listed;
      // the comments inside a list are kept, each on its own line under the key.
      const replace = (party: string): EditSpec => {
        if (!Array.isArray(value)) return { span: ctx.doc.locate(path, 'value'), text: yamlScalar(party) };
        const key = ctx.doc.locate(path, 'key');
        const entries = ctx.doc.locate(path, 'value');
        const span = { start: key.end, end: entries.end };
        const indent = ' '.repeat(ctx.doc.locate(path, 'key').start - lineStart(ctx, key.start) + 2);
        const comments = commentsIn(ctx.source(span)).map((c) => `${eolOf(ctx)}${indent}${c}`);
        return { span, text: `: ${yamlScalar(party)}${comments.join('')}` };
      };
      // The others join `agree` or `input`: appended to its list, added to its value, or a new key.
      const move = (role: 'agree' | 'input', others: string[]): EditSpec | null | undefined => {
        const have = rolePartiesOf(item[role], ctx).map((p) => ctx.workspace.partyKey(p));
        const add = others.filter((o) => !have.includes(ctx.workspace.partyKey(o)));
        if (!add.length) return null;
        const rolePath: Path = [...path.slice(0, -1), role];
        const current = item[role];
        if (!(role in item) || current === null || current === undefined || (Array.isArray(current) && !current.length)) {
          if (role in item) return undefined;
          return ctx.insertEntry(path.slice(0, -1), role, `[${add.map(yamlScalar).join(', ')}]`);
        }
        if (Array.isArray(current)) return ctx.appendItems(rolePath, add.map(yamlScalar));
        return { span: ctx.doc.locate(rolePath, 'value'), text: `[${[text(current)!, ...add].map(yamlScalar).join(', ')}]` };
      };
      const fixes: FixSpec[] = [];
      for (const party of named.slice(0, 10)) {
        const others = named.filter((p) => p !== party);
        for (const role of ['agree', 'input'] as const) {
          const moved = move(role, others);
          if (moved === undefined) continue;
          const edits = joined(moved ? [replace(party), moved] : [replace(party)]);
          // Choosing the decider is the team's call: a suggestion.
          fixes.push({ title: `Keep \`${party}\` as decider, move ${listing(others.map((o) => `\`${o}\``))} to ${role}`, kind: 'suggestion', edits });
        }
      }
      ctx.report({
        at: path,
        target: 'value',
        message: `Decision ${label(item, index)} has ${named.length} deciders (${shown}): keep one, move the others to \`agree\` or \`input\``,
        fixes,
      });
    }
  },
};

function missingRole(id: string, role: 'recommend' | 'perform', description: string, why: string): Rule {
  return {
    id,
    kinds: KINDS,
    severity: 'warning',
    description,
    check(ctx) {
      for (const { item, index } of items(ctx.data.decisions)) {
        if (parties(item[role]).length) continue;
        ctx.report({
          ...roleAt(item, index, role),
          message: `Decision ${label(item, index)} has ${role in item ? 'an empty' : 'no'} \`${role}\`: ${why}`,
          fixes: fillFixes(ctx, item, index, role),
        });
      }
    },
  };
}

const missingRecommender = missingRole(
  'rapid/missing-recommender',
  'recommend',
  'A decision has no `recommend`: nobody brings a proposal to the decider.',
  'name who brings the proposal in `recommend:`',
);

const missingPerformer = missingRole(
  'rapid/missing-performer',
  'perform',
  'A decision has no `perform`: nobody is accountable for carrying it out.',
  'name who carries it out in `perform:`',
);

const tooManyAgree: Rule = {
  id: 'rapid/too-many-agree',
  kinds: KINDS,
  severity: 'warning',
  description: 'More than 2 parties hold `agree` (threshold): every A is a veto.',
  options: { max_agree: 2 },
  check(ctx) {
    const max = ctx.option<number>('max_agree');
    for (const { item, index } of items(ctx.data.decisions)) {
      const agree = rolePartiesOf(item.agree, ctx);
      if (agree.length <= max) continue;
      ctx.report({
        at: ['decisions', index, 'agree'],
        target: 'value',
        message: `Decision ${label(item, index)} has ${agree.length} parties in \`agree\` (each a veto): keep ${max} or fewer, move the rest to \`input\``,
      });
    }
  },
};

const conflictingRoles: Rule = {
  id: 'rapid/conflicting-roles',
  kinds: KINDS,
  severity: 'warning',
  description: 'One party holds both `agree` and `input`, or both `decide` and `agree`.',
  check(ctx) {
    for (const { item, index } of items(ctx.data.decisions)) {
      const base: Path = ['decisions', index];
      const agree = entries(item.agree, [...base, 'agree'], ctx);
      const input = entries(item.input, [...base, 'input'], ctx);
      const decide = entries(item.decide, [...base, 'decide'], ctx);
      const reported = new Set<string>();
      for (const i of input) {
        const a = agree.find((e) => e.key === i.key);
        const key = `ai|${i.key}`;
        if (!a || reported.has(key)) continue;
        reported.add(key);
        ctx.report({
          at: i.at,
          target: 'value',
          message: `\`${i.party}\` is in both \`agree\` and \`input\` of decision ${label(item, index)}: keep them in one (\`agree\` if they can block it)`,
          related: [{ doc: ctx.doc, at: a.at, target: 'value', message: `\`${a.party}\` also holds the A here` }],
        });
      }
      for (const a of agree) {
        const d = decide.find((e) => e.key === a.key);
        const key = `da|${a.key}`;
        if (!d || reported.has(key)) continue;
        reported.add(key);
        ctx.report({
          at: a.at,
          target: 'value',
          message: `\`${a.party}\` both decides and agrees in decision ${label(item, index)}: remove \`${a.party}\` from \`agree\``,
          related: [{ doc: ctx.doc, at: d.at, target: 'value', message: `\`${d.party}\` holds the D here` }],
        });
      }
    }
  },
};

const decidedWithoutOutcome: Rule = {
  id: 'rapid/decided-without-outcome',
  kinds: KINDS,
  severity: 'warning',
  description: 'A decision has status `decided` but no `outcome`.',
  check(ctx) {
    for (const { item, index } of items(ctx.data.decisions)) {
      if (text(item.status)?.toLowerCase() !== 'decided' || text(item.outcome) !== undefined) continue;
      const written = 'outcome' in item;
      ctx.report({
        at: written ? ['decisions', index, 'outcome'] : ['decisions', index],
        target: written ? 'key' : 'item',
        message: `Decision ${label(item, index)} is \`decided\` but has ${written ? 'an empty' : 'no'} \`outcome\`: write what was decided, or set \`status: open\``,
      });
    }
  },
};

const deciderOverload: Rule = {
  id: 'rapid/decider-overload',
  kinds: KINDS,
  severity: 'info',
  scope: 'workspace',
  description: 'One party holds the D in more than 10 decisions across the workspace (threshold).',
  options: { max_decisions: 10 },
  check(ctx) {
    const max = ctx.option<number>('max_decisions');
    const seen = new Set<string>();
    for (const { item, index } of items(ctx.data.decisions)) {
      const d = rolePartiesOf(item.decide, ctx);
      if (d.length !== 1) continue;
      const party = d[0];
      const key = ctx.workspace.partyKey(party);
      if (seen.has(key)) continue;
      seen.add(key);
      const count = ctx.workspace.decisionsDecidedBy(party);
      if (count <= max) continue;
      const related: RelatedSpec[] = [];
      for (const doc of ctx.workspace.documents('rapid-charter')) {
        if (related.length >= 5) break;
        if (doc === ctx.doc || !doc.data) continue;
        const hit = items(doc.data.decisions).find(({ item: other }) => {
          const od = rolePartiesOf(other.decide, ctx);
          return od.length === 1 && ctx.workspace.partyKey(od[0]) === key;
        });
        if (hit) related.push({ doc, at: ['decisions', hit.index, 'decide'], target: 'value', message: `\`${party}\` also decides here (${doc.id ?? 'charter'})` });
      }
      ctx.report({
        at: ['decisions', index, 'decide'],
        target: 'value',
        message: `\`${party}\` decides ${count} decisions (more than ${max}): give some to the leader closest to the work`,
        related,
      });
    }
  },
};

export const RAPID_RULES: readonly Rule[] = [
  missingDecider,
  multipleDeciders,
  missingRecommender,
  missingPerformer,
  tooManyAgree,
  conflictingRoles,
  decidedWithoutOutcome,
  deciderOverload,
];
