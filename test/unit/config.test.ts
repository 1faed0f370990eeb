import * as assert from 'node:assert/strict';
import { parseConfig } from '../../src/core/config';
import { check, configFrom } from '../helpers';

const BAD_KEY = 'kind: message-map\nid: parents\nmesages: []\n';

describe('configuration', () => {
  it('changes a severity, or turns a rule off', () => {
    assert.equal(check('a.message.yaml', BAD_KEY)[0].severity, 'error');
    assert.equal(check('a.message.yaml', BAD_KEY, {}, configFrom('rules:\n  schema/invalid: warning\n'))[0].severity, 'warning');
    assert.equal(check('a.message.yaml', BAD_KEY, {}, configFrom('rules:\n  schema/invalid: { severity: hint }\n'))[0].severity, 'hint');
    assert.deepEqual(check('a.message.yaml', BAD_KEY, {}, configFrom('rules:\n  schema/invalid: off\n')), []);
    assert.deepEqual(check('a.message.yaml', BAD_KEY, {}, configFrom('rules:\n  schema/*: off\n')), [], 'a family wildcard');
  });

  it('reads jargon and today', () => {
    const { config, diagnostics } = parseConfig('jargon: [pedagogy, summative]\ntoday: 2026-03-10\n', 'cfg');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(config.jargon, ['pedagogy', 'summative']);
    assert.equal(config.today, '2026-03-10');
  });

  it('reports unknown rules, options and settings with suggestions, and keeps what is valid', () => {
    const { config, diagnostics } = parseConfig(
      'rules:\n  schema/invalidd: off\n  schema/invalid: { severity: warning, max_spam: 3 }\n  ref/unknown: loud\ntoda: 2026-01-01\n',
      'cfg',
    );
    const messages = diagnostics.map((d) => `${d.range.start.line + 1}:${d.severity}:${d.message}`);
    assert.equal(diagnostics.length, 4, messages.join('\n'));
    assert.match(messages[0], /^2:warning:Unknown rule `schema\/invalidd` — did you mean `schema\/invalid`/);
    assert.match(messages[1], /^3:warning:Unknown option `max_spam`/);
    assert.match(messages[2], /^4:error:`loud` is not a severity/);
    assert.match(messages[3], /^5:warning:Unknown setting `toda` — did you mean `today`/);
    assert.equal(config.rules['schema/invalid']?.severity, 'warning');
  });

  it('reports broken YAML and a wrong today without throwing', () => {
    assert.equal(parseConfig('rules: [\n', 'cfg').diagnostics[0].rule, 'yaml/syntax');
    assert.match(parseConfig('today: March\n', 'cfg').diagnostics[0].message, /YYYY-MM-DD/);
    assert.match(parseConfig('- a\n', 'cfg').diagnostics[0].message, /mapping/);
  });
});

describe('configuration of engine diagnostics', () => {
  it('lets yaml/syntax be re-graded like any rule', () => {
    const ds = check('bad.rapid.yaml', 'kind: rapid-charter\nid: a\ndecisions: [\n', {}, configFrom('rules:\n  yaml/syntax: warning\n'));
    assert.deepEqual(
      ds.map((d) => `${d.rule}:${d.severity}`),
      ['yaml/syntax:warning'],
    );
  });
});

describe('`$schema` (the YAML extension\'s way to pick a schema)', () => {
  it('is accepted in .improvekit.yaml and never flagged', () => {
    const { config, diagnostics } = parseConfig('$schema: ./schemas/improvekit-config.schema.json\nspc: mdc\n', 'file:///w/.improvekit.yaml');
    assert.deepEqual(diagnostics, []);
    assert.equal(config.spc, 'mdc');
  });

  it('is accepted in every kind', () => {
    const doc = '$schema: https://improvekit.dev/schemas/roster.schema.json\nkind: roster\nid: r\npeople:\n  - id: p1\n    name: Ana\n';
    assert.deepEqual(check('r.roster.yaml', doc).filter((d) => d.rule.startsWith('schema/')).map((d) => d.message), []);
    const rapid = '$schema: ./x.json\nkind: rapid-charter\nid: c\ndecisions: []\n';
    assert.deepEqual(check('c.rapid.yaml', rapid).filter((d) => d.rule.startsWith('schema/')).map((d) => d.message), []);
  });
});
