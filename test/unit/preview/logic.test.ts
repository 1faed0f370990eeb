import assert from 'node:assert/strict';
import { parseFile } from '../../../src/core/parse';
import {
  documentAt,
  documentFor,
  exportFileName,
  makeNonce,
  nextPreviewUri,
  parseWebviewMessage,
  pathAt,
  pathOf,
  previewTitle,
  restoredUri,
  revealSpan,
  slug,
} from '../../../src/extension/preview/logic';

const CHARTER = `kind: rapid-charter
id: cabinet
title: Cabinet decision rights
decisions:
  - id: grading
    decision: Adopt a grading policy
    recommend: cao
    decide: supt
  - id: calendar
    decision: Set the school calendar
    decide: board
`;

const NOTE = `# Workshop

\`\`\`message-map
id: parents
messages:
  - text: Tests move online.
\`\`\`

\`\`\`rapid-charter
id: huddles
decisions:
  - { id: time, decision: Huddle time, decide: principal }
\`\`\`
`;

function textAt(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

describe('preview/logic: webview messages', () => {
  it('accepts the messages of media/preview.js', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', path: 'decisions.0.decide', ordinal: 1, doc: 'cabinet' }), {
      type: 'reveal',
      path: ['decisions', 0, 'decide'],
      ordinal: 1,
      doc: 'cabinet',
    });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', path: 'title' }), { type: 'reveal', path: ['title'] });
    assert.deepEqual(parseWebviewMessage({ type: 'open', uri: 'file:///ws/huddles-c2.pdsa.yaml' }), { type: 'open', uri: 'file:///ws/huddles-c2.pdsa.yaml' });
  });

  it('drops malformed and dangerous messages', () => {
    for (const raw of [
      null,
      'reveal',
      42,
      { type: 'eval', code: 'x' },
      { type: 'reveal' },
      { type: 'reveal', path: 7 },
      { type: 'reveal', path: '' },
      { type: 'reveal', path: 'a'.repeat(5000) },
      { type: 'reveal', path: 'a\u0000b' },
      { type: 'open', uri: 'command:workbench.action.terminal.new' },
      { type: 'open', uri: 'javascript:alert(1)' },
      { type: 'open', uri: 'relative/path.yaml' },
      { type: 'open', uri: 3 },
    ]) {
      assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw));
    }
  });

  it('keeps only sound ordinals and ids of a reveal', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', path: 'id', ordinal: -1, doc: 5 }), { type: 'reveal', path: ['id'] });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', path: 'id', ordinal: 1.5 }), { type: 'reveal', path: ['id'] });
  });

  it('turns list indexes of a data-path into numbers, and nothing else', () => {
    assert.deepEqual(pathOf('decisions.10.input.2'), ['decisions', 10, 'input', 2]);
    assert.deepEqual(pathOf('aim.statement'), ['aim', 'statement']);
    assert.deepEqual(pathOf('x.01'), ['x', '01']);
  });
});

describe('preview/logic: reveal the source of a click', () => {
  const file = parseFile('file:///ws/cabinet.rapid.yaml', CHARTER);
  const doc = file.documents[0];

  it('selects a key with its value', () => {
    assert.equal(textAt(CHARTER, revealSpan(doc, ['title'])), 'title: Cabinet decision rights');
    assert.equal(textAt(CHARTER, revealSpan(doc, ['decisions', 1, 'decide'])), 'decide: board');
  });

  it('selects a list item by its id line', () => {
    assert.equal(textAt(CHARTER, revealSpan(doc, ['decisions', 1])), 'id: calendar');
  });

  it('falls back to the deepest part that exists when the document changed', () => {
    // `agree` is not there (any more): the item that would hold it is selected.
    assert.equal(textAt(CHARTER, revealSpan(doc, ['decisions', 1, 'agree'])), 'id: calendar\n    decision: Set the school calendar\n    decide: board');
  });

  it('finds the document of a click by ordinal, and by id when the file changed', () => {
    const note = parseFile('file:///ws/note.md', NOTE);
    assert.equal(documentFor(note, 1, 'huddles')?.id, 'huddles');
    assert.equal(documentFor(note, 0)?.id, 'parents');
    // A block was added above: the ordinal now names another document; the id wins.
    assert.equal(documentFor(note, 0, 'huddles')?.id, 'huddles');
    assert.equal(documentFor(note, undefined, undefined)?.id, 'parents');
    assert.equal(documentFor(note, 7), undefined);
  });

  it('finds the document and the item under the cursor, for highlighting', () => {
    const note = parseFile('file:///ws/note.md', NOTE);
    const offset = NOTE.indexOf('Huddle time');
    const found = documentAt(note, offset);
    assert.equal(found?.id, 'huddles');
    assert.deepEqual(pathAt(found!, offset), ['decisions', 0, 'decision']);
    assert.equal(documentAt(note, NOTE.indexOf('# Workshop')), undefined);
    assert.deepEqual(pathAt(doc, CHARTER.indexOf('board')), ['decisions', 1, 'decide']);
  });
});

describe('preview/logic: the panel', () => {
  it('follows an editor that holds documents, and stays otherwise', () => {
    assert.equal(nextPreviewUri({ uri: 'file:///b.rapid.yaml', holdsDocuments: true }, 'file:///a.driver.yaml'), 'file:///b.rapid.yaml');
    assert.equal(nextPreviewUri({ uri: 'file:///notes.txt', holdsDocuments: false }, 'file:///a.driver.yaml'), 'file:///a.driver.yaml');
    assert.equal(nextPreviewUri(undefined, 'file:///a.driver.yaml'), 'file:///a.driver.yaml');
    assert.equal(nextPreviewUri(undefined, undefined), undefined);
  });

  it('titles the panel after the first document id, else the file name', () => {
    assert.equal(previewTitle(parseFile('file:///ws/cabinet.rapid.yaml', CHARTER), 'file:///ws/cabinet.rapid.yaml'), 'Preview cabinet');
    assert.equal(previewTitle(parseFile('file:///ws/x.rapid.yaml', 'kind: rapid-charter\n'), 'file:///ws/x.rapid.yaml'), 'Preview x.rapid.yaml');
    assert.equal(previewTitle(undefined, 'file:///ws/My%20Notes.md'), 'Preview My Notes.md');
  });

  it('restores only a sound URI from the webview state', () => {
    assert.equal(restoredUri({ uri: 'file:///ws/k3.driver.yaml', scrollY: 3 }), 'file:///ws/k3.driver.yaml');
    for (const state of [undefined, null, {}, { uri: 4 }, { uri: 'command:x' }, { uri: 'no-scheme' }]) assert.equal(restoredUri(state), undefined);
  });

  it('makes a fresh base64 nonce of 128 bits each time', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.match(a, /^[A-Za-z0-9+/]{22}==$/);
    assert.notEqual(a, b);
    assert.equal(makeNonce((bytes) => bytes.fill(255)), '/////////////////////w==');
  });

  it('names exported files after the document', () => {
    assert.equal(exportFileName('file:///ws/k3-reading.driver.yaml', 'html'), 'k3-reading.driver.html');
    assert.equal(exportFileName('file:///ws/workshop-2026-03.md', 'svg', '-org-chart'), 'workshop-2026-03-org-chart.svg');
    assert.equal(exportFileName('untitled:Untitled-1.yaml', 'html'), 'Untitled-1.html');
    assert.equal(slug('Org chart: Lincoln Team Leads'), 'org-chart-lincoln-team-leads');
    assert.equal(slug('<>'), 'diagram');
  });
});
