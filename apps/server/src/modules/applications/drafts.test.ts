import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  MAX_DRAFT_BYTES,
  MAX_DRAFTS_PER_ACCOUNT,
  type Draft,
  type DraftList,
  type Problem,
} from '@zhengtong/contracts';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { createPublishedList, createTestItem, organisationId } from '../../test-support/catalog.js';
import {
  createPerson,
  createStaff,
  FAST_ARGON2,
  loginAs,
  type TestPerson,
} from '../../test-support/identity.js';
import { ApplicationDrafts } from './drafts.js';

const API = '/api/v1/applications/drafts';

describe('application drafts (草稿)', () => {
  let t: TestApp;
  let citizen: TestPerson;
  const cookie: Record<string, string> = {};

  const call = (
    who: string | undefined,
    method: 'GET' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: who ? { cookie: cookie[who]! } : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const listTarget = () => `list:${crypto.randomUUID()}`;
  const path = (target: string) => `${API}/${encodeURIComponent(target)}`;

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    citizen = await createPerson(t);
    cookie.citizen = await loginAs(t, citizen);
    cookie.other = await loginAs(t, await createPerson(t));
    cookie.staff = await loginAs(t, await createStaff(t, { roles: ['windowOfficer'] }));
  });
  after(() => t.close());

  it('saves, loads, replaces and deletes a draft', async () => {
    const target = listTarget();
    const first = await call('citizen', 'PUT', path(target), {
      title: '食品经营许可',
      formData: { reason: '新办', shop: { name: '老王面馆', area: 42 } },
    });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json<Draft>().target, target);

    const loaded = await call('citizen', 'GET', path(target));
    assert.equal(loaded.statusCode, 200, loaded.body);
    assert.deepEqual(loaded.json<Draft>().formData, {
      reason: '新办',
      shop: { name: '老王面馆', area: 42 },
    });
    assert.equal(loaded.json<Draft>().title, '食品经营许可');

    const replaced = await call('citizen', 'PUT', path(target), {
      title: '食品经营许可（改）',
      formData: { reason: '变更' },
    });
    assert.equal(replaced.statusCode, 200, 'a second save replaces the draft');
    const again = (await call('citizen', 'GET', path(target))).json<Draft>();
    assert.deepEqual(again.formData, { reason: '变更' }, 'nothing of the old form is left');
    assert.equal(again.title, '食品经营许可（改）');
    assert.ok(again.updatedAt >= loaded.json<Draft>().updatedAt);

    const bundle = 'bundle:newborn:410105';
    assert.equal(
      (await call('citizen', 'PUT', path(bundle), { title: '出生一件事', formData: {} }))
        .statusCode,
      201,
    );
    const mine = (await call('citizen', 'GET', API)).json<DraftList>();
    assert.deepEqual(
      mine.items.map((d) => d.target),
      [bundle, target],
      'the last saved first',
    );
    assert.ok(!('formData' in mine.items[0]!), 'the list leaves the forms out');

    const removed = await call('citizen', 'DELETE', path(target));
    assert.equal(removed.statusCode, 204);
    assert.equal((await call('citizen', 'GET', path(target))).statusCode, 404);
    assert.equal((await call('citizen', 'DELETE', path(target))).statusCode, 404);
    assert.deepEqual(
      (await call('citizen', 'GET', API)).json<DraftList>().items.map((d) => d.target),
      [bundle],
    );
  });

  it('keeps each account’s drafts to itself', async () => {
    const target = listTarget();
    await call('citizen', 'PUT', path(target), { title: '我的', formData: { a: 1 } });
    assert.equal((await call('other', 'GET', path(target))).statusCode, 404);
    assert.equal((await call('other', 'DELETE', path(target))).statusCode, 404);
    assert.ok(
      !(await call('other', 'GET', API)).json<DraftList>().items.some((d) => d.target === target),
    );
    // the other account's own draft of the same target is a draft of its own
    await call('other', 'PUT', path(target), { title: '他的', formData: { b: 2 } });
    assert.deepEqual((await call('citizen', 'GET', path(target))).json<Draft>().formData, {
      a: 1,
    });
  });

  it('is for signed-in applicants only', async () => {
    const target = listTarget();
    const body = { title: '草稿', formData: {} };
    for (const [method, url] of [
      ['GET', API],
      ['GET', path(target)],
      ['PUT', path(target)],
      ['DELETE', path(target)],
    ] as const) {
      const payload = method === 'PUT' ? body : undefined;
      const anonymous = await call(undefined, method, url, payload);
      assert.equal(anonymous.statusCode, 401, `${method} ${url} anonymous`);
      const staff = await call('staff', method, url, payload);
      assert.equal(staff.statusCode, 403, `${method} ${url} staff`);
      assert.equal(staff.json<Problem>().code, 'applicants-only');
    }
  });

  it('refuses what is no draft', async () => {
    const target = listTarget();
    for (const formData of [[1, 2], 'text', 42, null]) {
      const res = await call('citizen', 'PUT', path(target), { title: '草稿', formData });
      assert.equal(res.statusCode, 400, `${JSON.stringify(formData)}: ${res.body}`);
    }
    const noTitle = await call('citizen', 'PUT', path(target), { title: '', formData: {} });
    assert.equal(noTitle.statusCode, 400);
    const blankTitle = await call('citizen', 'PUT', path(target), { title: '   ', formData: {} });
    assert.equal(blankTitle.statusCode, 400);
    const longTitle = await call('citizen', 'PUT', path(target), {
      title: '长'.repeat(201),
      formData: {},
    });
    assert.equal(longTitle.statusCode, 400);
    assert.equal((await call('citizen', 'GET', path(target))).statusCode, 404, 'nothing saved');
  });

  it('refuses hostile and malformed targets', async () => {
    for (const target of [
      'list:../../etc/passwd',
      "list:' OR '1'='1",
      'list:6F9619FF-8B86-D011-B42D-00C04FC964FF',
      'list:not-a-uuid',
      `list:${crypto.randomUUID()}x`,
      'bundle:Newborn:410105',
      'bundle:newborn:4101',
      'bundle::410105',
      `bundle:${'a'.repeat(41)}:410105`,
      'bundle:newborn:410105:extra',
      'application:whatever',
      '<script>alert(1)</script>',
    ]) {
      for (const method of ['GET', 'PUT', 'DELETE'] as const) {
        const res = await call(
          'citizen',
          method,
          path(target),
          method === 'PUT' ? { title: 'x', formData: {} } : undefined,
        );
        assert.equal(res.statusCode, 400, `${method} ${target}: ${res.body}`);
      }
    }
  });

  it('answers 413 for a form larger than 256 KiB', async () => {
    const target = listTarget();
    // JSON of {"text":"…"} just over the limit
    const tooLarge = { text: 'x'.repeat(MAX_DRAFT_BYTES) };
    const res = await call('citizen', 'PUT', path(target), { title: '大表', formData: tooLarge });
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.json<Problem>().code, 'draft-too-large');
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    // multi-byte text counts in bytes: 90 000 Chinese characters are 270 000 bytes
    const chinese = await call('citizen', 'PUT', path(target), {
      title: '大表',
      formData: { text: '汉'.repeat(90_000) },
    });
    assert.equal(chinese.statusCode, 413);
    const fits = { text: 'x'.repeat(MAX_DRAFT_BYTES - 100) };
    assert.equal(
      (await call('citizen', 'PUT', path(target), { title: '大表', formData: fits })).statusCode,
      201,
    );
  });

  it('seals the form at rest', async () => {
    const target = listTarget();
    const phone = '13912345678';
    const idNumber = '410105199001011234';
    await call('citizen', 'PUT', path(target), {
      title: '户籍证明',
      formData: { contactPhone: phone, idNumber },
    });
    const raw = await t.kernel.db.orm.execute<{ form_sealed: string; account_id: string }>(
      sql`SELECT account_id, form_sealed FROM application_draft WHERE target = ${target}`,
    );
    assert.equal(raw.rows.length, 1);
    const sealed = raw.rows[0]!.form_sealed;
    assert.ok(!sealed.includes(phone), 'no phone number in the stored row');
    assert.ok(!sealed.includes(idNumber));
    assert.ok(!sealed.includes('contactPhone'), 'not even the field names');
    assert.equal(raw.rows[0]!.account_id, citizen.accountId);
    const loaded = (await call('citizen', 'GET', path(target))).json<Draft>();
    assert.equal(loaded.formData.contactPhone, phone);
  });

  it('is gone once the application is submitted', async () => {
    const listId = await createPublishedList(
      t,
      await createTestItem(t, { applicantKinds: ['person'] }),
      await organisationId(t, '410100', '郑州市市场监督管理局'),
    );
    const target = `list:${listId}`;
    const other = listTarget();
    await call('citizen', 'PUT', path(target), { title: '测试事项', formData: { reason: '新' } });
    await call('citizen', 'PUT', path(other), { title: '另一件', formData: {} });
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { cookie: cookie.citizen!, 'idempotency-key': `draft-${crypto.randomUUID()}` },
      payload: { listId, formData: { reason: '新办' } },
    });
    assert.equal(submitted.statusCode, 201, submitted.body);
    assert.equal((await call('citizen', 'GET', path(target))).statusCode, 404);
    assert.equal((await call('citizen', 'GET', path(other))).statusCode, 200, 'others stay');
  });

  it('discards a draft inside the submit’s transaction', async () => {
    const target = listTarget();
    await call('citizen', 'PUT', path(target), { title: '将提交', formData: { a: 1 } });
    // a rolled-back submit keeps the draft
    await assert.rejects(
      t.kernel.db.orm.transaction(async (tx) => {
        assert.equal(await ApplicationDrafts.discard(tx, citizen.accountId, target), true);
        throw new Error('the submit failed');
      }),
      /the submit failed/,
    );
    assert.equal((await call('citizen', 'GET', path(target))).statusCode, 200);
    await t.kernel.db.orm.transaction(async (tx) => {
      assert.equal(await ApplicationDrafts.discard(tx, citizen.accountId, target), true);
    });
    assert.equal((await call('citizen', 'GET', path(target))).statusCode, 404);
    await t.kernel.db.orm.transaction(async (tx) => {
      assert.equal(await ApplicationDrafts.discard(tx, citizen.accountId, target), false);
    });
  });

  it(`keeps at most ${MAX_DRAFTS_PER_ACCOUNT} drafts per account, even when saved at once`, async () => {
    const person = await createPerson(t);
    cookie.collector = await loginAs(t, person);
    const targets = Array.from({ length: MAX_DRAFTS_PER_ACCOUNT + 5 }, () => listTarget());
    const results = await Promise.all(
      targets.map((target, i) =>
        call('collector', 'PUT', path(target), { title: `草稿${i}`, formData: { i } }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    assert.equal(codes.filter((c) => c === 201).length, MAX_DRAFTS_PER_ACCOUNT, codes.join());
    assert.equal(codes.filter((c) => c === 422).length, 5);
    const refused = results.find((r) => r.statusCode === 422)!;
    assert.equal(refused.json<Problem>().code, 'too-many-drafts');
    const mine = (await call('collector', 'GET', API)).json<DraftList>();
    assert.equal(mine.items.length, MAX_DRAFTS_PER_ACCOUNT);
    // replacing one of them still works at the limit; a new one after a delete too
    const kept = mine.items[0]!.target;
    assert.equal(
      (await call('collector', 'PUT', path(kept), { title: '改', formData: {} })).statusCode,
      200,
    );
    await call('collector', 'DELETE', path(kept));
    assert.equal(
      (await call('collector', 'PUT', path(listTarget()), { title: '新', formData: {} }))
        .statusCode,
      201,
    );
  });
});
