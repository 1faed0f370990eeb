/** Stands in for src/extension/preview in the adapter tests: the preview has tests of its own. */
export const calls: unknown[] = [];

export function registerPreview(context: unknown, host: unknown): void {
  calls.push({ context, host });
}

export function extendMarkdownIt<T>(md: T): T {
  return md;
}
