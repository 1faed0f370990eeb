/**
 * RAPID charter rules. Role meanings and the facts behind the messages come from the report on
 * the SCALE Initiative (000_3eae981fbdc23c4e.txt): Recommend, Agree ("must be consulted, and
 * should not be ignored"), Perform, Input ("must be consulted, but may be ignored") and Decide
 * ("make a final decision; commit the organization to action"); leaders disagreed "about whether
 * true decision-making authority rests with the superintendent or CEO or with the system's school
 * board" — the reason a charter gives every decision exactly one D.
 */
import { yamlScalar } from '../model/yaml-text';
import type { EditSpec, FixSpec, RelatedSpec, Rule, RuleContext } from './api';
import { items, parties, text, type Obj } from '../model/values';
import { listing } from '../text';
import type { Path } from '../types';

const KINDS = ['rapid-charter'] as const;

/** How a decision is named in messages: its id, else its place in the list. */
function label(item: Obj, index: number): string {
  const id = text(item.id);
  return id ? `\`${id}\`` : `number ${index + 1}`;
}

/** Each party written in a role, with the path of its entry (`agree: [a, b]` gives two). */
function entries(value: unknown, path: Path): Array<{ party: string; at: Path }> {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => {
      const party = text(v);
      return party ? [{ party, at: [...path, i] }] : [];
    });
  }
  const party = text(value);
  return party ? [{ party, at: path }] : [];
}

/** Parties without repeats (case-insensitive), in the order written. */
function distinct(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const k = n.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---- several parties in one string ----

/** Words that name an office, a body or a group of people. */
const PARTY_WORDS = new Set([
  'board', 'trustee', 'superintendent', 'supt', 'deputy', 'principal', 'ap', 'director', 'chief', 'officer', 'ceo', 'cao', 'cfo',
  'coo', 'cto', 'cio', 'hr', 'cabinet', 'council', 'committee', 'union', 'association', 'president', 'manager', 'lead', 'leader',
  'coordinator', 'teacher', 'staff', 'commissioner', 'head', 'dean', 'administrator', 'admin', 'parent', 'office', 'department',
  'dept', 'coach', 'counselor', 'secretary', 'mayor', 'governor', 'legislature', 'chair', 'executive', 'founder', 'analyst',
  'specialist', 'team', 'panel', 'cmo',
]);

/** Words that name an area of work: "Student Services", "Teaching and Learning" are not people. */
const AREA_WORDS = new Set([
  'services', 'service', 'education', 'learning', 'teaching', 'instruction', 'curriculum', 'resources', 'programs', 'program',
  'support', 'supports', 'engagement', 'operations', 'finance', 'assessment', 'accountability', 'research', 'development',
  'technology', 'facilities', 'transportation', 'nutrition', 'safety', 'equity', 'planning', 'communications', 'policy',
  'evaluation', 'innovation', 'improvement', 'family', 'community', 'student', 'students', 'special', 'early', 'college', 'career',
]);

const STRONG_SEPARATOR = /\s*[,;]\s*/;
const SEPARATOR = /\s*(?:[,;/&+]|\band\s*\/\s*or\b|\band\b)\s*/i;

function looksLikeParty(part: string, ctx: RuleContext): boolean {
  if (ctx.workspace.isPerson(part)) return true;
  // An acronym: CAO, HR.
  if (/^[A-Z]{2,6}s?$/.test(part)) return true;
  const words = part.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (words.some((w) => PARTY_WORDS.has(w) || (w.endsWith('s') && PARTY_WORDS.has(w.slice(0, -1))))) return true;
  if (words.some((w) => AREA_WORDS.has(w))) return false;
  // A person's name: two to four capitalised words, perhaps after a title ("Dr. Elena Marsh").
  return /^(?:(?:Dr|Mr|Mrs|Ms|Mx)\.?\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){1,3}$/.test(part);
}

/**
 * The parties one string names when it plainly names several: "Board and Superintendent",
 * "supt, cao", "CAO/CFO". "," and ";" always separate; "/", "&", "+" and "and" separate only
 * when every part reads as a party ("Director of Teaching and Learning" is one party), and a
 * string that is itself a roster name ("Board of Education") is one party.
 */
export function namedParties(value: string, ctx: RuleContext): string[] {
  const whole = value.trim();
  if (!whole || ctx.workspace.isPerson(whole)) return [whole];
  const strong = whole.split(STRONG_SEPARATOR).filter(Boolean);
  const out: string[] = [];
  for (const chunk of strong) {
    const parts = chunk
      .split(SEPARATOR)
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length > 1 && !ctx.workspace.isPerson(chunk) && parts.every((p) => looksLikeParty(p, ctx))) out.push(...parts);
    else out.push(chunk);
  }
  return distinct(out.map((p) => p.replace(/^(?:and|&)\s+/i, '')).filter(Boolean));
}

