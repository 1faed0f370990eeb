/**
 * A stylesheet applied to an SVG ahead of time: every element gets the values the cascade gives
 * it as presentation attributes, custom properties (`var()`) and `color-mix()` resolved to plain
 * colours, and the `<style>` is dropped. Rasterisers such as resvg read presentation attributes
 * but not CSS variables, and our diagrams colour everything through `--ik-*` and `--tone`.
 *
 * The cascade is the part of CSS our stylesheet uses: type, class, `*`, `:root`, `:not()` and
 * `:first-child` in compounds joined by descendant or child combinators, specificity, source
 * order and `!important`. Rules for HTML (pseudo-elements, sibling combinators) never match here.
 */

/** The properties an SVG element can take as attributes; the page-layout rest of the sheet is left out. */
const SVG_PROPERTIES = new Set([
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'opacity',
  'paint-order',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'letter-spacing',
  'text-decoration',
  'text-anchor',
  'dominant-baseline',
  'visibility',
]);
const COLOR_PROPERTIES = new Set(['fill', 'stroke']);

interface Compound {
  type?: string;
  classes: string[];
  not: string[][];
  root: boolean;
  firstChild: boolean;
}

interface Selector {
  /** Right to left: the subject first, each with the combinator that joins it to the next one. */
  compounds: { compound: Compound; combinator: ' ' | '>' }[];
  specificity: number;
}

interface Declaration {
  property: string;
  value: string;
  important: boolean;
}

interface Rule {
  selector: Selector;
  declarations: Declaration[];
  order: number;
}

interface Element {
  name: string;
  classes: Set<string>;
  parent?: Element;
  firstChild: boolean;
}

/** The rules of a stylesheet, without at-rules: `@media` blocks are for pages and print, not files. */
function parseSheet(css: string): Rule[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: Rule[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    const prelude = text.slice(i, open).trim();
    const close = blockEnd(text, open);
    if (!prelude.startsWith('@')) {
      const declarations = parseDeclarations(text.slice(open + 1, close));
      for (const part of splitTop(prelude, ',')) {
        const selector = parseSelector(part.trim());
        if (selector) rules.push({ selector, declarations, order: rules.length });
      }
    }
    i = close + 1;
  }
  return rules;
}

/** The `}` that closes the block opened at `open`, nested blocks and strings skipped. */
function blockEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") i = text.indexOf(c, i + 1) < 0 ? text.length : text.indexOf(c, i + 1);
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return text.length;
}

/** Splits on `separator` outside parentheses and strings. */
function splitTop(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function parseDeclarations(block: string): Declaration[] {
  const declarations: Declaration[] = [];
  for (const part of splitTop(block, ';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const property = part.slice(0, colon).trim();
    let value = part.slice(colon + 1).trim();
    const important = /!\s*important$/i.test(value);
    if (important) value = value.replace(/!\s*important$/i, '').trim();
    if (property && value) declarations.push({ property, value, important });
  }
  return declarations;
}

const COMPOUND_PART = /^(?:\.([\w-]+)|:not\(\s*\.([\w-]+)((?:\.[\w-]+)*)\s*\)|:(root|first-child))/;

/** A compound selector (`text.ik-flag:not(.ik-x)`), or undefined when it can never match an SVG element. */
function parseCompound(text: string): Compound | undefined {
  const compound: Compound = { classes: [], not: [], root: false, firstChild: false };
  let rest = text;
  const type = /^(\*|[a-zA-Z][\w-]*)/.exec(rest);
  if (type) {
    if (type[1] !== '*') compound.type = type[1];
    rest = rest.slice(type[1].length);
  }
  while (rest) {
    const m = COMPOUND_PART.exec(rest);
    if (!m) return undefined;
    if (m[1]) compound.classes.push(m[1]);
    else if (m[2]) compound.not.push([m[2], ...m[3].split('.').filter(Boolean)]);
    else if (m[4] === 'root') compound.root = true;
    else compound.firstChild = true;
    rest = rest.slice(m[0].length);
  }
  return compound;
}

function parseSelector(text: string): Selector | undefined {
  const tokens = text.replace(/\s*>\s*/g, ' > ').split(/\s+/).filter(Boolean);
  const compounds: Selector['compounds'] = [];
  let specificity = 0;
  let combinator: ' ' | '>' = ' ';
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i];
    if (token === '>') {
      combinator = '>';
      continue;
    }
    const compound = parseCompound(token);
    if (!compound) return undefined;
    if (compounds.length) compounds[compounds.length - 1].combinator = combinator;
    compounds.push({ compound, combinator: ' ' });
    combinator = ' ';
    specificity += (compound.classes.length + compound.not.reduce((s, n) => s + n.length, 0) + (compound.root || compound.firstChild ? 1 : 0)) * 1000 + (compound.type ? 1 : 0);
  }
  return compounds.length ? { compounds, specificity } : undefined;
}

