import assert from 'node:assert/strict';
import { MESSAGE, ROSTER } from './samples';
import { elementsAt, render, textOf, xmlProblem } from './support';

/** The meters of a fragment: `value/max unit state`. */
function meters(html: string): string[] {
  return [...html.matchAll(/<span class="ik-meter ik-meter-(\w+) ik-meter-(\w+)">[\s\S]*?<rect class="ik-meter-fill" x="0" y="0" width="([\d.]+)"[\s\S]*?<strong>(\d+)<\/strong> \/ (\d+) (\w+)/g)].map(
    (m) => `${m[4]}/${m[5]} ${m[6]} ${m[2]} w=${m[3]}`,
  );
}

describe('render: message map', () => {
  it('puts audience and question on top, then each message with its support', () => {
    const { html, title } = render('parents.message.yaml', { 'parents.message.yaml': MESSAGE });
    assert.equal(title, 'New tests for parents');
    assert.equal(xmlProblem(html), undefined);
    assert.match(html, /<p class="ik-msg-audience" data-path="audience"><span class="ik-label">Audience<\/span> parents of grade 3 to 8 students<\/p><p class="ik-msg-question" data-path="question">What changes for my child\?<\/p>/);
    assert.ok(html.indexOf('ik-msg-question') < html.indexOf('ik-msgs'));
    assert.equal(elementsAt(html, 'messages.0.text').length, 1);
    assert.equal(elementsAt(html, 'messages.0.support.1').length, 1);
    assert.ok(textOf(html).includes('Testing window is April 20 to May 29'));
  });

  it('meters words (of 27) and seconds to say them (of 9, at 3 words a second)', () => {
    const { html } = render('parents.message.yaml', { 'parents.message.yaml': MESSAGE });
    assert.deepEqual(meters(html), [
      '38/27 words over w=160', // all messages
      '13/9 seconds over w=160',
      '10/27 words ok w=59.26', // "Your child will take the new tests online this spring."
      '4/9 seconds ok w=71.11',
      '28/27 words over w=160',
      '10/9 seconds over w=160',
    ]);
  });

  it('marks the messages the checks flag', () => {
    const { html } = render('j.message.yaml', {
      'j.message.yaml': 'kind: message-map\nid: j\naudience: parents\nmessages:\n  - text: Formative pedagogy drives summative outcomes.\n  - text: Plain words here.\n',
    });
    const first = elementsAt(html, 'messages.0').find((t) => t.startsWith('<li'))!;
    assert.match(first, /class="ik-msg ik-flag ik-flag-hint"/);
    assert.match(first, /message\/jargon/);
    assert.ok(!elementsAt(html, 'messages.1').find((t) => t.startsWith('<li'))!.includes('ik-flag'));
  });
});

describe('render: roster', () => {
  it('lists people and groups in tables', () => {
    const { html, title } = render('district.roster.yaml', { 'district.roster.yaml': ROSTER });
    assert.equal(title, 'District roster');
    assert.equal(xmlProblem(html), undefined);
    const row = /<tr[^>]*data-path="people.0"[^>]*>([\s\S]*?)<\/tr>/.exec(html)![1];
    assert.equal(textOf(row).trim(), 'supt Dr. Elena Marsh Superintendent marsh@example.org');
    assert.ok(!/href=/.test(html), 'no links: an email is text');
    const group = /<tr[^>]*data-path="groups.0"[^>]*>([\s\S]*?)<\/tr>/.exec(html)![1];
    assert.equal(textOf(group).trim(), 'principals All principals Rosa Delgado, Ben Ito');
  });
});
