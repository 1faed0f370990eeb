import type { Path } from '../types';
import { items, list, text } from '../model/values';
import { html } from './html';
import type { Scope } from './context';
import { article, empty, header, titleOf } from './parts';

export function renderRoster(scope: Scope): { title: string; body: string } {
  const data = scope.doc.data ?? {};
  const title = titleOf(scope);
  const people = items(data.people);
  const groups = items(data.groups);
  const paths: Path[] = [...people.map(({ index }) => ['people', index]), ...groups.map(({ index }) => ['groups', index])];
  const row = (listName: string, index: number, cells: unknown[]) => {
    const path: Path = [listName, index];
    const flag = scope.flag(path);
    return html`<tr class="${flag.cls}" data-path="${path.join('.')}"${flag.title ? html` title="${flag.title}"` : ''}>${cells.map((c, i) => (i === 0 ? html`<td><code class="ik-id">${text(c) ?? ''}</code></td>` : html`<td>${text(c) ?? ''}</td>`))}</tr>`;
  };
  const peopleTable = people.length
    ? html`<table class="ik-table ik-roster"><thead><tr><th>Id</th><th>Name</th><th>Role</th><th>Email</th></tr></thead><tbody>${people.map(({ item, index }) => row('people', index, [item.id, item.name, item.role, item.email]))}</tbody></table>`
    : empty('No people yet.');
  const groupsTable = groups.length
    ? html`<h2>Groups</h2><table class="ik-table ik-roster"><thead><tr><th>Id</th><th>Name</th><th>Members</th></tr></thead><tbody>${groups.map(({ item, index }) =>
        row('groups', index, [item.id, item.name, list(item.members).map(text).filter(Boolean).join(', ')]),
      )}</tbody></table>`
    : '';
  return { title, body: article(scope, html`${header(scope, title)}<h2>People</h2>${peopleTable}${groupsTable}${scope.checks(paths)}`).value };
}
