/**
 * SVG → PNG without a browser: resvg compiled to WebAssembly, so the same code draws in the CLI,
 * in desktop VS Code and in a web extension host. Each front end loads the `.wasm` and the fonts
 * its own way (a file, an extension resource) and passes the bytes in.
 *
 * resvg reads no CSS variables and knows no system fonts: draw the flattened export
 * (`renderSvgs(doc, { flat: true, fontFamily: PNG_FONT_STACK })`) with the fonts shipped in `media/`.
 */
import { initWasm, Resvg } from '@resvg/resvg-wasm';

/**
 * The shipped face (media/DejaVuSansCondensed*.ttf), whose family is "DejaVu Sans": the condensed
 * cut, because the renderers estimate text widths for common UI fonts and DejaVu Sans Bold is
 * wider than those estimates allow (a title ran past the picture's edge).
 */
export const PNG_FONT_FAMILY = 'DejaVu Sans';
export const PNG_FONT_STACK = `"${PNG_FONT_FAMILY}",sans-serif`;
/** resvg's WebAssembly, copied there by esbuild.js; relative to the extension or package root. */
export const PNG_WASM_FILE = 'dist/resvg.wasm';
/** The files of the shipped face, relative to the extension or package root. */
export const PNG_FONT_FILES = ['media/DejaVuSansCondensed.ttf', 'media/DejaVuSansCondensed-Bold.ttf'] as const;

export interface Rasteriser {
  /** The bytes (or compiled module) of resvg's `index_bg.wasm`. */
  wasm: BufferSource | WebAssembly.Module;
  /** TrueType fonts the text is drawn with. */
  fonts: readonly Uint8Array[];
}

export interface PngImage {
  png: Uint8Array;
  width: number;
  height: number;
}

/** The boxes a PNG is fitted into: a 1920 × 1080 slide, or A4 at 150 dpi for paper. */
export const PNG_BOX = {
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1240, height: 1754 },
} as const;

// WebAssembly is instantiated once per process (resvg refuses a second `initWasm`).
let started: Promise<void> | undefined;

function ready(wasm: Rasteriser['wasm']): Promise<void> {
  started ??= initWasm(wasm).catch((error: unknown) => {
    started = undefined;
    throw error;
  });
  return started;
}

/** The diagram's size in user units, from its `viewBox`. */
export function svgSize(svg: string): { width: number; height: number } | undefined {
  const box = /<svg\b[^>]*\sviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  return box ? { width: Number(box[1]), height: Number(box[2]) } : undefined;
}

/** The pixel width that fits the diagram into the layout's box, as large as it goes. */
export function pngWidth(svg: string, layout: 'landscape' | 'portrait' = 'landscape'): number {
  const size = svgSize(svg);
  const box = PNG_BOX[layout];
  if (!size || !size.width || !size.height) return box.width;
  const scale = Math.min(box.width / size.width, box.height / size.height);
  return Math.max(1, Math.floor(size.width * scale));
}

/** Draws a flattened SVG as a PNG `width` pixels wide (the height follows its proportions). */
export async function svgToPng(svg: string, rasteriser: Rasteriser, width: number): Promise<PngImage> {
  await ready(rasteriser.wasm);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width) },
    font: {
      fontBuffers: [...rasteriser.fonts],
      defaultFontFamily: PNG_FONT_FAMILY,
      sansSerifFamily: PNG_FONT_FAMILY,
    },
    shapeRendering: 2,
    textRendering: 1,
  });
  try {
    const image = resvg.render();
    try {
      return { png: image.asPng(), width: image.width, height: image.height };
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
