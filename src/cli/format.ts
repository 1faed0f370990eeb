import { rationaleOf } from '../core/rules/rationale';
import { countBySeverity } from '../core/summary';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES, ENGINE_RULES, ruleDocsUrl } from '../core/rules/registry';
import type { Diagnostic, Fix, Severity } from '../core/types';

/** A diagnostic as the CLI reports it (DESIGN §3): 1-based, file relative to the current folder. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
}

export function toFinding(file: string, d: Diagnostic): Finding {
  return {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
  };
}

export interface Summary {
  files: number;
  counts: Record<Severity, number>;
}

export function summarize(findings: readonly Finding[], files: number): Summary {
  return { files, counts: countBySeverity(findings) };
}

export function formatJson(findings: readonly Finding[]): string {
  return JSON.stringify(findings, null, 2);
}

const COLORS: Record<Severity | 'dim' | 'bold' | 'reset' | 'green', string> = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  info: '\x1b[36m',
  hint: '\x1b[90m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  green: '\x1b[32m',
  reset: '\x1b[0m',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Text a document wrote, made safe for a terminal: C0 and C1 control characters (ESC, BEL, CR, line
 * breaks…), DEL and the bidirectional overrides are shown as `\u001b` and the like, so a file
 * name or a quoted value cannot move the cursor, recolour or rewrite what the terminal shows.
 */
export function visible(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `file:line:col  severity  message  rule`, aligned, then one summary line. */
/**
 * One line per finding; with `verbose`, the rule's rationale from the sources under it, and a
 * link to its section of docs/rules.md.
 */
export function formatText(findings: readonly Finding[], summary: Summary, color: boolean, verbose = false): string {
  const paint = (c: keyof typeof COLORS, s: string) => (color ? `${COLORS[c]}${s}${COLORS.reset}` : s);
  const lines: string[] = [];
  const locWidth = Math.min(60, Math.max(0, ...findings.map((f) => `${visible(f.file)}:${f.line}:${f.column}`.length)));
  for (const f of findings) {
    const loc = `${visible(f.file)}:${f.line}:${f.column}`;
    lines.push(`${paint('bold', loc.padEnd(locWidth))}  ${paint(f.severity, f.severity.padEnd(7))}  ${visible(f.message)}  ${paint('dim', visible(f.rule))}`);
    const why = verbose ? rationaleOf(f.rule) : undefined;
    if (why) lines.push(paint('dim', `    why: ${why}`), paint('dim', `    see ${ruleDocsUrl(f.rule)}`));
  }
  lines.push(...summaryLines(summary, color));
  return lines.join('\n');
}

/** The closing line of the text format (after a blank line when something was found). */
function summaryLines(summary: Summary, color: boolean): string[] {
  const paint = (c: keyof typeof COLORS, s: string) => (color ? `${COLORS[c]}${s}${COLORS.reset}` : s);
  const lines: string[] = [];
  const { counts } = summary;
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) {
    lines.push(paint('green', `✔ No problems in ${plural(summary.files, 'document file')}.`));
  } else {
    const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), `${counts.info} info`, plural(counts.hint, 'hint')];
    const mark = counts.error ? paint('error', '✖') : counts.warning ? paint('warning', '⚠') : paint('info', 'ℹ');
    lines.push('');
    lines.push(`${mark} ${plural(total, 'problem')} (${parts.join(', ')}) in ${plural(summary.files, 'document file')}.`);
  }
  return lines;
}

const ANNOTATION: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** GitHub's workflow-command escaping of a message. */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's workflow-command escaping of a property value. */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub workflow annotations (DESIGN §3), one per finding, then the text format's summary:
 * `::error file=F,line=L,col=C,endLine=…,endColumn=…,title=RULE::MESSAGE`.
 */
