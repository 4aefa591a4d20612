// Define-then-run reverse-mode automatic differentiation, vectorised over a batch of Float64Array.
//
// A Graph records operations once; a Program compiles one scalar output of it into typed-array buffers
// that are reused on every forward()/backward(), so a training loop allocates nothing per step.
// Every node holds either 1 value (a scalar, broadcast against vectors) or n values (one per example).
//
// Choices at the edges of the domain, all deliberate:
//   abs'(0) = 0;  sqrt'(0) = +Infinity (the caller's divergence check sees it);  log'(0) = ±Infinity;
//   pow(a, b) with b not depending on a leaf never evaluates log(a), so (-2)^2 and its gradient work;
//   d(a^0)/da = 0, also at a = 0 (where b·a^(b-1) would be 0·Infinity);
//   d(a^b)/db = a^b·log(a), taken as 0 where a^b = 0 (its limit for b > 0);
//   sum/mean of a 1-value node is that value: broadcasting is implicit, there is no hidden batch size;
//   gradients exist only for nodes that depend on a differentiated leaf (grad() of a constant throws).
/* eslint-disable @typescript-eslint/no-unsafe-enum-comparison -- ops live as bytes in Uint8Arrays and are compared with the const enum Op */

// Elementary functions come from portableMath (fdlibm ports), not Math.*, whose last bits differ between
// JavaScript engines: the same scenario must give the same numbers everywhere. sqrt and abs are exact.
import { cos, exp, log, pow, sigmoid, sin, softplus, tanh } from './portableMath';

const enum Op {
  Leaf,
  Const,
  Add,
  Sub,
  Mul,
  Div,
  Pow,
  Neg,
  Exp,
  Log,
  Sqrt,
  Abs,
  Sin,
  Cos,
  Tanh,
  Sigmoid,
  Softplus,
  Mean,
  Sum,
}

/** Operation names as a cost model counts them; 'square' is a power with the constant exponent 2 (x·x). */
export type OpName =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'square'
  | 'neg'
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'abs'
  | 'sin'
  | 'cos'
  | 'tanh'
  | 'sigmoid'
  | 'softplus'
  | 'mean'
  | 'sum';

/** By Op, in the enum's order (Leaf and Const are never evaluated per call). */
const OP_NAMES: readonly (OpName | null)[] = [
  null,
  null,
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'neg',
  'exp',
  'log',
  'sqrt',
  'abs',
  'sin',
  'cos',
  'tanh',
  'sigmoid',
  'softplus',
  'mean',
  'sum',
];

/**
 * What one forward() and one backward() of a Program evaluate: its compiled size by operation. Constant
 * subexpressions (sqrt(2)) are folded once when compiled and are not in it. A forward() is one pass over
 * `forward`, a backward() one over `backward`: each node once, so both are bounded by the graph's size.
 */
export interface ProgramProfile {
  readonly forward: Readonly<Record<OpName, number>>;
  readonly backward: Readonly<Record<OpName, number>>;
  /** Powers whose exponent depends on a differentiated leaf: their backward() takes a log as well as a pow. */
  readonly varyingExponents: number;
}

function opCounts(): Record<OpName, number> {
  const counts = {} as Record<OpName, number>;
  for (const name of OP_NAMES) if (name) counts[name] = 0;
  counts.square = 0;
  return counts;
}

/** A handle to one value in a Graph. */
export class Node {
  /** @internal */
  constructor(
    readonly id: number,
    /** @internal */ readonly graph: Graph,
  ) {}
}

export class Graph {
  /** @internal */ readonly ops: Op[] = [];
  /** @internal */ readonly args: [number, number][] = [];
  /** @internal the value of a constant (0 for other ops) */
  readonly consts: number[] = [];
  /** @internal */ readonly names: string[] = [];

  /** A leaf whose value is set before each evaluation: length 1 (a scalar, broadcast) or n (one value per example). */
  leaf(name: string): Node {
    return this.push(Op.Leaf, -1, -1, 0, name);
  }
  constant(c: number): Node {
    return this.push(Op.Const, -1, -1, c, String(c));
  }

