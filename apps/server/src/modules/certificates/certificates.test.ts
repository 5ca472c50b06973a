import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import type {
  Certificate,
  CertificatePage,
  Problem,
  PublishedSealList,
  Seal,
  SealList,
  SignedCertificateFile,
  Verification,
} from '@zhengtong/contracts';
import { parseCertificateIdentifier } from '@zhengtong/gb';
import { buildApp } from '../../app.js';
import { systemActor } from '../../kernel/actor.js';
import { loadConfig } from '../../kernel/config.js';
import { openRuntime, type Runtime } from '../../kernel/runtime.js';
import { loadReferenceData, seedDemoData } from '../../seed/index.js';
import type { TestApp } from '../../test-support/app.js';
import { createTestDatabase } from '../../test-support/database.js';
import {
  FAST_ARGON2,
  createPerson,
  createStaff,
  loginAs,
  loginCookie,
  type TestPerson,
} from '../../test-support/identity.js';
import { DEMO_ENTERPRISE, DEMO_STAFF_PASSWORD } from '../identity/demo-accounts.js';
import { referenceCertificateTypeCode } from './reference-certificate-types.js';
import { SealKeyring } from './seal-keys.js';

const API = '/api/v1/certificates';
const LICENCE = referenceCertificateTypeCode('营业执照');
const FOOD = referenceCertificateTypeCode('食品经营许可证');
const COMPANY = {
  enterpriseName: '河南政通示范科技有限公司',
  enterpriseType: '有限责任公司（自然人投资或控股）',
  legalRepresentativeName: '李四',
  registeredCapital: 500,
  registeredAddress: '河南省郑州市金水区花园路 10 号',
  businessScope: '软件开发',
};

const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const opensslMissing =
  openssl.error && (openssl.error as NodeJS.ErrnoException).code === 'ENOENT'
    ? 'the openssl binary is not installed on this machine'
    : false;

