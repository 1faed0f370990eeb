import assert from 'node:assert/strict';
import { RAPID, ROSTER } from './samples';
import { classOf, elementsAt, render, textOf, xmlProblem } from './support';
import { rapidMarkdownTable } from '../../../src/core/render';
import { workspaceOf } from '../../helpers';

/** The matrix as text: one line per row, `decision | letters per party`. */
function matrix(html: string): string[] {
  const rows = [...html.matchAll(/<tr class="ik-rapid-row[^"]*" data-path="decisions\.\d+"[^>]*>([\s\S]*?)<\/tr>/g)];
  return rows.map((row) => {
    const cells = [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1]).trim().replace(/\s+/g, ''));
    const id = /<code class="ik-id">([^<]+)<\/code>/.exec(row[1])?.[1];
    return `${id} | ${cells.map((c) => c || '.').join(' ')}`;
  });
}

describe('render: RAPID charter', () => {
  it('draws the decisions × parties matrix with R, A, P, I, D letters, deciders first', () => {
    const { html, title } = render('cabinet.rapid.yaml', { 'cabinet.rapid.yaml': RAPID });
    assert.equal(title, 'Cabinet decision rights');
    assert.equal(xmlProblem(html), undefined);
    const parties = [...html.matchAll(/<th scope="col" class="ik-party"[^>]*><span class="ik-party-name">([^<]+)/g)].map((m) => m[1]);
    assert.deepEqual(parties, ['supt', 'cao', 'board', 'union', 'principals', 'teachers', 'parents', 'hr']);
    assert.deepEqual(matrix(html), [
      'd-one | D R . A P I I .',
      'd-none | . R . . P . . .',
      'd-two | D . D . P . . R',
      'd-conflict | . RD . AI P . . .',
    ]);
    assert.ok(elementsAt(html, 'decisions.0.decide').length === 1);
    assert.ok(elementsAt(html, 'decisions.3.recommend').length === 1, 'a cell points at the first role its party holds');
  });

  it('marks rows with no decider or several', () => {
    const { html } = render('cabinet.rapid.yaml', { 'cabinet.rapid.yaml': RAPID });
    const row = (i: number) => classOf(elementsAt(html, `decisions.${i}`).find((t) => t.startsWith('<tr'))!);
    assert.ok(row(0).includes('ik-deciders-one'));
    assert.ok(row(1).includes('ik-deciders-none'));
    assert.ok(row(1).includes('ik-flag-error'), 'rapid/missing-decider marks the row too');
    assert.ok(row(2).includes('ik-deciders-many'));
    assert.ok(row(3).includes('ik-deciders-one'));
    const text = textOf(html);
    assert.ok(text.includes('Nobody decides this one no D'));
    assert.ok(text.includes('Two parties decide this one 2 Ds'));
  });

  it('marks a decide that names several parties in one string, as the rule reads it', () => {
    const { html } = render('b.rapid.yaml', { 'b.rapid.yaml': 'kind: rapid-charter\nid: b\ndecisions:\n  - { id: d, decision: Budget, recommend: cfo, perform: cfo, decide: Board and Superintendent }\n' });
    const row = elementsAt(html, 'decisions.0').find((t) => t.startsWith('<tr'))!;
    assert.ok(classOf(row).includes('ik-deciders-many'), row);
  });

  it("counts each party's Ds in a footer row", () => {
    const { html } = render('cabinet.rapid.yaml', { 'cabinet.rapid.yaml': RAPID });
    const footer = /<tfoot>([\s\S]*?)<\/tfoot>/.exec(html)![1];
    const counts = [...footer.matchAll(/<td class="ik-ds[^"]*">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    assert.deepEqual(counts, [2, 1, 1, 0, 0, 0, 0, 0]);
    assert.match(footer, /<td class="ik-ds ik-ds-most">2<\/td>/);
  });

  it('shows status, due date, outcome and notes, and the role legend', () => {
    const { html } = render('cabinet.rapid.yaml', { 'cabinet.rapid.yaml': RAPID });
    const text = textOf(html);
    for (const words of ['open', 'due 2026-04-01', 'Approved in March', 'Principals drafted the guidance', 'Decide makes the final decision']) assert.ok(text.includes(words), words);
    assert.ok(elementsAt(html, 'decisions.2.outcome').length === 1);
  });

  it('uses roster names for parties when a roster has them', () => {
    const { html } = render('cabinet.rapid.yaml', { 'cabinet.rapid.yaml': RAPID, 'district.roster.yaml': ROSTER });
    assert.match(html, /<span class="ik-party-name">Dr\. Elena Marsh<\/span><span class="ik-party-id">supt<\/span>/);
    assert.match(html, /<span class="ik-party-name">All principals<\/span>/);
  });
});

describe('export: RAPID as a Markdown table', () => {
  it('writes a table with letters, flagged rows and a footer of Ds', () => {
    const ws = workspaceOf({ 'cabinet.rapid.yaml': RAPID });
    const doc = ws.file('file:///ws/cabinet.rapid.yaml')!.documents[0];
    assert.equal(
      rapidMarkdownTable(doc),
      [
        '| Decision | supt | cao | board | union | principals | teachers | parents | hr |',
        '| --- | :-: | :-: | :-: | :-: | :-: | :-: | :-: | :-: |',
        '| Adopt a standards-based grading policy | D | R |  | A | P | I | I |  |',
        '| Nobody decides this one ⚠ no D |  | R |  |  | P |  |  |  |',
        '| Two parties decide this one ⚠ 2 Ds | D |  | D |  | P |  |  | R |',
        '| A party agrees and gives input |  | R D |  | A I | P |  |  |  |',
        '| **Ds held** | 2 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |',
        '',
      ].join('\n'),
    );
  });

  it('escapes pipes and markup in cells, and uses roster names when given a workspace', () => {
    const ws = workspaceOf({
      'x.rapid.yaml': 'kind: rapid-charter\nid: x\ndecisions:\n  - { id: d, decision: "A | B <b>bold</b> [link](javascript:alert(1)) `code` *em* back\\\\slash", decide: supt }\n',
      'district.roster.yaml': ROSTER,
    });
    const doc = ws.file('file:///ws/x.rapid.yaml')!.documents[0];
    const table = rapidMarkdownTable(doc, ws);
    const row = table.split('\n')[2];
    assert.equal(row, '| A \\| B &lt;b&gt;bold&lt;/b&gt; \\[link\\](javascript:alert(1)) \\`code\\` \\*em\\* back\\\\slash | D |');
    // Every cell separator is a real one: the row splits into exactly its cells.
    assert.equal(row.split(/(?<!\\)\|/).length - 2, 2);
    assert.ok(table.startsWith('| Decision | Dr. Elena Marsh |'));
  });
});
