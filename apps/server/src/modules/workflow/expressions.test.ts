import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  MAX_DEPTH,
  MAX_SOURCE_LENGTH,
  evaluate,
  evaluateCondition,
  parseExpression,
  printExpression,
  referencedVariables,
  type BinaryOperator,
  type Expression,
} from './expressions.js';

function parse(source: string): Expression {
  const result = parseExpression(source);
  if (!result.ok) assert.fail(`${JSON.stringify(source)}: ${result.message}`);
  return result.expression;
}

function run(source: string, variables: Record<string, unknown> = {}): unknown {
  return evaluate(parse(source), variables);
}

function refused(source: string, position: number, messagePart?: RegExp): void {
  const result = parseExpression(source);
  assert.equal(result.ok, false, `${JSON.stringify(source)} should be refused`);
  if (result.ok) return;
  assert.equal(result.position, position, `${JSON.stringify(source)}: ${result.message}`);
  assert.match(result.message, new RegExp(`位置 ${position} 处`));
  assert.match(result.message, new RegExp(`at ${position}\\)$`));
  if (messagePart) assert.match(result.message, messagePart);
}

describe('parseExpression and evaluate: literals', () => {
  it('reads numbers, strings, booleans and null', () => {
    assert.equal(run('42'), 42);
    assert.equal(run('3.25'), 3.25);
    assert.equal(run('007'), 7);
    assert.equal(run('-5'), -5);
    assert.equal(run('- -5'), 5);
    assert.equal(run('true'), true);
    assert.equal(run('false'), false);
    assert.equal(run('null'), null);
    assert.equal(run('"abc"'), 'abc');
    assert.equal(run("'abc'"), 'abc');
    assert.equal(run('""'), '');
  });

  it('reads escapes of the quote and the backslash in strings', () => {
    assert.equal(run(String.raw`"a\"b"`), 'a"b');
    assert.equal(run(String.raw`'a\'b'`), "a'b");
    assert.equal(run(String.raw`'a\"b'`), 'a"b');
    assert.equal(run(String.raw`"a\\b"`), 'a\\b');
    assert.equal(run(`"it's"`), "it's");
    assert.equal(run(`'say "hi"'`), 'say "hi"');
  });

  it('keeps CJK and other characters in strings', () => {
    assert.equal(run('"准予许可"'), '准予许可');
    assert.equal(run('"𠮷野家 🙂"'), '𠮷野家 🙂');
    assert.equal(run('decision == "准予许可"', { decision: '准予许可' }), true);
    assert.equal(run('decision == "准予许可"', { decision: '不予许可' }), false);
  });

  it('reads array literals anywhere, with an optional trailing comma', () => {
    assert.deepEqual(run('["a", "b", 1]'), ['a', 'b', 1]);
    assert.deepEqual(run('[]'), []);
    assert.deepEqual(run('[1, [2, x], -3,]', { x: 'y' }), [1, [2, 'y'], -3]);
    assert.deepEqual(run('[a == 1, !a]', { a: 1 }), [true, false]);
  });

  it('accepts the Camunda ${…} wrapper with whitespace around', () => {
    assert.equal(run('${approved}', { approved: true }), true);
    assert.equal(run('  ${ approved == true }  ', { approved: true }), true);
    assert.equal(run('${a || b}', { a: false, b: 'x' }), true);
    assert.equal(run('$x', { $x: 1 }), 1);
    assert.equal(run('$ == 2', { $: 2 }), true);
    assert.equal(run('True', { True: 1 }), 1, 'keywords are case-sensitive');
  });

  it('accepts ASCII, ideographic and no-break spaces and line breaks as whitespace', () => {
    assert.equal(run('\ta\r\n==\u3000"x"\u00a0', { a: 'x' }), true);
  });
});