  add(a: Node, b: Node): Node {
    return this.binary(Op.Add, a, b);
  }
  sub(a: Node, b: Node): Node {
    return this.binary(Op.Sub, a, b);
  }
  mul(a: Node, b: Node): Node {
    return this.binary(Op.Mul, a, b);
  }
  div(a: Node, b: Node): Node {
    return this.binary(Op.Div, a, b);
  }
  pow(a: Node, b: Node): Node {
    return this.binary(Op.Pow, a, b);
  }

  neg(a: Node): Node {
    return this.unary(Op.Neg, a);
  }
  exp(a: Node): Node {
    return this.unary(Op.Exp, a);
  }
  log(a: Node): Node {
    return this.unary(Op.Log, a);
  }
  sqrt(a: Node): Node {
    return this.unary(Op.Sqrt, a);
  }
  abs(a: Node): Node {
    return this.unary(Op.Abs, a);
  }
  sin(a: Node): Node {
    return this.unary(Op.Sin, a);
  }
  cos(a: Node): Node {
    return this.unary(Op.Cos, a);
  }
  tanh(a: Node): Node {
    return this.unary(Op.Tanh, a);
  }
  sigmoid(a: Node): Node {
    return this.unary(Op.Sigmoid, a);
  }
  softplus(a: Node): Node {
    return this.unary(Op.Softplus, a);
  }

  /** Mean over the batch: reduces to length 1. */
  mean(a: Node): Node {
    return this.unary(Op.Mean, a);
  }
  /** Sum over the batch: reduces to length 1. */
  sum(a: Node): Node {
    return this.unary(Op.Sum, a);
  }

  /** @internal */
  own(node: Node): number {
    if (node.graph !== this) throw new Error(`node ${node.id} belongs to another graph`);
    return node.id;
  }

  private unary(op: Op, a: Node): Node {
    return this.push(op, this.own(a), -1, 0, '');
  }
  private binary(op: Op, a: Node, b: Node): Node {
    return this.push(op, this.own(a), this.own(b), 0, '');
  }
  private push(op: Op, a: number, b: number, c: number, name: string): Node {
    const id = this.ops.length;
    this.ops.push(op);
    this.args.push([a, b]);
    this.consts.push(c);
    this.names.push(name);
    return new Node(id, this);
  }
}

const EMPTY = new Float64Array(0);

/**
 * A compiled graph for one scalar output: buffers are allocated once and reused on every evaluation.
 * value() and grad() return the live buffers (no copy): read them before the next forward()/backward().
 *
 * Gradients flow to the leaves in `wrt` (default: every leaf) and to the nodes that depend on them.
 * Naming only the parameters (e.g. w1, w2 but not the data x, y) skips the per-example gradients
 * of the data, which nobody reads.
 */
export class Program {
  private readonly graph: Graph;
  private readonly out: number;
  /** Per graph node id: op, inputs, length, buffers. Ids the output does not use keep EMPTY buffers. */
  private readonly op: Int32Array;
  private readonly ia: Int32Array;
  private readonly ib: Int32Array;
  private readonly len: Int32Array;
  private readonly vals: Float64Array[];
  private readonly grads: Float64Array[];
  private readonly inProgram: Uint8Array;
  /** 1 where the node depends on a wrt leaf (or is one): only those get gradients. */
  private readonly needsGrad: Uint8Array;
  /** Non-leaf nodes that depend on some leaf, in topological (= creation) order: evaluated by forward(). */
  private readonly order: Int32Array;
  /** The part of order that needsGrad, visited backwards by backward(). */
  private readonly backOrder: Int32Array;
  /** Every leaf of the graph when compiled (even those the output ignores, so setLeaf/grad on them just work). */
  private readonly leaves: Int32Array;
  private shapeDirty = true;
  /** 1 where the node depends on some leaf (or is one). */
  private readonly varying: Uint8Array;
  /**
   * When every leaf is a single value (an objective f(w1, w2), or a batch of one) all buffers are
   * views into these two flat arrays and forward/backward run a tight scalar interpreter over them.
   */
  private readonly flatValues: Float64Array;
  private readonly flatGrads: Float64Array;
  private scalar = false;

