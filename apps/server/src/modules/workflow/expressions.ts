/**
 * The condition/expression language of the workflow engine: sequence-flow conditions,
 * user-task candidate expressions and multi-instance collections are written in it and
 * evaluated against a process instance's variables (JSON).
 *
 * Safe by construction: a hand-written parser into a small AST and a tree-walking evaluator —
 * no eval/Function, no method calls, and property reads only of own enumerable data properties
 * of plain objects and arrays (`__proto__`, `constructor`, `prototype` do not even parse).
 * Evaluation is total: it never throws on a parsed expression and always returns a value
 * (a missing path, or an operator applied to the wrong types, gives null or false).
 *
 * Grammar (lowest to highest precedence; binary operators are left-associative):
 *
 *   source     := ws ( '${' ws or ws '}' | or ) ws          -- optional Camunda-style wrapper
 *   or         := and ( ( '||' | 'or' ) and )*
 *   and        := equality ( ( '&&' | 'and' ) equality )*
 *   equality   := relational ( ( '==' | '!=' ) relational )*
 *   relational := unary ( ( '<' | '<=' | '>' | '>=' | 'in' ) unary )*
 *   unary      := ( '!' | 'not' | '-' ) unary | primary
 *   primary    := number | string | 'true' | 'false' | 'null' | path
 *               | '(' or ')' | '[' ( or ( ',' or )* ','? )? ']'
 *   ws         := ( space | tab | CR | LF | U+00A0 | U+3000 )*
 *   path       := name ( '.' name )*                       -- the first name is not a keyword
 *   name       := [A-Za-z_$][A-Za-z0-9_$]*                 -- after a dot keywords are names too
 *   number     := [0-9]+ ( '.' [0-9]+ )?                   -- negative numbers via unary minus
 *   string     := '…' | "…"                                -- escapes: \\ \' \" only
 *
 * Keywords (`true false null and or not in`) are case-sensitive. Array literals are allowed
 * anywhere and their elements are any expressions. Limits: at most {@link MAX_SOURCE_LENGTH}
 * characters of source and a nesting depth (parentheses, brackets, unary operators) of at
 * most {@link MAX_DEPTH}.
 *
 * Semantics: `==`/`!=` are strict (`===`, arrays and objects by identity); `<` `<=` `>` `>=`
 * compare two numbers or two strings (UTF-16 code-unit order) and are false otherwise; `a in b`
 * is true when b is an array with an element `=== a`, or when a and b are strings and a is a
 * substring of b; `&&`/`||` short-circuit and give booleans; `!` gives a boolean; `-` negates a
 * number (otherwise null). Truthiness: false, null, 0, NaN and '' are falsy, everything else
 * (including [] and {}) truthy. `.length` of an array gives its length, of a string its number
 * of Unicode code points (so 𠮷 counts once).
 */

export const MAX_SOURCE_LENGTH = 1000;
export const MAX_DEPTH = 50;

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in';
export type UnaryOperator = '!' | '-';

export type Expression =
  | { readonly type: 'literal'; readonly value: string | number | boolean | null }
  | { readonly type: 'array'; readonly items: readonly Expression[] }
  /** `segments[0]` is the root variable name, the rest are property names */
  | { readonly type: 'path'; readonly segments: readonly string[] }
  | { readonly type: 'unary'; readonly operator: UnaryOperator; readonly operand: Expression }
  | {
      readonly type: 'binary';
      readonly operator: BinaryOperator;
      readonly left: Expression;
      readonly right: Expression;
    };

export type ParseResult =
  { ok: true; expression: Expression } | { ok: false; message: string; position: number };

// ---------------------------------------------------------------------------------------------
// Lexer

type Token =
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'name'; value: string; start: number; end: number }
  | { kind: 'punct'; value: string; start: number; end: number }
  | { kind: 'end'; value: ''; start: number; end: number };

const KEYWORDS: ReadonlySet<string> = new Set(['true', 'false', 'null', 'and', 'or', 'not', 'in']);
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const PUNCT_2 = ['||', '&&', '==', '!=', '<=', '>='];
const PUNCT_1 = '<>!-()[],.}';
const RELATIONAL: ReadonlySet<string> = new Set(['<', '<=', '>', '>=']);