describe('variable paths', () => {
  const variables = {
    applicant: { kind: 'enterprise', name: '某某有限公司', tags: ['a', 'b'] },
    form: { registeredCapital: 5_000_000, nested: { deep: { value: 'ok' } } },
    list: [1, 2, 3],
    name: '𠮷田',
    empty: null,
  };

  it('reads dotted paths', () => {
    assert.equal(run('applicant.kind', variables), 'enterprise');
    assert.equal(run('form.registeredCapital', variables), 5_000_000);
    assert.equal(run('form . nested . deep . value', variables), 'ok');
    assert.deepEqual(run('applicant.tags', variables), ['a', 'b']);
  });

  it('gives null for missing paths, and for paths through null or scalars', () => {
    assert.equal(run('missing', variables), null);
    assert.equal(run('missing.deeper.still', variables), null);
    assert.equal(run('applicant.age', variables), null);
    assert.equal(run('empty.x', variables), null);
    assert.equal(run('form.registeredCapital.x', variables), null);
    assert.equal(run('applicant.kind.x', variables), null);
    assert.equal(run('u', { u: undefined }), null);
    assert.equal(run('o.u', { o: { u: undefined } }), null);
  });

  it('gives the length of arrays and strings (in code points)', () => {
    assert.equal(run('list.length', variables), 3);
    assert.equal(run('applicant.tags.length', variables), 2);
    assert.equal(run('applicant.name.length', variables), 6);
    assert.equal(run('name.length', variables), 2);
    refused('"".length', 2, /expected an operator/); // only paths have properties
  });

  it('gives the own length property of a plain object, and null for other lengths', () => {
    assert.equal(run('o.length', { o: { length: 'long' } }), 'long');
    assert.equal(run('o.length', { o: {} }), null);
    assert.equal(run('n.length', { n: 12345 }), null);
  });

  it('reads keywords as property names after a dot', () => {
    const v = { x: { in: 1, null: 2, true: 3, not: 4, and: 5, or: 6, false: 7 } };
    assert.equal(run('x.in', v), 1);
    assert.equal(run('x.null', v), 2);
    assert.equal(run('x.true == 3 && x.not == 4 && x.and == 5 && x.or == 6 && x.false', v), true);
  });

  it('does not reach the prototype chain', () => {
    assert.equal(run('toString', {}), null);
    assert.equal(run('hasOwnProperty', {}), null);
    assert.equal(run('valueOf', {}), null);
    assert.equal(run('a.secret', { a: Object.create({ secret: 1 }) as unknown }), null);
    assert.equal(run('a.toString', { a: {} }), null);
    assert.equal(run('a.push', { a: [] }), null);
    assert.equal(run('s.toUpperCase', { s: 'x' }), null);
    assert.equal(run('a.b', Object.create({ a: { b: 1 } }) as Record<string, unknown>), null);
  });

  it('reads objects without a prototype, but not class instances', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.x = 1;
    assert.equal(run('o.x', { o: bare }), 1);
    assert.equal(run('x', bare), 1);
    class Box {
      x = 1;
    }
    assert.equal(run('o.x', { o: new Box() }), null);
    assert.equal(run('d.x', { d: Object.assign(new Date(0), { x: 1 }) }), null);
    assert.equal(run('m.size', { m: new Map([[1, 2]]) }), null);
  });

  it('reads neither getters nor non-enumerable properties', () => {
    let called = false;
    const o: Record<string, unknown> = {};
    Object.defineProperty(o, 'g', {
      enumerable: true,
      get() {
        called = true;
        throw new Error('boom');
      },
    });
    Object.defineProperty(o, 'hidden', { enumerable: false, value: 1 });
    assert.equal(run('o.g', { o }), null);
    assert.equal(called, false);
    assert.equal(run('o.hidden', { o }), null);
  });

  it('reads revoked proxies as missing', () => {
    const { proxy, revoke } = Proxy.revocable({ x: 1 }, {});
    revoke();
    assert.equal(run('p.x', { p: proxy }), null);
    assert.equal(run('1 in p', { p: proxy }), false);
  });
});

