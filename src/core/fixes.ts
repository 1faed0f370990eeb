/** Choosing the edits of "Fix All" (the editor's command and on-save action, and the CLI's `--fix`). */
import type { Diagnostic, Fix, Range, TextEdit } from './types';

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlaps(a: Range, b: Range): boolean {
  // Two insertions at the same point conflict too: their order would be a guess.
  const sameEmptyPoint = !before(a.start, b.start) && !before(b.start, a.start);
  if (sameEmptyPoint) return true;
  return before(a.start, b.end) && before(b.start, a.end);
}

/**
 * The edits "Fix All" applies: the fix (`kind: 'fix'`, one that keeps the document's meaning) of
 * each diagnostic, skipping any fix that would touch text another chosen fix already changes (the
 * user runs Fix All again for those). Suggestions are never applied here: `suggestions` counts the
 * diagnostics that offer one and no fix, left for the user to choose in the light bulb.
 */
export function fixAllEdits(diagnostics: readonly Diagnostic[]): { edits: TextEdit[]; fixes: Fix[]; skipped: number; suggestions: number } {
  const edits: TextEdit[] = [];
  const fixes: Fix[] = [];
  let skipped = 0;
  let suggestions = 0;
  const seen = new Set<string>();
  for (const d of diagnostics) {
    const fix = d.fixes?.find((f) => f.kind === 'fix' && f.edits.length);
    if (!fix) {
      if (d.fixes?.some((f) => f.kind === 'suggestion')) suggestions++;
      continue;
    }
    const signature = JSON.stringify(fix.edits);
    if (seen.has(signature)) continue;
    if (fix.edits.some((e) => edits.some((chosen) => overlaps(e.range, chosen.range)))) {
      skipped++;
      continue;
    }
    seen.add(signature);
    fixes.push(fix);
    edits.push(...fix.edits);
  }
  return { edits, fixes, skipped, suggestions };
}

/** What Fix All says it did: "3 fixes applied; 2 suggestions left for you". */
export function fixAllSummary(applied: number, suggestions: number): string {
  return `${applied} ${applied === 1 ? 'fix' : 'fixes'} applied; ${suggestions} ${suggestions === 1 ? 'suggestion' : 'suggestions'} left for you`;
}

/** A text with edits applied (ranges of the original text, none overlapping), from the last to the first. */
export function applyEdits(text: string, offsetAt: (position: TextEdit['range']['start']) => number, edits: readonly TextEdit[]): string {
  const spans = edits.map((e) => ({ start: offsetAt(e.range.start), end: offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}