function matchesCompound(c: Compound, e: Element): boolean {
  if (c.type && c.type !== e.name) return false;
  if (c.root && e.parent) return false;
  if (c.firstChild && !e.firstChild) return false;
  for (const cls of c.classes) if (!e.classes.has(cls)) return false;
  for (const not of c.not) if (not.every((cls) => e.classes.has(cls))) return false;
  return true;
}

function matches(selector: Selector, element: Element): boolean {
  const [subject, ...ancestors] = selector.compounds;
  if (!matchesCompound(subject.compound, element)) return false;
  return matchAncestors(ancestors, 0, element.parent, subject.combinator);
}

function matchAncestors(compounds: Selector['compounds'], index: number, from: Element | undefined, combinator: ' ' | '>'): boolean {
  if (index === compounds.length) return true;
  for (let e = from; e; e = e.parent) {
    if (matchesCompound(compounds[index].compound, e) && matchAncestors(compounds, index + 1, e.parent, compounds[index].combinator)) return true;
    if (combinator === '>') return false;
  }
  return false;
}

/** Rules by the key of their subject (a class, else the type, else `*`), so an element tests only its candidates. */
class Sheet {
  private readonly byKey = new Map<string, Rule[]>();
  constructor(css: string) {
    for (const rule of parseSheet(css)) {
      const subject = rule.selector.compounds[0].compound;
      const key = subject.classes[0] ? `.${subject.classes[0]}` : subject.type ?? '*';
      (this.byKey.get(key) ?? this.byKey.set(key, []).get(key)!).push(rule);
    }
  }

  /** The declarations that apply to an element, lowest priority first. */
  declarations(element: Element): Declaration[] {
    const candidates = [...(this.byKey.get('*') ?? []), ...(this.byKey.get(element.name) ?? [])];
    for (const cls of element.classes) candidates.push(...(this.byKey.get(`.${cls}`) ?? []));
    const matched = candidates.filter((r) => matches(r.selector, element));
    const entries = matched.flatMap((r) => r.declarations.map((d) => ({ d, specificity: r.selector.specificity, order: r.order })));
    entries.sort((a, b) => Number(a.d.important) - Number(b.d.important) || a.specificity - b.specificity || a.order - b.order);
    return entries.map((e) => e.d);
  }
}

/** `var(--x, fallback)` replaced from the element's custom properties; undefined when one cannot be. */
function resolveVars(value: string, custom: ReadonlyMap<string, string>, depth = 0): string | undefined {
  if (depth > 20) return undefined;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const at = value.indexOf('var(', i);
    if (at < 0) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, at);
    let depthParen = 0;
    let end = at + 3;
    for (; end < value.length; end++) {
      if (value[end] === '(') depthParen++;
      else if (value[end] === ')' && --depthParen === 0) break;
    }
    const inner = value.slice(at + 4, end);
    const comma = splitTop(inner, ',');
    const name = comma[0].trim();
    const fallback = comma.length > 1 ? comma.slice(1).join(',').trim() : undefined;
    const own = custom.get(name);
    const resolved = own !== undefined ? resolveVars(own, custom, depth + 1) : fallback !== undefined ? resolveVars(fallback, custom, depth + 1) : undefined;
    if (resolved === undefined) return undefined;
    out += resolved;
    i = end + 1;
  }
  return out;
}

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

function parseColor(text: string): Rgba | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(t)?.[1];
  if (!hex) return undefined;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return { r: parseInt(full.slice(0, 2), 16), g: parseInt(full.slice(2, 4), 16), b: parseInt(full.slice(4, 6), 16), a: 1 };
}