export function formatGithub(findings: readonly Finding[], summary: Summary): string {
  const lines = findings.map((f) => {
    const props = [`file=${escapeGithubProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`, `title=${escapeGithubProperty(f.rule)}`];
    return `::${ANNOTATION[f.severity]} ${visible(props.join(','))}::${visible(escapeGithubData(f.message))}`;
  });
  return [...lines, ...summaryLines(summary, false).filter((l) => l !== '')].join('\n');
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

type Place = { file: string; line: number; column: number; endLine: number; endColumn: number };

export interface SarifOptions {
  /** The workspace root the check resolved: `%SRCROOT%`, and what artifact URIs are relative to. */
  root: string;
  /** The folder findings' `file` is relative to. */
  cwd: string;
  related?: Map<Finding, Array<Place & { message: string }>>;
  /** The preferred fix of a finding, if any (its edits' ranges in 0-based diagnostics form). */
  fixes?: Map<Finding, Fix>;
  /** The text of a 1-based line of a finding's file (for fingerprints); undefined if unknown. */
  lineText?: (file: string, line: number) => string | undefined;
}

/** A relative path as a URI reference: each segment percent-encoded (`#`, `?`, `%`, spaces, `:`). */
export function relativeUri(relative: string): string {
  return relative.split(/[\\/]/).map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
}

/** A folder as a `file:` URI with a trailing slash (a Windows drive is a path, never a scheme). */
function folderUri(folder: string): string {
  const href = pathToFileURL(path.resolve(folder)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** SARIF 2.1.0, as code-scanning services read it. */
export function formatSarif(findings: readonly Finding[], version: string, options: SarifOptions): string {
  const rules = [...ALL_RULES, ...ENGINE_RULES].map((r) => ({
    id: r.id,
    name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
    shortDescription: { text: r.description },
    helpUri: ruleDocsUrl(r.id),
    defaultConfiguration: { level: LEVEL[r.severity] },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const region = (f: { line: number; column: number; endLine: number; endColumn: number }) => ({ startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
  const root = path.resolve(options.root);
  /** Relative to `%SRCROOT%` when under the root, else an absolute `file:` URI. */
  const artifact = (file: string): { uri: string; uriBaseId?: string } => {
    const absolute = path.resolve(options.cwd, file);
    const rel = path.relative(root, absolute);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(absolute).href };
    return { uri: relativeUri(rel), uriBaseId: '%SRCROOT%' };
  };
  const ordinals = new Map<string, number>();
  const fingerprint = (f: Finding, uri: string): string => {
    const text = (options.lineText?.(f.file, f.line) ?? '').trim();
    const key = JSON.stringify([f.rule, uri, text]);
    const ordinal = ordinals.get(key) ?? 0;
    ordinals.set(key, ordinal + 1);
    return createHash('sha256').update(`${key}\u0000${ordinal}`).digest('hex');
  };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'improvekit', version, informationUri: 'https://github.com/improvekit/improvekit', rules } },
        automationDetails: { id: 'improvekit/check/' },
        originalUriBaseIds: { '%SRCROOT%': { uri: folderUri(root) } },
        results: findings.map((f) => {
          const location = artifact(f.file);
          const result: Record<string, unknown> = {
            ruleId: f.rule,
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [{ physicalLocation: { artifactLocation: location, region: region(f) } }],
            partialFingerprints: { 'improvekitFinding/v1': fingerprint(f, location.uri) },
          };
          const index = ruleIndex.get(f.rule);
          if (index !== undefined) result.ruleIndex = index;
          const rel = options.related?.get(f);
          if (rel?.length) {
            result.relatedLocations = rel.map((r, i) => ({
              id: i,
              message: { text: r.message },
              physicalLocation: { artifactLocation: artifact(r.file), region: region(r) },
            }));
          }
          const fix = options.fixes?.get(f);
          if (fix?.edits.length) {
            result.fixes = [
              {
                description: { text: fix.title },
                artifactChanges: [
                  {
                    artifactLocation: location,
                    replacements: fix.edits.map((e) => ({
                      deletedRegion: { startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1 },
                      insertedContent: { text: e.newText },
                    })),
                  },
                ],
              },
            ];
          }
          return result;
        }),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
