import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  Application,
  Certificate,
  CertificateMaterialOptions,
  CertificateUseList,
  Me,
  Problem,
  ServiceItemDetail,
  ServiceItemSearchResult,
} from '@zhengtong/contracts';
import { systemActor } from '../../kernel/actor.js';
import { sampleFor } from '../../seed/demo-applications.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { FAST_ARGON2, loginCookie, makeCreditCodeFor } from '../../test-support/identity.js';
import {
  DEMO_ENTERPRISE,
  DEMO_PEOPLE,
  DEMO_PERSON_PASSWORD,
  DEMO_STAFF_PASSWORD,
} from '../identity/demo-accounts.js';
import { referenceCertificateTypeCode } from '../certificates/reference-certificate-types.js';

const APPLICATIONS = '/api/v1/applications';
const CERTIFICATES = '/api/v1/certificates';
const LICENCE = referenceCertificateTypeCode('营业执照');
const COMPANY = {
  enterpriseType: '有限责任公司（自然人投资或控股）',
  legalRepresentativeName: '李四',
  registeredCapital: 500,
  registeredAddress: '河南省郑州市金水区花园路 10 号',
  businessScope: '软件开发',
};

// 免提交: the demo enterprise (李四 acting for it) applies in 郑州 for 食品经营许可（新办）, whose
// 营业执照 material comes from a certificate. It chooses its wallet licence instead of uploading;
// the officer sees the material as a certificate verified valid, through the authorisation the
// submit gave the department, and the enterprise sees that use.
describe('applications: certificates standing in for materials (免提交)', () => {
  let t: TestApp;
  let listId: string;
  let formData: Record<string, unknown>;
  let licenceId: string;
  let zzMarket: string;
  const cookie: Record<string, string> = {};
  let keys = 0;

  const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: cookie[who]! },
      ...(payload ? { payload } : {}),
    });
  const ok = async <T>(who: string, method: 'GET' | 'POST', url: string, body?: object) => {
    const res = await call(who, method, url, body);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const apply = (certificateMaterials: { materialKey: string; certificateId: string }[]) =>
    t.app.inject({
      method: 'POST',
      url: APPLICATIONS,
      headers: { cookie: cookie.enterprise!, 'idempotency-key': `free-${++keys}-${Date.now()}` },
      payload: { listId, formData, certificateMaterials },
    });
  const issueLicence = async (creditCode: string, name: string) => {
    const res = await call('approver', 'POST', CERTIFICATES, {
      typeCode: LICENCE,
      holder: { kind: 'enterprise', creditCode, name },
      issuerOrganisationId: zzMarket,
      data: { enterpriseName: name, ...COMPANY },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<Certificate>();
  };
  const refused = async (
    choices: { materialKey: string; certificateId: string }[],
    path: string,
  ) => {
    const res = await apply(choices);
    assert.equal(res.statusCode, 422, res.body);
    const problem = res.json<Problem>();
    assert.ok(
      problem.errors?.some((e) => e.path === path),
      `${path} in ${JSON.stringify(problem.errors)}`,
    );
    return problem;
  };

  before(async () => {
    t = await createTestApp({ catalogue: true, env: FAST_ARGON2 });
    cookie.enterprise = await loginCookie(t, DEMO_PEOPLE[1].idNumber, DEMO_PERSON_PASSWORD);
    const me = await ok<Me>('enterprise', 'GET', '/api/v1/identity/me');
    await ok('enterprise', 'POST', '/api/v1/identity/acting-for', {
      enterpriseId: me.enterprises[0]!.id,
    });
    cookie.window = await loginCookie(t, 'zz-window', DEMO_STAFF_PASSWORD);
    cookie.approver = await loginCookie(t, 'zz-approver', DEMO_STAFF_PASSWORD);
    cookie.otherOfficer = await loginCookie(t, 'zz-nr-window', DEMO_STAFF_PASSWORD);
    const { items: orgs } = await t.app.directory.listOrganisations(systemActor('test'), {
      region: '410100',
      kind: 'department',
    });
    zzMarket = orgs.find((o) => o.name === '郑州市市场监督管理局')!.id;

    const found = await t.app
      .inject({ url: '/api/v1/catalog/items?region=410100&pageSize=100' })
      .then((r) => r.json<ServiceItemSearchResult>());
    const item = found.items.find((i) => i.name === '食品经营许可（新办）');
    assert.ok(item);
    const detail = await t.app
      .inject({ url: `/api/v1/catalog/items/${item.code}` })
      .then((r) => r.json<ServiceItemDetail>());
    const list = detail.lists.find(
      (l) => l.organisationName === '郑州市市场监督管理局' && l.published,
    );
    assert.ok(list?.published);
    const material = list.published.elements.materials.find((m) => m.key === 'businessLicence');
    assert.equal(material?.source, 'certificate');
    assert.equal(material.certificateTypeCode, LICENCE);
    listId = list.id;
    formData = sampleFor(list.published.elements.form.schema) as Record<string, unknown>;
  });
  after(() => t.close());

  it('offers the wallet licence for the list’s certificate material', async () => {
    const options = await ok<CertificateMaterialOptions>(
      'enterprise',
      'GET',
      `${CERTIFICATES}/mine/for-list/${listId}`,
    );
    const licence = options.items.find((i) => i.materialKey === 'businessLicence');
    assert.ok(licence);
    assert.equal(licence.certificateTypeCode, LICENCE);
    assert.equal(licence.certificates.length, 1, 'the demo 营业执照');
    assert.equal(licence.certificates[0]!.holderName, DEMO_ENTERPRISE.name);
    assert.equal(licence.certificates[0]!.state, 'valid');
    licenceId = licence.certificates[0]!.id;
    assert.equal(
      (await call('window', 'GET', `${CERTIFICATES}/mine/for-list/${listId}`)).statusCode,
      403,
    );
  });

  it('files with the licence instead of a file; the officer sees it verified; the holder the use', async () => {
    const res = await apply([{ materialKey: 'businessLicence', certificateId: licenceId }]);
    assert.equal(res.statusCode, 201, res.body);
    const filed = res.json<Application>();
    const mine = filed.certificateMaterials ?? [];
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.verification, 'valid');

    // no file was uploaded for it
    const files = await ok<{ items: unknown[] }>(
      'window',
      'GET',
      `${APPLICATIONS}/${filed.id}/files`,
    );
    assert.equal(files.items.length, 0);

    const seen = await ok<Application>('window', 'GET', `${APPLICATIONS}/${filed.id}`);
    const [material] = seen.certificateMaterials ?? [];
    assert.ok(material, 'the officer sees the certificate material');
    assert.equal(material.materialKey, 'businessLicence');
    assert.equal(material.certificateId, licenceId);
    assert.equal(material.typeName, '营业执照');
    assert.equal(material.issuerName, '郑州市市场监督管理局');
    assert.equal(material.verification, 'valid');
    assert.match(material.identifier, /^1\.2\.156\./);

    // the enterprise sees the department's read; once a day per officer, however often read
    await ok('window', 'GET', `${APPLICATIONS}/${filed.id}`);
    const purpose = `办件 ${filed.applicationNo} 免提交`;
    const uses = await ok<CertificateUseList>(
      'enterprise',
      'GET',
      `${CERTIFICATES}/${licenceId}/uses`,
    );
    const forThis = uses.items.filter((u) => u.applicationId === filed.id);
    assert.equal(forThis.length, 1, JSON.stringify(uses.items));
    assert.equal(forThis[0]!.purpose, purpose);
    assert.equal(forThis[0]!.organisationName, '郑州市市场监督管理局');
    assert.ok(forThis[0]!.authorisationId);
    // the applicant's own reads are not uses
    await ok('enterprise', 'GET', `${APPLICATIONS}/${filed.id}`);
    const after = await ok<CertificateUseList>(
      'enterprise',
      'GET',
      `${CERTIFICATES}/${licenceId}/uses`,
    );
    assert.equal(after.items.filter((u) => u.applicationId === filed.id).length, 1);

    // the authorisation the submit gave is in the holder's list
    const authorisations = await ok<{
      items: { purpose: string; scope: string; active: boolean }[];
    }>('enterprise', 'GET', `${CERTIFICATES}/${licenceId}/authorisations`);
    const given = authorisations.items.find((a) => a.purpose === purpose);
    assert.equal(given?.scope, 'full');
    assert.equal(given.active, true);

    // an officer of a department that is not the implementing one sees no application at all
    assert.equal(
      (await call('otherOfficer', 'GET', `${APPLICATIONS}/${filed.id}`)).statusCode,
      404,
    );
  });

  it('refuses a material that is uploaded, not met by a certificate: 422', async () => {
    const problem = await refused(
      [{ materialKey: 'licenceApplication', certificateId: licenceId }],
      '/body/certificateMaterials/0/materialKey',
    );
    assert.equal(problem.code, 'certificate-materials-invalid');
    await refused(
      [{ materialKey: 'noSuchMaterial', certificateId: licenceId }],
      '/body/certificateMaterials/0/materialKey',
    );
  });

  it('refuses a certificate of another enterprise: 422', async () => {
    const other = await issueLicence(makeCreditCodeFor('410100'), '郑州市另一家有限公司');
    await refused(
      [{ materialKey: 'businessLicence', certificateId: other.id }],
      '/body/certificateMaterials/0/certificateId',
    );
  });

  it('refuses a revoked certificate, and nothing is filed: 422', async () => {
    const second = await issueLicence(DEMO_ENTERPRISE.creditCode, DEMO_ENTERPRISE.name);
    await ok('approver', 'POST', `${CERTIFICATES}/${second.id}/revoke`, { reason: '依法吊销' });
    const before = await t.kernel.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM application`,
    );
    const problem = await refused(
      [
        { materialKey: 'businessLicence', certificateId: licenceId },
        { materialKey: 'businessLicence', certificateId: second.id },
      ],
      '/body/certificateMaterials/1/certificateId',
    );
    assert.match(problem.errors?.[0]?.message ?? '', /已注销/);
    const afterCount = await t.kernel.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM application`,
    );
    assert.equal(afterCount.rows[0]?.n, before.rows[0]?.n, 'one transaction: nothing filed');
  });
});
