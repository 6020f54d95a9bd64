// Development aid (bench/profile-memory.ts --snapshot): what a V8 .heapsnapshot holds, read straight from its JSON
// (the format DevTools reads: flat node and edge arrays described by snapshot.meta). Sizes per constructor (self and
// retained, as DevTools' "Summary" view counts them: a node's retained size is what its dominator subtree holds,
// and a constructor's total leaves out nodes dominated by another node of the same constructor), and the single
// objects that retain most. Dominators by Cooper, Harvey and Kennedy's iterative algorithm; weak edges do not retain.
import { readFileSync } from 'node:fs';

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

interface Graph {
  count: number;
  type: string[];
  name: string[];
  self: Float64Array;
  firstEdge: Uint32Array;
  edgeTo: Uint32Array;
  edgeType: string[];
  edgeName: string[];
}

function readGraph(raw: RawSnapshot): Graph {
  const m = raw.snapshot.meta;
  const nf = m.node_fields.length;
  const [iType, iName, iSelf, iEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) => m.node_fields.indexOf(f));
  const ef = m.edge_fields.length;
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => m.edge_fields.indexOf(f));
  const count = raw.nodes.length / nf;
  const g: Graph = {
    count,
    type: new Array(count),
    name: new Array(count),
    self: new Float64Array(count),
    firstEdge: new Uint32Array(count + 1),
    edgeTo: new Uint32Array(raw.edges.length / ef),
    edgeType: new Array(raw.edges.length / ef),
    edgeName: new Array(raw.edges.length / ef),
  };
  let e = 0;
  for (let i = 0; i < count; i++) {
    const b = i * nf;
    g.type[i] = m.node_types[0][raw.nodes[b + iType]];
    g.name[i] = raw.strings[raw.nodes[b + iName]];
    g.self[i] = raw.nodes[b + iSelf];
    g.firstEdge[i] = e;
    e += raw.nodes[b + iEdges];
  }
  g.firstEdge[count] = e;
  for (let k = 0; k < g.edgeTo.length; k++) {
    const b = k * ef;
    g.edgeTo[k] = raw.edges[b + eTo] / nf;
    g.edgeType[k] = m.edge_types[0][raw.edges[b + eType]];
    const n = raw.edges[b + eName];
    g.edgeName[k] = g.edgeType[k] === 'element' || g.edgeType[k] === 'hidden' ? `[${n}]` : raw.strings[n];
  }
  return g;
}

const retains = (g: Graph, k: number) => g.edgeType[k] !== 'weak';

/** Nodes reachable from the root (node 0) in reverse postorder. */
function reversePostorder(g: Graph): Uint32Array {
  const order: number[] = [];
  const seen = new Uint8Array(g.count);
  const stack = [0];
  const next = new Uint32Array(g.count);
  seen[0] = 1;
  for (let i = 0; i < g.count; i++) next[i] = g.firstEdge[i];
  while (stack.length) {
    const v = stack[stack.length - 1];
    if (next[v] < g.firstEdge[v + 1]) {
      const k = next[v]++;
      const w = g.edgeTo[k];
      if (retains(g, k) && !seen[w]) {
        seen[w] = 1;
        stack.push(w);
      }
    } else order.push(stack.pop()!);
  }
  return Uint32Array.from(order.reverse());
}

/** The immediate dominator of each reachable node (the root's is itself; unreachable: -1). */
function dominators(g: Graph, rpo: Uint32Array): Int32Array {
  const pos = new Int32Array(g.count).fill(-1);
  rpo.forEach((v, i) => (pos[v] = i));
  const preds: number[][] = Array.from({ length: rpo.length }, () => []);
  for (const v of rpo) for (let k = g.firstEdge[v]; k < g.firstEdge[v + 1]; k++) if (retains(g, k)) preds[pos[g.edgeTo[k]]].push(pos[v]);
  const idom = new Int32Array(rpo.length).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (a > b) a = idom[a];
      while (b > a) b = idom[b];
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 1; i < rpo.length; i++) {
      let d = -1;
      for (const p of preds[i]) if (idom[p] >= 0) d = d < 0 ? p : intersect(p, d);
      if (d !== idom[i]) {
        idom[i] = d;
        changed = true;
      }
    }
  }
  const byNode = new Int32Array(g.count).fill(-1);
  for (let i = 0; i < rpo.length; i++) byNode[rpo[i]] = rpo[idom[i]];
  return byNode;
}

