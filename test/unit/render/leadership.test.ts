import assert from 'node:assert/strict';
import { LEADERSHIP } from './samples';
import { classOf, elementsAt, render, svgsOf, textOf, xmlProblem } from './support';
import { spanState } from '../../../src/core/render/leadership';
import { tidyTree } from '../../../src/core/render/layout';

describe('render: leadership model', () => {
  it('draws an org chart from reports_to, one node per position', () => {
    const { html, title } = render('lincoln.leadership.yaml', { 'lincoln.leadership.yaml': LEADERSHIP });
    assert.equal(title, 'Lincoln Team Leads');
    assert.equal(xmlProblem(html), undefined);
    const svg = svgsOf(html).find((s) => s.includes('ik-org-svg'))!;
    assert.ok(svg);
    for (let i = 0; i < 5; i++) assert.equal(elementsAt(svg, `positions.${i}`).length, 1, `positions.${i}`);
    // principal → tl-ok, tl-near, tl-over; tl-ok → tl-none.
    assert.equal((svg.match(/class="ik-org-link"/g) ?? []).length, 4);
    const text = textOf(svg);
    for (const words of ['Rosa Delgado', 'Principal', 'Ana Torres', 'Team Lead · tl-over', '100% release · evaluation: owns', '50% release · evaluation: input']) assert.ok(text.includes(words), words);
  });

  it("colours each position's span against its limit: ok, near, over, none", () => {
    const { html } = render('lincoln.leadership.yaml', { 'lincoln.leadership.yaml': LEADERSHIP });
    const state = (i: number) => classOf(elementsAt(html, `positions.${i}`).find((t) => t.startsWith('<g'))!).find((c) => c.startsWith('ik-span-'));
    assert.equal(state(0), 'ik-span-ok'); // 4 of 10 (document defaults)
    assert.equal(state(1), 'ik-span-ok'); // 5 of 8
    assert.equal(state(2), 'ik-span-near'); // 7 of 8
    assert.equal(state(3), 'ik-span-over'); // 9 of 8
    assert.equal(state(4), 'ik-span-none');
    const text = textOf(html);
    for (const words of ['4 / 10 teachers', '5 / 8 teachers', '7 / 8 teachers', '9 / 8 teachers', 'leads no team']) assert.ok(text.includes(words), words);
    const over = elementsAt(html, 'positions.3').find((t) => t.startsWith('<g'))!;
    assert.ok(classOf(over).includes('ik-flag-warning'), 'leadership/oversized-span marks the node');
  });

  it('calls out teachers with no development lead', () => {
    const { html } = render('lincoln.leadership.yaml', { 'lincoln.leadership.yaml': LEADERSHIP });
    const callout = /<aside class="ik-callout ik-callout-warning[^"]*" data-path="school.teachers">([\s\S]*?)<\/aside>/.exec(html);
    assert.ok(callout, 'a callout');
    assert.ok(textOf(callout[1]).includes('15 of 40 teachers have no development lead.'));
  });

  it('says when every teacher has a lead, and when teams hold too many', () => {
    const covered = render('a.leadership.yaml', { 'a.leadership.yaml': LEADERSHIP.replace('teachers: 40', 'teachers: 25') }).html;
    assert.match(covered, /ik-callout-ok[^>]*>Every one of the 25 teachers has a development lead\./);
    const over = render('b.leadership.yaml', { 'b.leadership.yaml': LEADERSHIP.replace('teachers: 40', 'teachers: 20') }).html;
    assert.ok(textOf(over).includes("The teams hold 25 teachers, more than the school's 20."));
  });

  it('lists teams and roles with release time, evaluation and the five responsibilities', () => {
    const { html } = render('lincoln.leadership.yaml', { 'lincoln.leadership.yaml': LEADERSHIP });
    assert.equal(elementsAt(html, 'teams.2').length, 1);
    assert.ok(textOf(html).includes('Ben, Carla, Dev, Erin, Femi, Gus, Hana, Ivo, Jo'));
    const role = /<tr[^>]*data-path="roles.1"[^>]*>([\s\S]*?)<\/tr>/.exec(html)![1];
    assert.ok(textOf(role).includes('Team Lead team-lead teacher-leader 50% 8 input'));
    assert.equal((role.match(/ik-resp-held/g) ?? []).length, 5);
  });

  it('draws positions in a reporting cycle instead of losing them', () => {
    const { html } = render('c.leadership.yaml', {
      'c.leadership.yaml': 'kind: leadership-model\nid: c\npositions:\n  - { id: a, role: principal, reports_to: b }\n  - { id: b, role: coach, reports_to: a }\n  - { id: c, role: coach, reports_to: c }\n',
    });
    assert.equal(xmlProblem(html), undefined);
    for (let i = 0; i < 3; i++) assert.equal(elementsAt(html, `positions.${i}`).filter((t) => t.startsWith('<g')).length, 1);
    assert.ok(textOf(html).includes('leadership/reporting-cycle'));
  });

  it('reads spans as ok up to 80% of the limit, near up to it, over past it', () => {
    assert.equal(spanState(0, 8), 'none');
    assert.equal(spanState(6, 8), 'ok');
    assert.equal(spanState(7, 8), 'near');
    assert.equal(spanState(8, 8), 'near');
    assert.equal(spanState(9, 8), 'over');
    assert.equal(spanState(8, 10), 'ok');
    assert.equal(spanState(9, 10), 'near');
  });

  it('stacks many leaf positions under their parent instead of widening the chart', () => {
    const kids = ['a', 'b', 'c', 'd', 'e'];
    const layout = tidyTree(['root'], (k) => (k === 'root' ? kids : []), { width: 100, height: 50 }, { x: 10, y: 20, stackGap: 5, stackIndent: 20, stackAbove: 3 });
    assert.ok(kids.every((k) => layout.boxes.get(k)!.stacked && layout.boxes.get(k)!.x === 20));
    assert.equal(layout.width, 120);
    const wide = tidyTree(['root'], (k) => (k === 'root' ? kids.slice(0, 3) : []), { width: 100, height: 50 }, { x: 10, y: 20, stackGap: 5, stackIndent: 20, stackAbove: 3 });
    assert.equal(wide.width, 320);
    assert.equal(wide.boxes.get('root')!.x, 110);
  });
});
