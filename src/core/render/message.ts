import type { Path } from '../types';
import { secondsToSay, wordCount } from '../model/words';
import { isObj, list, text } from '../model/values';
import { html, type Html } from './html';
import type { Scope } from './context';
import { article, empty, header, titleOf } from './parts';
import { n } from './svg';

/** The `max_words` default of `message/too-many-words`: "27 words or fewer, nine seconds or less". */
export const DEFAULT_MAX_WORDS = 27;

const METER_WIDTH = 160;

/** How full a meter is: comfortably within, close (over 80%), or over. */
export function meterState(value: number, max: number): 'ok' | 'near' | 'over' {
  if (value > max) return 'over';
  return value > 0.8 * max ? 'near' : 'ok';
}

/** A horizontal meter with its reading: `12 / 27 words`. */
export function meter(value: number, max: number, unit: string, cls: string): Html {
  const state = meterState(value, max);
  const fill = Math.min(1, value / Math.max(1, max));
  return html`<span class="ik-meter ${cls} ik-meter-${state}"><svg class="ik-meter-bar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${METER_WIDTH} 10" width="${METER_WIDTH}" height="10" aria-hidden="true"><rect class="ik-meter-track" x="0" y="0" width="${METER_WIDTH}" height="10" rx="5"/><rect class="ik-meter-fill" x="0" y="0" width="${n(value > 0 ? Math.max(10, METER_WIDTH * fill) : 0)}" height="10" rx="5"/></svg><span class="ik-meter-text"><strong>${value}</strong> / ${max} ${unit}</span></span>`;
}

interface MessageView {
  index: number;
  path: Path;
  text: string | undefined;
  support: Array<{ text: string; index: number }>;
  id?: string;
}

function messagesOf(data: Record<string, unknown>): MessageView[] {
  return list(data.messages).flatMap((m, index): MessageView[] => {
    if (isObj(m)) {
      return [{ index, path: ['messages', index], text: text(m.text), id: text(m.id), support: list(m.support).flatMap((s, i) => (text(s) ? [{ text: text(s)!, index: i }] : [])) }];
    }
    const bare = text(m);
    return bare ? [{ index, path: ['messages', index], text: bare, support: [] }] : [];
  });
}

export function renderMessage(scope: Scope): { title: string; body: string } {
  const data = scope.doc.data ?? {};
  const audience = text(data.audience);
  const question = text(data.question);
  const title = titleOf(scope, audience ? `Message map for ${audience}` : undefined);
  const maxWords = scope.option('message/too-many-words', 'max_words', DEFAULT_MAX_WORDS);
  const maxSeconds = secondsToSay(maxWords);
  const messages = messagesOf(data);
  const paths: Path[] = [['audience'], ['question'], ...messages.map((m) => m.path)];

  const top = html`<div class="ik-msg-top">${audience ? html`<p class="ik-msg-audience" data-path="audience"><span class="ik-label">Audience</span> ${audience}</p>` : html`<p class="ik-msg-audience ik-missing">No audience yet: who are these messages for?</p>`}${question ? html`<p class="ik-msg-question" data-path="question">${question}</p>` : ''}</div>`;

  const total = messages.reduce((sum, m) => sum + (m.text ? wordCount(m.text) : 0), 0);
  const totals = html`<div class="ik-msg-totals"><span class="ik-label">All key messages</span>${meter(total, maxWords, 'words', 'ik-meter-words')}${meter(secondsToSay(total), maxSeconds, 'seconds', 'ik-meter-seconds')}<span class="ik-muted">${messages.length} message${messages.length === 1 ? '' : 's'} · said at 3 words a second</span></div>`;

  const cards = messages.map((m, k) => {
    const flag = scope.flag(m.path);
    const words = m.text ? wordCount(m.text) : 0;
    return html`<li class="ik-msg ${flag.cls}" data-path="${m.path.join('.')}"${flag.title ? html` title="${flag.title}"` : ''}><span class="ik-msg-number" aria-hidden="true">${k + 1}</span><div class="ik-msg-body"><p class="ik-msg-text"${m.text ? html` data-path="${m.path.join('.')}${isObj(list(data.messages)[m.index]) ? '.text' : ''}"` : ''}>${m.text ?? html`<span class="ik-missing">No text yet</span>`}</p><div class="ik-msg-meters">${meter(words, maxWords, 'words', 'ik-meter-words')}${meter(secondsToSay(words), maxSeconds, 'seconds', 'ik-meter-seconds')}</div>${m.support.length ? html`<ul class="ik-msg-support">${m.support.map((s) => html`<li data-path="${m.path.join('.')}.support.${s.index}">${s.text}</li>`)}</ul>` : ''}</div></li>`;
  });
  const list_ = messages.length ? html`<ol class="ik-msgs">${cards}</ol>` : empty('No key messages yet: three at most, 27 words in all.');
  return { title, body: article(scope, html`${header(scope, title)}${top}${totals}${list_}${scope.checks(paths)}`).value };
}