  constructor(graph: Graph, output: Node, wrt?: readonly Node[]) {
    this.graph = graph;
    const out = graph.own(output);
    this.out = out;
    const count = graph.ops.length; // every leaf so far counts, even one created after the output
    this.op = new Int32Array(count);
    this.ia = new Int32Array(count);
    this.ib = new Int32Array(count);
    this.len = new Int32Array(count);
    this.inProgram = new Uint8Array(count);
    this.needsGrad = new Uint8Array(count);
    this.vals = new Array<Float64Array>(count).fill(EMPTY);
    this.grads = new Array<Float64Array>(count).fill(EMPTY);
    this.flatValues = new Float64Array(count);
    this.flatGrads = new Float64Array(count);

    // Nodes are appended after their inputs, so ids are already a topological order;
    // walk back from the output to keep only what it needs.
    this.inProgram[out] = 1;
    for (let id = count - 1; id >= 0; id--) {
      const [a, b] = graph.args[id];
      this.op[id] = graph.ops[id];
      this.ia[id] = a;
      this.ib[id] = b;
      if (graph.ops[id] === Op.Leaf) this.inProgram[id] = 1;
      if (!this.inProgram[id]) continue;
      if (a >= 0) this.inProgram[a] = 1;
      if (b >= 0) this.inProgram[b] = 1;
    }
    if (wrt) {
      for (const leaf of wrt) {
        const id = graph.own(leaf);
        if (id >= count || this.op[id] !== Op.Leaf) throw new Error(`wrt: node ${id} is not a leaf of this program`);
        this.needsGrad[id] = 1;
      }
    }
    const varying = new Uint8Array(count); // depends on some leaf
    const order: number[] = [];
    const backOrder: number[] = [];
    const leaves: number[] = [];
    for (let id = 0; id < count; id++) {
      if (!this.inProgram[id]) continue;
      const op = this.op[id];
      const a = this.ia[id];
      const b = this.ib[id];
      if (op === Op.Leaf) {
        leaves.push(id);
        varying[id] = 1;
        if (!wrt) this.needsGrad[id] = 1;
        this.len[id] = 0; // unset until setLeaf
      } else if (op === Op.Const) {
        this.len[id] = 1;
        this.vals[id] = new Float64Array([graph.consts[id]]);
      } else if ((a >= 0 && varying[a]) || (b >= 0 && varying[b])) {
        varying[id] = 1;
        order.push(id);
        if ((a >= 0 && this.needsGrad[a]) || (b >= 0 && this.needsGrad[b])) {
          this.needsGrad[id] = 1;
          backOrder.push(id);
        }
      } else {
        // Constant subexpressions such as sqrt(2) are evaluated once, here.
        this.len[id] = 1;
        this.vals[id] = new Float64Array(1);
        this.evaluate(id);
      }
    }
    this.order = Int32Array.from(order);
    this.backOrder = Int32Array.from(backOrder);
    this.leaves = Int32Array.from(leaves);
    this.varying = varying;
  }

  /** The operations each forward() and backward() evaluates (see ProgramProfile). */
  profile(): ProgramProfile {
    const forward = opCounts();
    const backward = opCounts();
    let varyingExponents = 0;
    const name = (id: number): OpName => {
      const b = this.ib[id];
      // A constant exponent of 2 takes the x·x path in both interpreters.
      if (this.op[id] === Op.Pow && !this.varying[b] && this.vals[b][0] === 2) return 'square';
      return OP_NAMES[this.op[id]]!;
    };
    for (let k = 0; k < this.order.length; k++) forward[name(this.order[k])]++;
    for (let k = 0; k < this.backOrder.length; k++) {
      const id = this.backOrder[k];
      backward[name(id)]++;
      if (this.op[id] === Op.Pow && this.needsGrad[this.ib[id]]) varyingExponents++;
    }
    return { forward, backward, varyingExponents };
  }

  /** Vectors must share one length n (checked at forward()); numbers and length-1 arrays broadcast. */
  setLeaf(leaf: Node, value: Float64Array | number): void {
    const id = this.graph.own(leaf);
    if (id >= this.op.length || this.op[id] !== Op.Leaf) throw new Error(`node ${id} is not a leaf of this program`);
    const n = typeof value === 'number' ? 1 : value.length;
    if (n === 0) throw new Error(`leaf '${this.graph.names[id]}' was given an empty array`);
    if (this.len[id] !== n) {
      this.len[id] = n;
      this.vals[id] = new Float64Array(n);
      if (this.needsGrad[id]) this.grads[id] = new Float64Array(n);
      this.shapeDirty = true;
    }
    if (typeof value === 'number') this.vals[id][0] = value;
    else this.vals[id].set(value);
  }

