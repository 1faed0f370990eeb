import * as assert from 'node:assert/strict';
import { hover } from '../../../src/core/lang';
import { workspaceOf } from '../../helpers';
import { DRIVER, LEADERSHIP, PDSA, RAPID, ROSTER, textOf, uriOf, withCursor } from './util';

const hoverAt = (name: string, marked: string, others: Record<string, string> = {}) => {
  const { ws, uri, pos, text } = withCursor(name, marked, others);
  const h = hover(ws, uri, pos);
  return h && { ...h, covered: textOf(text, h.range) };
};

describe('lang: hover', () => {
  it('defines a RAPID role on its key and on a party named in it', () => {
    const key = hoverAt('c.rapid.yaml', RAPID.replace('decide: supt', 'dec|ide: supt'));
    assert.ok(key);
    assert.match(key.contents, /RAPID D/);
    assert.match(key.contents, /final decision and commits the organisation to action/);
    assert.match(key.contents, /the SCALE Initiative report, 2014/);
    assert.doesNotMatch(key.contents, /\d{3}_[0-9a-f]{16}\.txt/);
    assert.equal(key.covered, 'decide');
    const agree = hoverAt('c.rapid.yaml', RAPID.replace('agree: [principals]', 'ag|ree: [principals]'));
    assert.match(agree!.contents, /should not be ignored \(a veto\)/);
    const input = hoverAt('c.rapid.yaml', RAPID.replace('input: [ana, cao]', 'input: [ana, c|ao]'), { 'r.roster.yaml': ROSTER });
    assert.match(input!.contents, /RAPID I/);
    assert.match(input!.contents, /may be ignored/);
    assert.match(input!.contents, /Sam Ortiz/);
    assert.equal(input!.covered, 'cao');
  });

  it('adds why a finding under the cursor matters: **rule/id** — its rationale', () => {
    const ws = workspaceOf({ 'c.pdsa.yaml': 'kind: pdsa-cycle\nid: c1\nstatus: planning\nplan:\n  questions:\n    - { id: q1, question: Will it work? }\n' });
    const h = hover(ws, 'file:///ws/c.pdsa.yaml', { line: 5, character: 10 });
    assert.ok(h);
    assert.match(h.contents, /\*\*pdsa\/question-without-prediction\*\* — Learning comes from "the gap between one's predictions and what actually happened"/);
    assert.doesNotMatch(h.contents, /\d{3}_[0-9a-f]{16}\.txt/);
    // Outside every finding's range, no rationale is added.
    const away = hover(ws, 'file:///ws/c.pdsa.yaml', { line: 0, character: 1 });
    assert.doesNotMatch(away?.contents ?? '', /question-without-prediction/);
  });

  it('shows the path to the aim on a driver id, a supports value and a cross-file change idea', () => {
    const idea = hoverAt('k.driver.yaml', DRIVER.replace('  - id: c-template', '  - id: c-te|mplate'));
    assert.match(idea!.contents, /`c-template` One-page huddle template → `s-huddles` Data huddles twice a week → `p-data` Teachers use data to adjust instruction → \*\*aim\*\*: Raise grade 3 reading proficiency/);
    assert.match(idea!.contents, /→ `p-time`/);
    const support = hoverAt('k.driver.yaml', DRIVER.replace('supports: s-huddles', 'supports: s-hu|ddles'));
    assert.match(support!.contents, /\*\*Secondary driver\*\* `s-huddles` — Data huddles twice a week/);
    assert.match(support!.contents, /`s-huddles` Data huddles twice a week → `p-data`/);
    const cross = hoverAt('c1.pdsa.yaml', PDSA.replace('#c-template', '#c-tem|plate'), { 'k.driver.yaml': DRIVER });
    assert.match(cross!.contents, /In k\.driver\.yaml, line 17 of driver-diagram `k3-reading`/);
    assert.match(cross!.contents, /Path to the aim/);
    assert.equal(cross!.covered, 'k3-reading#c-template');
  });

  it('shows a position span against its maximum, as leadership/oversized-span computes it', () => {
    const over = hoverAt('l.leadership.yaml', LEADERSHIP.replace('led_by: principal, teachers: 6 }\n  - { id: grade-1', 'led_by: prin|cipal, teachers: 6 }\n  - { id: grade-1'));
    assert.match(over!.contents, /Span: \*\*12 of 10 teachers\*\* — over the limit; the limit is the `defaults.max_span`/);
    const within = hoverAt('l.leadership.yaml', LEADERSHIP.replace('{ id: tl-grade3,', '{ id: tl-gr|ade3,'));
    assert.match(within!.contents, /Span: \*\*7 of 8 teachers\*\*; the limit is the `max_span` of role `team-lead`/);
    const role = hoverAt('l.leadership.yaml', LEADERSHIP.replace('  - id: team-lead', '  - id: team-l|ead'));
    assert.match(role!.contents, /Positions with this role: `tl-grade3` \(span 7 of 8\)/);
    const configured = workspaceOf({ 'l.leadership.yaml': LEADERSHIP.replace('defaults: { max_span: 10 }\n', ''), '.improvekit.yaml': 'rules:\n  leadership/oversized-span: { max_span: 15 }\n' });
    const h = hover(configured, uriOf('l.leadership.yaml'), { line: 8, character: 10 });
    assert.match(h!.contents, /12 of 15 teachers/);
  });

  it('describes a reference target and says when there is none', () => {
    const q = hoverAt('c1.pdsa.yaml', PDSA.replace('- question: q-time', '- question: q-t|ime'));
    assert.match(q!.contents, /\*\*Plan question\*\* `q-time` — Do huddles fit in 20 minutes\?/);
    const missing = hoverAt('k.driver.yaml', DRIVER.replace('supports: s-huddles', 'supports: s-no|ne'));
    assert.match(missing!.contents, /`s-none` names no secondary or primary driver/);
    const category = hoverAt('l.leadership.yaml', LEADERSHIP.replace('{ id: principal, role: principal }', '{ id: principal, role: princ|ipal }'));
    assert.match(category!.contents, /a role category/);
    const doc = hoverAt('k.driver.yaml', DRIVER.replace('id: k3-reading', 'id: k3-rea|ding'), { 'c1.pdsa.yaml': PDSA });
    assert.match(doc!.contents, /\*\*Driver diagram\*\* `k3-reading` — K-3 reading/);
    assert.match(doc!.contents, /Referenced 1 time/);
  });

  it('gives a key its schema description, inside a Markdown fence too', () => {
    const key = hoverAt('k.driver.yaml', DRIVER.replace('    status: testing', '    sta|tus: testing'));
    assert.match(key!.contents, /`status` — Where the idea stands/);
    assert.equal(key!.covered, 'status');
    const md = '# Notes\n\n```leadership-model\nid: m\nteams:\n  - { id: t, le|d_by: p, teachers: 3 }\n```\n';
    const fenced = hoverAt('n.md', md);
    assert.match(fenced!.contents, /`led_by` — The position that develops these teachers/);
  });

  it('has nothing to say on free text, unknown keys or prose', () => {
    assert.equal(hoverAt('k.driver.yaml', DRIVER.replace('title: K-3 reading', 'title: K-3 rea|ding')), undefined);
    assert.equal(hoverAt('k.driver.yaml', DRIVER.replace('title: K-3 reading', 'title: K-3 reading\nx-no|te: mine')), undefined);
    assert.equal(hoverAt('n.md', '# No|tes\n\n```rapid-charter\nid: x\ndecisions: []\n```\n'), undefined);
  });
});
