import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EnterpriseCreated, Me, Problem, TotpEnrolment } from '@zhengtong/contracts';
import { loadConfig } from '../../kernel/config.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { Sessions } from './sessions.js';
import { SESSION_PURGE_JOB } from './index.js';
import {
  FAST_ARGON2,
  createPerson,
  createStaff,
  enrolTotp,
  loginAs,
  loginCookie,
  makeCreditCodeFor,
  makeIdNumber,
  makePhone,
  me,
  totpCode,
} from '../../test-support/identity.js';

const API = '/api/v1/identity';

describe('identity: accounts, login, sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { ...FAST_ARGON2, ZT_LOGIN_MAX_FAILURES: '3' } });
  });
  after(() => t.close());

  const post = (url: string, payload?: object, cookie?: string) =>
    t.app.inject({
      method: 'POST',
      url: `${API}${url}`,
      ...(payload ? { payload } : {}),
      ...(cookie ? { headers: { cookie } } : {}),
    });
  const sql = <T extends object>(text: string, values: unknown[] = []) =>
    t.kernel.db.pool.query<T & Record<string, unknown>>(text, values).then((r) => r.rows);
  const login = (username: string, password: string, otp?: string) =>
    post('/login', { username, password, ...(otp ? { otp } : {}) });
  const cookieOf = (res: { cookies: { name: string; value: string }[] }) => {
    const c = res.cookies.find((x) => x.name === 'zt_session');
    assert.ok(c);
    return `zt_session=${c.value}`;
  };

  describe('person registration', () => {
    it('registers, grants citizen, masks, and stores no plaintext', async () => {
      const idNumber = makeIdNumber();
      const phone = makePhone();
      const p = await createPerson(t, { idNumber, phone, name: '李四' });
      const cookie = await loginCookie(t, idNumber, p.password);
      const mine = await me(t, cookie);
      assert.equal(mine.kind, 'person');
      assert.equal(mine.name, '李四');
      assert.deepEqual(mine.roles, ['citizen']);
      assert.equal(mine.idNumberMasked, `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`);
      assert.equal(mine.phoneMasked, `${phone.slice(0, 3)}****${phone.slice(7)}`);
      const [row] = await sql('SELECT * FROM person_profile WHERE account_id = $1', [p.accountId]);
      const text = JSON.stringify(row);
      assert.ok(!text.includes(idNumber), 'no plaintext ID number');
      assert.ok(!text.includes(phone), 'no plaintext phone');
      assert.equal(t.kernel.fieldCrypto.decrypt(String(row?.id_number_cipher)), idNumber);
      const [acct] = await sql('SELECT * FROM account WHERE id = $1', [p.accountId]);
      assert.ok(String(acct?.password_hash).startsWith('$argon2id$'));
      const audits = await sql<{ summary: unknown }>(
        'SELECT summary FROM audit_log WHERE target_id = $1',
        [p.accountId],
      );
      assert.ok(audits.length >= 2);
      assert.ok(!JSON.stringify(audits).includes(idNumber));
      assert.ok(!JSON.stringify(audits).includes(phone));
    });

    it('shows the holder, and only the holder, the unmasked ID number and phone', async () => {
      const idNumber = makeIdNumber();
      const phone = makePhone();
      const p = await createPerson(t, { idNumber, phone });
      const cookie = await loginCookie(t, idNumber, p.password);
      const res = await t.app.inject({
        method: 'GET',
        url: `${API}/me/personal-data`,
        headers: { cookie },
      });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { idNumber, phone });
      assert.equal(res.headers['cache-control'], 'no-store');
      const other = await createPerson(t);
      const otherCookie = await loginCookie(t, other.idNumber, other.password);
      const theirs = await t.app.inject({
        method: 'GET',
        url: `${API}/me/personal-data`,
        headers: { cookie: otherCookie },
      });
      assert.notEqual(theirs.json<{ idNumber: string }>().idNumber, idNumber);
      const anonymous = await t.app.inject({ method: 'GET', url: `${API}/me/personal-data` });
      assert.equal(anonymous.statusCode, 401);
      const views = await sql(
        "SELECT summary FROM audit_log WHERE action = 'identity.personal-data.view' AND target_id = $1",
        [p.accountId],
      );
      assert.equal(views.length, 1, 'the view is audited');
      assert.deepEqual(views[0]!.summary, { by: 'holder', purpose: 'profile' });
    });

    it('refuses an invalid ID number naming /body/idNumber', async () => {
      const good = makeIdNumber();
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      for (const idNumber of [bad, '41010519901301001X', '12345']) {
        const res = await post('/register/person', {
          name: '王五',
          idNumber,
          phone: makePhone(),
          password: 'citizen-pass-1',
        });
        assert.equal(res.statusCode, 400, res.body);
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        const problem = res.json<Problem>();
        assert.equal(problem.code, 'validation');
        assert.ok(
          problem.errors?.some((e) => e.path === '/body/idNumber'),
          res.body,
        );
      }
    });

    it('refuses an invalid phone and a weak password', async () => {
      const res = await post('/register/person', {
        name: '王五',
        idNumber: makeIdNumber(),
        phone: '12345678901',
        password: 'citizen-pass-1',
      });
      assert.equal(res.statusCode, 400);
      assert.ok(res.json<Problem>().errors?.some((e) => e.path === '/body/phone'));
      const weak = await post('/register/person', {
        name: '王五',
        idNumber: makeIdNumber(),
        phone: makePhone(),
        password: 'short',
      });
      assert.equal(weak.statusCode, 400);
      assert.ok(weak.json<Problem>().errors?.some((e) => e.path === '/body/password'));
    });

    it('answers 409 for a duplicate ID number or phone', async () => {
      const p = await createPerson(t);
      const dupId = await post('/register/person', {
        name: '重复',
        idNumber: p.idNumber,
        phone: makePhone(),
        password: 'citizen-pass-1',
      });
      assert.equal(dupId.statusCode, 409);
      assert.equal(dupId.json<Problem>().code, 'already-registered');
      const dupPhone = await post('/register/person', {
        name: '重复',
        idNumber: makeIdNumber(),
        phone: p.phone,
        password: 'citizen-pass-1',
      });
      assert.equal(dupPhone.statusCode, 409);
      const probes = await sql(
        "SELECT 1 FROM audit_log WHERE action = 'identity.register.duplicate'",
      );
      assert.ok(probes.length >= 2);
    });
  });

  describe('login', () => {
    it('logs in by ID number (lower-case x too) and by phone, with a safe cookie', async () => {
      const p = await createPerson(t);
      const byId = await login(p.idNumber.toLowerCase(), p.password);
      assert.equal(byId.statusCode, 200, byId.body);
      assert.equal(byId.json<Me>().accountId, p.accountId);
      const setCookie = String(byId.headers['set-cookie']);
      assert.match(setCookie, /^zt_session=[A-Za-z0-9_-]{43};/);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Lax/);
      assert.match(setCookie, /Path=\//);
      assert.doesNotMatch(setCookie, /Secure/);
      const token = setCookie.slice('zt_session='.length, setCookie.indexOf(';'));
      const stored = await sql('SELECT token_hash FROM session WHERE account_id = $1', [
        p.accountId,
      ]);
      assert.ok(
        stored.every((s) => s.token_hash !== token),
        'only a hash is stored',
      );
      const byPhone = await login(p.phone, p.password);
      assert.equal(byPhone.statusCode, 200);
    });

    it('answers unknown user and wrong password alike, in similar time', async () => {
      const p = await createPerson(t);
      const unknown = await login(makeIdNumber(), 'whatever-pass');
      const wrong = await login(p.phone, 'wrong-password');
      assert.equal(unknown.statusCode, 401);
      assert.equal(wrong.statusCode, 401);
      const strip = (b: Problem) => ({ ...b, requestId: '', instance: '' });
      assert.deepEqual(strip(unknown.json<Problem>()), strip(wrong.json<Problem>()));
      assert.equal(unknown.json<Problem>().code, 'invalid-credentials');

      // interleaved, so load from other test files falls on both alike
      const other = await createPerson(t);
      const time = async (username: string) => {
        const start = process.hrtime.bigint();
        await login(username, 'wrong-password');
        return Number(process.hrtime.bigint() - start);
      };
      let tUnknown = 0;
      let tWrong = 0;
      for (let i = 0; i < 3; i++) {
        tUnknown += await time('nobody-here');
        tWrong += await time(other.idNumber);
      }
      const ratio = Math.max(tUnknown, tWrong) / Math.min(tUnknown, tWrong);
      assert.ok(ratio < 5, `timing ratio ${ratio.toFixed(2)}`);
    });

    it('locks after N failures, refuses the right password while locked, backs off', async () => {
      const p = await createPerson(t);
      for (let i = 0; i < 3; i++) assert.equal((await login(p.phone, 'nope-nope')).statusCode, 401);
      const locked = await login(p.phone, p.password);
      assert.equal(locked.statusCode, 401);
      assert.equal(locked.json<Problem>().code, 'invalid-credentials');
      const [first] = await sql<{ locked_until: Date; lockouts: number }>(
        'SELECT locked_until, lockouts, now() AS now FROM account WHERE id = $1',
        [p.accountId],
      );
      assert.equal(first?.lockouts, 1);
      const firstMinutes = (first.locked_until.getTime() - Date.now()) / 60_000;
      assert.ok(firstMinutes > 14 && firstMinutes <= 15, `${firstMinutes}`);
      const lockAudits = await sql(
        "SELECT 1 FROM audit_log WHERE action = 'identity.account.lockout' AND target_id = $1",
        [p.accountId],
      );
      assert.equal(lockAudits.length, 1);

      // the lock runs out; three more failures lock again, for twice as long
      await sql("UPDATE account SET locked_until = now() - interval '1 second' WHERE id = $1", [
        p.accountId,
      ]);
      for (let i = 0; i < 3; i++) await login(p.phone, 'nope-nope');
      const [second] = await sql<{ locked_until: Date; lockouts: number }>(
        'SELECT locked_until, lockouts FROM account WHERE id = $1',
        [p.accountId],
      );
      assert.equal(second?.lockouts, 2);
      const secondMinutes = (second.locked_until.getTime() - Date.now()) / 60_000;
      assert.ok(secondMinutes > 29 && secondMinutes <= 30, `${secondMinutes}`);

      // once unlocked, the right password works and resets the counters
      await sql("UPDATE account SET locked_until = now() - interval '1 second' WHERE id = $1", [
        p.accountId,
      ]);
      await login(p.phone, 'nope-nope');
      assert.equal((await login(p.phone, p.password)).statusCode, 200);
      const [reset] = await sql<{ failed_logins: number }>(
        'SELECT failed_logins, lockouts FROM account WHERE id = $1',
        [p.accountId],
      );
      assert.equal(reset?.failed_logins, 0);
    });

    it('caps the lockout at 24 hours', async () => {
      const p = await createPerson(t);
      await sql('UPDATE account SET lockouts = 30 WHERE id = $1', [p.accountId]);
      for (let i = 0; i < 3; i++) await login(p.phone, 'nope-nope');
      const [row] = await sql<{ locked_until: Date }>(
        'SELECT locked_until FROM account WHERE id = $1',
        [p.accountId],
      );
      const hours = (row!.locked_until.getTime() - Date.now()) / 3_600_000;
      assert.ok(hours > 23.9 && hours <= 24, `${hours}`);
    });
  });

  describe('sessions', () => {
    it('answers 401 problem on /me without a session', async () => {
      const res = await t.app.inject({ method: 'GET', url: `${API}/me` });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json<Problem>().code, 'unauthenticated');
      const junk = await t.app.inject({
        method: 'GET',
        url: `${API}/me`,
        headers: { cookie: 'zt_session=not-a-token' },
      });
      assert.equal(junk.statusCode, 401);
    });

    it('rotates on login: the old cookie is dead after a new login', async () => {
      const p = await createPerson(t);
      const first = await loginCookie(t, p.phone, p.password);
      const again = await t.app.inject({
        method: 'POST',
        url: `${API}/login`,
        headers: { cookie: first },
        payload: { username: p.phone, password: p.password },
      });
      assert.equal(again.statusCode, 200);
      const second = cookieOf(again);
      assert.notEqual(first, second);
      const dead = await t.app.inject({
        method: 'GET',
        url: `${API}/me`,
        headers: { cookie: first },
      });
      assert.equal(dead.statusCode, 401);
      await me(t, second);
    });

    it('expires when idle, slides while used, and ends at the absolute limit', async () => {
      const p = await createPerson(t);
      const cookie = await loginCookie(t, p.phone, p.password);
      const hash = (
        await sql<{ token_hash: string }>(
          'SELECT token_hash FROM session WHERE account_id = $1 AND revoked_at IS NULL',
          [p.accountId],
        )
      )[0]!.token_hash;

      // used two minutes ago: the request slides the idle expiry forward
      await sql(
        "UPDATE session SET last_seen_at = now() - interval '2 minutes', idle_expires_at = now() + interval '1 minute' WHERE token_hash = $1",
        [hash],
      );
      await me(t, cookie);
      const [slid] = await sql<{ idle_expires_at: Date }>(
        'SELECT idle_expires_at FROM session WHERE token_hash = $1',
        [hash],
      );
      assert.ok(slid!.idle_expires_at.getTime() > Date.now() + 29 * 60_000);

      await sql(
        "UPDATE session SET idle_expires_at = now() - interval '1 second' WHERE token_hash = $1",
        [hash],
      );
      const idle = await t.app.inject({ method: 'GET', url: `${API}/me`, headers: { cookie } });
      assert.equal(idle.statusCode, 401);

      const cookie2 = await loginCookie(t, p.phone, p.password);
      await sql(
        "UPDATE session SET absolute_expires_at = now() - interval '1 second' WHERE account_id = $1 AND revoked_at IS NULL",
        [p.accountId],
      );
      const abs = await t.app.inject({
        method: 'GET',
        url: `${API}/me`,
        headers: { cookie: cookie2 },
      });
      assert.equal(abs.statusCode, 401);
    });

    it('deletes sessions ended more than a week ago with the daily job', async () => {
      const p = await createPerson(t);
      const cookie = await loginCookie(t, p.phone, p.password);
      await loginCookie(t, p.phone, p.password);
      const rows = await sql<{ token_hash: string }>(
        'SELECT token_hash FROM session WHERE account_id = $1 ORDER BY created_at',
        [p.accountId],
      );
      assert.equal(rows.length, 2);
      await sql("UPDATE session SET revoked_at = now() - interval '8 days' WHERE token_hash = $1", [
        rows[0]?.token_hash,
      ]);
      await sql("UPDATE job SET run_at = now() WHERE kind = $1 AND status = 'pending'", [
        SESSION_PURGE_JOB,
      ]);
      await t.kernel.jobs.runOnce();
      const left = await sql<{ token_hash: string }>(
        'SELECT token_hash FROM session WHERE account_id = $1',
        [p.accountId],
      );
      assert.deepEqual(
        left.map((r) => r.token_hash),
        [rows[1]?.token_hash],
      );
      const next = await sql("SELECT 1 FROM job WHERE kind = $1 AND status = 'pending'", [
        SESSION_PURGE_JOB,
      ]);
      assert.equal(next.length, 1, 'the next run is scheduled');
      assert.ok(cookie);
    });

    it('logs out one session, and all of them', async () => {
      const p = await createPerson(t);
      const a = await loginCookie(t, p.phone, p.password);
      const b = await loginCookie(t, p.idNumber, p.password);
      const out = await post('/logout', undefined, a);
      assert.equal(out.statusCode, 204);
      assert.match(String(out.headers['set-cookie']), /zt_session=;/);
      assert.equal(
        (await t.app.inject({ method: 'GET', url: `${API}/me`, headers: { cookie: a } }))
          .statusCode,
        401,
      );
      await me(t, b);
      const c = await loginCookie(t, p.phone, p.password);
      assert.equal((await post('/logout-all', undefined, b)).statusCode, 204);
      for (const cookie of [b, c]) {
        const res = await t.app.inject({ method: 'GET', url: `${API}/me`, headers: { cookie } });
        assert.equal(res.statusCode, 401);
      }
      const actions = await sql<{ action: string }>(
        "SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'identity.logout%'",
        [p.accountId],
      );
      assert.deepEqual(actions.map((r) => r.action).sort(), [
        'identity.logout',
        'identity.logout-all',
      ]);
    });
  });

  describe('second factor', () => {
    it('enrols TOTP, then requires the code at login', async () => {
      const p = await createPerson(t);
      const cookie = await loginCookie(t, p.phone, p.password);
      const start = await post('/mfa/totp', undefined, cookie);
      assert.equal(start.statusCode, 200);
      const { secret, otpauthUri } = start.json<TotpEnrolment>();
      assert.match(otpauthUri, /^otpauth:\/\/totp\//);
      const [row] = await sql<{ totp_secret: string }>(
        'SELECT totp_secret, totp_enabled_at FROM account WHERE id = $1',
        [p.accountId],
      );
      assert.notEqual(row?.totp_secret, secret);
      assert.equal(row?.totp_enabled_at, null);
      // not active yet: login still needs no code
      assert.equal((await login(p.phone, p.password)).statusCode, 200);

      const wrongConfirm = await post('/mfa/totp/confirm', { otp: '000000' }, cookie);
      assert.equal(wrongConfirm.statusCode, 400);
      const confirm = await post('/mfa/totp/confirm', { otp: await totpCode(secret) }, cookie);
      assert.equal(confirm.statusCode, 200, confirm.body);
      assert.equal(confirm.json<Me>().mfaEnabled, true);

      const noCode = await login(p.phone, p.password);
      assert.equal(noCode.statusCode, 401);
      assert.equal(noCode.json<Problem>().code, 'otp-required');
      const wrongCode = await login(p.phone, p.password, '000000');
      assert.equal(wrongCode.statusCode, 401);
      assert.equal(wrongCode.json<Problem>().code, 'invalid-credentials');
      const [fails] = await sql<{ failed_logins: number }>(
        'SELECT failed_logins FROM account WHERE id = $1',
        [p.accountId],
      );
      assert.equal(fails?.failed_logins, 1);
      const code = await totpCode(secret);
      const ok = await login(p.phone, p.password, code);
      assert.equal(ok.statusCode, 200, ok.body);
      // the same code is never accepted twice (replay), even with the right password
      const replay = await login(p.phone, p.password, code);
      assert.equal(replay.statusCode, 401);
      assert.equal(replay.json<Problem>().code, 'invalid-credentials');
      // a wrong password with the code missing is still just invalid credentials
      assert.equal(
        (await login(p.phone, 'wrong-password')).json<Problem>().code,
        'invalid-credentials',
      );
      assert.equal((await post('/mfa/totp', undefined, cookieOf(ok))).statusCode, 409);
    });

    it('limits an admin without TOTP to enrolling it', async () => {
      const admin = await createStaff(t, { roles: ['provinceAdmin'], totp: false });
      const cookie = await loginCookie(t, admin.username, admin.password);
      const limited = await me(t, cookie);
      assert.equal(limited.mfaEnrolmentRequired, true);
      assert.deepEqual(limited.roles, ['provinceAdmin']);
      assert.equal(limited.jurisdiction, admin.jurisdiction);
      // the session's actor holds no admin role, so admin-only services refuse it
      const actor = await t.app.identity.actorForToken(cookie.slice('zt_session='.length));
      assert.deepEqual(actor.roles, []);
      assert.equal(actor.limitedTo, 'mfa-enrolment');
      assert.equal(actor.mfa, false);

      const secret = await enrolTotp(t, cookie);
      const after = await me(t, cookie);
      assert.equal(after.mfaEnrolmentRequired, false);
      const full = await t.app.identity.actorForToken(cookie.slice('zt_session='.length));
      assert.deepEqual(full.roles, ['provinceAdmin']);
      assert.equal(full.mfa, true);

      const next = await loginCookie(t, admin.username, admin.password, secret);
      assert.equal((await me(t, next)).mfaEnrolmentRequired, false);
    });
  });

  describe('password change', () => {
    it('changes, refuses reuse of the last five, ends other sessions', async () => {
      const staff = await createStaff(t, { roles: ['windowOfficer'] });
      const a = await loginAs(t, staff);
      const b = await loginAs(t, staff);
      const change = (currentPassword: string, newPassword: string) =>
        post('/password', { currentPassword, newPassword }, a);

      const wrong = await change('not-the-password', 'Another-Pass-2024!');
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json<Problem>().code, 'invalid-current-password');
      const weak = await change(staff.password, 'alllowercase');
      assert.equal(weak.statusCode, 400);
      assert.ok(weak.json<Problem>().errors?.every((e) => e.path === '/body/newPassword'));
      const same = await change(staff.password, staff.password);
      assert.equal(same.json<Problem>().code, 'password-reused');

      const passwords = [staff.password];
      for (let i = 1; i <= 5; i++) {
        const next = `Rotated-Pass-${i}!x`;
        const res = await change(passwords.at(-1)!, next);
        assert.equal(res.statusCode, 204, res.body);
        passwords.push(next);
      }
      const current = passwords.at(-1)!;
      // the last five (including the current one) are refused; the sixth back is allowed
      for (const old of passwords.slice(-5)) {
        const res = await change(current, old);
        assert.equal(res.json<Problem>().code, 'password-reused', old);
      }
      assert.equal((await change(current, passwords[0]!)).statusCode, 204);

      assert.equal(
        (await t.app.inject({ method: 'GET', url: `${API}/me`, headers: { cookie: b } }))
          .statusCode,
        401,
      );
      await me(t, a);
    });

    it('forces a change when the password expired', async () => {
      const staff = await createStaff(t, { roles: ['approver'] });
      await sql('UPDATE account SET must_change_password = true WHERE id = $1', [staff.accountId]);
      const cookie = await loginAs(t, staff);
      assert.equal((await me(t, cookie)).mustChangePassword, true);
      const actor = await t.app.identity.actorForToken(cookie.slice('zt_session='.length));
      assert.equal(actor.limitedTo, 'password-change');
      assert.deepEqual(actor.roles, []);
      const res = await post(
        '/password',
        { currentPassword: staff.password, newPassword: 'Fresh-Pass-2025!' },
        cookie,
      );
      assert.equal(res.statusCode, 204);
      assert.equal((await me(t, cookie)).mustChangePassword, false);
    });
  });

  describe('enterprises', () => {
    it('registers an enterprise with its legal representative and region', async () => {
      const p = await createPerson(t);
      const cookie = await loginCookie(t, p.phone, p.password);
      const res = await post(
        '/register/enterprise',
        { name: '厦门测试有限公司', creditCode: '91350200776049653A' },
        cookie,
      );
      assert.equal(res.statusCode, 201, res.body);
      const created = res.json<EnterpriseCreated>();
      assert.equal(created.creditCode, '91350200776049653A');
      const [row] = await sql<{ legal_representative_id: string; region_code: string | null }>(
        'SELECT legal_representative_id, region_code FROM enterprise WHERE id = $1',
        [created.id],
      );
      assert.equal(row?.legal_representative_id, p.accountId);
      // 350200 is 厦门, outside the Henan directory: no region
      assert.equal(row?.region_code, null);
      const mine = await me(t, cookie);
      assert.deepEqual(
        mine.enterprises.map((e) => [e.id, e.relation]),
        [[created.id, 'legalRepresentative']],
      );

      const dup = await post(
        '/register/enterprise',
        { name: '另一家公司', creditCode: '91350200776049653a' },
        cookie,
      );
      assert.equal(dup.statusCode, 409);

      const zz = makeCreditCodeFor('410100');
      const henan = await post(
        '/register/enterprise',
        { name: '郑州测试有限公司', creditCode: zz },
        cookie,
      );
      assert.equal(henan.statusCode, 201, henan.body);
      const [zzRow] = await sql<{ region_code: string }>(
        'SELECT region_code FROM enterprise WHERE credit_code = $1',
        [zz],
      );
      assert.equal(zzRow?.region_code, '410100');
    });

    it('refuses an invalid credit code naming /body/creditCode', async () => {
      const p = await createPerson(t);
      const cookie = await loginCookie(t, p.phone, p.password);
      for (const creditCode of ['91350200776049653B', '91350200776049653', 'I1350200776049653A']) {
        const res = await post('/register/enterprise', { name: '坏公司', creditCode }, cookie);
        assert.equal(res.statusCode, 400, res.body);
        assert.ok(
          res.json<Problem>().errors?.some((e) => e.path === '/body/creditCode'),
          res.body,
        );
      }
    });

    it('acts for an enterprise as legal representative, and back', async () => {
      const p = await createPerson(t);
      const cookie = await loginCookie(t, p.phone, p.password);
      const res = await post(
        '/register/enterprise',
        { name: '洛阳测试有限公司', creditCode: makeCreditCodeFor('410300') },
        cookie,
      );
      const { id } = res.json<EnterpriseCreated>();
      const acting = await post('/acting-for', { enterpriseId: id }, cookie);
      assert.equal(acting.statusCode, 200, acting.body);
      assert.equal(acting.json<Me>().actingFor?.id, id);
      const actor = await t.app.identity.actorForToken(cookie.slice('zt_session='.length));
      assert.equal(actor.kind, 'enterprise');
      assert.deepEqual(actor.actingFor, { enterpriseId: id, scope: ['*'] });
      assert.ok(actor.roles.includes('enterpriseUser'));
      assert.equal((await me(t, cookie)).actingFor?.id, id);
      const back = await post('/acting-for', { enterpriseId: null }, cookie);
      assert.equal(back.json<Me>().actingFor, null);
    });
  });

  it('marks the cookie Secure when the public URL is https', () => {
    const https = new Sessions(
      t.kernel.db.orm,
      loadConfig({ ZT_PUBLIC_URL: 'https://zw.example.cn' }),
    );
    assert.equal(https.cookieOptions.secure, true);
    assert.equal(t.app.identity.sessions.cookieOptions.secure, false);
  });

  describe('public API', () => {
    it('authenticate, claimsFor and createStaffAccount', async () => {
      const p = await createPerson(t, { name: '赵六' });
      const ok = await t.app.identity.authenticate({ username: p.phone, password: p.password });
      assert.deepEqual(ok, { ok: true, accountId: p.accountId, mfa: false });
      const bad = await t.app.identity.authenticate({ username: p.phone, password: 'x' });
      assert.deepEqual(bad, { ok: false, code: 'invalid-credentials' });
      const claims = await t.app.identity.claimsFor(p.accountId);
      assert.equal(claims.sub, p.accountId);
      assert.equal(claims.name, '赵六');
      assert.equal(claims.accountKind, 'person');
      assert.equal(claims.idNumberMasked?.includes('********'), true);
      assert.deepEqual(claims.roles, ['citizen']);

      const staff = await createStaff(t, { roles: ['windowOfficer'], jurisdiction: '410300' });
      const sc = await t.app.identity.claimsFor(staff.accountId);
      assert.equal(sc.accountKind, 'staff');
      assert.equal(sc.jurisdiction, '410300');
      assert.equal(sc.organisationId, staff.organisationId);
      assert.ok(sc.organisationName);
      assert.deepEqual(sc.roles, ['windowOfficer']);
    });
  });
});