describe('operators', () => {
  it('compares strictly with == and !=', () => {
    assert.equal(run('1 == 1'), true);
    assert.equal(run('1 == "1"'), false);
    assert.equal(run('1 != "1"'), true);
    assert.equal(run('0 == false'), false);
    assert.equal(run('null == false'), false);
    assert.equal(run('"" == null'), false);
    assert.equal(run('missing == null'), true);
    assert.equal(run('missing != null'), false);
    assert.equal(run('"a" == "a"'), true);
    assert.equal(run('true != false'), true);
  });

  it('compares arrays and objects by identity', () => {
    assert.equal(run('[1] == [1]'), false);
    assert.equal(run('a == b', { a: [1], b: [1] }), false);
    const shared = { x: 1 };
    assert.equal(run('a == b', { a: shared, b: shared }), true);
    assert.equal(run('a == a', { a: [1] }), true);
  });

  it('orders numbers and strings', () => {
    assert.equal(run('1 < 2'), true);
    assert.equal(run('2 < 2'), false);
    assert.equal(run('2 <= 2'), true);
    assert.equal(run('3 > 2'), true);
    assert.equal(run('2 >= 3'), false);
    assert.equal(run('-1 < 0'), true);
    assert.equal(run('1.5 > 1.25'), true);
    assert.equal(run('"a" < "b"'), true);
    assert.equal(run('"b" <= "a"'), false);
    assert.equal(run('"2024-03-01" > "2024-02-29"'), true);
    assert.equal(run('form.capital >= 5000000', { form: { capital: 5_000_000 } }), true);
  });

  it('gives false when comparing mixed types or null', () => {
    for (const source of [
      '1 < "2"',
      '"1" < 2',
      '1 >= "1"',
      'null < 1',
      'null >= 0',
      'missing > 0',
      'missing <= 0',
      'true > false',
      '[1] < [2]',
      'x < 1',
    ]) {
      assert.equal(run(source, { x: { a: 1 } }), false, source);
    }
  });

  it('tests membership in arrays and substrings of strings with in', () => {
    assert.equal(run('"a" in ["a", "b", 1]'), true);
    assert.equal(run('1 in ["a", "b", 1]'), true);
    assert.equal(run('"1" in ["a", "b", 1]'), false);
    assert.equal(run('"c" in ["a", "b"]'), false);
    assert.equal(run('null in [null]'), true);
    assert.equal(run('missing in [null]'), true);
    assert.equal(run('kind in kinds', { kind: 'x', kinds: ['x', 'y'] }), true);
    assert.equal(run('[1] in [[1]]'), false);
    assert.equal(run('"许可" in "准予许可"'), true);
    assert.equal(run('"否" in "准予许可"'), false);
    assert.equal(run('"" in "abc"'), true);
    assert.equal(run('1 in "123"'), false);
    assert.equal(run('"a" in null'), false);
    assert.equal(run('"a" in o', { o: { a: 1 } }), false);
    assert.equal(run('"x" in 5'), false);
  });

  it('gives booleans from && and ||, by truthiness', () => {
    assert.equal(run('1 && "x"'), true);
    assert.equal(run('1 && ""'), false);
    assert.equal(run('0 || null'), false);
    assert.equal(run('0 || "x"'), true);
    assert.equal(run('[] && o', { o: {} }), true, 'arrays and objects are truthy');
    assert.equal(run('false || false'), false);
    assert.equal(run('true && true'), true);
  });

  it('short-circuits && and ||', () => {
    assert.equal(run('false && x.y.z'), false);
    assert.equal(run('true || x.y.z'), true);
    assert.equal(run('x != null && x.y.z == 1', {}), false);
    assert.equal(run('x != null && x.y.z == 1', { x: { y: { z: 1 } } }), true);
  });

  it('negates with ! and -', () => {
    assert.equal(run('!true'), false);
    assert.equal(run('!0'), true);
    assert.equal(run('!""'), true);
    assert.equal(run('!"x"'), false);
    assert.equal(run('!missing'), true);
    assert.equal(run('!!"x"'), true);
    assert.equal(run('-x', { x: 3 }), -3);
    assert.equal(run('-x', { x: '3' }), null);
    assert.equal(run('-missing'), null);
    assert.equal(run('-true'), null);
  });

  it('accepts and, or and not as aliases', () => {
    assert.equal(run('a and b', { a: true, b: false }), false);
    assert.equal(run('a or b', { a: true, b: false }), true);
    assert.equal(run('not a', { a: true }), false);
    assert.equal(run('not a and b', { a: false, b: true }), true);
    assert.equal(run('not (kind in ["x"])', { kind: 'y' }), true);
    assert.deepEqual(parse('a and b or not c'), parse('a && b || !c'));
  });

  it('follows the precedence || < && < == != < relational and in < unary < parentheses', () => {
    assert.deepEqual(parse('a || b && c'), parse('a || (b && c)'));
    assert.deepEqual(parse('a && b || c'), parse('(a && b) || c'));
    assert.deepEqual(parse('a && b == c'), parse('a && (b == c)'));
    assert.deepEqual(parse('a == b < c'), parse('a == (b < c)'));
    assert.deepEqual(parse('a != b in c'), parse('a != (b in c)'));
    assert.deepEqual(parse('!a == b'), parse('(!a) == b'));
    assert.deepEqual(parse('!a in b'), parse('(!a) in b'));
    assert.deepEqual(parse('-a < b'), parse('(-a) < b'));
    assert.deepEqual(parse('a || b || c'), parse('(a || b) || c'));
    assert.deepEqual(parse('a == b == c'), parse('(a == b) == c'));
    assert.deepEqual(parse('((a))'), parse('a'));
    // evaluated: with a true, b true, c false
    const v = { a: true, b: true, c: false };
    assert.equal(run('a || b && c', v), true);
    assert.equal(run('(a || b) && c', v), false);
    assert.equal(run('!a || b', v), true);
    assert.equal(run('!(a || b)', v), false);
    assert.equal(run('1 < 2 == 2 < 3'), true);
    assert.equal(run('1 == 1 && 2 == 3'), false);
  });
});