  /** Evaluates every node and returns the output's value: one pass, each compiled node once. */
  forward(): number {
    if (this.shapeDirty) this.reshape();
    if (this.scalar) return this.forwardScalar();
    const order = this.order;
    for (let k = 0; k < order.length; k++) this.evaluate(order[k]);
    return this.vals[this.out][0];
  }

  /** After forward(): d output / d every node that depends on a wrt leaf; one pass back, each node once. */
  backward(): void {
    if (this.shapeDirty) throw new Error('backward() needs a forward() after the leaves changed length');
    if (this.scalar) return this.backwardScalar();
    const order = this.backOrder;
    for (let k = 0; k < order.length; k++) zero(this.grads[order[k]]);
    const leaves = this.leaves;
    for (let k = 0; k < leaves.length; k++) zero(this.grads[leaves[k]]);
    if (!this.needsGrad[this.out]) return;
    this.grads[this.out][0] = 1;
    for (let k = order.length - 1; k >= 0; k--) this.propagate(order[k]);
  }

  value(node: Node): Float64Array {
    return this.vals[this.check(node)];
  }

  /** For a broadcast scalar leaf: summed over the batch (length 1). */
  grad(node: Node): Float64Array {
    const id = this.check(node);
    if (!this.needsGrad[id]) {
      throw new Error(`no gradient for node ${id}: it does not depend on a leaf the program differentiates (see wrt)`);
    }
    return this.grads[id];
  }

  private check(node: Node): number {
    const id = this.graph.own(node);
    if (id >= this.inProgram.length || !this.inProgram[id]) throw new Error(`node ${id} is not used by this program's output`);
    return id;
  }

  /** Propagates lengths from the leaves and (re)allocates only the buffers whose length changed. */
  private reshape(): void {
    let n = 1;
    let first = -1;
    for (let k = 0; k < this.leaves.length; k++) {
      const id = this.leaves[k];
      const m = this.len[id];
      if (m === 0) throw new Error(`leaf '${this.graph.names[id]}' has no value: call setLeaf() first`);
      if (m === 1) continue;
      if (first >= 0 && m !== n) {
        throw new Error(
          `leaves '${this.graph.names[first]}' (length ${n}) and '${this.graph.names[id]}' (length ${m}) must share one batch length`,
        );
      }
      n = m;
      first = id;
    }
    for (let k = 0; k < this.order.length; k++) {
      const id = this.order[k];
      const op = this.op[id];
      const a = this.ia[id];
      const b = this.ib[id];
      const m = op === Op.Mean || op === Op.Sum ? 1 : b < 0 ? this.len[a] : Math.max(this.len[a], this.len[b]);
      if (this.len[id] !== m) {
        this.len[id] = m;
        this.vals[id] = new Float64Array(m);
        if (this.needsGrad[id]) this.grads[id] = new Float64Array(m);
      }
    }
    if (this.len[this.out] !== 1) {
      throw new Error(`the output has ${this.len[this.out]} values; reduce it with mean() or sum()`);
    }
    this.scalar = n === 1;
    if (this.scalar) {
      for (let id = 0; id < this.vals.length; id++) {
        if (this.vals[id] === EMPTY) continue;
        this.flatValues[id] = this.vals[id][0];
        this.vals[id] = this.flatValues.subarray(id, id + 1);
        if (this.needsGrad[id]) this.grads[id] = this.flatGrads.subarray(id, id + 1);
      }
    }
    this.shapeDirty = false;
  }

  // The scalar interpreter computes exactly what the vector kernels compute at length 1.