class ParseError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    readonly position: number,
  ) {
    super(en);
  }
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isNameStart = (c: string | undefined) =>
  c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_' || c === '$');
const isNamePart = (c: string | undefined) => isNameStart(c) || isDigit(c);
const isSpace = (c: string | undefined) =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u3000' || c === '\u00a0';

function describeToken(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'end of input';
    case 'string':
      return 'a string';
    case 'number':
      return `number ${token.value}`;
    default:
      return `'${token.value}'`;
  }
}

class Parser {
  private pos: number;
  private token: Token;
  private depth = 0;

  constructor(
    private readonly src: string,
    start: number,
    private readonly wrapped: boolean,
  ) {
    this.pos = start;
    this.token = this.lex();
  }

  parse(): Expression {
    const expression = this.or();
    if (this.wrapped) {
      if (!this.isPunct('}')) {
        throw this.error(
          '应为运算符或表达式结尾的“}”',
          `expected an operator or the closing '}', found ${describeToken(this.token)}`,
        );
      }
      this.advance();
      if (this.token.kind !== 'end') {
        throw this.error('“}”之后不应再有内容', `nothing may follow the closing '}'`);
      }
    }
    if (this.token.kind !== 'end') {
      throw this.error('应为运算符', `expected an operator, found ${describeToken(this.token)}`);
    }
    return expression;
  }

  // -- grammar ----------------------------------------------------------------------------------

  private or(): Expression {
    let left = this.and();
    while (this.isPunct('||') || this.isName('or')) {
      this.advance();
      left = { type: 'binary', operator: '||', left, right: this.and() };
    }
    return left;
  }

  private and(): Expression {
    let left = this.equality();
    while (this.isPunct('&&') || this.isName('and')) {
      this.advance();
      left = { type: 'binary', operator: '&&', left, right: this.equality() };
    }
    return left;
  }

  private equality(): Expression {
    let left = this.relational();
    for (;;) {
      const operator = this.isPunct('==') ? '==' : this.isPunct('!=') ? '!=' : undefined;
      if (!operator) return left;
      this.advance();
      left = { type: 'binary', operator, left, right: this.relational() };
    }
  }

  private relational(): Expression {
    let left = this.unary();
    for (;;) {
      const t = this.token;
      const operator: BinaryOperator | undefined =
        t.kind === 'punct' && RELATIONAL.has(t.value)
          ? (t.value as BinaryOperator)
          : this.isName('in')
            ? 'in'
            : undefined;
      if (!operator) return left;
      this.advance();
      left = { type: 'binary', operator, left, right: this.unary() };
    }
  }

  private unary(): Expression {
    const t = this.token;
    let operator: UnaryOperator | undefined;
    if (this.isPunct('!') || this.isName('not')) operator = '!';
    else if (this.isPunct('-')) operator = '-';
    if (!operator) return this.primary();
    this.enter(t);
    this.advance();
    const operand = this.unary();
    this.depth -= 1;
    return { type: 'unary', operator, operand };
  }

  private primary(): Expression {
    const t = this.token;
    switch (t.kind) {
      case 'number':
      case 'string':
        this.advance();
        return { type: 'literal', value: t.value };
      case 'name':
        if (t.value === 'true' || t.value === 'false') {
          this.advance();
          return { type: 'literal', value: t.value === 'true' };
        }
        if (t.value === 'null') {
          this.advance();
          return { type: 'literal', value: null };
        }
        if (KEYWORDS.has(t.value)) {
          throw this.error(
            `应为表达式，“${t.value}”是关键字`,
            `'${t.value}' is a keyword, expected an expression`,
          );
        }
        return this.path(t.value);
      case 'punct':
        if (t.value === '(') {
          this.enter(t);
          this.advance();
          const inner = this.or();
          if (!this.isPunct(')')) {
            throw this.error(
              `应为运算符或与位置 ${t.start} 处“(”配对的“)”`,
              `expected an operator or the ')' closing the '(' at ${t.start}, found ${describeToken(this.token)}`,
            );
          }
          this.advance();
          this.depth -= 1;
          return inner;
        }
        if (t.value === '[') {
          this.enter(t);
          this.advance();
          const items: Expression[] = [];
          while (!this.isPunct(']')) {
            items.push(this.or());
            if (this.isPunct(',')) this.advance();
            else if (!this.isPunct(']')) {
              throw this.error(
                `应为“,”或与位置 ${t.start} 处“[”配对的“]”`,
                `expected ',' or the ']' closing the '[' at ${t.start}, found ${describeToken(this.token)}`,
              );
            }
          }
          this.advance();
          this.depth -= 1;
          return { type: 'array', items };
        }
        break;
      case 'end':
        break;
    }
    throw this.error('应为表达式', `expected an expression, found ${describeToken(t)}`);
  }

