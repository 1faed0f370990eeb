/**
 * Suppression comments (DESIGN §3): a finding silenced where it stands, with a reason.
 *
 *   # improvekit-disable-next-line rapid/too-many-agree -- the board asked for both
 *   # improvekit-disable-file message/jargon, message/* -- a glossary for staff
 *
 * `disable-next-line` silences the findings that start on the next line that is not itself a
 * comment line. `disable-file` silences the findings of the whole file; it is read only in the
 * file's first 10 lines and only above any content: every line before it is blank, a comment,
 * `---`, or the opening of a Markdown fence (so it may open a document, its front matter, or a
 * fenced block that opens a note). A RULE is a rule id or a family, `rapid/*`; several are
 * separated by commas or spaces. The reason after ` -- ` is required.
 *
 * A suppression without a reason silences nothing (`suppress/missing-reason`); one naming an
 * unknown rule says so (`suppress/unknown-rule`, the closest id suggested); one that silences
 * nothing is reported (`suppress/unused`), so stale suppressions do not pile up. Pure: no I/O.
 */
import { closest } from './text';
import type { Diagnostic, Range, Severity } from './types';

export const SUPPRESS_RULES = {
  missingReason: 'suppress/missing-reason',
  unused: 'suppress/unused',
  unknownRule: 'suppress/unknown-rule',
} as const;

/** The file-level form is read only this far down. */
export const FILE_SUPPRESSION_LINES = 10;

export interface SuppressedRule {
  /** As written: `rapid/too-many-agree` or `rapid/*`. */
  pattern: string;
  /** Where it is written (0-based line, characters). */
  range: Range;
}

export interface Suppression {
  scope: 'next-line' | 'file';
  /** The comment's own line (0-based). */
  line: number;
  /** The whole comment. */
  range: Range;
  rules: SuppressedRule[];
  /** The text after ` -- `, trimmed; undefined or empty when none was given. */
  reason?: string;
  /** For `next-line`: the 0-based line it applies to (the next non-comment line); -1 if none. */
  target: number;
}

const COMMENT = /^([ \t]*)#[ \t]*improvekit-disable-(next-line|file)(?=[ \t]|$)(.*)$/;
const OPENER = /^[ \t]*(?:#.*|---[ \t]*|(?:```|~~~)[^`]*)?$/;

/** The suppression comments of a file's text. */
export function findSuppressions(text: string): Suppression[] {
  if (!text.includes('improvekit-disable-')) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const out: Suppression[] = [];
  let opening = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = COMMENT.exec(line);
    if (!m) {
      if (!OPENER.test(line)) opening = false;
      continue;
    }
    const scope = m[2] as 'next-line' | 'file';
    if (scope === 'file' && (!opening || i >= FILE_SUPPRESSION_LINES)) continue;
    const restStart = line.length - m[3].length;
    const rest = m[3];
    const sep = /[ \t]--(?:[ \t]|$)/.exec(rest);
    const list = sep ? rest.slice(0, sep.index) : rest;
    const reason = sep ? rest.slice(sep.index + sep[0].length).trim() : undefined;
    const rules: SuppressedRule[] = [];
    for (const t of list.matchAll(/[^\s,]+/g)) {
      const start = restStart + t.index!;
      rules.push({ pattern: t[0], range: { start: { line: i, character: start }, end: { line: i, character: start + t[0].length } } });
    }
    let target = -1;
    if (scope === 'next-line') {
      for (let j = i + 1; j < lines.length; j++) {
        if (!/^[ \t]*#/.test(lines[j])) {
          target = j;
          break;
        }
      }
    }
    out.push({ scope, line: i, range: { start: { line: i, character: m[1].length }, end: { line: i, character: line.length } }, rules, reason, target });
  }
  return out;
}

function matches(pattern: string, rule: string): boolean {
  return pattern.endsWith('/*') ? rule.startsWith(pattern.slice(0, -1)) : pattern === rule;
}

export interface SuppressOptions {
  /** Every rule id a suppression may name. */
  knownRules: readonly string[];
  /** The severity of each suppress/* finding, or off (the configuration's). */
  severityOf: (rule: string) => Severity | 'off';
}

/**
 * A file's diagnostics with the suppressed ones removed and the suppressions' own findings added.
 * Findings of the suppress/ family are never suppressed.
 */
export function applySuppressions(uri: string, text: string, diagnostics: readonly Diagnostic[], options: SuppressOptions): Diagnostic[] {
  const suppressions = findSuppressions(text);
  if (!suppressions.length) return [...diagnostics];
  const known = new Set(options.knownRules);
  const families = new Set(options.knownRules.map((id) => id.split('/')[0]));
  const own: Diagnostic[] = [];
  const report = (rule: string, range: Range, message: string) => {
    const severity = options.severityOf(rule);
    if (severity !== 'off') own.push({ uri, range, severity, rule, message });
  };
  // The rules of each suppression that apply: valid, and with a reason.
  const active: Array<{ s: Suppression; r: SuppressedRule; used: boolean }> = [];
  for (const s of suppressions) {
    if (!s.reason) {
      report(
        SUPPRESS_RULES.missingReason,
        s.range,
        `This suppression gives no reason, so it silences nothing: add one after \` -- \`, such as \`# improvekit-disable-${s.scope} ${s.rules[0]?.pattern ?? 'rule/id'} -- why it is fine here\`.`,
      );
    }
    if (!s.rules.length) {
      report(SUPPRESS_RULES.unknownRule, s.range, `This suppression names no rule: write the rule id it silences (or a family such as \`rapid/*\`) before \` -- \`.`);
    }
    for (const r of s.rules) {
      const family = r.pattern.endsWith('/*') ? r.pattern.slice(0, -2) : undefined;
      if (family !== undefined ? !families.has(family) : !known.has(r.pattern)) {
        const guess = closest(r.pattern, family !== undefined ? [...families].map((f) => `${f}/*`) : known);
        report(SUPPRESS_RULES.unknownRule, r.range, `Unknown rule \`${r.pattern}\` in this suppression${guess ? ` — did you mean \`${guess}\`?` : '.'} See docs/rules.md for the rule ids.`);
        continue;
      }
      if (s.reason) active.push({ s, r, used: false });
    }
  }
  const kept = diagnostics.filter((d) => {
    if (d.rule.startsWith('suppress/')) return true;
    let suppressed = false;
    for (const a of active) {
      if (!matches(a.r.pattern, d.rule)) continue;
      if (a.s.scope === 'file' || d.range.start.line === a.s.target) {
        a.used = true;
        suppressed = true;
      }
    }
    return !suppressed;
  });
  for (const a of active) {
    if (a.used) continue;
    const where = a.s.scope === 'file' ? 'in this file' : a.s.target >= 0 ? `on line ${a.s.target + 1}` : 'below it';
    report(SUPPRESS_RULES.unused, a.r.range, `\`${a.r.pattern}\` is suppressed here but reports nothing ${where}: remove it from this comment (or the comment itself) so it cannot hide a later finding.`);
  }
  return [...kept, ...own];
}