describe('evaluateCondition', () => {
  it('gives the truthiness of the value', () => {
    const cases: [string, boolean][] = [
      ['true', true],
      ['false', false],
      ['null', false],
      ['missing', false],
      ['0', false],
      ['1', true],
      ['""', false],
      ['"0"', true],
      ['[]', true],
      ['o', true],
      ['n', false],
    ];
    for (const [source, expected] of cases) {
      assert.equal(evaluateCondition(parse(source), { o: {}, n: Number.NaN }), expected, source);
    }
  });
});

describe('referencedVariables', () => {
  it('lists the root names read, once each, in order of appearance', () => {
    assert.deepEqual(
      referencedVariables(
        parse('${ applicant.kind == "enterprise" && (form.capital > 5 || applicant.x in list) }'),
      ),
      ['applicant', 'form', 'list'],
    );
    assert.deepEqual(referencedVariables(parse('[a, -b, !c.d]')), ['a', 'b', 'c']);
    assert.deepEqual(referencedVariables(parse('"a" == "b"')), []);
    assert.deepEqual(referencedVariables(parse('x.in == y')), ['x', 'y']);
  });
});

describe('refused inputs', () => {
  it('reports where the input goes wrong', () => {
    refused('"abc', 0, /unterminated string/);
    refused("x == 'abc", 5, /unterminated string/);
    refused('"a\\"', 0, /unterminated string/);
    refused('a ==', 4, /expected an expression/);
    refused('(a', 2, /expected an operator or the '\)'/);
    refused('(a b)', 3);
    refused('a b', 2, /expected an operator/);
    refused('a)', 1, /expected an operator/);
    refused('__proto__', 0, /__proto__/);
    refused('a.constructor', 2, /constructor/);
    refused('a.__proto__.x', 2, /__proto__/);
    refused('x.prototype', 2, /prototype/);
    refused('constructor == 1', 0);
    refused('a.b.', 4, /property name/);
    refused('a.1', 2, /property name/);
    refused('1.', 1);
    refused('.5', 0);
    refused('a = 1', 2, /'=='/);
    refused('a & b', 2, /'&&'/);
    refused('a | b', 2, /'\|\|'/);
    refused('a + b', 2, /unexpected character/);
    refused('f(x)', 1);
    refused('a[0]', 1);
    refused('"\\n"', 1, /escaped/);
    refused('[1, 2', 5, /','/);
    refused('[1 2]', 3);
    refused('[,]', 1);
    refused('in', 0, /keyword/);
    refused('a in', 4);
    refused('not', 3);
    refused('a && or', 5, /keyword/);
    refused('1' + '0'.repeat(400), 0, /out of range/);
    refused('a == 中文', 5, /unexpected character '中'/);
    refused('𠮷', 0, /'𠮷'/);
  });

  it('refuses empty input and misused wrappers', () => {
    refused('', 0, /expected an expression/);
    refused('   ', 3);
    refused('${}', 2);
    refused('${ }', 3);
    refused('${a', 3, /'\}'/);
    refused('${a}}', 4, /nothing may follow/);
    refused('${a} || ${b}', 5, /nothing may follow/);
    refused('a }', 2);
    refused('#{a}', 0);
  });

  it(`refuses sources over ${MAX_SOURCE_LENGTH} characters`, () => {
    const ok = `"${'x'.repeat(MAX_SOURCE_LENGTH - 2)}"`;
    assert.equal(ok.length, 1000);
    assert.equal(run(ok), 'x'.repeat(998));
    refused(`"${'x'.repeat(MAX_SOURCE_LENGTH - 1)}"`, 1000, /1000/);
    refused(' '.repeat(1001), 1000);
  });

  it(`refuses nesting deeper than ${MAX_DEPTH}`, () => {
    const nest = (n: number) => '('.repeat(n) + 'a' + ')'.repeat(n);
    assert.equal(run(nest(MAX_DEPTH), { a: 1 }), 1);
    refused(nest(MAX_DEPTH + 1), MAX_DEPTH, /nesting/);
    assert.equal(run('!'.repeat(MAX_DEPTH) + 'a', { a: 1 }), true);
    refused('!'.repeat(MAX_DEPTH + 1) + 'a', MAX_DEPTH, /nesting/);
    refused('['.repeat(MAX_DEPTH + 1) + ']'.repeat(MAX_DEPTH + 1), MAX_DEPTH);
    refused('-('.repeat(26) + '1' + ')'.repeat(26), 50);
    // long flat chains are not nesting
    const chain = Array.from({ length: 300 }, () => 'a').join('||');
    assert.ok(chain.length <= MAX_SOURCE_LENGTH);
    assert.equal(run(chain, { a: 1 }), true);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const KEYWORDS = ['true', 'false', 'null', 'and', 'or', 'not', 'in'];
const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

const anyName = fc
  .stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,4}$/)
  .filter((s) => !FORBIDDEN.includes(s));
/** root names: mostly a few that the generated variables define */
const rootName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'b', 'c', 'kind', 'list', '$x') },
  { weight: 1, arbitrary: anyName.filter((s) => !KEYWORDS.includes(s)) },
);
const propertyName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'b', 'x', 'length', 'in', 'null') },
  { weight: 1, arbitrary: anyName },
);

