/**
 * Small layout algorithms for the diagrams: a layered (Sugiyama-style) layout for driver
 * diagrams and a tidy tree for org charts. No dependency: the graphs are small (tens of nodes).
 */

// ---------------------------------------------------------------- layered layout

export interface LayerNode {
  key: string;
  height: number;
}

/** An edge from a node of a lower layer (left) to a node of a higher layer (right). */
export interface LayerEdge {
  left: string;
  right: string;
}

export interface LayeredLayout {
  /** Node keys per layer, in drawing order (top to bottom), dummies included. */
  order: string[][];
  /** Top of each node (dummies included). */
  top: Map<string, number>;
  /** Height of each node (dummies included). */
  heightOf: Map<string, number>;
  /** Total height. */
  height: number;
  /** Each input edge with the points it passes in the layers it skips (centres of its dummies). */
  routes: Array<{ edge: LayerEdge; via: Array<{ layer: number; y: number }> }>;
  /** Edge crossings of the chosen order (between adjacent layers, dummies included). */
  crossings: number;
}

const DUMMY = '\u0000dummy:';

/**
 * Lays out nodes in given layers: orders each layer to keep edge crossings low (barycentric
 * sweeps with adjacent swaps, dummy nodes on edges that skip layers), then places nodes
 * vertically near the centre of their neighbours without overlap.
 */
export function layered(layers: readonly LayerNode[][], edges: readonly LayerEdge[], gap: number, dummyHeight = 6): LayeredLayout {
  const layerOf = new Map<string, number>();
  const heightOf = new Map<string, number>();
  const order: string[][] = layers.map((layer, l) =>
    layer.map((node) => {
      layerOf.set(node.key, l);
      heightOf.set(node.key, node.height);
      return node.key;
    }),
  );
  // Adjacent-layer segments; edges skipping layers go through one dummy per skipped layer.
  const up = new Map<string, string[]>(); // neighbours in the layer to the left
  const down = new Map<string, string[]>(); // neighbours in the layer to the right
  const link = (a: string, b: string) => {
    (down.get(a) ?? down.set(a, []).get(a)!).push(b);
    (up.get(b) ?? up.set(b, []).get(b)!).push(a);
  };
  const routes: Array<{ edge: LayerEdge; dummies: string[] }> = [];
  let dummyCount = 0;
  for (const edge of edges) {
    const la = layerOf.get(edge.left);
    const lb = layerOf.get(edge.right);
    if (la === undefined || lb === undefined || la >= lb) continue;
    let previous = edge.left;
    const dummies: string[] = [];
    for (let l = la + 1; l < lb; l++) {
      const d = `${DUMMY}${dummyCount++}`;
      layerOf.set(d, l);
      heightOf.set(d, dummyHeight);
      order[l].push(d);
      dummies.push(d);
      link(previous, d);
      previous = d;
    }
    link(previous, edge.right);
    routes.push({ edge, dummies });
  }

  orderLayers(order, up, down);
  const crossings = totalCrossings(order, down);
  const top = placeVertically(order, heightOf, up, down, gap);

  let height = 0;
  for (const [key, y] of top) height = Math.max(height, y + heightOf.get(key)!);
  return {
    order,
    top,
    heightOf,
    height,
    crossings,
    routes: routes.map(({ edge, dummies }) => ({
      edge,
      via: dummies.map((d) => ({ layer: layerOf.get(d)!, y: top.get(d)! + heightOf.get(d)! / 2 })),
    })),
  };
}

export function isDummy(key: string): boolean {
  return key.startsWith(DUMMY);
}

function positions(layer: readonly string[]): Map<string, number> {
  return new Map(layer.map((k, i) => [k, i]));
}

function crossingsBetween(left: readonly string[], right: readonly string[], down: Map<string, string[]>): number {
  const pr = positions(right);
  const segments: Array<[number, number]> = [];
  left.forEach((k, i) => {
    for (const r of down.get(k) ?? []) {
      const j = pr.get(r);
      if (j !== undefined) segments.push([i, j]);
    }
  });
  let count = 0;
  for (let a = 0; a < segments.length; a++) {
    for (let b = a + 1; b < segments.length; b++) {
      if ((segments[a][0] - segments[b][0]) * (segments[a][1] - segments[b][1]) < 0) count++;
    }
  }
  return count;
}

function totalCrossings(order: readonly string[][], down: Map<string, string[]>): number {
  let total = 0;
  for (let l = 0; l + 1 < order.length; l++) total += crossingsBetween(order[l], order[l + 1], down);
  return total;
}

