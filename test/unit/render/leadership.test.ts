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
    for (const words of ['Rosa Delgado', 'Principal', 'Ana Torres', 'Team Lead', '100% release · evaluation: owns', '50% release · evaluation: input']) assert.ok(text.includes(words), words);
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
    // tl-over leads 9 of at most 8: covered, but not in green (the issue: a green banner beside a red span).
    assert.doesNotMatch(covered, /ik-callout-ok/);
    assert.match(textOf(covered), /Every one of the 25 teachers has a development lead, but one span is over the limit\. .* leads 9 \(at most 8\)\./);
    const within = render('w.leadership.yaml', { 'w.leadership.yaml': LEADERSHIP.replace('teachers: 40', 'teachers: 25').replace(/max_span: 8/g, 'max_span: 12') }).html;
    assert.match(within, /ik-callout-ok[^>]*>Every one of the 25 teachers has a development lead, each span within its limit\./);
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

  it('labels every box alike: the person (roster name when known), the role title below in full', () => {
    const files = {
      'people.roster.yaml': 'kind: roster\nid: people\npeople:\n  - { id: rdelgado, name: Rosa Delgado }\n',
      'm.leadership.yaml':
        'kind: leadership-model\nid: m\nroles:\n  - { id: ap, title: "Assistant Principal for Curriculum, Instruction and Teacher Development", category: assistant-principal }\npositions:\n  - { id: p1, role: principal, name: rdelgado }\n  - { id: ap-1, role: ap, reports_to: p1, name: Sam Ortiz }\n  - { id: ap-2, role: ap, reports_to: p1 }\n',
    };
    const svg = svgsOf(render('m.leadership.yaml', files).html).find((s) => s.includes('ik-org-svg'))!;
    const text = textOf(svg.replace(/<title>[\s\S]*?<\/title>/g, ''));
    // The person first, the role title below it; the roster's name for a roster id.
    assert.match(text, /Rosa Delgado principal/);
    // The whole title, wrapped, no ellipsis.
    assert.match(text, /Sam Ortiz Assistant Principal for Curriculum, Instruction and Teacher Development/);
    assert.ok(!svg.includes('…'), 'no title is cut');
    // No one named: said so, the title below as for the others, never the bare position id.
    assert.match(text, /No one named Assistant Principal for Curriculum, Instruction and Teacher Development/);
    assert.doesNotMatch(text, /ap-2/);
    assert.doesNotMatch(text, /rdelgado/);
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