const number = fc
  .oneof(fc.nat(1_000_000), fc.double({ min: 0, max: 1e25, noNaN: true }))
  .map((n) => (n === 0 ? 0 : n));
const text = fc.oneof(
  fc.constantFrom('准予许可', '不予许可', 'x', '', '"', "'", '\\', '许可'),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const binaryOperator = fc.constantFrom<BinaryOperator>(
  '||',
  '&&',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
);

/** expressions as the parser builds them (no negative number literals) */
const { expression: expressionArb } = fc.letrec<{ expression: Expression }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(
      number.map((value): Expression => ({ type: 'literal', value })),
      text.map((value): Expression => ({ type: 'literal', value })),
      fc.constantFrom(true, false, null).map((value): Expression => ({ type: 'literal', value })),
      fc
        .tuple(rootName, fc.array(propertyName, { maxLength: 3 }))
        .map(([root, rest]): Expression => ({ type: 'path', segments: [root, ...rest] })),
    ),
    fc
      .array(tie('expression'), { maxLength: 3 })
      .map((items): Expression => ({ type: 'array', items })),
    fc
      .tuple(fc.constantFrom<'!' | '-'>('!', '-'), tie('expression'))
      .map(([operator, operand]): Expression => ({ type: 'unary', operator, operand })),
    fc
      .tuple(binaryOperator, tie('expression'), tie('expression'))
      .map(([operator, left, right]): Expression => ({ type: 'binary', operator, left, right })),
  ),
}));