function sortByBarycentre(layer: string[], reference: readonly string[], neighbours: Map<string, string[]>): void {
  const pos = positions(reference);
  const keyed = layer.map((k, i) => {
    const ns = (neighbours.get(k) ?? []).map((n) => pos.get(n)).filter((p): p is number => p !== undefined);
    // A node without neighbours on that side keeps its place.
    const bary = ns.length ? ns.reduce((s, p) => s + p, 0) / ns.length : undefined;
    return { k, i, bary };
  });
  // Nodes without a barycentre stay where they are; the others are sorted into the remaining slots.
  const movable = keyed.filter((e) => e.bary !== undefined).sort((a, b) => a.bary! - b.bary! || a.i - b.i);
  let m = 0;
  for (let i = 0; i < layer.length; i++) {
    if (keyed[i].bary !== undefined) layer[i] = movable[m++].k;
  }
}

/** Swaps neighbours in a layer while that lowers the crossings with both adjacent layers. */
function transpose(order: string[][], l: number, down: Map<string, string[]>): boolean {
  const layer = order[l];
  const local = () =>
    (l > 0 ? crossingsBetween(order[l - 1], layer, down) : 0) + (l + 1 < order.length ? crossingsBetween(layer, order[l + 1], down) : 0);
  let improved = false;
  let current = local();
  for (let i = 0; i + 1 < layer.length; i++) {
    [layer[i], layer[i + 1]] = [layer[i + 1], layer[i]];
    const next = local();
    if (next < current) {
      current = next;
      improved = true;
    } else [layer[i], layer[i + 1]] = [layer[i + 1], layer[i]];
  }
  return improved;
}

function orderLayers(order: string[][], up: Map<string, string[]>, down: Map<string, string[]>): void {
  let best = order.map((l) => [...l]);
  let bestCount = totalCrossings(order, down);
  const size = order.reduce((s, l) => s + l.length, 0);
  const sweeps = size > 400 ? 4 : 12;
  for (let sweep = 0; sweep < sweeps && bestCount > 0; sweep++) {
    for (let l = 1; l < order.length; l++) sortByBarycentre(order[l], order[l - 1], up);
    for (let l = order.length - 2; l >= 0; l--) sortByBarycentre(order[l], order[l + 1], down);
    if (size <= 200) for (let l = 0; l < order.length; l++) transpose(order, l, down);
    const count = totalCrossings(order, down);
    if (count < bestCount) {
      bestCount = count;
      best = order.map((l) => [...l]);
    }
  }
  for (let l = 0; l < order.length; l++) order[l] = best[l];
}

/**
 * Places the items of one column at the tops they want, in their order, at least `gap` apart,
 * moving each as little as it can (least squares: overlapping items are merged into blocks
 * centred on the mean of what they want).
 */
export function pack(desiredTops: readonly number[], heights: readonly number[], gap: number): number[] {
  interface Block {
    first: number;
    last: number;
    /** Sum over its items of (desired top − offset in the block). */
    sum: number;
    count: number;
    height: number;
  }
  const blocks: Block[] = [];
  const topOf = (b: Block) => b.sum / b.count;
  for (let i = 0; i < desiredTops.length; i++) {
    let block: Block = { first: i, last: i, sum: desiredTops[i], count: 1, height: heights[i] };
    while (blocks.length) {
      const previous = blocks[blocks.length - 1];
      if (topOf(previous) + previous.height + gap <= topOf(block)) break;
      blocks.pop();
      const shift = previous.height + gap;
      block = {
        first: previous.first,
        last: block.last,
        sum: previous.sum + block.sum - block.count * shift,
        count: previous.count + block.count,
        height: previous.height + gap + block.height,
      };
    }
    blocks.push(block);
  }
  const tops: number[] = new Array(desiredTops.length);
  for (const b of blocks) {
    let y = topOf(b);
    for (let i = b.first; i <= b.last; i++) {
      tops[i] = y;
      y += heights[i] + gap;
    }
  }
  return tops;
}