/** The DevTools "constructor" a node is counted under. */
function className(g: Graph, v: number): string {
  const t = g.type[v];
  if (t === 'object' || t === 'closure' || t === 'native') return g.name[v] || `(${t})`;
  return `(${t})`;
}

interface HeapSummary {
  totalMb: number;
  nodes: number;
  byClass: { name: string; count: number; selfMb: number; retainedMb: number }[];
  biggest: { what: string; retainedMb: number }[];
}

const mb = (b: number) => Math.round(b / 104857.6) / 10;

export function summarizeHeapSnapshot(file: string, top = 15): HeapSummary {
  const g = readGraph(JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot);
  const rpo = reversePostorder(g);
  const idom = dominators(g, rpo);
  const retained = Float64Array.from(g.self);
  for (let i = rpo.length - 1; i > 0; i--) retained[idom[rpo[i]]] += retained[rpo[i]];
  const classes = new Map<string, { count: number; self: number; retained: number }>();
  for (const v of rpo) {
    const entry = classes.get(className(g, v)) ?? { count: 0, self: 0, retained: 0 };
    entry.count++;
    entry.self += g.self[v];
    classes.set(className(g, v), entry);
  }
  for (const v of outermostOfClass(g, idom, rpo)) classes.get(className(g, v))!.retained += retained[v];
  const byClass = [...classes]
    .map(([name, c]) => ({ name, count: c.count, selfMb: mb(c.self), retainedMb: mb(c.retained) }))
    .sort((a, b) => b.retainedMb - a.retainedMb)
    .slice(0, top);
  return { totalMb: mb(retained[0]), nodes: rpo.length, byClass, biggest: biggestObjects(g, idom, retained, rpo, top) };
}

/** Nodes that no other node of the same constructor dominates (a walk of the dominator tree counting open classes). */
function outermostOfClass(g: Graph, idom: Int32Array, rpo: Uint32Array): number[] {
  const children = new Map<number, number[]>();
  for (const v of rpo) {
    if (v === 0) continue;
    const list = children.get(idom[v]);
    if (list) list.push(v);
    else children.set(idom[v], [v]);
  }
  const open = new Map<string, number>();
  const out: number[] = [];
  const stack: [number, boolean][] = [[0, false]];
  while (stack.length) {
    const [v, leaving] = stack.pop()!;
    const c = className(g, v);
    if (leaving) {
      open.set(c, open.get(c)! - 1);
      continue;
    }
    if (v !== 0 && !open.get(c)) out.push(v);
    open.set(c, (open.get(c) ?? 0) + 1);
    stack.push([v, true]);
    for (const w of children.get(v) ?? []) stack.push([w, false]);
  }
  return out;
}

/**
 * The largest dominator subtrees, each named by the path its dominators hold it by; a node most of whose size one
 * child holds gives way to that child (whose path names it).
 */
function biggestObjects(g: Graph, idom: Int32Array, retained: Float64Array, rpo: Uint32Array, top: number) {
  const maxChild = new Float64Array(g.count);
  for (const v of rpo) if (v !== 0) maxChild[idom[v]] = Math.max(maxChild[idom[v]], retained[v]);
  const candidates = [...rpo].filter((v) => g.type[v] !== 'synthetic' && retained[v] > 0 && maxChild[v] < 0.9 * retained[v]);
  candidates.sort((a, b) => retained[b] - retained[a]);
  const edgeLabel = (d: number, v: number) => {
    for (let k = g.firstEdge[d]; k < g.firstEdge[d + 1]; k++) if (g.edgeTo[k] === v) return g.edgeName[k];
    return '…';
  };
  const path = (v: number) => {
    const steps: string[] = [];
    for (let at = v, i = 0; at !== 0 && i < 4; at = idom[at], i++) steps.push(`${className(g, idom[at])}.${edgeLabel(idom[at], at)}`);
    return steps.join(' ← ');
  };
  return candidates
    .slice(0, top)
    .map((v) => ({ what: `${className(g, v)} ${JSON.stringify(g.name[v].slice(0, 40))} ← ${path(v)}`, retainedMb: mb(retained[v]) }));
}