  private path(root: string): Expression {
    const segments = [this.pathName(root)];
    while (this.isPunct('.')) {
      this.advance();
      const t = this.token;
      if (t.kind !== 'name') {
        throw this.error(
          '“.”之后应为属性名',
          `expected a property name after '.', found ${describeToken(t)}`,
        );
      }
      segments.push(this.pathName(t.value));
    }
    return { type: 'path', segments };
  }

  /** takes the current name token */
  private pathName(name: string): string {
    if (FORBIDDEN_NAMES.has(name)) {
      throw this.error(`不允许访问“${name}”`, `'${name}' may not be accessed`);
    }
    this.advance();
    return name;
  }

  // -- helpers ------------------------------------------------------------------------------------

  private enter(t: Token): void {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) {
      throw new ParseError(
        `嵌套超过 ${MAX_DEPTH} 层`,
        `nesting deeper than ${MAX_DEPTH} levels`,
        t.start,
      );
    }
  }

  private isPunct(value: string): boolean {
    return this.token.kind === 'punct' && this.token.value === value;
  }

  private isName(value: string): boolean {
    return this.token.kind === 'name' && this.token.value === value;
  }

  private error(zh: string, en: string): ParseError {
    return new ParseError(zh, en, this.token.start);
  }

  private advance(): void {
    this.token = this.lex();
  }

  private lex(): Token {
    const src = this.src;
    while (isSpace(src[this.pos])) this.pos += 1;
    const start = this.pos;
    const c = src[start];
    if (c === undefined) return { kind: 'end', value: '', start, end: start };

    if (isDigit(c)) {
      let end = start;
      while (isDigit(src[end])) end += 1;
      if (src[end] === '.' && isDigit(src[end + 1])) {
        end += 1;
        while (isDigit(src[end])) end += 1;
      }
      const value = Number(src.slice(start, end));
      if (!Number.isFinite(value)) {
        throw new ParseError('数值超出范围', 'number out of range', start);
      }
      this.pos = end;
      return { kind: 'number', value, start, end };
    }

    if (isNameStart(c)) {
      let end = start + 1;
      while (isNamePart(src[end])) end += 1;
      this.pos = end;
      return { kind: 'name', value: src.slice(start, end), start, end };
    }

    if (c === '"' || c === "'") {
      let value = '';
      let i = start + 1;
      for (;;) {
        const d = src[i];
        if (d === undefined) {
          throw new ParseError('字符串没有结束引号', 'unterminated string', start);
        }
        if (d === c) break;
        if (d === '\\') {
          const e = src[i + 1];
          if (e !== '\\' && e !== '"' && e !== "'") {
            throw new ParseError(
              '字符串中只能转义 \\、\' 和 "',
              `only \\\\, \\' and \\" may be escaped in a string`,
              i,
            );
          }
          value += e;
          i += 2;
        } else {
          value += d;
          i += 1;
        }
      }
      this.pos = i + 1;
      return { kind: 'string', value, start, end: i + 1 };
    }

    const two = src.slice(start, start + 2);
    if (PUNCT_2.includes(two)) {
      this.pos = start + 2;
      return { kind: 'punct', value: two, start, end: start + 2 };
    }
    if (PUNCT_1.includes(c)) {
      this.pos = start + 1;
      return { kind: 'punct', value: c, start, end: start + 1 };
    }
    const hint =
      c === '='
        ? ['，是否应为“==”', ", did you mean '=='"]
        : c === '&'
          ? ['，是否应为“&&”', ", did you mean '&&'"]
          : c === '|'
            ? ['，是否应为“||”', ", did you mean '||'"]
            : ['', ''];
    const shown = String.fromCodePoint(src.codePointAt(start) ?? 0);
    throw new ParseError(
      `无法识别的字符“${shown}”${hint[0]}`,
      `unexpected character '${shown}'${hint[1]}`,
      start,
    );
  }
}