function placeVertically(
  order: readonly string[][],
  heightOf: Map<string, number>,
  up: Map<string, string[]>,
  down: Map<string, string[]>,
  gap: number,
): Map<string, number> {
  const top = new Map<string, number>();
  const centre = (k: string) => top.get(k)! + heightOf.get(k)! / 2;
  const columnHeight = (layer: readonly string[]) => layer.reduce((s, k) => s + heightOf.get(k)!, 0) + Math.max(0, layer.length - 1) * gap;

  const place = (l: number, neighbours: (k: string) => string[]) => {
    const layer = order[l];
    const desired: number[] = [];
    const heights = layer.map((k) => heightOf.get(k)!);
    layer.forEach((k, i) => {
      const placed = neighbours(k).filter((n) => top.has(n));
      if (placed.length) desired.push(placed.reduce((s, n) => s + centre(n), 0) / placed.length - heights[i] / 2);
      else if (top.has(k)) desired.push(top.get(k)!);
      else desired.push(i === 0 ? 0 : desired[i - 1] + heights[i - 1] + gap);
    });
    pack(desired, heights, gap).forEach((y, i) => top.set(layer[i], y));
  };

  // The tallest column is stacked first; the others settle around it.
  let anchor = 0;
  for (let l = 1; l < order.length; l++) if (columnHeight(order[l]) > columnHeight(order[anchor])) anchor = l;
  let y = 0;
  for (const k of order[anchor]) {
    top.set(k, y);
    y += heightOf.get(k)! + gap;
  }
  for (let l = anchor - 1; l >= 0; l--) place(l, (k) => down.get(k) ?? []);
  for (let l = anchor + 1; l < order.length; l++) place(l, (k) => up.get(k) ?? []);
  const both = (k: string) => [...(up.get(k) ?? []), ...(down.get(k) ?? [])];
  for (let pass = 0; pass < 2; pass++) {
    for (let l = 0; l < order.length; l++) place(l, both);
    for (let l = order.length - 1; l >= 0; l--) place(l, both);
  }
  let min = Infinity;
  for (const v of top.values()) min = Math.min(min, v);
  if (Number.isFinite(min)) for (const [k, v] of top) top.set(k, v - min);
  return top;
}

// ---------------------------------------------------------------- tidy tree

export interface TreeBox {
  x: number;
  y: number;
  /** Laid out as a stacked list under its parent (many leaves), not side by side. */
  stacked: boolean;
}

export interface TreeLayout {
  boxes: Map<string, TreeBox>;
  width: number;
  height: number;
}

/**
 * A top-down tree: children side by side and their parent centred above them; a parent whose
 * children are all leaves, and more than `stackAbove` of them, gets them stacked in a column
 * (as org charts do), which keeps wide teams readable.
 */
export function tidyTree(
  roots: readonly string[],
  children: (key: string) => readonly string[],
  box: { width: number; height: number },
  spacing: { x: number; y: number; stackGap: number; stackIndent: number; stackAbove: number },
): TreeLayout {
  const boxes = new Map<string, TreeBox>();
  const seen = new Set<string>();

  /** Lays out a subtree with its left edge at x and top at y; returns its width and height. */
  const layout = (key: string, x: number, y: number): { width: number; height: number } => {
    seen.add(key);
    const kids = children(key).filter((k) => !seen.has(k));
    kids.forEach((k) => seen.add(k));
    if (!kids.length) {
      boxes.set(key, { x, y, stacked: false });
      return { width: box.width, height: box.height };
    }
    const allLeaves = kids.every((k) => children(k).every((g) => seen.has(g)));
    if (allLeaves && kids.length > spacing.stackAbove) {
      boxes.set(key, { x, y, stacked: false });
      let cy = y + box.height + spacing.y / 2;
      for (const k of kids) {
        boxes.set(k, { x: x + spacing.stackIndent, y: cy, stacked: true });
        cy += box.height + spacing.stackGap;
      }
      return { width: box.width + spacing.stackIndent, height: cy - spacing.stackGap - y };
    }
    let cx = x;
    let height = 0;
    const childY = y + box.height + spacing.y;
    for (const k of kids) {
      const sub = layout(k, cx, childY);
      cx += sub.width + spacing.x;
      height = Math.max(height, childY - y + sub.height);
    }
    const span = cx - spacing.x - x;
    const first = boxes.get(kids[0])!;
    const last = boxes.get(kids[kids.length - 1])!;
    const mid = (first.x + last.x + box.width) / 2;
    let px = mid - box.width / 2;
    let width = span;
    if (span < box.width) {
      // A parent wider than its children: centre the children under it.
      const shift = (box.width - span) / 2;
      shiftSubtree(kids, shift);
      px = x;
      width = box.width;
    }
    boxes.set(key, { x: px, y, stacked: false });
    return { width, height };
  };

  const shiftSubtree = (keys: readonly string[], dx: number) => {
    const stack = [...keys];
    const done = new Set<string>();
    while (stack.length) {
      const k = stack.pop()!;
      if (done.has(k)) continue;
      done.add(k);
      const b = boxes.get(k);
      if (b) b.x += dx;
      for (const c of children(k)) if (boxes.has(c) && !done.has(c)) stack.push(c);
    }
  };

  let x = 0;
  let height = 0;
  for (const root of roots) {
    if (seen.has(root)) continue;
    const sub = layout(root, x, 0);
    x += sub.width + spacing.x * 1.5;
    height = Math.max(height, sub.height);
  }
  return { boxes, width: Math.max(0, x - spacing.x * 1.5), height };
}
