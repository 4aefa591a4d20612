// A safe parser for objectives f(w1, w2) typed by the user: a hand-written recursive-descent parser
// over a fixed whitelist of names. No eval, no Function, no property lookups keyed by user text.
//
//   expr    := term (('+' | '-') term)*
//   term    := unary (('*' | '/') unary)*
//   unary   := ('-' | '+') unary | power
//   power   := primary ('^' unary)?          right-associative; -w1^2 = -(w1^2); 2^-1 = 0.5
//   primary := number | 'w1' | 'w2' | function '(' expr ')' | '(' expr ')'
import { Graph, type Node, Program, type ProgramProfile } from './autodiff';
import { MAX_EXPRESSION_LENGTH } from './catalog/limits';

export const FUNCTION_NAMES = ['exp', 'log', 'sqrt', 'abs', 'sin', 'cos', 'tanh', 'sigmoid', 'softplus'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];
type VariableName = 'w1' | 'w2';
export type BinaryOperator = '+' | '-' | '*' | '/' | '^';

/** The syntax tree. position is the 0-based index of the node's first character (of the operator for binary). */
export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly position: number }
  | { readonly kind: 'variable'; readonly name: VariableName; readonly position: number }
  | { readonly kind: 'negate'; readonly arg: Expr; readonly position: number }
  | { readonly kind: 'binary'; readonly op: BinaryOperator; readonly left: Expr; readonly right: Expr; readonly position: number }
  | { readonly kind: 'call'; readonly name: FunctionName; readonly arg: Expr; readonly position: number };

export { MAX_EXPRESSION_LENGTH };
export const MAX_NESTING = 100;

export class ExpressionError extends Error {
  /** 0-based index into the text. */
  readonly position: number;
  constructor(message: string, position: number) {
    super(`${message} at position ${position}`);
    this.name = 'ExpressionError';
    this.position = position;
  }

  /** Appends "(hint)" to the message. */
  withHint(hint: string): this {
    this.message += ` (${hint})`;
    return this;
  }
}

const ALLOWED = `allowed: w1, w2, ${FUNCTION_NAMES.join(', ')}`;
/** Look-alike characters students paste from maths text. */
const HINTS: ReadonlyMap<string, string> = new Map([
  ['−', '-'],
  ['–', '-'],
  ['·', '*'],
  ['×', '*'],
  ['÷', '/'],
  ['²', '^2'],
  ['³', '^3'],
]);

type Token =
  | { readonly type: 'number'; readonly start: number; readonly text: string; readonly value: number }
  | { readonly type: 'name'; readonly start: number; readonly text: string }
  | { readonly type: 'symbol'; readonly start: number; readonly text: string }
  | { readonly type: 'end'; readonly start: number; readonly text: '' };

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

function isFunctionName(name: string): name is FunctionName {
  return (FUNCTION_NAMES as readonly string[]).includes(name);
}

function describeToken(t: Token): string {
  if (t.type === 'end') return 'end of input';
  if (t.type === 'number') return `number '${t.text}'`;
  return `'${t.text}'`;
}

// Linear in the text: every token is read once (advance only moves forward), each loop below consumes a
// token per turn, and recursion is at most MAX_NESTING levels deep (enter), so a parse takes O(length).
class Parser {
  private pos = 0;
  private tok: Token;
  private depth = 0;

  constructor(private readonly text: string) {
    this.tok = this.lex();
  }

  parse(): Expr {
    if (this.tok.type === 'end') throw new ExpressionError('empty expression', this.tok.start);
    const e = this.expr();
    if (!this.atEnd()) throw this.unexpected();
    return e;
  }

  private expr(): Expr {
    let left = this.term();
    for (let t = this.tok; t.type === 'symbol' && (t.text === '+' || t.text === '-'); t = this.tok) {
      this.advance();
      left = { kind: 'binary', op: t.text, left, right: this.term(), position: t.start };
    }
    return left;
  }

