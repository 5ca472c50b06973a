import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeLike, pinyinInitials, queryTerms, searchTextOf } from './search-text.js';

describe('pinyinInitials', () => {
  it('gives the initials of item names', () => {
    assert.equal(pinyinInitials('营业执照'), 'yyzz');
    assert.equal(pinyinInitials('出生医学证明'), 'csyxzm');
    assert.equal(pinyinInitials('重新申领居民身份证'), 'cxsljmsfz');
  });

  it('reads polyphones in their words', () => {
    // 行 is xíng in 行政 and háng in 银行
    assert.equal(pinyinInitials('行政许可'), 'xzxk');
    assert.equal(pinyinInitials('银行开户许可'), 'yhkhxk');
    // not read as surnames: 单 dān (not shàn), 曾 céng (not zēng)
    assert.equal(pinyinInitials('单位参保登记'), 'dwcbdj');
    assert.equal(pinyinInitials('曾用名变更'), 'cymbg');
  });

  it('keeps letters and digits lower-cased and drops spaces and punctuation', () => {
    assert.equal(pinyinInitials('ABC营业执照123'), 'abcyyzz123');
    assert.equal(pinyinInitials('  营业 执照（分支机构）、'), 'yyzzfzjg');
    assert.equal(pinyinInitials('ＩＣＰ经营许可证'), 'icpjyxkz');
  });

  it('gives nothing for empty or blank text', () => {
    assert.equal(pinyinInitials(''), '');
    assert.equal(pinyinInitials(' \t　'), '');
    assert.equal(pinyinInitials('——'), '');
  });

  it('only ever gives lower-case letters and digits (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        assert.match(pinyinInitials(s), /^[a-z0-9]*$/);
      }),
    );
  });
});

describe('searchTextOf', () => {
  it('joins the parts lower-cased with single spaces', () => {
    assert.equal(
      searchTextOf(['营业执照', '  执照\t', '行政许可', 'XK00100001000']),
      '营业执照 执照 行政许可 xk00100001000',
    );
  });

  it('collapses every kind of whitespace and normalises full-width letters', () => {
    assert.equal(searchTextOf(['ＩＣＰ\n经营　许可', '', '  ']), 'icp 经营 许可');
    assert.equal(searchTextOf([]), '');
  });
});

describe('queryTerms', () => {
  it('splits on whitespace, commas and 、, lower-cased', () => {
    assert.deepEqual(queryTerms('营业执照，YYZZ、 行政许可,出生  医学'), [
      '营业执照',
      'yyzz',
      '行政许可',
      '出生',
      '医学',
    ]);
  });

  it('keeps LIKE wildcards as they are', () => {
    assert.deepEqual(queryTerms('50%  a_b \\'), ['50%', 'a_b', '\\']);
  });

  it('takes at most five distinct terms', () => {
    assert.deepEqual(queryTerms('a b a c d e f g'), ['a', 'b', 'c', 'd', 'e']);
  });

  it('gives no terms for a blank query', () => {
    assert.deepEqual(queryTerms(''), []);
    assert.deepEqual(queryTerms(' ，、 '), []);
  });
});

describe('escapeLike', () => {
  it('escapes %, _ and the escape character itself', () => {
    assert.equal(escapeLike('50%'), '50\\%');
    assert.equal(escapeLike('a_b'), 'a\\_b');
    assert.equal(escapeLike('c:\\x'), 'c:\\\\x');
    assert.equal(escapeLike('营业执照'), '营业执照');
  });

  it('makes a pattern that matches the term literally (property)', () => {
    // LIKE semantics with ESCAPE '\', as PostgreSQL applies them
    const like = (text: string, pattern: string): boolean => {
      let re = '';
      for (let i = 0; i < pattern.length; i += 1) {
        const c = pattern[i] as string;
        if (c === '\\') re += (pattern[++i] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        else if (c === '%') re += '[\\s\\S]*';
        else if (c === '_') re += '[\\s\\S]';
        else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
      return new RegExp(`^${re}$`, 'u').test(text);
    };
    const chars = fc.constantFrom('a', '%', '_', '\\', '营', 'x');
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 8 }).map((a) => a.join('')),
        fc.array(chars, { maxLength: 8 }).map((a) => a.join('')),
        (term, text) => {
          const pattern = `%${escapeLike(term)}%`;
          assert.equal(like(text, pattern), text.includes(term), `${term} in ${text}`);
        },
      ),
    );
  });
});