describe('certificates: seals, issuance, verification, revocation and change', () => {
  let t: TestApp;
  let runtime: Runtime;
  let dir: string;
  const logLines: string[] = [];
  const bodies: string[] = [];
  const cookie: Record<string, string> = {};
  let zzMarket: string;
  let person: TestPerson;

  const call = async (
    who: string | undefined,
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
  ) => {
    const res = await t.app.inject({
      method,
      url,
      headers: who ? { cookie: cookie[who]! } : {},
      ...(payload ? { payload } : {}),
    });
    bodies.push(res.body);
    return res;
  };
  const ok = async <T>(
    who: string | undefined,
    method: 'GET' | 'POST',
    url: string,
    body?: object,
  ) => {
    const res = await call(who, method, url, body);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const verify = (identifier: string) =>
    ok<Verification>(undefined, 'GET', `${API}/verify/${identifier}`);
  const issueLicence = (data: object = COMPANY, extra: object = {}) =>
    call('approver', 'POST', API, {
      typeCode: LICENCE,
      holder: {
        kind: 'enterprise',
        creditCode: DEMO_ENTERPRISE.creditCode,
        name: DEMO_ENTERPRISE.name,
      },
      issuerOrganisationId: zzMarket,
      data,
      ...extra,
    });
  const issueFood = async (extra: object = {}) => {
    const res = await call('approver', 'POST', API, {
      typeCode: FOOD,
      holder: { kind: 'person', idNumber: person.idNumber, name: person.name },
      issuerOrganisationId: zzMarket,
      data: { shopName: '张三小吃店' },
      ...extra,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<Certificate>();
  };

  before(async () => {
    // the app as createTestApp builds it, but logging everything into an array
    const database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-cert-'));
    const config = loadConfig({
      ...FAST_ARGON2,
      DATABASE_URL: database.url,
      ZT_DATA_DIR: dir,
      LOG_LEVEL: 'trace',
    });
    const stream = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        logLines.push(String(chunk));
        callback();
      },
    });
    const log = pino({ level: 'trace' }, stream);
    runtime = await openRuntime(config, log);
    await loadReferenceData(runtime.kernel, log);
    await seedDemoData(runtime.kernel, log, { catalogue: false });
    const app = await buildApp({ kernel: runtime.kernel, logStream: stream });
    await app.ready();
    t = {
      app,
      kernel: runtime.kernel,
      restart: () => Promise.reject(new Error('not here')),
      close: async () => {
        await app.close();
        await runtime.close();
        await database.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
    const { items } = await t.app.directory.listOrganisations(systemActor('test'), {
      region: '410100',
      kind: 'department',
    });
    zzMarket = items.find((o) => o.name === '郑州市市场监督管理局')!.id;
    cookie.approver = await loginCookie(t, 'zz-approver', DEMO_STAFF_PASSWORD);
    cookie.window = await loginCookie(t, 'zz-window', DEMO_STAFF_PASSWORD);
    const admin = await createStaff(t, { roles: ['provinceAdmin'], jurisdiction: '410000' });
    cookie.admin = await loginAs(t, admin);
    person = await createPerson(t, { name: '张三丰' });
    cookie.person = await loginAs(t, person);
    cookie.other = await loginAs(t, await createPerson(t, { name: '王二' }));
  });
  after(() => t.close());

  it('publishes every demo department’s seal with a public key OpenSSL reads', async () => {
    const { items } = await ok<PublishedSealList>(undefined, 'GET', `${API}/seals`);
    const zz = items.find((s) => s.organisationId === zzMarket);
    assert.ok(zz, 'the 郑州 market regulator has a seal');
    assert.equal(zz.status, 'active');
    assert.equal(zz.name, '郑州市市场监督管理局电子证照专用章');
    assert.match(zz.keyId, /^[0-9a-f]{32}$/);
    assert.match(zz.publicKeyHex, /^04[0-9a-f]{128}$/);
    assert.ok(items.some((s) => s.organisationName === '洛阳市市场监督管理局'));
    assert.ok(items.some((s) => s.organisationName === '郑州市自然资源和规划局'));
    // node (OpenSSL 3) reads the SubjectPublicKeyInfo as an SM2 key
    assert.equal(crypto.createPublicKey(zz.publicKeyPem).type, 'public');
    if (!opensslMissing) {
      const pem = path.join(dir, 'zz.pem');
      fs.writeFileSync(pem, zz.publicKeyPem);
      const text = spawnSync('openssl', ['pkey', '-pubin', '-in', pem, '-noout', '-text'], {
        encoding: 'utf8',
      });
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, /SM2/);
    }
  });

  it('issues by API: numbered, signed, in the holder’s wallet, verifiable', async () => {
    const res = await issueLicence();
    assert.equal(res.statusCode, 201, res.body);
    const licence = res.json<Certificate>();
    const parsed = parseCertificateIdentifier(licence.identifier);
    assert.ok(parsed.ok, licence.identifier);
    assert.equal(parsed.value.typeCode, LICENCE);
    assert.equal(parsed.value.issuer, '410100', 'the demo bureau has no credit code: its region');
    assert.equal(parsed.value.version, 1);
    assert.equal(licence.state, 'valid');
    assert.equal(licence.validTo, null, '营业执照 does not expire');
    assert.deepEqual(licence.data, COMPANY);
    assert.equal(
      licence.holderIdMasked,
      `${DEMO_ENTERPRISE.creditCode.slice(0, 8)}******${DEMO_ENTERPRISE.creditCode.slice(-4)}`,
    );

    // numbers count up under type, issuer and year
    const next = (await issueLicence()).json<Certificate>();
    const nextParsed = parseCertificateIdentifier(next.identifier);
    assert.ok(nextParsed.ok);
    assert.equal(nextParsed.value.sequence, parsed.value.sequence + 1);

    const food = await issueFood();
    assert.equal(
      food.holderIdMasked,
      `${person.idNumber.slice(0, 6)}********${person.idNumber.slice(-4)}`,
    );
    const [y, m, d] = food.validFrom.split('-').map(Number) as [number, number, number];
    const end = new Date(Date.UTC(y + 5, m - 1, d - 1)).toISOString().slice(0, 10);
    assert.equal(food.validTo, end, 'five years, the last day included');
    const wallet = await ok<CertificatePage>('person', 'GET', `${API}/mine`);
    assert.deepEqual(
      wallet.items.map((c) => c.id),
      [food.id],
    );
    assert.equal((await ok<Certificate>('person', 'GET', `${API}/${food.id}`)).id, food.id);
    assert.equal((await call('other', 'GET', `${API}/${food.id}`)).statusCode, 404);
    assert.equal((await call(undefined, 'GET', `${API}/${food.id}`)).statusCode, 401);
    assert.equal((await ok<Certificate>('approver', 'GET', `${API}/${food.id}`)).id, food.id);

    const v = await verify(food.identifier);
    assert.equal(v.status, 'valid');
    assert.equal(v.holderMasked, food.holderIdMasked);
    assert.equal(v.issuer?.organisationName, '郑州市市场监督管理局');
    assert.equal(v.type?.name, '食品经营许可证');
  });

  it('refuses incomplete data with the missing items named, and non-issuers', async () => {
    const { businessScope: _scope, registeredCapital: _capital, ...partial } = COMPANY;
    const res = await issueLicence(partial);
    assert.equal(res.statusCode, 422, res.body);
    const paths = (res.json<Problem>().errors ?? []).map((e) => e.path);
    assert.ok(paths.includes('/body/data/businessScope'), paths.join());
    assert.ok(paths.includes('/body/data/registeredCapital'), paths.join());
    const byWindow = await call('window', 'POST', API, {
      typeCode: FOOD,
      holder: { kind: 'person', idNumber: person.idNumber, name: person.name },
      issuerOrganisationId: zzMarket,
      data: {},
    });
    assert.equal(byWindow.statusCode, 403, 'a window officer is not an approver');
  });

  it(
    'the signature verifies in OpenSSL (SM2 with SM3 over Z‖M, distid 1234567812345678)',
    { skip: opensslMissing },
    async () => {
      const food = await issueFood();
      const fileRes = await call('person', 'GET', `${API}/${food.id}/file`);
      assert.equal(fileRes.statusCode, 200, fileRes.body);
      assert.match(
        String(fileRes.headers['content-disposition']),
        /^attachment; filename=".+\.json"$/,
      );
      const file = fileRes.json<SignedCertificateFile>();
      assert.equal(file.signature.keyId, food.signature.keyId);
      const { items } = await ok<PublishedSealList>(undefined, 'GET', `${API}/seals`);
      const seal = items.find((s) => s.keyId === file.signature.keyId)!;
      const pem = path.join(dir, 'seal.pem');
      const payload = path.join(dir, 'payload');
      const sig = path.join(dir, 'sig.der');
      fs.writeFileSync(pem, seal.publicKeyPem);
      fs.writeFileSync(payload, file.payload);
      fs.writeFileSync(sig, Buffer.from(file.signature.value, 'hex'));
      const args = (msg: string) => [
        'pkeyutl',
        '-verify',
        '-rawin',
        '-digest',
        'sm3',
        '-pkeyopt',
        'distid:1234567812345678',
        '-pubin',
        '-inkey',
        pem,
        '-in',
        msg,
        '-sigfile',
        sig,
      ];
      assert.equal(spawnSync('openssl', args(payload)).status, 0, 'OpenSSL verifies');
      const altered = path.join(dir, 'payload.bad');
      fs.writeFileSync(altered, file.payload.replace('张三小吃店', '张三小吃铺'));
      assert.notEqual(
        spawnSync('openssl', args(altered)).status,
        0,
        'and refuses a changed payload',
      );
      // the digest is SM3 of the payload
      assert.equal(
        crypto.createHash('sm3').update(file.payload).digest('hex'),
        file.signature.digest,
      );
      // only the holder downloads the file
      assert.equal((await call('approver', 'GET', `${API}/${food.id}/file`)).statusCode, 404);
    },
  );

  it('a changed character in the stored data makes it tampered', async () => {
    const food = await issueFood();
    const fc = t.kernel.fieldCrypto;
    const rows = await t.kernel.db.orm.execute<{ payload_sealed: string }>(
      sql`SELECT payload_sealed FROM certificate WHERE id = ${food.id}`,
    );
    const text = fc.decrypt(rows.rows[0]!.payload_sealed);
    const changed = text.replace('张三小吃店', '张三小吃铺');
    assert.notEqual(changed, text);
    await t.kernel.db.orm.execute(
      sql`UPDATE certificate SET payload_sealed = ${fc.encrypt(changed)} WHERE id = ${food.id}`,
    );
    assert.equal((await verify(food.identifier)).status, 'tampered');
    // unknown and malformed identifiers
    const unknown = food.identifier.replace(/\.\d{10}\./, '.2099999999.');
    assert.equal((await verify(unknown)).status, 'unknown');
    assert.equal((await call(undefined, 'GET', `${API}/verify/not-an-identifier`)).statusCode, 400);
  });

  it('revokes (issuer only): revoked in verification and in the wallet', async () => {
    const food = await issueFood();
    assert.equal(
      (await call('person', 'POST', `${API}/${food.id}/revoke`, { reason: '我想注销' })).statusCode,
      403,
      'the holder may not revoke',
    );
    assert.equal(
      (await call('other', 'POST', `${API}/${food.id}/revoke`, { reason: '恶意注销' })).statusCode,
      404,
    );
    const revoked = await ok<Certificate>('approver', 'POST', `${API}/${food.id}/revoke`, {
      reason: '经营者申请注销',
    });
    assert.equal(revoked.state, 'revoked');
    assert.equal(revoked.revokeReason, '经营者申请注销');
    const v = await verify(food.identifier);
    assert.equal(v.status, 'revoked');
    assert.equal(v.reason, '经营者申请注销');
    const again = await call('approver', 'POST', `${API}/${food.id}/revoke`, {
      reason: '再次注销',
    });
    assert.equal(again.statusCode, 409);
    const listed = await ok<CertificatePage>('person', 'GET', `${API}/mine?state=revoked`);
    assert.ok(listed.items.some((c) => c.id === food.id));
  });

  it('changes: a new version supersedes the old one in one step', async () => {
    const licence = (await issueLicence()).json<Certificate>();
    const res = await call('approver', 'POST', `${API}/${licence.id}/change`, {
      data: { registeredAddress: '河南省郑州市郑东新区龙子湖 1 号' },
      reason: '住所变更',
    });
    assert.equal(res.statusCode, 201, res.body);
    const changed = res.json<Certificate>();
    assert.equal(changed.version, 2);
    assert.equal(changed.supersedes, licence.id);
    assert.deepEqual(changed.data, {
      ...COMPANY,
      registeredAddress: '河南省郑州市郑东新区龙子湖 1 号',
    });
    const [a, b] = [licence, changed].map((c) => parseCertificateIdentifier(c.identifier));
    assert.ok(a?.ok && b?.ok);
    assert.equal(b.value.sequence, a.value.sequence, 'the serial stays');
    assert.equal(b.value.version, 2);
    const old = await verify(licence.identifier);
    assert.equal(old.status, 'revoked');
    assert.equal(old.reason, '已变更');
    assert.equal(old.supersededBy, changed.identifier);
    assert.equal((await verify(changed.identifier)).status, 'valid');
    const before = await ok<Certificate>('approver', 'GET', `${API}/${licence.id}`);
    assert.equal(before.state, 'superseded');
    assert.equal(before.supersededBy, changed.id);
  });

  it('expires after its last day', async () => {
    const food = await issueFood({ validFrom: '2019-01-01', validTo: '2023-12-31' });
    assert.equal(food.state, 'expired');
    assert.equal((await verify(food.identifier)).status, 'expired');
    const expired = await ok<CertificatePage>('person', 'GET', `${API}/mine?state=expired`);
    assert.ok(expired.items.some((c) => c.id === food.id));
    const valid = await ok<CertificatePage>('person', 'GET', `${API}/mine?state=valid`);
    assert.ok(!valid.items.some((c) => c.id === food.id));
  });

  it('rotates a seal: old certificates still verify, new ones carry the new key', async () => {
    const before = await issueFood();
    const { items } = await ok<SealList>(
      'admin',
      'GET',
      `/api/v1/certificates/admin/seals?organisationId=${zzMarket}`,
    );
    const active = items.find((s) => s.status === 'active')!;
    const rotated = await ok<Seal>('admin', 'POST', `${API}/admin/seals/${active.id}/rotate`);
    assert.notEqual(rotated.keyId, active.keyId);
    assert.equal(rotated.status, 'active');
    const old = (
      await ok<SealList>('admin', 'GET', `${API}/admin/seals?organisationId=${zzMarket}`)
    ).items.find((s) => s.id === active.id)!;
    assert.equal(old.status, 'retired');
    assert.equal(old.replacedBy, rotated.id);
    assert.ok(old.validTo);
    assert.equal((await verify(before.identifier)).status, 'valid');
    const after = await issueFood();
    assert.equal(after.signature.keyId, rotated.keyId);
    assert.equal((await verify(after.identifier)).status, 'valid');
    const published = await ok<PublishedSealList>(undefined, 'GET', `${API}/seals`);
    assert.ok(published.items.some((s) => s.keyId === active.keyId && s.status === 'retired'));
    // one active seal per organisation
    const dup = await call('admin', 'POST', `${API}/admin/seals`, {
      organisationId: zzMarket,
      name: '第二枚专用章',
    });
    assert.equal(dup.statusCode, 409, dup.body);
  });

  it('issues once per application', async () => {
    const applicationId = crypto.randomUUID();
    const issue = () =>
      t.kernel.db.orm.transaction((tx) =>
        t.app.certificates.issue(tx, {
          actor: systemActor('test'),
          typeCode: FOOD,
          issuerOrganisationId: zzMarket,
          holder: {
            kind: 'person',
            accountId: person.accountId,
            name: person.name,
            idNumber: person.idNumber,
          },
          data: {},
          applicationId,
        }),
      );
    const first = await issue();
    const second = await issue();
    assert.equal(second.id, first.id);
    const n = await t.kernel.db.orm.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM certificate WHERE application_id = ${applicationId}`,
    );
    assert.equal(n.rows[0]?.n, 1);
  });

  it('zhengtong cert verify: valid, tampered, unknown key (no database)', async () => {
    const food = await issueFood();
    const file = await ok<SignedCertificateFile>('person', 'GET', `${API}/${food.id}/file`);
    const seals = await ok<PublishedSealList>(undefined, 'GET', `${API}/seals`);
    const filePath = path.join(dir, 'cert.json');
    const sealsPath = path.join(dir, 'seals.json');
    fs.writeFileSync(filePath, JSON.stringify(file));
    fs.writeFileSync(sealsPath, JSON.stringify(seals));
    const cli = (args: string[]) =>
      spawnSync(
        process.execPath,
        [
          '--conditions=zt-source',
          '--import',
          'tsx',
          path.join(import.meta.dirname, '../../cli.ts'),
          ...args,
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: 'postgres://nowhere.invalid/none' },
        },
      );
    const good = cli(['cert', 'verify', filePath, '--seals', sealsPath]);
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /^valid: /);
    const badPath = path.join(dir, 'cert-bad.json');
    fs.writeFileSync(
      badPath,
      JSON.stringify({ ...file, payload: file.payload.replace('张三小吃店', '李四小吃店') }),
    );
    const bad = cli(['cert', 'verify', badPath, '--seals', sealsPath]);
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stdout, /^tampered: /);
    const noneSeals = path.join(dir, 'none.json');
    fs.writeFileSync(noneSeals, JSON.stringify({ items: [] }));
    const unknown = cli(['cert', 'verify', filePath, '--seals', noneSeals]);
    assert.equal(unknown.status, 2, unknown.stderr);
    assert.match(unknown.stdout, /^unknown-key: /);
  });

  it('no private key, plain or sealed, in any response, log line or audit record', async () => {
    const rows = await t.kernel.db.orm.execute<{ private_key_sealed: string; public_key: string }>(
      sql`SELECT private_key_sealed, public_key FROM seal`,
    );
    assert.ok(rows.rows.length > 10);
    const keyring = new SealKeyring({ dataDir: dir, configured: undefined, mayGenerate: false });
    const secrets = rows.rows.flatMap((r) => [
      r.private_key_sealed,
      keyring.unseal(r.private_key_sealed, r.public_key),
    ]);
    const audit = await t.kernel.db.orm.execute<{ summary: unknown }>(
      sql`SELECT summary FROM audit_log WHERE action LIKE 'certificates.%'`,
    );
    assert.ok(audit.rows.length > 0);
    assert.ok(logLines.length > 20, 'the app logged');
    assert.ok(bodies.length > 20);
    const haystacks = [...logLines, ...bodies, ...audit.rows.map((r) => JSON.stringify(r.summary))];
    for (const secret of secrets) {
      for (const h of haystacks) {
        assert.ok(!h.toLowerCase().includes(secret.toLowerCase()), 'a private key leaked');
      }
    }
  });
});