  private term(): Expr {
    let left = this.unary();
    for (let t = this.tok; t.type === 'symbol' && (t.text === '*' || t.text === '/'); t = this.tok) {
      this.advance();
      left = { kind: 'binary', op: t.text, left, right: this.unary(), position: t.start };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.tok;
    if (t.type === 'symbol' && (t.text === '-' || t.text === '+')) {
      this.advance();
      this.enter(t.start);
      const arg = this.unary();
      this.depth--;
      return t.text === '-' ? { kind: 'negate', arg, position: t.start } : arg;
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.primary();
    const t = this.tok;
    if (t.type !== 'symbol' || t.text !== '^') return base;
    this.advance();
    this.enter(t.start);
    const exponent = this.unary();
    this.depth--;
    return { kind: 'binary', op: '^', left: base, right: exponent, position: t.start };
  }

  private primary(): Expr {
    const t = this.tok;
    if (t.type === 'number') {
      this.advance();
      return { kind: 'number', value: t.value, position: t.start };
    }
    if (t.type === 'name') {
      if (t.text === 'w1' || t.text === 'w2') {
        this.advance();
        return { kind: 'variable', name: t.text, position: t.start };
      }
      if (!isFunctionName(t.text)) throw new ExpressionError(`unknown identifier '${t.text}'`, t.start).withHint(ALLOWED);
      this.advance();
      if (!this.isSymbol('(')) {
        throw new ExpressionError(`expected '(' after '${t.text}'`, this.tok.start);
      }
      const arg = this.parenthesised();
      return { kind: 'call', name: t.text, arg, position: t.start };
    }
    if (this.isSymbol('(')) return this.parenthesised();
    throw this.unexpected();
  }

  /** '(' expr ')', at the current '(' token. */
  private parenthesised(): Expr {
    this.enter(this.tok.start);
    this.advance();
    const inner = this.expr();
    if (!this.isSymbol(')')) {
      const found = `found ${describeToken(this.tok)}`;
      const hint = this.isSymbol(',') ? `${found}; functions take exactly one argument` : found;
      throw new ExpressionError(`expected ')'`, this.tok.start).withHint(hint);
    }
    this.advance();
    this.depth--;
    return inner;
  }

  private enter(position: number): void {
    if (++this.depth > MAX_NESTING) throw new ExpressionError(`nesting deeper than ${MAX_NESTING}`, position);
  }

  private atEnd(): boolean {
    return this.tok.type === 'end';
  }

  private isSymbol(s: string): boolean {
    return this.tok.type === 'symbol' && this.tok.text === s;
  }

  private unexpected(): ExpressionError {
    const t = this.tok;
    const error = new ExpressionError(`unexpected ${describeToken(t)}`, t.start);
    if (t.type === 'end') return error;
    if (t.text === '*' && this.text[t.start - 1] === '*') return error.withHint("use '^' for powers");
    const before = this.text.slice(0, t.start).trimEnd();
    const afterOperand = before !== '' && /[\w.)]$/.test(before);
    if (afterOperand && (t.type !== 'symbol' || t.text === '(')) return error.withHint("missing an operator such as '*'?");
    return error;
  }

  private advance(): void {
    this.tok = this.lex();
  }

  private lex(): Token {
    const s = this.text;
    while (this.pos < s.length && /\s/.test(s[this.pos])) this.pos++;
    const start = this.pos;
    if (start >= s.length) return { type: 'end', start: s.length, text: '' };
    const c = s[start];
    if ('+-*/^()'.includes(c)) {
      this.pos++;
      return { type: 'symbol', start, text: c };
    }
    NUMBER.lastIndex = start;
    const num = NUMBER.exec(s);
    if (num) {
      const text = num[0];
      this.pos = start + text.length;
      // "1.2.3", "1e", "1e+" are typos, not a number followed by something.
      const next = s.slice(this.pos, this.pos + 3);
      if (/^(\.|[eE]([+-]|$|[^A-Za-z_]))/.test(next)) {
        throw new ExpressionError(`malformed number '${text}${next[0]}'`, start);
      }
      const value = Number(text);
      if (!Number.isFinite(value)) throw new ExpressionError(`number '${text}' is too large`, start);
      return { type: 'number', start, text, value };
    }
    NAME.lastIndex = start;
    const name = NAME.exec(s);
    if (name) {
      this.pos = start + name[0].length;
      return { type: 'name', start, text: name[0] };
    }
    if (c === ',') return { type: 'symbol', start, text: ',' }; // reported by the parser, with context
    const cp = String.fromCodePoint(s.codePointAt(start) ?? 0);
    const hint = HINTS.get(cp);
    const error = new ExpressionError(`unexpected character '${cp}'`, start);
    throw hint === undefined ? error : error.withHint(`use '${hint}'`);
  }
}

/** Parses the text of an objective in w1 and w2; throws ExpressionError naming the position of the problem. */
export function parseExpression(text: string): Expr {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`expression is longer than ${MAX_EXPRESSION_LENGTH} characters`, MAX_EXPRESSION_LENGTH);
  }
  return new Parser(text).parse();
}