const variablesArb = fc.record(
  {
    a: fc.jsonValue({ maxDepth: 2 }),
    b: fc.jsonValue({ maxDepth: 2 }),
    c: fc.oneof(fc.boolean(), fc.integer(), fc.constantFrom('准予许可', 'x', '')),
    kind: fc.constantFrom('准予许可', '不予许可', 'x'),
    list: fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -3, max: 3 }))),
    $x: fc.dictionary(propertyName, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  },
  { requiredKeys: [] },
);

describe('properties', () => {
  it('parse never throws and reports positions within the source', () => {
    const sources = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.string({ maxLength: 1100 }),
      // strings of the language's own characters find far more interesting errors
      fc.string({
        unit: fc.constantFrom(...'ab.()[]"\'\\!=<>&|-,${} 019'.split(''), 'in ', 'not ', 'or '),
        maxLength: 40,
      }),
    );
    fc.assert(
      fc.property(sources, (source) => {
        const result = parseExpression(source);
        if (!result.ok) {
          assert.ok(Number.isInteger(result.position));
          assert.ok(result.position >= 0 && result.position <= source.length);
          assert.ok(result.message.length > 0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('printed expressions parse back to the same expression and evaluate equal', () => {
    fc.assert(
      fc.property(expressionArb, variablesArb, (expression, variables) => {
        const source = printExpression(expression);
        fc.pre(source.length <= MAX_SOURCE_LENGTH);
        const reparsed = parse(source);
        assert.deepEqual(reparsed, expression);
        assert.deepEqual(evaluate(reparsed, variables), evaluate(expression, variables));
        // the wrapper changes nothing
        assert.deepEqual(parse(`\${ ${source} }`), expression);
      }),
      { numRuns: 1000 },
    );
  });

  it('negative numbers print as unary minus and evaluate equal', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const expression: Expression = { type: 'literal', value };
        const source = printExpression(expression);
        fc.pre(source.length <= MAX_SOURCE_LENGTH);
        assert.ok(Object.is(run(source), value), `${value} printed as ${source}`);
      }),
    );
    assert.equal(printExpression(parse('-(-1) < - -2')), '- -1 < - -2');
    assert.equal(printExpression(parse('!(a || b) && (c == d)')), '!(a || b) && c == d');
    assert.equal(printExpression(parse('a || (b || c)')), 'a || (b || c)');
    assert.equal(printExpression({ type: 'literal', value: 1e21 }), '1000000000000000000000');
    assert.equal(printExpression({ type: 'literal', value: 1.5e-7 }), '0.00000015');
    assert.equal(printExpression({ type: 'literal', value: Number.NaN }), 'null');
  });

  it('evaluate never throws, on generated expressions and JSON variables', () => {
    fc.assert(
      fc.property(
        expressionArb,
        fc.oneof(variablesArb, fc.dictionary(rootName, fc.jsonValue())),
        (expression, variables) => {
          const value = evaluate(expression, variables);
          assert.notEqual(value, undefined);
          assert.equal(typeof evaluateCondition(expression, variables), 'boolean');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('evaluate never throws on whatever parses from arbitrary source', () => {
    const source = fc.string({
      unit: fc.constantFrom(
        ...'abc.()[]"!=<>-, 019'.split(''),
        '&&',
        '||',
        ' in ',
        'not ',
        '.length',
      ),
      maxLength: 30,
    });
    fc.assert(
      fc.property(source, fc.jsonValue(), fc.jsonValue(), (text, a, b) => {
        const result = parseExpression(text);
        if (result.ok) {
          assert.notEqual(evaluate(result.expression, { a, b, c: [a, b] }), undefined);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
