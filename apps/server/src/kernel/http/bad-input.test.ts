import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Problem } from '@zhengtong/contracts';
import { createTestApp, type TestApp } from '../../test-support/app.js';

/**
 * Bad input gets a clear 4xx problem+json naming the problem, and nothing is written. The
 * calendar overrides endpoint is the one write endpoint so far (closed to anonymous callers).
 */
describe('bad input', () => {
  let t: TestApp;
  const url = '/api/v1/calendar/overrides/2027';
  const counts = async () => {
    const r = await t.kernel.db.pool.query<{ overrides: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM calendar_override) AS overrides,
              (SELECT count(*)::int FROM audit_log) AS audit`,
    );
    return r.rows[0];
  };
  let baseline: Awaited<ReturnType<typeof counts>>;

  before(async () => {
    t = await createTestApp({ env: { ZT_BODY_LIMIT: '4096' } });
    baseline = await counts();
  });
  after(async () => {
    assert.deepEqual(await counts(), baseline, 'no bad request wrote anything');
    await t.close();
  });

  const send = async (payload: string, contentType = 'application/json') => {
    const res = await t.app.inject({
      method: 'PUT',
      url,
      payload,
      headers: { 'content-type': contentType },
    });
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    return { status: res.statusCode, problem: res.json<Problem>() };
  };

  it('malformed JSON → 400 malformed-json', async () => {
    const { status, problem } = await send('{"days": [');
    assert.equal(status, 400);
    assert.equal(problem.code, 'malformed-json');
    assert.equal(problem.status, 400);
    assert.ok(problem.type.endsWith('/malformed-json'));
    assert.ok(problem.requestId);
  });

  it('a wrong type → 400 validation with the field path', async () => {
    const { status, problem } = await send(
      JSON.stringify({ days: [{ date: '2027-01-01', kind: 'holiday', name: 42 }] }),
    );
    assert.equal(status, 400);
    assert.equal(problem.code, 'validation');
    assert.ok(
      problem.errors?.some((e) => e.path === '/body/days/0/name'),
      JSON.stringify(problem.errors),
    );
  });

  it('a missing field and a bad enum value are both named', async () => {
    const { status, problem } = await send(
      JSON.stringify({ days: [{ kind: 'party', name: null }] }),
    );
    assert.equal(status, 400);
    const paths = problem.errors?.map((e) => e.path) ?? [];
    assert.ok(paths.includes('/body/days/0/date'), paths.join());
    assert.ok(
      paths.some((p) => p.startsWith('/body/days/0/kind')),
      paths.join(),
    );
  });

  it('a bad path parameter → 400 naming it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/overrides/20x7' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res.json<Problem>().errors?.map((e) => e.path),
      ['/params/year'],
    );
  });

  it('an oversized body → 413 body-too-large', async () => {
    const days = Array.from({ length: 200 }, (_, i) => ({
      date: `2027-01-${String((i % 28) + 1).padStart(2, '0')}`,
      kind: 'holiday',
      name: '很长的名字'.repeat(3),
    }));
    const { status, problem } = await send(JSON.stringify({ days }));
    assert.equal(status, 413);
    assert.equal(problem.code, 'body-too-large');
  });

  it('a body that is not JSON → 415 unsupported-media-type', async () => {
    const { status, problem } = await send('days=1', 'application/x-www-form-urlencoded');
    assert.equal(status, 415);
    assert.equal(problem.code, 'unsupported-media-type');
  });

  it('a valid body from an anonymous caller → 401, writes closed', async () => {
    const { status, problem } = await send(
      JSON.stringify({ days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] }),
    );
    assert.equal(status, 401);
    assert.equal(problem.code, 'authentication-required');
  });

  it('an impossible date in a query → 400 naming the field', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/calendar/add-working-days?from=2025-02-30&days=3',
    });
    assert.equal(res.statusCode, 400);
    const p = res.json<Problem>();
    assert.equal(p.code, 'invalid-date');
    assert.deepEqual(
      p.errors?.map((e) => e.path),
      ['/query/from'],
    );
  });

  it('an unknown route → 404 route-not-found', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nowhere' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json<Problem>().code, 'route-not-found');
  });

  it('a hostile request id is replaced, a sane one kept', async () => {
    const hostile = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': '<script>alert(1)</script>' },
    });
    assert.notEqual(hostile.headers['x-request-id'], '<script>alert(1)</script>');
    const sane = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'abc-123' },
    });
    assert.equal(sane.headers['x-request-id'], 'abc-123');
  });
});
