/** Spoken length of key messages: 27 words or fewer, said in about 9 seconds (SCALE Initiative report, 2014). */

/** Words said per second when a message is spoken: 27 words take about 9 seconds. */
export const WORDS_PER_SECOND = 3;

/** Words of a text: runs separated by white space that hold a letter or digit ("K-12" is one, "—" none). */
export function wordCount(value: string): number {
  let n = 0;
  for (const token of value.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) n++;
  return n;
}

/** Seconds it takes to say so many words aloud, rounded up: 27 words ≈ 9 seconds. */
export function secondsToSay(words: number): number {
  return Math.ceil(words / WORDS_PER_SECOND);
}
