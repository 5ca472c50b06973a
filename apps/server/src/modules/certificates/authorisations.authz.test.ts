import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  Certificate,
  CertificateAuthorisation,
  CertificateAuthorisationList,
  CertificatePage,
  CertificateUseList,
  Me,
  Problem,
} from '@zhengtong/contracts';
import { systemActor } from '../../kernel/actor.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { FAST_ARGON2, createPerson, loginAs, loginCookie } from '../../test-support/identity.js';
import {
  DEMO_PEOPLE,
  DEMO_PERSON_PASSWORD,
  DEMO_STAFF_PASSWORD,
} from '../identity/demo-accounts.js';
import { findCjkFont } from './render.js';
import { ISSUER_PURPOSE } from './service.js';

const API = '/api/v1/certificates';

const fontAvailable = (() => {
  try {
    findCjkFont();
    return true;
  } catch {
    return false;
  }
})();

// 用证授权 and 用证记录: the demo enterprise's 营业执照 (issued by the 郑州 market regulator) is
// lent by its legal representative (李四) or an agent with viewCertificates to the 郑州 tax
// bureau; its staff read it within the scope; every read but the holder's own is logged.
describe('certificates: authorisations, reading under them, uses and the PDF', () => {
  let t: TestApp;
  let licence: Certificate;
  let enterpriseId: string;
  let tax: string;
  let hall: string;
  const cookie: Record<string, string> = {};

  const call = (who: string | undefined, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: who ? { cookie: cookie[who]! } : {},
      ...(payload ? { payload } : {}),
    });
  const ok = async <T>(who: string, method: 'GET' | 'POST', url: string, body?: object) => {
    const res = await call(who, method, url, body);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const authorise = (who: string, body: Partial<Record<string, unknown>> = {}) =>
    call(who, 'POST', `${API}/${licence.id}/authorisations`, {
      granteeOrganisationId: tax,
      scope: 'summary',
      purpose: '纳税信用评价核查',
      expiresAt: inDays(30),
      ...body,
    });
  const uses = () => ok<CertificateUseList>('rep', 'GET', `${API}/${licence.id}/uses`);
  const count = async (query: string, params: unknown[]) =>
    (await t.kernel.db.pool.query<{ n: number }>(query, params)).rows[0]?.n;

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    cookie.rep = await loginCookie(t, DEMO_PEOPLE[1].idNumber, DEMO_PERSON_PASSWORD);
    cookie.agent = await loginCookie(t, DEMO_PEOPLE[2].idNumber, DEMO_PERSON_PASSWORD);
    cookie.stranger = await loginAs(t, await createPerson(t, { name: '赵六' }));
    cookie.tax = await loginCookie(t, 'zz-tax-approver', DEMO_STAFF_PASSWORD);
    cookie.nr = await loginCookie(t, 'zz-nr-approver', DEMO_STAFF_PASSWORD);
    cookie.issuer = await loginCookie(t, 'zz-approver', DEMO_STAFF_PASSWORD);
    const me = await ok<Me>('rep', 'GET', '/api/v1/identity/me');
    enterpriseId = me.enterprises[0]!.id;
    const wallet = await ok<CertificatePage>(
      'rep',
      'GET',
      `${API}/mine?enterpriseId=${enterpriseId}`,
    );
    const found = wallet.items.find((c) => c.typeName === '营业执照');
    assert.ok(found, 'the demo enterprise holds a 营业执照');
    licence = await ok<Certificate>('rep', 'GET', `${API}/${found.id}`);
    const { items } = await t.app.directory.listOrganisations(systemActor('test'), {
      region: '410100',
    });
    tax = items.find((o) => o.name === '国家税务总局郑州市税务局')!.id;
    hall = items.find((o) => o.kind !== 'department')!.id;

    // an agent who may apply for the enterprise but not see its certificates
    const applyOnly = await createPerson(t, { name: '钱七' });
    cookie.applyOnly = await loginAs(t, applyOnly);
    const agent = await call('rep', 'POST', `/api/v1/identity/enterprises/${enterpriseId}/agents`, {
      phone: applyOnly.phone,
      scope: ['apply'],
      expiresAt: inDays(300),
    });
    assert.equal(agent.statusCode, 201, agent.body);
  });
  after(() => t.close());

  it('the holder creates, lists and withdraws; each is audited and announced', async () => {
    const res = await authorise('rep');
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json<CertificateAuthorisation>();
    assert.equal(created.granteeOrganisationName, '国家税务总局郑州市税务局');
    assert.equal(created.scope, 'summary');
    assert.equal(created.active, true);
    assert.equal(created.withdrawnAt, null);

    const list = await ok<CertificateAuthorisationList>(
      'rep',
      'GET',
      `${API}/${licence.id}/authorisations`,
    );
    assert.ok(list.items.some((a) => a.id === created.id && a.active));

    const withdrawn = await ok<CertificateAuthorisation>(
      'rep',
      'POST',
      `${API}/${licence.id}/authorisations/${created.id}/withdraw`,
    );
    assert.equal(withdrawn.active, false);
    assert.ok(withdrawn.withdrawnAt);
    // a second withdrawal answers the first
    const again = await ok<CertificateAuthorisation>(
      'rep',
      'POST',
      `${API}/${licence.id}/authorisations/${created.id}/withdraw`,
    );
    assert.equal(again.withdrawnAt, withdrawn.withdrawnAt);

    for (const action of ['certificates.authorise', 'certificates.withdraw-authorisation']) {
      assert.equal(
        await count(
          `SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND summary->>'authorisationId' = $2`,
          [action, created.id],
        ),
        1,
        action,
      );
    }
    for (const type of ['certificate.authorised', 'certificate.authorisation-withdrawn']) {
      assert.equal(
        await count(
          `SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND payload->>'authorisationId' = $2`,
          [type, created.id],
        ),
        1,
        type,
      );
    }
  });

  it('hides the certificate from whoever does not hold it: 404, 401 for visitors', async () => {
    for (const who of ['stranger', 'applyOnly', 'tax', 'issuer']) {
      assert.equal(
        (await call(who, 'GET', `${API}/${licence.id}/authorisations`)).statusCode,
        404,
        who,
      );
      assert.equal((await authorise(who)).statusCode, 404, who);
      assert.equal((await call(who, 'GET', `${API}/${licence.id}/uses`)).statusCode, 404, who);
    }
    assert.equal((await call(undefined, 'GET', `${API}/${licence.id}/uses`)).statusCode, 401);
    const missing = '00000000-0000-4000-8000-000000000000';
    assert.equal(
      (await call('rep', 'POST', `${API}/${licence.id}/authorisations/${missing}/withdraw`))
        .statusCode,
      404,
    );
  });

  it('refuses a grantee that is no department and an expiry past or beyond a year: 422', async () => {
    const problem = async (body: Record<string, unknown>, path: string) => {
      const res = await authorise('rep', body);
      assert.equal(res.statusCode, 422, res.body);
      const p = res.json<Problem>();
      assert.equal(p.code, 'authorisation-invalid');
      assert.ok(
        p.errors?.some((e) => e.path === path),
        `${path} in ${JSON.stringify(p.errors)}`,
      );
    };
    await problem({ granteeOrganisationId: hall }, '/body/granteeOrganisationId');
    await problem(
      { granteeOrganisationId: '00000000-0000-4000-8000-000000000000' },
      '/body/granteeOrganisationId',
    );
    await problem({ expiresAt: inDays(-1) }, '/body/expiresAt');
    await problem({ expiresAt: inDays(400) }, '/body/expiresAt');
    await problem({ applicationId: '00000000-0000-4000-8000-000000000000' }, '/body/applicationId');
    // the schema itself: a scope that does not exist
    assert.equal((await authorise('rep', { scope: 'everything' })).statusCode, 400);
  });

  it('an agent with viewCertificates manages the enterprise’s authorisations', async () => {
    const res = await authorise('agent', { purpose: '代理人授权' });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json<CertificateAuthorisation>();
    const list = await ok<CertificateAuthorisationList>(
      'agent',
      'GET',
      `${API}/${licence.id}/authorisations`,
    );
    assert.ok(list.items.some((a) => a.id === created.id));
    await ok('agent', 'POST', `${API}/${licence.id}/authorisations/${created.id}/withdraw`);
  });

  it('reads under an authorisation: summary hides the data, full shows it, all logged', async () => {
    const before = (await uses()).items.length;
    // without an authorisation in force: nothing
    assert.equal((await call('tax', 'GET', `${API}/${licence.id}`)).statusCode, 404);

    const summary = (await authorise('rep')).json<CertificateAuthorisation>();
    const seen = await ok<Certificate>('tax', 'GET', `${API}/${licence.id}`);
    assert.equal(seen.identifier, licence.identifier);
    assert.equal(seen.holderName, licence.holderName);
    assert.deepEqual(seen.data, {}, 'summary: the face without the data items');
    // another department stays outside
    assert.equal((await call('nr', 'GET', `${API}/${licence.id}`)).statusCode, 404);

    const full = (
      await authorise('rep', { scope: 'full', purpose: '出口退税备案核验' })
    ).json<CertificateAuthorisation>();
    const all = await ok<Certificate>('tax', 'GET', `${API}/${licence.id}`);
    assert.deepEqual(all.data, licence.data, 'full: everything');

    // the holder's own reads are not uses
    await ok('rep', 'GET', `${API}/${licence.id}`);
    await ok('agent', 'GET', `${API}/${licence.id}`);
    const logged = (await uses()).items;
    assert.equal(logged.length, before + 2);
    assert.equal(logged[0]!.purpose, '出口退税备案核验', 'newest first');
    assert.equal(logged[0]!.authorisationId, full.id);
    assert.equal(logged[0]!.organisationName, '国家税务总局郑州市税务局');
    assert.equal(logged[1]!.purpose, '纳税信用评价核查');
    assert.equal(logged[1]!.authorisationId, summary.id);

    // withdrawn: the full one gone, the summary one still there
    await ok('rep', 'POST', `${API}/${licence.id}/authorisations/${full.id}/withdraw`);
    assert.deepEqual((await ok<Certificate>('tax', 'GET', `${API}/${licence.id}`)).data, {});
    await ok('rep', 'POST', `${API}/${licence.id}/authorisations/${summary.id}/withdraw`);
    assert.equal((await call('tax', 'GET', `${API}/${licence.id}`)).statusCode, 404);

    // expired: as if never given
    const short = (await authorise('rep', { scope: 'full' })).json<CertificateAuthorisation>();
    await ok('tax', 'GET', `${API}/${licence.id}`);
    await t.kernel.db.pool.query(
      `UPDATE certificate_authorisation SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [short.id],
    );
    assert.equal((await call('tax', 'GET', `${API}/${licence.id}`)).statusCode, 404);
    const list = await ok<CertificateAuthorisationList>(
      'rep',
      'GET',
      `${API}/${licence.id}/authorisations`,
    );
    assert.equal(list.items.find((a) => a.id === short.id)?.active, false);
  });

  it('logs the issuer’s staff reads as 签发机关查询', async () => {
    const before = (await uses()).items.length;
    const read = await ok<Certificate>('issuer', 'GET', `${API}/${licence.id}`);
    assert.deepEqual(read.data, licence.data);
    const logged = (await uses()).items;
    assert.equal(logged.length, before + 1);
    assert.equal(logged[0]!.purpose, ISSUER_PURPOSE);
    assert.equal(logged[0]!.authorisationId, null);
    assert.equal(logged[0]!.organisationName, '郑州市市场监督管理局');
  });

  it('serves the PDF to its readers, inline and named by the identifier; 404 to others', async () => {
    const res = await call('rep', 'GET', `${API}/${licence.id}/pdf`);
    if (fontAvailable) {
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /^application\/pdf/);
      assert.match(String(res.headers['content-disposition']), /^inline; filename="/);
      assert.ok(String(res.headers['content-disposition']).includes(licence.identifier));
      assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    } else {
      assert.equal(res.statusCode, 503, res.body);
      assert.equal(res.json<Problem>().code, 'cjk-font-missing');
    }
    assert.equal((await call('stranger', 'GET', `${API}/${licence.id}/pdf`)).statusCode, 404);
    assert.equal((await call('tax', 'GET', `${API}/${licence.id}/pdf`)).statusCode, 404);
    assert.equal((await call(undefined, 'GET', `${API}/${licence.id}/pdf`)).statusCode, 401);

    // an authorised department's PDF is a use like any read
    await authorise('rep', { purpose: '打印存档' });
    const before = (await uses()).items.length;
    const granted = await call('tax', 'GET', `${API}/${licence.id}/pdf`);
    assert.equal(granted.statusCode, fontAvailable ? 200 : 503, granted.body);
    const logged = (await uses()).items;
    assert.equal(logged.length, fontAvailable ? before + 1 : before);
    if (fontAvailable) assert.equal(logged[0]!.purpose, '打印存档');
  });
});

describe('certificates: the PDF without a CJK font', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { ...FAST_ARGON2, ZT_CJK_FONT: '/nonexistent/font.ttc' } });
  });
  after(() => t.close());

  it('is a 503 cjk-font-missing problem, not a 500', async () => {
    const cookie = await loginCookie(t, DEMO_PEOPLE[1].idNumber, DEMO_PERSON_PASSWORD);
    const me = (await t.app.inject({ url: '/api/v1/identity/me', headers: { cookie } })).json<Me>();
    const wallet = (
      await t.app.inject({
        url: `${API}/mine?enterpriseId=${me.enterprises[0]!.id}`,
        headers: { cookie },
      })
    ).json<CertificatePage>();
    const id = wallet.items[0]!.id;
    const res = await t.app.inject({ url: `${API}/${id}/pdf`, headers: { cookie } });
    assert.equal(res.statusCode, 503, res.body);
    const problem = res.json<Problem>();
    assert.equal(problem.code, 'cjk-font-missing');
    assert.match(problem.detail ?? '', /ZT_CJK_FONT/);
  });
});
