import { PNG } from 'pngjs';

export interface Ink {
  width: number;
  height: number;
  /** The most common colour, as `#rrggbb`: the page background. */
  background: string;
  /** Share of pixels that differ clearly from the background (0..1). */
  inked: number;
  /** Distinct colours, counted on 4-bit channels so that antialiasing noise does not inflate it. */
  colours: number;
}

const hex = (v: number) => v.toString(16).padStart(2, '0');

/** What a screenshot holds beyond its background: a blank or one-colour page fails the thresholds. */
export function inkOf(png: Buffer): Ink {
  const image = PNG.sync.read(png);
  const { width, height, data } = image;
  const counts = new Map<number, number>();
  const coarse = new Set<number>();
  for (let i = 0; i < data.length; i += 4) {
    const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
    coarse.add(((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4));
  }
  let bg = 0;
  let best = -1;
  for (const [rgb, count] of counts) if (count > best) [bg, best] = [rgb, count];
  const [br, bgG, bb] = [(bg >> 16) & 255, (bg >> 8) & 255, bg & 255];
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - br) + Math.abs(data[i + 1] - bgG) + Math.abs(data[i + 2] - bb) > 48) inked++;
  }
  return { width, height, background: `#${hex(br)}${hex(bgG)}${hex(bb)}`, inked: inked / (width * height), colours: coarse.size };
}

/** Relative luminance of `#rrggbb` (0 black .. 1 white). */
export function luminance(colour: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(colour.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
