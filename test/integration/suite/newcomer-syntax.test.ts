import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, fileUri, openFile, ours, restore, ruleOf, settled, waitFor } from './helpers';

/**
 * The mistakes people new to YAML make, typed into the samples as they would be: each gives one
 * diagnostic on its own line that says what to do, and its quick fix puts the text back as it was.
 * A tab and a missing space after a known key have a fix (preferred, and taken by Fix All); the
 * other repairs are suggestions, offered in the light bulb only.
 */
interface Mistake {
  what: string;
  file: string;
  /** Makes the mistake in the sample's text. */
  make: (text: string) => string;
  rule: string;
  /** 1-based line, and 1-based first and last-plus-one columns. */
  at: [number, number, number];
  message: string;
  fix: { title: string; kind: 'fix' | 'suggestion' };
}

const MISTAKES: Mistake[] = [
  {
    what: 'a key indented 3 spaces instead of 4',
    file: 'k3-reading.driver.yaml',
    make: (t) => t.replace('    supports: [s-huddle-routine]\n    measures: [m-huddles,', '   supports: [s-huddle-routine]\n    measures: [m-huddles,'),
    rule: 'yaml/syntax',
    at: [47, 4, 12],
    message: 'Key `supports` is indented 3 spaces, its siblings 4: align it',
    fix: { title: 'Indent `supports` 4 spaces, as its siblings', kind: 'suggestion' },
  },
  {
    what: 'a tab used for indentation',
    file: 'huddles-c1.pdsa.yaml',
    make: (t) => t.replace('  scale: one grade team', '\tscale: one grade team'),
    rule: 'yaml/syntax',
    at: [26, 1, 2],
    message: 'Tabs are not allowed as indentation: replace the tab with spaces',
    fix: { title: 'Replace the tab with 2 spaces', kind: 'fix' },
  },
  {
    what: 'no space after the colon of `title:`',
    file: 'huddles-c1.pdsa.yaml',
    make: (t) => t.replace('title: Data huddles', 'title:Data huddles'),
    rule: 'yaml/syntax',
    at: [5, 1, 11],
    message: 'Add a space after the colon in `title:Data`',
    fix: { title: 'Add a space after `title:`', kind: 'fix' },
  },
  {
    what: 'keys typed flush left under `data:`',
    file: 'huddles-c2.pdsa.yaml',
    make: (t) => {
      const at = t.indexOf('\ndata:\n') + '\ndata:\n'.length;
      return t.slice(0, at) + t.slice(at).replace(/^ {2}/gm, '');
    },
    rule: 'schema/invalid',
    at: [45, 1, 8],
    message: '`measure` and `points` belong under `data:`: indent them',
    fix: { title: 'Indent 2 keys under `data:`', kind: 'suggestion' },
  },
  {
    what: 'an unquoted comma in a flow mapping’s value',
    file: 'huddles-c1.pdsa.yaml',
    make: (t) => t.replace('{ task: Print a tally sheet for who brings work,', '{ task: Print a tally sheet, then hand it out,'),
    rule: 'schema/invalid',
    at: [22, 36, 52],
    message: '`then hand it out` is part of the task: quote the task, it holds `, `',
    fix: { title: 'Quote the task', kind: 'suggestion' },
  },
];

/** The quick fixes VS Code offers at a diagnostic that edit only its file (asked again while the host is busy). */
async function quickFixes(uri: vscode.Uri, d: vscode.Diagnostic, title: string): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    let actions: Array<vscode.CodeAction | vscode.Command> = [];
    try {
      actions = (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    } catch (error) {
      if (!(error instanceof Error && /cancel/i.test(error.message)) || Date.now() > deadline) throw error;
    }
    const fixes = actions.filter((a): a is vscode.CodeAction => 'edit' in a && !!a.edit && a.edit.entries().every(([u]) => u.toString() === uri.toString()));
    if (fixes.some((a) => a.title === title) || Date.now() > deadline) return fixes;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function replaceAll(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not edit ${doc.uri.path}`);
}

describe('newcomer syntax mistakes', () => {
  before(async () => {
    await activate();
    await settled();
  });

  after(async () => {
    await settled();
  });

  for (const m of MISTAKES) {
    it(`${m.what}: one diagnostic on its line with the advice, and the ${m.fix.kind} repairs it`, async () => {
      const uri = fileUri(m.file);
      const doc = (await openFile(m.file)).document;
      const original = doc.getText();
      try {
        const broken = m.make(original);
        assert.notEqual(broken, original, 'the mistake was made');
        await replaceAll(doc, broken);
        const [line, from, to] = m.at;
        const target = await waitFor(
          `${m.rule} on line ${line} of ${m.file}`,
          () => ours(uri).find((d) => ruleOf(d) === m.rule && d.range.start.line === line - 1),
          15_000,
          () => ours(uri).map((d) => `${ruleOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('; '),
        );
        assert.deepEqual(
          ours(uri)
            .filter((d) => d.range.start.line === line - 1)
            .map((d) => [ruleOf(d), d.range.start.character + 1, d.range.end.line + 1, d.range.end.character + 1, d.message]),
          [[m.rule, from, line, to, m.message]],
        );
        // A syntax error stops the rules: it is the file's only finding, its follow-on errors held back.
        if (m.rule === 'yaml/syntax') assert.equal(ours(uri).length, 1, ours(uri).map((d) => d.message).join('; '));

        const offered = await quickFixes(uri, target, m.fix.title);
        const action = offered.find((a) => a.title === m.fix.title);
        assert.ok(action?.edit, `"${m.fix.title}" is offered; offered: ${offered.map((a) => a.title).join(' | ') || 'none'}`);
        assert.equal(!!action.isPreferred, m.fix.kind === 'fix', 'only a fix that keeps the meaning is preferred');
        assert.ok(await vscode.workspace.applyEdit(action.edit), `could not apply "${action.title}"`);
        assert.equal(doc.getText(), m.fix.title === 'Quote the task' ? original.replace('{ task: Print a tally sheet for who brings work,', '{ task: "Print a tally sheet, then hand it out",') : original);
        await waitFor(`"${action.title}" to leave no ${m.rule} in ${m.file}`, () => !ours(uri).some((d) => ruleOf(d) === m.rule || ruleOf(d) === 'yaml/syntax'), 15_000, () => ours(uri).map((d) => `${ruleOf(d)}: ${d.message}`).join('; '));
      } finally {
        await restore(doc, original);
      }
    });
  }
});
