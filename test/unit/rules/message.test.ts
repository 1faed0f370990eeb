import * as assert from 'node:assert/strict';
import { applyFix, at, check, configFrom, rulesOf } from '../../helpers';
import { LineIndex } from '../../../src/core/text';
import { MESSAGE_RULES, jargonIn } from '../../../src/core/rules/message';
import { secondsToSay, wordCount } from '../../../src/core/model/words';
import type { Diagnostic } from '../../../src/core/types';

/** The text a diagnostic's range covers. */
function covered(text: string, d: Diagnostic): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end));
}

function map(...messages: string[]): string {
  return ['kind: message-map', 'id: new-assessments-parents', 'audience: parents', 'messages:', ...messages.map((m) => `  - text: ${m}`), ''].join('\n');
}

describe('message rules', () => {
  it('are the three rules of DESIGN §2 with their default severities and options', () => {
    assert.deepEqual(
      MESSAGE_RULES.map((r) => [r.id, r.severity, r.options]),
      [
        ['message/too-many-messages', 'warning', { max_messages: 3 }],
        ['message/too-many-words', 'warning', { max_words: 27 }],
        ['message/jargon', 'hint', undefined],
      ],
    );
  });

  describe('wordCount and secondsToSay', () => {
    it('counts runs of text holding a letter or digit', () => {
      assert.equal(wordCount(''), 0);
      assert.equal(wordCount('   \n\t '), 0);
      assert.equal(wordCount('Your child will take the new tests online in spring.'), 10);
      assert.equal(wordCount('K-12 students — all of them'), 5);
      assert.equal(wordCount("Don't panic: 50% of scores drop!"), 6);
      assert.equal(wordCount('línea  de\nsalida'), 3);
    });

    it('says 27 words take about 9 seconds, at 3 words a second', () => {
      assert.equal(secondsToSay(27), 9);
      assert.equal(secondsToSay(28), 10);
      assert.equal(secondsToSay(0), 0);
    });
  });

  describe('message/too-many-messages', () => {
    it('fires above 3 messages, at the first one too many', () => {
      const d = check('m.message.yaml', map('Tests move online.', 'Practice opens in March.', 'Scores may drop.', 'We will help.'));
      assert.deepEqual(d.map(at), ['message/too-many-messages@8:5']);
      assert.match(d[0].message, /^4 key messages, more than 3/);
      assert.deepEqual(check('m.message.yaml', map('Tests move online.', 'Practice opens in March.', 'Scores may drop.')), []);
    });

    it('reads max_messages from the configuration', () => {
      const text = map('Tests move online.', 'Practice opens in March.', 'Scores may drop.', 'We will help.');
      assert.deepEqual(check('m.message.yaml', text, {}, configFrom('rules:\n  message/too-many-messages: { max_messages: 4 }\n')), []);
      assert.equal(check('m.message.yaml', text, {}, configFrom('rules:\n  message/too-many-messages: { severity: error }\n'))[0].severity, 'error');
    });
  });

  describe('message/too-many-words', () => {
    const long = 'Experienced teachers will lead small teams of seven or eight colleagues, with half their week set aside to observe, coach and plan together.';

    it('adds the words of every message text, not of support', () => {
      const d = check('m.message.yaml', map(long, 'Every teacher gets a coach who knows their classroom.'));
      assert.deepEqual(d.map(at), ['message/too-many-words@4:1']);
      assert.match(d[0].message, /total 32 words \(about 11 seconds\): keep them to 27 words, move details into `support`/);
      const supported = ['kind: message-map', 'id: m', 'messages:', '  - text: Teachers will lead small teams.', `    support: [${long}, ${long}]`, ''].join('\n');
      assert.deepEqual(check('m.message.yaml', supported), []);
    });

    it('allows exactly 27 words', () => {
      const text = map('Your child will take the new tests online in spring.', 'Scores will look lower at first; that is expected.', 'Teachers will use results to help your child.');
      assert.deepEqual(check('m.message.yaml', text), []);
    });

    it('reads max_words from the configuration, and can be turned off', () => {
      const text = map(long, 'Every teacher gets a coach who knows their classroom.');
      assert.deepEqual(check('m.message.yaml', text, {}, configFrom('rules:\n  message/too-many-words: { max_words: 40 }\n')), []);
      assert.match(check('m.message.yaml', map(long), {}, configFrom('rules:\n  message/too-many-words: { max_words: 20 }\n'))[0].message, /total 23 words \(about 8 seconds\): keep them to 20 words/);
      assert.deepEqual(check('m.message.yaml', text, {}, configFrom('rules:\n  message/too-many-words: off\n')), []);
    });
  });

  describe('message/jargon', () => {
    it('matches whole words, case-insensitively, preferring the longest entry', () => {
      const list = ['rubric', 'rubrics', 'formative', 'plc', 'smarter balanced'];
      assert.deepEqual(jargonIn('An informative note', list), []);
      assert.deepEqual(jargonIn('Rubrics and a RUBRIC', list).map((h) => [h.word, h.start, h.entry]), [['Rubrics', 0, 'rubrics'], ['RUBRIC', 14, 'rubric']]);
      assert.deepEqual(jargonIn("The PLC's plan; PLCs; plc-led", list).map((h) => h.word), ['PLC', 'plc']);
      assert.deepEqual(jargonIn('formative, (formative) formatively', list).map((h) => h.start), [0, 12]);
      assert.deepEqual(jargonIn('Smarter\n  Balanced tests', list).map((h) => h.word), ['Smarter\n  Balanced']);
      assert.deepEqual(jargonIn('anything', []), []);
      assert.deepEqual(jargonIn('aab a+b (c) c', ['a+b', '(c)']).map((h) => h.word), ['a+b', '(c)'], 'entries are literal text, not patterns');
    });

    it('reports each occurrence on the word itself, in plain and quoted values', () => {
      const text = map('Summative tests and summative scores.', '"Teachers use formative checks."', "'Rubrics explain each score.'");
      const d = check('m.message.yaml', text);
      assert.deepEqual(rulesOf(d), ['message/jargon', 'message/jargon', 'message/jargon', 'message/jargon']);
      assert.deepEqual(d.map((x) => covered(text, x)), ['Summative', 'summative', 'formative', 'Rubrics']);
      assert.equal(d[0].severity, 'hint');
      assert.match(d[0].message, /"Summative" is jargon parents may not know: say it in everyday words \("end-of-year"\)/);
      assert.match(d[0].message, /end-of-year/);
    });

    it('falls back to the whole value when the source is not the text itself', () => {
      const text = ['kind: message-map', 'id: m', 'messages:', '  - text: "Our \\"formative\\" checks"', '  - text: >-', '      Results guide', '      differentiation.', ''].join('\n');
      const d = check('m.message.yaml', text);
      assert.deepEqual(d.map(at), ['message/jargon@4:11', 'message/jargon@5:11']);
      assert.equal(covered(text, d[0]), '"Our \\"formative\\" checks"');
    });

    it('offers to replace a word that has an everyday equivalent', () => {
      const text = map('The new summative tests start in spring.');
      const [d] = check('m.message.yaml', text);
      const fixed = applyFix(text, d.fixes![0]);
      assert.match(fixed, /The new end-of-year tests start in spring\./);
      assert.deepEqual(check('m.message.yaml', fixed), []);
    });

    it('uses the jargon list of the configuration instead of the default one', () => {
      const text = map('Your child takes the CAASPP summative tests online.');
      const config = configFrom('jargon: [CAASPP]\n');
      const d = check('m.message.yaml', text, {}, config);
      assert.deepEqual(d.map((x) => covered(text, x)), ['CAASPP']);
      assert.deepEqual(check('m.message.yaml', text, {}, configFrom('jargon: []\n')), []);
      assert.deepEqual(check('m.message.yaml', text, {}, configFrom('rules:\n  message/jargon: off\n')), []);
    });
  });

  it('never throws on odd shapes', () => {
    const odd = [
      'kind: message-map\nid: m\nmessages: nope\n',
      'kind: message-map\nid: m\nmessages: [1, null, Bare string with rubric, { text: [a] }, { text: 42 }]\n',
    ];
    for (const text of odd) {
      const d = check('m.message.yaml', text);
      assert.ok(!d.some((x) => x.message.startsWith('Internal error')), d.map((x) => x.message).join('\n'));
    }
  });
});
