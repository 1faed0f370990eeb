import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as lang from '../../../src/core/lang';
import { workspaceOf } from '../../helpers';
import { DRIVER, LEADERSHIP, PDSA, RAPID, ROSTER, uriOf } from './util';

const ODD: Record<string, string> = {
  'odd.driver.yaml': 'kind: driver-diagram\nid: odd\naim: [1]\nprimary_drivers: { a: 1 }\nsecondary_drivers: [null, 3, { id: 4, supports: { x: 1 } }]\nchange_ideas:\n  - id: __proto__\n    supports: [constructor, null, 7]\n    measures: toString\n  - constructor: 1\n    __proto__: x\n',
  'odd.pdsa.yaml': 'kind: pdsa-cycle\nid: odd-c\nchange_idea: [a, b]\nprevious: { x: 1 }\nstudy: { results: [ { question: [1] }, null ] }\nplan: { questions: 5, tasks: [ { who: [a, { b: 1 }] } ] }\n',
  'odd.rapid.yaml': 'kind: rapid-charter\nid: odd-r\ndecisions:\n  - id: a\n    decide: &p [x, y]\n    agree: *p\n    input: { a: b }\n  - 12\n  - id: "quoted \\u0041"\n    decide: "sup\\u0074"\n',
  'broken.leadership.yaml': 'kind: leadership-model\nid: b\npositions:\n  - { id: p, role: \n  - id: q\n    reports_to: [\nteams:\n  - { id: t, led_by: p, teachers: 12\n',
  'crlf.roster.yaml': 'kind: roster\r\nid: crlf\r\npeople:\r\n  - id: ana\r\n    name: Ana\r\n',
  'empty.rapid.yaml': '',
  'notes.md': '---\nkind: roster\nid: fm\npeople: [ { id: z } ]\n---\n# Hi\n\n```rapid-charter\nid: r\ndecisions:\n  - id: d\n    decide: z\n\n~~~\n```pdsa-cycle\n',
};

describe('lang: robustness', () => {
  it('never throws, at any position of odd, broken and real documents', function () {
    this.timeout(60000);
    const examples = path.join(__dirname, '..', '..', '..', 'examples');
    const real: Record<string, string> = {};
    for (const name of fs.readdirSync(examples)) if (/\.(ya?ml|md)$/.test(name)) real[name] = fs.readFileSync(path.join(examples, name), 'utf8');
    const files = { ...ODD, ...real, 'k.driver.yaml': DRIVER, 'r2.roster.yaml': ROSTER, 'c.rapid.yaml': RAPID, 'c1.pdsa.yaml': PDSA, 'l.leadership.yaml': LEADERSHIP };
    const ws = workspaceOf(files);
    let calls = 0;
    for (const [name, text] of Object.entries(files)) {
      const uri = uriOf(name);
      assert.doesNotThrow(() => lang.documentSymbols(ws, uri), name);
      assert.doesNotThrow(() => lang.codeLenses(ws, uri), name);
      assert.doesNotThrow(() => lang.describeFile(ws, uri), name);
      const lines = text.split(/\r\n|\r|\n/);
      const step = name in real ? 41 : 2;
      lines.forEach((line, l) => {
        for (let c = 0; c <= line.length; c += step) {
          const pos = { line: l, character: c };
          const where = `${name}:${l + 1}:${c + 1}`;
          assert.doesNotThrow(() => lang.completions(ws, uri, pos), where);
          assert.doesNotThrow(() => lang.hover(ws, uri, pos), where);
          assert.doesNotThrow(() => lang.definition(ws, uri, pos), where);
          assert.doesNotThrow(() => lang.references(ws, uri, pos, true), where);
          assert.doesNotThrow(() => lang.prepareRename(ws, uri, pos), where);
          calls++;
        }
      });
    }
    assert.ok(calls > 800, String(calls));
  });

  it('finds its way in the sample workspace: a cycle names a change idea of the driver diagram', () => {
    const examples = path.join(__dirname, '..', '..', '..', 'examples');
    const files: Record<string, string> = {};
    for (const name of fs.readdirSync(examples)) if (/\.(ya?ml|md)$/.test(name)) files[name] = fs.readFileSync(path.join(examples, name), 'utf8');
    const ws = workspaceOf(files);
    const cycle = files['huddles-c1.pdsa.yaml'].split('\n');
    const line = cycle.findIndex((l) => l.startsWith('change_idea:'));
    const [loc] = lang.definition(ws, uriOf('huddles-c1.pdsa.yaml'), { line, character: cycle[line].length - 1 });
    assert.equal(loc.uri, uriOf('k3-reading.driver.yaml'));
  });
});
