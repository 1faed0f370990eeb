import { countBySeverity } from '../core/summary';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES, ENGINE_RULES, ruleDocsUrl } from '../core/rules/registry';
import type { Diagnostic, Severity } from '../core/types';

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

/** `file:line:col  severity  message  rule`, aligned, then one summary line. */
export function formatText(findings: readonly Finding[], summary: Summary, color: boolean): string {
  const paint = (c: keyof typeof COLORS, s: string) => (color ? `${COLORS[c]}${s}${COLORS.reset}` : s);
  const lines: string[] = [];
  const locWidth = Math.min(60, Math.max(0, ...findings.map((f) => `${f.file}:${f.line}:${f.column}`.length)));
  for (const f of findings) {
    const loc = `${f.file}:${f.line}:${f.column}`;
    lines.push(`${paint('bold', loc.padEnd(locWidth))}  ${paint(f.severity, f.severity.padEnd(7))}  ${f.message}  ${paint('dim', f.rule)}`);
  }
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
  return lines.join('\n');
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0, as code-scanning services read it. */
export function formatSarif(findings: readonly Finding[], version: string, related: Map<Finding, Array<{ file: string; line: number; column: number; endLine: number; endColumn: number; message: string }>> = new Map()): string {
  const rules = [...ALL_RULES, ...ENGINE_RULES].map((r) => ({
    id: r.id,
    name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
    shortDescription: { text: r.description },
    helpUri: ruleDocsUrl(r.id),
    defaultConfiguration: { level: LEVEL[r.severity] },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const region = (f: { line: number; column: number; endLine: number; endColumn: number }) => ({ startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'improvekit', version, informationUri: 'https://github.com/improvekit/improvekit', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(path.join(process.cwd(), path.sep)).href } },
        results: findings.map((f) => {
          const result: Record<string, unknown> = {
            ruleId: f.rule,
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(f.file.replace(/\\/g, '/')), uriBaseId: '%SRCROOT%' }, region: region(f) } }],
          };
          const index = ruleIndex.get(f.rule);
          if (index !== undefined) result.ruleIndex = index;
          const rel = related.get(f);
          if (rel?.length) {
            result.relatedLocations = rel.map((r, i) => ({
              id: i,
              message: { text: r.message },
              physicalLocation: { artifactLocation: { uri: encodeURI(r.file.replace(/\\/g, '/')), uriBaseId: '%SRCROOT%' }, region: region(r) },
            }));
          }
          return result;
        }),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
