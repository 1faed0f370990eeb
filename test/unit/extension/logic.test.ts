import * as assert from 'node:assert/strict';
import { Workspace } from '../../../src/core/workspace';
import { parseConfig } from '../../../src/core/config';
import type { Diagnostic, Range } from '../../../src/core/types';
import { mergeRuleSettings } from '../../../src/core/resolve';
import { fixAllEdits, fixAllSummary } from '../../../src/core/fixes';
import { freshId, NEW_DOCUMENT_KINDS as NEW_DOCUMENTS, skeleton } from '../../../src/core/documents';
import { summarize } from '../../../src/core/summary';
import { Debouncer, DiagnosticIndex, diagnosticKey, engineUriFor, isDocumentLanguage, isUserScheme, mapLimited, SEVERITY_TO_VSCODE } from '../../../src/extension/logic';

const NEW_DOCUMENT_KINDS = NEW_DOCUMENTS.map((k) => k.kind);

const range = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

function diag(rule: string, r: Range, message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { uri: 'file:///ws/a.rapid.yaml', range: r, severity: 'warning', rule, message, ...extra };
}

describe('extension logic', () => {
  describe('matching editor diagnostics back to the engine', () => {
    it('finds the engine diagnostic from a copy with the same rule, range and message', () => {
      const index = new DiagnosticIndex();
      const d = diag('rapid/missing-decider', range(3, 4, 3, 12), 'No one decides.', { fixes: [{ title: 'Add decide', kind: 'suggestion', edits: [] }] });
      index.set('file:///ws/a.rapid.yaml', [d, diag('rapid/missing-performer', range(3, 4, 3, 12), 'No one performs.')]);
      const copy = JSON.parse(JSON.stringify({ rule: d.rule, range: d.range, message: d.message }));
      assert.equal(index.find('file:///ws/a.rapid.yaml', copy), d);
    });

    it('does not match a diagnostic whose range, message or file differs (it is stale)', () => {
      const index = new DiagnosticIndex();
      const d = diag('rapid/missing-decider', range(3, 4, 3, 12), 'No one decides.');
      index.set('file:///ws/a.rapid.yaml', [d]);
      assert.equal(index.find('file:///ws/a.rapid.yaml', { ...d, range: range(4, 4, 4, 12) }), undefined);
      assert.equal(index.find('file:///ws/a.rapid.yaml', { ...d, message: 'Other.' }), undefined);
      assert.equal(index.find('file:///ws/b.rapid.yaml', d), undefined);
      index.set('file:///ws/a.rapid.yaml', []);
      assert.equal(index.find('file:///ws/a.rapid.yaml', d), undefined);
    });

    it('keys differ when only the rule differs', () => {
      assert.notEqual(diagnosticKey(diag('a/x', range(0, 0, 0, 1), 'm')), diagnosticKey(diag('a/y', range(0, 0, 0, 1), 'm')));
    });

    it('maps severities to VS Code values (hint is Hint)', () => {
      assert.deepEqual(SEVERITY_TO_VSCODE, { error: 0, warning: 1, info: 2, hint: 3 });
    });
  });

  describe('Fix All', () => {
    it('takes the fix of each diagnostic (never a suggestion) and skips fixes that overlap a chosen one', () => {
      const preferred = (title: string, r: Range, newText: string) => ({ title, kind: 'fix' as const, edits: [{ range: r, newText }] });
      const list = [
        diag('a/one', range(1, 0, 1, 5), 'one', { fixes: [{ title: 'a suggestion', kind: 'suggestion', edits: [{ range: range(9, 0, 9, 1), newText: 'x' }] }, preferred('fix one', range(1, 0, 1, 5), 'ONE')] }),
        diag('a/two', range(1, 2, 1, 8), 'two', { fixes: [preferred('fix two', range(1, 2, 1, 8), 'TWO')] }),
        diag('a/three', range(5, 0, 5, 3), 'three', { fixes: [preferred('fix three', range(5, 0, 5, 3), 'THREE')] }),
        diag('a/four', range(6, 0, 6, 3), 'no fixes'),
        diag('a/five', range(7, 0, 7, 3), 'a suggestion only', { fixes: [{ title: 'guess', kind: 'suggestion', edits: [{ range: range(7, 0, 7, 3), newText: 'GUESS' }] }] }),
      ];
      const { edits, fixes, skipped, suggestions } = fixAllEdits(list);
      assert.equal(suggestions, 1, 'a/five offers a suggestion and no fix');
      assert.equal(fixAllSummary(fixes.length, suggestions), '2 fixes applied; 1 suggestion left for you');
      assert.equal(fixAllSummary(1, 3), '1 fix applied; 3 suggestions left for you');
      assert.deepEqual(
        fixes.map((f) => f.title),
        ['fix one', 'fix three'],
      );
      assert.deepEqual(
        edits.map((e) => e.newText),
        ['ONE', 'THREE'],
      );
      assert.equal(skipped, 1);
    });

    it('treats two insertions at the same point as overlapping, and the same fix twice as one', () => {
      const insert = { title: 'insert', kind: 'fix' as const, edits: [{ range: range(2, 0, 2, 0), newText: 'a: 1\n' }] };
      const other = { title: 'other insert', kind: 'fix' as const, edits: [{ range: range(2, 0, 2, 0), newText: 'b: 1\n' }] };
      const { fixes, skipped } = fixAllEdits([diag('x/a', range(0, 0, 0, 1), 'a', { fixes: [insert] }), diag('x/b', range(0, 0, 0, 1), 'b', { fixes: [insert] }), diag('x/c', range(0, 0, 0, 1), 'c', { fixes: [other] })]);
      assert.deepEqual(
        fixes.map((f) => f.title),
        ['insert'],
      );
      assert.equal(skipped, 1);
    });
  });

  describe('settings over .improvekit.yaml', () => {
    const base = parseConfig('rules:\n  leadership/oversized-span: { max_span: 8 }\n  message/jargon: info\njargon: [pedagogy]\n', '.improvekit.yaml').config;

    it('overrides a severity and keeps the file\'s options and other settings', () => {
      const { config, problems } = mergeRuleSettings(base, { 'leadership/oversized-span': 'error' });
      assert.deepEqual(problems, []);
      assert.deepEqual(config.rules['leadership/oversized-span'], { severity: 'error', options: { max_span: 8 } });
      assert.equal(config.rules['message/jargon'].severity, 'info');
      assert.deepEqual(config.jargon, ['pedagogy']);
      // The configuration read from the file is not changed in place.
      assert.equal(base.rules['leadership/oversized-span'].severity, undefined);
    });

    it('accepts options, `off` and whole families, as the file does', () => {
      const { config } = mergeRuleSettings(base, { 'leadership/oversized-span': { max_span: 12 }, 'rapid/*': 'off', 'message/jargon': false });
      assert.deepEqual(config.rules['leadership/oversized-span'].options, { max_span: 12 });
      assert.equal(config.rules['rapid/missing-decider'].severity, 'off');
      assert.equal(config.rules['rapid/multiple-deciders'].severity, 'off');
      assert.equal(config.rules['message/jargon'].severity, 'off');
    });

    it('reports unknown rules and bad values by name, and applies the rest', () => {
      const { config, problems } = mergeRuleSettings(base, { 'rapid/missing-decidr': 'error', 'message/too-many-words': 'loud', 'pdsa/overdue': 'hint' });
      assert.equal(problems.length, 2);
      assert.match(problems[0], /rapid\/missing-decidr.*rapid\/missing-decider/);
      assert.match(problems[1], /loud/);
      assert.equal(config.rules['pdsa/overdue'].severity, 'hint');
    });

    it('leaves the configuration alone when the setting is empty, and rejects a non-object', () => {
      assert.equal(mergeRuleSettings(base, {}).config, base);
      assert.equal(mergeRuleSettings(base, undefined).config, base);
      const wrong = mergeRuleSettings(base, ['rapid/missing-decider']);
      assert.equal(wrong.config, base);
      assert.match(wrong.problems[0], /must be an object/);
    });
  });

  describe('engine URIs', () => {
    it('keeps file names that already say YAML or Markdown', () => {
      assert.equal(engineUriFor('file:///ws/a.rapid.yaml', 'yaml'), 'file:///ws/a.rapid.yaml');
      assert.equal(engineUriFor('vscode-vfs://github/org/repo/notes.md', 'markdown'), 'vscode-vfs://github/org/repo/notes.md');
    });

    it('names an untitled editor after its language, so the engine recognises it by `kind`', () => {
      assert.equal(engineUriFor('untitled:Untitled-1', 'yaml'), 'untitled:Untitled-1.yaml');
      assert.equal(engineUriFor('untitled:Untitled-2', 'markdown'), 'untitled:Untitled-2.md');
      const ws = new Workspace();
      ws.setFile(engineUriFor('untitled:Untitled-1', 'yaml'), skeleton('roster', 'people'));
      assert.equal(ws.file('untitled:Untitled-1.yaml')!.documents[0].kind, 'roster');
    });

    it('holds the user\'s files, untitled editors and virtual workspace files, never Git originals or diff sides', () => {
      assert.ok(isUserScheme('file', []));
      assert.ok(isUserScheme('untitled', []));
      assert.ok(isUserScheme('vscode-vfs', ['vscode-vfs']));
      assert.ok(!isUserScheme('vscode-vfs', ['file']));
      for (const scheme of ['git', 'output', 'vscode-scm', 'review']) assert.ok(!isUserScheme(scheme, ['file']), scheme);
    });

    it('knows which languages can hold documents', () => {
      assert.ok(isDocumentLanguage('yaml') && isDocumentLanguage('markdown'));
      assert.ok(!isDocumentLanguage('json') && !isDocumentLanguage('plaintext'));
    });
  });

  describe('new documents', () => {
    it('offers the seven kinds', () => {
      assert.deepEqual([...NEW_DOCUMENT_KINDS].sort(), ['driver-diagram', 'leadership-model', 'measure', 'message-map', 'pdsa-cycle', 'rapid-charter', 'roster']);
    });

    for (const kind of NEW_DOCUMENT_KINDS) {
      it(`the ${kind} skeleton is a sound document: recognised, with no finding at all`, () => {
        const ws = new Workspace({ today: () => '2026-03-10' });
        ws.setFile('file:///ws/plan.driver.yaml', skeleton('driver-diagram', 'plan'));
        const id = freshId(kind, (candidate) => ws.byId(candidate).length > 0);
        ws.setFile('untitled:Untitled-1.yaml', skeleton(kind, id, { changeIdea: 'plan#c-first' }));
        const file = ws.file('untitled:Untitled-1.yaml')!;
        assert.equal(file.documents[0].kind, kind);
        assert.equal(file.documents[0].id, id);
        const found = ws.diagnostics('untitled:Untitled-1.yaml');
        // A fresh driver diagram's measures have no data yet (no measure document, no PDSA series):
        // DESIGN §2's driver/measure-without-data hints once per skeleton measure, and nothing else
        // speaks. The PDSA skeleton's sample prediction is a placeholder, still to be written (the
        // finding stays until it is). Every other skeleton gets no finding at all.
        let expected: string[] = [];
        if (kind === 'pdsa-cycle') expected = ['pdsa/question-without-prediction: Question `q1` has a placeholder prediction ("What we expect"): write what you expect'];
        if (kind === 'driver-diagram') {
          const measures = (file.documents[0].data?.measures as { id: string }[]).map((m) => m.id);
          assert.equal(measures.length, 3, 'the driver skeleton lists three measures');
          expected = measures.map((m) => `driver/measure-without-data: No data for measure \`${id}#${m}\`: add a measure document or PDSA series for it`);
          assert.ok(found.every((d) => d.severity === 'hint'), 'the measure-without-data findings are hints');
        }
        assert.deepEqual(found.map((d) => `${d.rule}: ${d.message}`), expected);
      });
    }

    it('a PDSA skeleton with no change idea to name says so through ref/unknown', () => {
      const ws = new Workspace();
      ws.setFile('untitled:Untitled-1.yaml', skeleton('pdsa-cycle', 'new-pdsa-cycle'));
      assert.deepEqual(
        ws.diagnostics('untitled:Untitled-1.yaml').map((d) => d.rule),
        ['ref/unknown', 'pdsa/question-without-prediction'],
      );
    });

    it('numbers an id that is taken', () => {
      const taken = new Set(['new-roster', 'new-roster-2']);
      assert.equal(freshId('roster', (id) => taken.has(id)), 'new-roster-3');
      assert.equal(freshId('message-map', (id) => taken.has(id)), 'new-message-map');
    });
  });

  describe('summaries and scheduling', () => {
    it('counts problems by severity and names them in the notification', () => {
      const all = new Map<string, Diagnostic[]>([
        ['a', [diag('x/a', range(0, 0, 0, 1), 'a', { severity: 'error' }), diag('x/b', range(0, 0, 0, 1), 'b', { severity: 'hint' })]],
        ['b', []],
        ['c', [diag('x/c', range(0, 0, 0, 1), 'c')]],
      ]);
      const { counts, files, text } = summarize(all, 4);
      assert.deepEqual(counts, { error: 1, warning: 1, info: 0, hint: 1 });
      assert.equal(files, 2);
      assert.equal(text, 'Improvekit found 3 problems (1 error, 1 warning, 0 info, 1 hint) in 4 documents. See the Problems panel.');
      assert.equal(summarize(new Map([['a', []]]), 1).text, 'Improvekit found no problems in 1 document.');
    });

    it('runs tasks with bounded concurrency and keeps their order', async () => {
      let running = 0;
      let peak = 0;
      const out = await mapLimited([5, 1, 4, 2, 3, 0], 2, async (n) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, n));
        running--;
        return n * 10;
      });
      assert.deepEqual(out, [50, 10, 40, 20, 30, 0]);
      assert.equal(peak, 2);
    });

    it('debounces per key: only the last action of a burst runs', async () => {
      const ran: string[] = [];
      const debouncer = new Debouncer(20);
      debouncer.schedule('a', () => ran.push('a1'));
      debouncer.schedule('a', () => ran.push('a2'));
      debouncer.schedule('b', () => ran.push('b1'));
      assert.ok(debouncer.pending('a'));
      await new Promise((r) => setTimeout(r, 60));
      assert.deepEqual(ran.sort(), ['a2', 'b1']);
      debouncer.schedule('c', () => ran.push('c1'));
      assert.equal(debouncer.cancel('c'), true);
      await new Promise((r) => setTimeout(r, 40));
      assert.deepEqual(ran.sort(), ['a2', 'b1']);
      debouncer.dispose();
    });
  });
});