// ---- fixes ----

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
    return { span: { start: key.end + 1, end: key.end + 1 }, text: ` ${valueText}` };
  };
  const fixes: FixSpec[] = [];
  for (const c of candidates) {
    const e = edit(yamlScalar(c));
    if (e) fixes.push({ title: `Set \`${role}: ${c}\``, edits: [e] });
  }
  if (!ctx.workspace.hasRoster() && !(role in item)) {
    const e = ctx.insertEntry(['decisions', index], role, '');
    if (e) fixes.push({ title: `Add an empty \`${role}:\` key to fill in`, edits: [e] });
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
        message: `Decision ${label(item, index)}${written}: nobody holds the D, the role that makes the final decision and commits the organisation to action. Name exactly one person or group in \`decide:\`, or the decision will stall between the people who recommend and agree.`,
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
      const listed = Array.isArray(value) ? distinct(parties(value)) : [];
      // One string, alone or as the only entry of a list, may name several parties itself.
      const single = Array.isArray(value) ? (listed.length === 1 && value.length === 1 ? listed[0] : undefined) : typeof value === 'string' ? value : undefined;
      const named = single !== undefined ? namedParties(single, ctx) : listed;
      if (named.length < 2) continue;
      const shown = listing(named.map((p) => `\`${p}\``));
      const board = named.some((p) => /board|trustee/i.test(p)) && named.some((p) => /supt|superintendent|ceo/i.test(p));
      // One decider is written as a plain value, `decide: supt`, however the deciders were listed.
      const replace = (party: string): EditSpec[] => {
        if (!Array.isArray(value)) return [{ at: path, target: 'value', text: yamlScalar(party) }];
        // A list (flow or block) becomes the scalar: everything from the key's end to the list's end.
        const key = ctx.doc.locate(path, 'key');
        const entries = ctx.doc.locate(path, 'value');
        return [{ span: { start: key.end, end: entries.end }, text: `: ${yamlScalar(party)}` }];
      };
      ctx.report({
        at: path,
        target: 'value',
        message:
          `Decision ${label(item, index)} has ${named.length} deciders (${shown}), but RAPID gives the D to exactly one party: the one who makes the final decision and commits the organisation to action. ` +
          (board
            ? 'Whether the D rests with the superintendent or with the school board is the very question the SCALE leaders found people disagree on: settle it for this decision. '
            : 'A shared D leaves no one to make the final call; the SCALE leaders found that even whether the D rests with the superintendent or the school board has to be made explicit. ') +
          'Keep one decider and give the others `agree` (a veto) or `input`.',
        fixes: named.slice(0, 10).map((party) => ({ title: `Keep \`${party}\` as the only decider`, edits: replace(party) })),
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
          message: `Decision ${label(item, index)} has no \`${role}\`${role in item ? ' (it is empty)' : ''}: ${why}`,
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
  'nobody holds the R, the role that recommends a decision or action after gathering input. Name who will bring the recommendation to the decider in `recommend:`.',
);

const missingPerformer = missingRole(
  'rapid/missing-performer',
  'perform',
  'A decision has no `perform`: nobody is accountable for carrying it out.',
  'nobody holds the P, the role accountable for performing the decision once made. Name who will carry it out in `perform:` (often a group, such as the principals).',
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
      const agree = distinct(parties(item.agree));
      if (agree.length <= max) continue;
      ctx.report({
        at: ['decisions', index, 'agree'],
        target: 'value',
        message: `Decision ${label(item, index)} gives the A to ${agree.length} parties (${listing(agree.map((p) => `\`${p}\``))}); keep it to ${max} or fewer. An Agree must formally agree to the recommendation and should not be ignored, so each A is a veto and every extra one can stall the decision. Move those who should be heard but not hold a veto to \`input\` (must be consulted, but may be ignored).`,
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
      const agree = entries(item.agree, [...base, 'agree']);
      const input = entries(item.input, [...base, 'input']);
      const decide = entries(item.decide, [...base, 'decide']);
      const reported = new Set<string>();
      for (const i of input) {
        const a = agree.find((e) => e.party.toLowerCase() === i.party.toLowerCase());
        const key = `ai|${i.party.toLowerCase()}`;
        if (!a || reported.has(key)) continue;
        reported.add(key);
        ctx.report({
          at: i.at,
          target: 'value',
          message: `\`${i.party}\` holds both Agree and Input in decision ${label(item, index)}. An A must be consulted and should not be ignored (a veto); an I must be consulted but may be ignored — one party cannot be both. Keep \`${i.party}\` in \`agree\` if they can block the decision, else only in \`input\`.`,
          related: [{ doc: ctx.doc, at: a.at, target: 'value', message: `\`${a.party}\` also holds the A here` }],
        });
      }
      for (const a of agree) {
        const d = decide.find((e) => e.party.toLowerCase() === a.party.toLowerCase());
        const key = `da|${a.party.toLowerCase()}`;
        if (!d || reported.has(key)) continue;
        reported.add(key);
        ctx.report({
          at: a.at,
          target: 'value',
          message: `\`${a.party}\` both decides and agrees in decision ${label(item, index)}. The D makes the final decision and commits the organisation to action, so an A (a veto over the recommendation) for the same party adds nothing and blurs who decides. Remove \`${a.party}\` from \`agree\`.`,
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
        message: `Decision ${label(item, index)} is \`decided\` but its \`outcome\` is ${written ? 'empty' : 'missing'}: those who perform it and those who gave input cannot see what was decided. Write the decision in \`outcome:\` (what, and from when), or set \`status\` back to \`open\`.`,
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
      const d = parties(item.decide);
      if (d.length !== 1) continue;
      const party = d[0];
      const key = party.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const count = ctx.workspace.decisionsDecidedBy(party);
      if (count <= max) continue;
      const related: RelatedSpec[] = [];
      for (const doc of ctx.workspace.documents('rapid-charter')) {
        if (related.length >= 5) break;
        if (doc === ctx.doc || !doc.data) continue;
        const hit = items(doc.data.decisions).find(({ item: other }) => {
          const od = parties(other.decide);
          return od.length === 1 && od[0].toLowerCase() === key;
        });
        if (hit) related.push({ doc, at: ['decisions', hit.index, 'decide'], target: 'value', message: `\`${party}\` also decides here (${doc.id ?? 'charter'})` });
      }
      ctx.report({
        at: ['decisions', index, 'decide'],
        target: 'value',
        message: `\`${party}\` holds the D in ${count} decisions across the workspace, more than ${max}: one decider for everything becomes the bottleneck, and decisions wait. Give the D for some of them to the leader closest to the work, and keep \`${party}\` as an Agree or Input there.`,
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
