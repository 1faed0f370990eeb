/**
 * One notion of a party (DESIGN §1.1, §1.4): a roster id, a roster name and case variants of
 * either name the same person or group; a string naming several parties ("Teachers Association,
 * School Board") is read the same way in every RAPID role.
 */

/** A roster entry as the party model needs it. */
export interface RosterEntry {
  id: string;
  name?: string;
}

/** Text as a key when no roster knows it: trimmed, lower case, runs of spaces collapsed. */
export function plainKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The parties of a workspace's rosters: who is a person or group, and under which key. */
export class Parties {
  private readonly keys = new Map<string, string>();

  constructor(entries: Iterable<RosterEntry>) {
    for (const e of entries) {
      const id = plainKey(e.id);
      if (!id) continue;
      // An id is its own key first; a name never takes over another entry's id.
      this.keys.set(id, id);
    }
    for (const e of entries) {
      const id = plainKey(e.id);
      const name = e.name === undefined ? '' : plainKey(e.name);
      if (id && name && !this.keys.has(name)) this.keys.set(name, id);
    }
  }

  /** Whether a roster lists this text, by id or name, in any case. */
  has(text: string): boolean {
    return this.keys.has(plainKey(text));
  }

  /** The canonical key of a party: its roster id (lower case) when a roster knows it, else the text as a plain key. */
  key(text: string): string {
    const plain = plainKey(text);
    return this.keys.get(plain) ?? plain;
  }
}

// ---- several parties in one string ----

/** Words that name an office, a body or a group of people. */
const PARTY_WORDS = new Set([
  'board', 'trustee', 'superintendent', 'supt', 'deputy', 'principal', 'ap', 'director', 'chief', 'officer', 'ceo', 'cao', 'cfo',
  'coo', 'cto', 'cio', 'hr', 'cabinet', 'council', 'committee', 'union', 'association', 'president', 'manager', 'lead', 'leader',
  'coordinator', 'teacher', 'staff', 'commissioner', 'head', 'dean', 'administrator', 'admin', 'parent', 'office', 'department',
  'dept', 'coach', 'counselor', 'secretary', 'mayor', 'governor', 'legislature', 'chair', 'executive', 'founder', 'analyst',
  'specialist', 'team', 'panel', 'cmo',
]);

/** Words that name an area of work: "Student Services", "Teaching and Learning" are not people. */
const AREA_WORDS = new Set([
  'services', 'service', 'education', 'learning', 'teaching', 'instruction', 'curriculum', 'resources', 'programs', 'program',
  'support', 'supports', 'engagement', 'operations', 'finance', 'assessment', 'accountability', 'research', 'development',
  'technology', 'facilities', 'transportation', 'nutrition', 'safety', 'equity', 'planning', 'communications', 'policy',
  'evaluation', 'innovation', 'improvement', 'family', 'community', 'student', 'students', 'special', 'early', 'college', 'career',
]);

const STRONG_SEPARATOR = /\s*[,;]\s*/;
const SEPARATOR = /\s*(?:[,;/&+]|\band\s*\/\s*or\b|\band\b)\s*/i;

/** Whether a roster knows a text (by id or name); without a roster, nothing is known. */
export type Known = (text: string) => boolean;
const NONE: Known = () => false;

function looksLikeParty(part: string, known: Known): boolean {
  if (known(part)) return true;
  // An acronym: CAO, HR.
  if (/^[A-Z]{2,6}s?$/.test(part)) return true;
  const words = part.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (words.some((w) => PARTY_WORDS.has(w) || (w.endsWith('s') && PARTY_WORDS.has(w.slice(0, -1))))) return true;
  if (words.some((w) => AREA_WORDS.has(w))) return false;
  // A person's name: two to four capitalised words, perhaps after a title ("Dr. Elena Marsh").
  return /^(?:(?:Dr|Mr|Mrs|Ms|Mx)\.?\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){1,3}$/.test(part);
}

/**
 * The parties one string names: "Board and Superintendent", "supt, cao", "CAO/CFO" name two.
 * "," and ";" always separate; "/", "&", "+" and "and" separate only when every part reads as a
 * party ("Director of Teaching and Learning" is one party), and a string that is itself a roster
 * name ("Board of Education") is one party. Repeats (by plain key) are dropped.
 */
export function splitParties(value: string, known: Known = NONE): string[] {
  const whole = value.trim();
  if (!whole) return [];
  if (known(whole)) return [whole];
  const out: string[] = [];
  for (const chunk of whole.split(STRONG_SEPARATOR).filter(Boolean)) {
    const parts = chunk
      .split(SEPARATOR)
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length > 1 && !known(chunk) && parts.every((p) => looksLikeParty(p, known))) out.push(...parts);
    else out.push(chunk);
  }
  return distinctParties(out.map((p) => p.replace(/^(?:and|&)\s+/i, '').trim()).filter(Boolean));
}

/** Parties without repeats, in the order written; `key` says when two are the same (plain keys by default). */
export function distinctParties(names: readonly string[], key: (text: string) => string = plainKey): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const k = key(n);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Each party a role value names, with the index of its list entry (undefined for a plain value). */
export function partyEntries(value: unknown, known: Known = NONE): Array<{ party: string; entry?: number }> {
  const one = (v: unknown): string[] => (typeof v === 'string' ? splitParties(v, known) : typeof v === 'number' || typeof v === 'boolean' ? [String(v)] : []);
  if (Array.isArray(value)) return value.flatMap((v, i) => one(v).map((party) => ({ party, entry: i })));
  return one(value).map((party) => ({ party }));
}

/** The parties a role value names: a list, or a string with separators; without repeats. */
export function partiesOf(value: unknown, known: Known = NONE, key: (text: string) => string = plainKey): string[] {
  return distinctParties(
    partyEntries(value, known).map((e) => e.party),
    key,
  );
}
