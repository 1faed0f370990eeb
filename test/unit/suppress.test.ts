import * as assert from 'node:assert/strict';
import { findSuppressions, applySuppressions } from '../../src/core/suppress';
import { workspaceOf, configFrom } from '../helpers';
import type { Diagnostic } from '../../src/core/types';

const CHARTER = (comment: string, agree = '[union-president, hr-chief, parent-council, principals]') =>
  `kind: rapid-charter\nid: cabinet\ndecisions:\n  - id: grading\n    decision: Adopt a grading policy\n    recommend: cao\n${comment}    agree: ${agree}\n    perform: principals\n    decide: supt\n    status: open\n`;

function rulesOf(list: Diagnostic[]): string[] {
  return list.map((d) => `${d.rule}@${d.range.start.line + 1}`).sort();
}

function check(name: string, text: string, config = ''): Diagnostic[] {
  return workspaceOf({ [name]: text }, configFrom(config)).diagnostics(`file:///ws/${name}`);
}

describe('suppression comments (core/suppress.ts)', () => {
  it('reads the rules, the reason and the line a next-line comment applies to, past other comments', () => {
    const [s] = findSuppressions('a: 1\n  # improvekit-disable-next-line rapid/too-many-agree, message/* -- the board asked\n  # another comment\n  b: 2\n');
    assert.equal(s.scope, 'next-line');
    assert.deepEqual(s.rules.map((r) => r.pattern), ['rapid/too-many-agree', 'message/*']);
    assert.equal(s.reason, 'the board asked');
    assert.equal(s.target, 3);
    assert.deepEqual(s.rules[0].range, { start: { line: 1, character: 33 }, end: { line: 1, character: 53 } });
  });

  it('reads a file comment only in the first 10 lines and above any content', () => {
    assert.equal(findSuppressions('# title\n\n---\n# improvekit-disable-file rapid/* -- draft\nkind: x\n').length, 1);
    assert.equal(findSuppressions('kind: x\n# improvekit-disable-file rapid/* -- draft\n').length, 0, 'below content');
    assert.equal(findSuppressions(`${'#\n'.repeat(10)}# improvekit-disable-file rapid/* -- draft\n`).length, 0, 'below line 10');
    assert.equal(findSuppressions('# improvekit-disable-filex rapid/* -- draft\n').length, 0, 'not the keyword');
  });

  it('silences the finding on the next line, and only that rule', () => {
    assert.deepEqual(rulesOf(check('c.rapid.yaml', CHARTER(''))), ['rapid/too-many-agree@7']);
    assert.deepEqual(rulesOf(check('c.rapid.yaml', CHARTER('    # improvekit-disable-next-line rapid/too-many-agree -- the board asked for all four\n'))), []);
    assert.deepEqual(rulesOf(check('c.rapid.yaml', CHARTER('    # improvekit-disable-next-line rapid/* -- the board asked\n'))), [], 'a family');
    // The comment two lines above a finding does not reach it.
    const far = CHARTER('    # improvekit-disable-next-line rapid/too-many-agree -- asked\n    input: [teachers]\n');
    assert.deepEqual(rulesOf(check('c.rapid.yaml', far)), ['rapid/too-many-agree@9', 'suppress/unused@7']);
  });

  it('without a reason silences nothing and says so; unknown ids get the closest one', () => {
    const none = check('c.rapid.yaml', CHARTER('    # improvekit-disable-next-line rapid/too-many-agree\n'));
    assert.deepEqual(rulesOf(none), ['rapid/too-many-agree@8', 'suppress/missing-reason@7']);
    assert.equal(none.find((d) => d.rule === 'suppress/missing-reason')!.severity, 'warning');
    const dash = check('c.rapid.yaml', CHARTER('    # improvekit-disable-next-line rapid/too-many-agree --   \n'));
    assert.deepEqual(rulesOf(dash), ['rapid/too-many-agree@8', 'suppress/missing-reason@7'], 'an empty reason is none');
    const typo = check('c.rapid.yaml', CHARTER('    # improvekit-disable-next-line rapid/too-many-agre -- asked\n'));
    assert.deepEqual(rulesOf(typo), ['rapid/too-many-agree@8', 'suppress/unknown-rule@7']);
    assert.match(typo.find((d) => d.rule === 'suppress/unknown-rule')!.message, /did you mean `rapid\/too-many-agree`/);
    assert.deepEqual(rulesOf(check('c.rapid.yaml', CHARTER('    # improvekit-disable-next-line rapidd/* -- asked\n'))), ['rapid/too-many-agree@8', 'suppress/unknown-rule@7']);
  });

  it('reports a suppression that no longer matches anything', () => {
    const fixed = check('c.rapid.yaml', CHARTER('    # improvekit-disable-next-line rapid/too-many-agree -- asked\n', '[union-president]'));
    assert.deepEqual(rulesOf(fixed), ['suppress/unused@7']);
    const fileWide = check('c.rapid.yaml', `# improvekit-disable-file message/* -- none here\n${CHARTER('', '[union-president]')}`);
    assert.deepEqual(rulesOf(fileWide), ['suppress/unused@1']);
  });

  it('silences a whole file with disable-file', () => {
    assert.deepEqual(rulesOf(check('c.rapid.yaml', `# improvekit-disable-file rapid/too-many-agree -- a draft\n${CHARTER('')}`)), []);
  });

  it('works in Markdown front matter and fences, as YAML comments inside the block', () => {
    const body = CHARTER('    # improvekit-disable-next-line rapid/too-many-agree -- asked\n');
    assert.deepEqual(rulesOf(check('note.md', `# Cabinet\n\n\`\`\`rapid-charter\n${body}\`\`\`\n`)), []);
    assert.deepEqual(rulesOf(check('note.md', `# Cabinet\n\n\`\`\`rapid-charter\n${CHARTER('')}\`\`\`\n`)), ['rapid/too-many-agree@10']);
    assert.deepEqual(rulesOf(check('front.md', `---\n${body}---\n\n# Notes\n`)), []);
    assert.deepEqual(rulesOf(check('front.md', `---\n# improvekit-disable-file rapid/* -- a draft\n${CHARTER('')}---\n\n# Notes\n`)), []);
  });

  it('lets the configuration set the suppress/ rules like any other', () => {
    const text = CHARTER('    # improvekit-disable-next-line rapid/too-many-agree -- asked\n', '[union-president]');
    assert.deepEqual(rulesOf(check('c.rapid.yaml', text, 'rules:\n  suppress/unused: off\n')), []);
    assert.equal(check('c.rapid.yaml', text, 'rules:\n  suppress/*: error\n')[0].severity, 'error');
  });

  it('never suppresses its own findings, and is pure over diagnostics', () => {
    const d: Diagnostic = { uri: 'u', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, severity: 'warning', rule: 'suppress/unused', message: 'x' };
    const out = applySuppressions('u', '# improvekit-disable-next-line suppress/* -- no\nabc\n', [d], { knownRules: ['suppress/unused'], severityOf: () => 'warning' });
    assert.ok(out.includes(d));
  });
});