  private forwardScalar(): number {
    const V = this.flatValues;
    const { order, op, ia, ib } = this;
    for (let k = 0; k < order.length; k++) {
      const id = order[k];
      const x = V[ia[id]];
      switch (op[id] as Op) {
        case Op.Add:
          V[id] = x + V[ib[id]];
          break;
        case Op.Sub:
          V[id] = x - V[ib[id]];
          break;
        case Op.Mul:
          V[id] = x * V[ib[id]];
          break;
        case Op.Div:
          V[id] = x / V[ib[id]];
          break;
        case Op.Pow: {
          const b = V[ib[id]];
          V[id] = b === 2 ? x * x : pow(x, b);
          break;
        }
        case Op.Neg:
          V[id] = -x;
          break;
        case Op.Exp:
          V[id] = exp(x);
          break;
        case Op.Log:
          V[id] = log(x);
          break;
        case Op.Sqrt:
          V[id] = Math.sqrt(x);
          break;
        case Op.Abs:
          V[id] = Math.abs(x);
          break;
        case Op.Sin:
          V[id] = sin(x);
          break;
        case Op.Cos:
          V[id] = cos(x);
          break;
        case Op.Tanh:
          V[id] = tanh(x);
          break;
        case Op.Sigmoid:
          V[id] = sigmoid(x);
          break;
        case Op.Softplus:
          V[id] = softplus(x);
          break;
        case Op.Mean:
        case Op.Sum:
          V[id] = x;
          break;
        default:
          throw new Error(`cannot evaluate op ${op[id]}`);
      }
    }
    return V[this.out];
  }

  private backwardScalar(): void {
    const V = this.flatValues;
    const G = this.flatGrads;
    const { op, ia, ib, leaves } = this;
    const order = this.backOrder;
    const need = this.needsGrad;
    for (let k = 0; k < order.length; k++) G[order[k]] = 0;
    for (let k = 0; k < leaves.length; k++) G[leaves[k]] = 0;
    if (!need[this.out]) return;
    G[this.out] = 1;
    for (let k = order.length - 1; k >= 0; k--) {
      const id = order[k];
      const g = G[id];
      const a = ia[id];
      const b = ib[id];
      const x = V[a];
      const y = V[id];
      switch (op[id] as Op) {
        case Op.Add:
          if (need[a]) G[a] += g;
          if (need[b]) G[b] += g;
          break;
        case Op.Sub:
          if (need[a]) G[a] += g;
          if (need[b]) G[b] += -1 * g;
          break;
        case Op.Mul:
          if (need[a]) G[a] += g * V[b];
          if (need[b]) G[b] += g * x;
          break;
        case Op.Div:
          if (need[a]) G[a] += g / V[b];
          if (need[b]) G[b] += (-1 * g * y) / V[b];
          break;
        case Op.Pow: {
          const e = V[b];
          if (need[a]) G[a] += e === 2 ? 2 * g * x : e === 0 ? 0 : g * e * pow(x, e - 1);
          if (need[b]) G[b] += y === 0 ? 0 : g * y * log(x);
          break;
        }
        case Op.Neg:
          if (need[a]) G[a] -= g;
          break;
        case Op.Exp:
          if (need[a]) G[a] += g * y;
          break;
        case Op.Log:
          if (need[a]) G[a] += g / x;
          break;
        case Op.Sqrt:
          if (need[a]) G[a] += (0.5 * g) / y;
          break;
        case Op.Abs:
          if (need[a]) G[a] += x > 0 ? g : x < 0 ? -g : 0;
          break;
        case Op.Sin:
          if (need[a]) G[a] += g * cos(x);
          break;
        case Op.Cos:
          if (need[a]) G[a] -= g * sin(x);
          break;
        case Op.Tanh:
          if (need[a]) G[a] += g * (1 - y * y);
          break;
        case Op.Sigmoid:
          if (need[a]) G[a] += g * y * (1 - y);
          break;
        case Op.Softplus:
          if (need[a]) G[a] += g * sigmoid(x);
          break;
        case Op.Mean:
        case Op.Sum:
          if (need[a]) G[a] += g;
          break;
        default:
          throw new Error(`cannot differentiate op ${op[id]}`);
      }
    }
  }

