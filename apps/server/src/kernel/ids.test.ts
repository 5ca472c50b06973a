import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newId } from './ids.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** the 48-bit Unix millisecond timestamp at the front of a UUIDv7 */
const timestampOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('newId', () => {
  it('makes RFC 9562 version 7 UUIDs: version nibble 7, variant 10xx', () => {
    for (let i = 0; i < 2000; i++) {
      const id = newId();
      assert.match(id, UUID_V7);
      const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
      assert.equal(bytes.length, 16);
      assert.equal(bytes[6]! >> 4, 7, `version of ${id}`);
      assert.equal(bytes[8]! >> 6, 0b10, `variant of ${id}`);
    }
  });

  it('carries the current Unix time in milliseconds', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    const ts = timestampOf(id);
    // a burst of ids earlier in this process may have run the clock a millisecond or two ahead
    assert.ok(ts >= before && ts <= after + 5, `${ts} not in [${before}, ${after}]`);
  });

  it('is unique over 10 000 calls', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 10_000; i++) ids.add(newId());
    assert.equal(ids.size, 10_000);
  });

  it('sorts ids made one after another in the order they were made', () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    for (let i = 1; i < ids.length; i++) {
      assert.ok(ids[i - 1]! < ids[i]!, `${ids[i - 1]} then ${ids[i]} at ${i}`);
    }
  });

  it('stays ordered when many ids share one millisecond, past the 12-bit counter', () => {
    const now = Date.now() + 10_000;
    const ids = Array.from({ length: 5000 }, () => newId(now));
    for (let i = 1; i < ids.length; i++) {
      assert.ok(ids[i - 1]! < ids[i]!, `${ids[i - 1]} then ${ids[i]} at ${i}`);
      assert.match(ids[i]!, UUID_V7);
    }
    // 5000 ids overflow 4096 counter values: the timestamp moves on rather than wrapping back
    assert.ok(timestampOf(ids.at(-1)!) > now);
  });

  it('stays ordered when the clock goes backwards', () => {
    const now = Date.now() + 20_000;
    const a = newId(now);
    const b = newId(now - 5000);
    const c = newId(now - 1);
    assert.ok(a < b && b < c, `${a} ${b} ${c}`);
  });
});