/**
 * parses an expression; never throws. A refusal names the 0-based UTF-16 offset into `source`
 * where it goes wrong (0 ≤ position ≤ source.length), in Chinese with the English after it,
 * e.g. `位置 2 处应为运算符 (expected an operator, found 'b' at 2)`.
 */
export function parseExpression(source: string): ParseResult {
  if (source.length > MAX_SOURCE_LENGTH) {
    return failure(
      new ParseError(
        `表达式超过 ${MAX_SOURCE_LENGTH} 个字符`,
        `expression longer than ${MAX_SOURCE_LENGTH} characters`,
        MAX_SOURCE_LENGTH,
      ),
    );
  }
  let start = 0;
  while (isSpace(source[start])) start += 1;
  const wrapped = source.startsWith('${', start);
  try {
    const expression = new Parser(source, wrapped ? start + 2 : start, wrapped).parse();
    return { ok: true, expression };
  } catch (err) {
    if (err instanceof ParseError) return failure(err);
    throw err;
  }
}

function failure(err: ParseError): ParseResult {
  return {
    ok: false,
    message: `位置 ${err.position} 处${err.zh} (${err.en} at ${err.position})`,
    position: err.position,
  };
}

// ---------------------------------------------------------------------------------------------
// Evaluation

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** reads one property safely: own enumerable data properties of plain objects and arrays */
function property(value: unknown, name: string): unknown {
  try {
    if (typeof value === 'string') return name === 'length' ? [...value].length : null;
    if (typeof value !== 'object' || value === null) return null;
    if (Array.isArray(value)) {
      if (name === 'length') return value.length;
    } else {
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return null;
    }
    if (!hasOwn(value, name)) return null;
    const descriptor = Object.getOwnPropertyDescriptor(value, name);
    if (!descriptor || !descriptor.enumerable || !('value' in descriptor)) return null;
    return (descriptor.value as unknown) ?? null;
  } catch {
    // exotic values (revoked proxies and the like) read as missing
    return null;
  }
}