  private evaluate(id: number): void {
    const out = this.vals[id];
    const n = out.length;
    const A = this.vals[this.ia[id]];
    const ib = this.ib[id];
    // Strides of 0 read a broadcast scalar in place, without materialising a copy.
    const sa = A.length === 1 ? 0 : 1;
    switch (this.op[id] as Op) {
      case Op.Add:
      case Op.Sub:
      case Op.Mul:
      case Op.Div:
      case Op.Pow: {
        const B = this.vals[ib];
        const sb = B.length === 1 ? 0 : 1;
        switch (this.op[id] as Op) {
          case Op.Add:
            for (let i = 0; i < n; i++) out[i] = A[i * sa] + B[i * sb];
            break;
          case Op.Sub:
            for (let i = 0; i < n; i++) out[i] = A[i * sa] - B[i * sb];
            break;
          case Op.Mul:
            for (let i = 0; i < n; i++) out[i] = A[i * sa] * B[i * sb];
            break;
          case Op.Div:
            for (let i = 0; i < n; i++) out[i] = A[i * sa] / B[i * sb];
            break;
          default:
            // Squares are common (losses, presets) and exact as a product.
            if (sb === 0 && B[0] === 2) for (let i = 0; i < n; i++) out[i] = A[i * sa] * A[i * sa];
            else for (let i = 0; i < n; i++) out[i] = pow(A[i * sa], B[i * sb]);
        }
        return;
      }
      case Op.Neg:
        for (let i = 0; i < n; i++) out[i] = -A[i];
        return;
      case Op.Exp:
        for (let i = 0; i < n; i++) out[i] = exp(A[i]);
        return;
      case Op.Log:
        for (let i = 0; i < n; i++) out[i] = log(A[i]);
        return;
      case Op.Sqrt:
        for (let i = 0; i < n; i++) out[i] = Math.sqrt(A[i]);
        return;
      case Op.Abs:
        for (let i = 0; i < n; i++) out[i] = Math.abs(A[i]);
        return;
      case Op.Sin:
        for (let i = 0; i < n; i++) out[i] = sin(A[i]);
        return;
      case Op.Cos:
        for (let i = 0; i < n; i++) out[i] = cos(A[i]);
        return;
      case Op.Tanh:
        for (let i = 0; i < n; i++) out[i] = tanh(A[i]);
        return;
      case Op.Sigmoid:
        for (let i = 0; i < n; i++) out[i] = sigmoid(A[i]);
        return;
      case Op.Softplus:
        for (let i = 0; i < n; i++) out[i] = softplus(A[i]);
        return;
      case Op.Mean:
      case Op.Sum: {
        let s = 0;
        for (let i = 0; i < A.length; i++) s += A[i];
        out[0] = this.op[id] === Op.Mean ? s / A.length : s;
        return;
      }
      default:
        throw new Error(`cannot evaluate op ${this.op[id]}`);
    }
  }

  /** Adds node id's contribution to the gradients of its leaf-dependent inputs. */
  private propagate(id: number): void {
    const g = this.grads[id];
    const n = g.length;
    const a = this.ia[id];
    const A = this.vals[a];
    const gA = this.needsGrad[a] ? this.grads[a] : null;
    const op = this.op[id] as Op;
    if (op >= Op.Add && op <= Op.Pow) {
      const b = this.ib[id];
      const B = this.vals[b];
      const gB = this.needsGrad[b] ? this.grads[b] : null;
      const sa = A.length === 1 ? 0 : 1;
      const sb = B.length === 1 ? 0 : 1;
      const out = this.vals[id];
      switch (op) {
        case Op.Add:
          if (gA) accumulate(gA, g, n, ONE, 0, 1);
          if (gB) accumulate(gB, g, n, ONE, 0, 1);
          return;
        case Op.Sub:
          if (gA) accumulate(gA, g, n, ONE, 0, 1);
          if (gB) accumulate(gB, g, n, ONE, 0, -1);
          return;
        case Op.Mul:
          if (gA) accumulate(gA, g, n, B, sb, 1);
          if (gB) accumulate(gB, g, n, A, sa, 1);
          return;
        case Op.Div:
          if (gA) accumulateDiv(gA, g, n, B, sb);
          if (gB) accumulateDiv(gB, g, n, B, sb, out); // d(a/b)/db = -(a/b)/b
          return;
        default:
          if (gA) {
            if (sb === 0 && B[0] === 2) accumulate(gA, g, n, A, sa, 2);
            else accumulatePowBase(gA, g, n, A, sa, B, sb);
          }
          if (gB) accumulatePowExponent(gB, g, n, A, sa, out);
          return;
      }
    }
    if (!gA) return;
    const out = this.vals[id];
    switch (op) {
      case Op.Neg:
        for (let i = 0; i < n; i++) gA[i] -= g[i];
        return;
      case Op.Exp:
        for (let i = 0; i < n; i++) gA[i] += g[i] * out[i];
        return;
      case Op.Log:
        for (let i = 0; i < n; i++) gA[i] += g[i] / A[i];
        return;
      case Op.Sqrt:
        for (let i = 0; i < n; i++) gA[i] += (0.5 * g[i]) / out[i];
        return;
      case Op.Abs:
        for (let i = 0; i < n; i++) {
          const x = A[i];
          gA[i] += x > 0 ? g[i] : x < 0 ? -g[i] : 0;
        }
        return;
      case Op.Sin:
        for (let i = 0; i < n; i++) gA[i] += g[i] * cos(A[i]);
        return;
      case Op.Cos:
        for (let i = 0; i < n; i++) gA[i] -= g[i] * sin(A[i]);
        return;
      case Op.Tanh:
        for (let i = 0; i < n; i++) gA[i] += g[i] * (1 - out[i] * out[i]);
        return;
      case Op.Sigmoid:
        for (let i = 0; i < n; i++) gA[i] += g[i] * out[i] * (1 - out[i]);
        return;
      case Op.Softplus:
        for (let i = 0; i < n; i++) gA[i] += g[i] * sigmoid(A[i]);
        return;
      case Op.Mean:
      case Op.Sum: {
        const d = op === Op.Mean ? g[0] / A.length : g[0];
        for (let i = 0; i < gA.length; i++) gA[i] += d;
        return;
      }
      default:
        throw new Error(`cannot differentiate op ${op}`);
    }
  }
}