/** Adds the expression's operations to graph, with w1 and w2 bound to the given nodes. */
export function buildExpression(graph: Graph, expr: Expr, vars: { readonly w1: Node; readonly w2: Node }): Node {
  switch (expr.kind) {
    case 'number':
      return graph.constant(expr.value);
    case 'variable':
      return vars[expr.name];
    case 'negate':
      return graph.neg(buildExpression(graph, expr.arg, vars));
    case 'call':
      return callFunction(graph, expr.name, buildExpression(graph, expr.arg, vars));
    case 'binary': {
      const l = buildExpression(graph, expr.left, vars);
      const r = buildExpression(graph, expr.right, vars);
      switch (expr.op) {
        case '+':
          return graph.add(l, r);
        case '-':
          return graph.sub(l, r);
        case '*':
          return graph.mul(l, r);
        case '/':
          return graph.div(l, r);
        case '^':
          return graph.pow(l, r);
      }
    }
  }
}

function callFunction(graph: Graph, name: FunctionName, a: Node): Node {
  switch (name) {
    case 'exp':
      return graph.exp(a);
    case 'log':
      return graph.log(a);
    case 'sqrt':
      return graph.sqrt(a);
    case 'abs':
      return graph.abs(a);
    case 'sin':
      return graph.sin(a);
    case 'cos':
      return graph.cos(a);
    case 'tanh':
      return graph.tanh(a);
    case 'sigmoid':
      return graph.sigmoid(a);
    case 'softplus':
      return graph.softplus(a);
  }
}

/**
 * An objective f(w1, w2) compiled once; gradient() writes into out and returns f. No allocation per call.
 * value() is one forward pass over `profile.forward`, gradient() one forward and one backward: each
 * bounded by the compiled graph, at most one node per token of the text.
 */
export interface Objective {
  value(w1: number, w2: number): number;
  gradient(w1: number, w2: number, out: Float64Array): number;
  readonly profile: ProgramProfile;
}

export function compileObjective(expr: Expr): Objective {
  const graph = new Graph();
  const w1 = graph.leaf('w1');
  const w2 = graph.leaf('w2');
  const program = new Program(graph, buildExpression(graph, expr, { w1, w2 }));
  return {
    profile: program.profile(),
    value(a, b) {
      program.setLeaf(w1, a);
      program.setLeaf(w2, b);
      return program.forward();
    },
    gradient(a, b, out) {
      program.setLeaf(w1, a);
      program.setLeaf(w2, b);
      const f = program.forward();
      program.backward();
      out[0] = program.grad(w1)[0];
      out[1] = program.grad(w2)[0];
      return f;
    },
  };
}