/** Array.isArray, except that it reads revoked proxies as not arrays instead of throwing */
function isArray(value: unknown): value is readonly unknown[] {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

function truthy(value: unknown): boolean {
  return Boolean(value);
}

function includes(list: readonly unknown[], element: unknown): boolean {
  try {
    for (let i = 0; i < list.length; i += 1) {
      if ((list[i] ?? null) === element) return true;
    }
  } catch {
    // exotic arrays
  }
  return false;
}

/** evaluates an expression against process variables; never throws on a parsed expression */
export function evaluate(
  expression: Expression,
  variables: Readonly<Record<string, unknown>>,
): unknown {
  switch (expression.type) {
    case 'literal':
      return expression.value;
    case 'array':
      return expression.items.map((item) => evaluate(item, variables));
    case 'path': {
      let value: unknown = variables;
      for (const segment of expression.segments) {
        value = property(value, segment);
        if (value === null) return null;
      }
      return value;
    }
    case 'unary': {
      const operand = evaluate(expression.operand, variables);
      if (expression.operator === '!') return !truthy(operand);
      return typeof operand === 'number' ? -operand : null;
    }
    case 'binary': {
      const { operator } = expression;
      if (operator === '&&') {
        return (
          truthy(evaluate(expression.left, variables)) &&
          truthy(evaluate(expression.right, variables))
        );
      }
      if (operator === '||') {
        return (
          truthy(evaluate(expression.left, variables)) ||
          truthy(evaluate(expression.right, variables))
        );
      }
      const left = evaluate(expression.left, variables);
      const right = evaluate(expression.right, variables);
      switch (operator) {
        case '==':
          return left === right;
        case '!=':
          return left !== right;
        case 'in':
          if (isArray(right)) return includes(right, left);
          return typeof left === 'string' && typeof right === 'string' && right.includes(left);
        default: {
          const comparable =
            (typeof left === 'number' && typeof right === 'number') ||
            (typeof left === 'string' && typeof right === 'string');
          if (!comparable) return false;
          if (operator === '<') return left < right;
          if (operator === '<=') return left <= right;
          if (operator === '>') return left > right;
          return left >= right;
        }
      }
    }
  }
}

/** the truthiness of {@link evaluate}: false, null, 0, NaN and '' are false */
export function evaluateCondition(
  expression: Expression,
  variables: Readonly<Record<string, unknown>>,
): boolean {
  return truthy(evaluate(expression, variables));
}

/** the root variable names an expression reads, in order of first appearance */
export function referencedVariables(expression: Expression): string[] {
  const names = new Set<string>();
  const visit = (e: Expression): void => {
    switch (e.type) {
      case 'literal':
        return;
      case 'array':
        e.items.forEach(visit);
        return;
      case 'path':
        if (e.segments[0] !== undefined) names.add(e.segments[0]);
        return;
      case 'unary':
        visit(e.operand);
        return;
      case 'binary':
        visit(e.left);
        visit(e.right);
        return;
    }
  };
  visit(expression);
  return [...names];
}

// ---------------------------------------------------------------------------------------------
// Printing

const PRECEDENCE: Record<BinaryOperator, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  in: 4,
};
const UNARY_PRECEDENCE = 5;
const PRIMARY_PRECEDENCE = 6;

/** a non-negative finite number in the plain decimal notation the parser reads */
function plainNumber(n: number): string {
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const mantissa = s.slice(0, e);
  const exponent = Number(s.slice(e + 1));
  const [whole = '', fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  const point = whole.length + exponent;
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

function printLiteral(value: string | number | boolean | null): [string, number] {
  if (typeof value === 'string') {
    return [`"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`, PRIMARY_PRECEDENCE];
  }
  if (typeof value === 'number') {
    // NaN and infinities have no source form
    if (!Number.isFinite(value)) return ['null', PRIMARY_PRECEDENCE];
    if (value < 0 || Object.is(value, -0)) return [`-${plainNumber(-value)}`, UNARY_PRECEDENCE];
    return [plainNumber(value), PRIMARY_PRECEDENCE];
  }
  return [String(value), PRIMARY_PRECEDENCE];
}

/**
 * prints an expression as source that parses back to an equivalent expression, with only the
 * parentheses precedence needs (negative number literals print as unary minus; NaN and
 * infinities, which have no source form, as null)
 */
export function printExpression(expression: Expression): string {
  return print(expression)[0];
}

function print(e: Expression): [string, number] {
  switch (e.type) {
    case 'literal':
      return printLiteral(e.value);
    case 'array':
      return [`[${e.items.map((item) => print(item)[0]).join(', ')}]`, PRIMARY_PRECEDENCE];
    case 'path':
      return [e.segments.join('.'), PRIMARY_PRECEDENCE];
    case 'unary': {
      const operand = wrap(print(e.operand), UNARY_PRECEDENCE);
      // keep `- -x` apart for readability
      const gap = e.operator === '-' && operand.startsWith('-') ? ' ' : '';
      return [`${e.operator}${gap}${operand}`, UNARY_PRECEDENCE];
    }
    case 'binary': {
      const p = PRECEDENCE[e.operator];
      const left = wrap(print(e.left), p);
      const right = wrap(print(e.right), p + 1);
      return [`${left} ${e.operator} ${right}`, p];
    }
  }
}

function wrap([text, precedence]: [string, number], min: number): string {
  return precedence < min ? `(${text})` : text;
}