/** `color-mix(in srgb, A p%, B q%)`, as CSS Color 5 mixes: premultiplied by alpha, in sRGB. */
function colorMix(args: string): Rgba | undefined {
  const [space, first, second] = splitTop(args, ',').map((s) => s.trim());
  if (space !== 'in srgb' || first === undefined || second === undefined) return undefined;
  const part = (s: string) => {
    const m = /^(.*?)(?:\s+([\d.]+)%)?$/.exec(s)!;
    const color = m[1].startsWith('color-mix(') ? evaluateColor(m[1]) : parseColor(m[1]);
    return { color, p: m[2] === undefined ? undefined : Number(m[2]) / 100 };
  };
  const a = part(first);
  const b = part(second);
  if (!a.color || !b.color) return undefined;
  const pa = a.p ?? (b.p === undefined ? 0.5 : 1 - b.p);
  const pb = b.p ?? 1 - pa;
  const alpha = a.color.a * pa + b.color.a * pb;
  if (alpha === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const mix = (x: number, y: number) => (x * a.color!.a * pa + y * b.color!.a * pb) / alpha;
  return { r: mix(a.color.r, b.color.r), g: mix(a.color.g, b.color.g), b: mix(a.color.b, b.color.b), a: Math.min(1, alpha) };
}

function evaluateColor(text: string): Rgba | undefined {
  const t = text.trim();
  const m = /^color-mix\(([\s\S]*)\)$/.exec(t);
  return m ? colorMix(m[1]) : parseColor(t);
}

function hexOf(c: Rgba): string {
  return `#${[c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** The attributes a colour property becomes: the colour, and its opacity when it is see-through. */
function colorAttributes(property: string, value: string): [string, string][] {
  if (!/color-mix\(|transparent/.test(value)) return [[property, value]];
  const color = evaluateColor(value);
  if (!color) return [];
  if (color.a === 0) return [[property, 'none']];
  const out: [string, string][] = [[property, hexOf(color)]];
  if (color.a < 1) out.push([`${property}-opacity`, String(Math.round(color.a * 1000) / 1000)]);
  return out;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

const TOKEN = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/[^>]*>|<([a-zA-Z][\w:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The SVG with `css` applied to it: presentation attributes on each element instead of the
 * `<style>` elements (removed), and a background rectangle when the root has a background colour.
 */
export function inlineStyles(svg: string, css: string): string {
  const sheet = new Sheet(css);
  const stack: { element: Element; custom: Map<string, string>; children: number }[] = [];
  let out = '';
  let last = 0;
  let skipUntil = -1;
  for (const m of svg.matchAll(TOKEN)) {
    const index = m.index ?? 0;
    if (index < skipUntil) continue;
    out += svg.slice(last, index);
    last = index + m[0].length;
    const token = m[0];
    if (token.startsWith('</')) {
      stack.pop();
      out += token;
      continue;
    }
    if (!m[1]) {
      out += token;
      continue;
    }
    const name = m[1];
    if (name === 'style') {
      // The sheet is applied: the element and its content go.
      const end = svg.indexOf('</style>', last);
      last = end < 0 ? svg.length : end + '</style>'.length;
      skipUntil = last;
      continue;
    }
    const attributes: [string, string][] = [...m[2].matchAll(ATTRIBUTE)].map((a) => [a[1], a[2] ?? a[3] ?? '']);
    const parent = stack.at(-1);
    const element: Element = {
      name,
      classes: new Set((attributes.find(([k]) => k === 'class')?.[1] ?? '').split(/\s+/).filter(Boolean)),
      parent: parent?.element,
      firstChild: parent ? parent.children === 0 : true,
    };
    if (parent) parent.children++;
    const declarations = sheet.declarations(element);
    const custom = new Map(parent?.custom);
    for (const d of declarations) if (d.property.startsWith('--')) custom.set(d.property, d.value);
    const computed = new Map<string, string>();
    for (const d of declarations) {
      if (d.property.startsWith('--')) continue;
      if (!SVG_PROPERTIES.has(d.property) && !(d.property === 'background' && !parent)) continue;
      const value = resolveVars(d.value, custom);
      if (value === undefined) computed.delete(d.property);
      else computed.set(d.property, value);
    }
    const styled: [string, string][] = [];
    for (const [property, value] of computed) {
      if (property === 'background') continue;
      // SVG 1.1 knows weights in hundreds only: resvg draws 650 as normal, so it becomes 700, as CSS would pick.
      if (property === 'font-weight' && /^\d+$/.test(value) && Number(value) % 100) {
        styled.push([property, String(Math.min(900, Math.max(100, Math.round(Number(value) / 100) * 100)))]);
        continue;
      }
      styled.push(...(COLOR_PROPERTIES.has(property) ? colorAttributes(property, value) : [[property, value] as [string, string]]));
    }
    const names = new Set(styled.map(([k]) => k));
    const kept = attributes.filter(([k]) => !names.has(k));
    const selfClosing = m[3] === '/';
    // Kept attributes are written as they were (already escaped); computed values are escaped here.
    const written = [...kept.map(([k, v]) => ` ${k}="${v}"`), ...styled.map(([k, v]) => ` ${k}="${escapeAttribute(k === 'font-family' ? v.replace(/"/g, "'") : v)}"`)];
    out += `<${name}${written.join('')}${selfClosing ? '/' : ''}>`;
    if (!parent) {
      const background = computed.get('background');
      const fill = background ? colorAttributes('fill', background) : [];
      if (fill.length && fill[0][1] !== 'none') out += `<rect class="ik-background" width="100%" height="100%"${fill.map(([k, v]) => ` ${k}="${v}"`).join('')}/>`;
    }
    if (!selfClosing) stack.push({ element, custom, children: 0 });
  }
  return out + svg.slice(last);
}