const ONE = new Float64Array([1]);

/** fill(0) is a runtime call; a plain loop is cheaper for the many length-1 buffers. */
function zero(x: Float64Array): void {
  if (x.length > 16) x.fill(0);
  else for (let i = 0; i < x.length; i++) x[i] = 0;
}

// The accumulators below add c·g[i]·X[i·sx] into target, which is either as long as g (elementwise)
// or a broadcast scalar (then the contributions are summed in a local, not through memory).

function accumulate(target: Float64Array, g: Float64Array, n: number, X: Float64Array, sx: number, c: number): void {
  if (target.length === n) {
    for (let i = 0; i < n; i++) target[i] += c * g[i] * X[i * sx];
  } else {
    let s = 0;
    for (let i = 0; i < n; i++) s += g[i] * X[i * sx];
    target[0] += c * s;
  }
}

/** d(a/b)/da = 1/b; with quotient given, d(a/b)/db = -quotient/b. */
function accumulateDiv(target: Float64Array, g: Float64Array, n: number, B: Float64Array, sb: number, quotient?: Float64Array): void {
  const sign = quotient ? -1 : 1;
  const Q = quotient ?? ONE;
  const sq = quotient ? 1 : 0;
  if (target.length === n) {
    for (let i = 0; i < n; i++) target[i] += (sign * g[i] * Q[i * sq]) / B[i * sb];
  } else {
    let s = 0;
    for (let i = 0; i < n; i++) s += (g[i] * Q[i * sq]) / B[i * sb];
    target[0] += sign * s;
  }
}

/** d(a^b)/da = b·a^(b-1), and 0 for b = 0. */
function accumulatePowBase(
  target: Float64Array,
  g: Float64Array,
  n: number,
  A: Float64Array,
  sa: number,
  B: Float64Array,
  sb: number,
): void {
  let s = 0;
  const elementwise = target.length === n;
  for (let i = 0; i < n; i++) {
    const b = B[i * sb];
    const d = b === 0 ? 0 : g[i] * b * pow(A[i * sa], b - 1); // x^0 = 1 is flat, even at x = 0
    if (elementwise) target[i] += d;
    else s += d;
  }
  if (!elementwise) target[0] += s;
}

/** d(a^b)/db = a^b·log(a), with 0 where a^b is 0 (so 0^b, b > 0, is not NaN). */
function accumulatePowExponent(target: Float64Array, g: Float64Array, n: number, A: Float64Array, sa: number, P: Float64Array): void {
  let s = 0;
  const elementwise = target.length === n;
  for (let i = 0; i < n; i++) {
    const p = P[i];
    const d = p === 0 ? 0 : g[i] * p * log(A[i * sa]);
    if (elementwise) target[i] += d;
    else s += d;
  }
  if (!elementwise) target[0] += s;
}
