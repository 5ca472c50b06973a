import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { generate } from 'otplib';
import type { Me, TotpEnrolment } from '@zhengtong/contracts';
import {
  idNumberCheckCharacter,
  makeCreditCode,
  organisationCodeCheckCharacter,
} from '@zhengtong/gb';
import { systemActor } from '../kernel/actor.js';
import type { TestApp } from './app.js';

/*
 * Factories for tests that need signed-in people and staff. Tests run faster with cheap argon2:
 * createTestApp({ env: FAST_ARGON2 }).
 */

export const FAST_ARGON2 = { ZT_ARGON2_MEMORY_KIB: '8192', ZT_ARGON2_TIME_COST: '1' };

let sequence = 0;
const nextSeq = () => (sequence = (sequence + 1) % 1000);

/**
 * A valid GB 11643 ID number, practically unique within a run: 金水区, a random birth date in
 * 1960–1989 (the demo accounts are born 1990-01-01, so they never collide) and a sequence.
 */
export function makeIdNumber(regionCode = '410105', birthDate = randomBirthDate()): string {
  const seq = String((crypto.randomInt(0, 1000) + nextSeq()) % 1000).padStart(3, '0');
  const first17 = `${regionCode}${birthDate}${seq}`;
  return first17 + idNumberCheckCharacter(first17);
}

function randomBirthDate(): string {
  const year = 1960 + crypto.randomInt(0, 30);
  const month = 1 + crypto.randomInt(0, 12);
  const day = 1 + crypto.randomInt(0, 28);
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

/** A mainland mobile number, random. */
export function makePhone(): string {
  return `139${String(crypto.randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

/** A valid GB 32100 credit code registered in `regionCode` (郑州 by default), random. */
export function makeCreditCodeFor(regionCode = '410100'): string {
  const body = String(crypto.randomInt(0, 100_000_000)).padStart(8, '0');
  return makeCreditCode(`91${regionCode}${body}${organisationCodeCheckCharacter(body)}`);
}

export interface TestPerson {
  accountId: string;
  name: string;
  idNumber: string;
  phone: string;
  password: string;
}

/** Registers a natural person through the API. */
export async function createPerson(
  t: TestApp,
  overrides: Partial<Omit<TestPerson, 'accountId'>> = {},
): Promise<TestPerson> {
  const input = {
    name: overrides.name ?? '张三',
    idNumber: overrides.idNumber ?? makeIdNumber(),
    phone: overrides.phone ?? makePhone(),
    password: overrides.password ?? 'citizen-pass-1',
  };
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/identity/register/person',
    payload: input,
  });
  assert.equal(res.statusCode, 201, res.body);
  return { ...input, accountId: res.json<{ accountId: string }>().accountId };
}

export interface TestStaff {
  accountId: string;
  username: string;
  password: string;
  organisationId: string;
  jurisdiction: string;
  /** the TOTP secret when the account enrolled one (admin roles do by default) */
  totpSecret?: string;
}

const ADMIN = new Set([
  'departmentAdmin',
  'provinceAdmin',
  'dataAdmin',
  'systemAdmin',
  'securityAdmin',
  'auditAdmin',
]);

/**
 * Creates a staff account with roles (as the system). The organisation defaults to the first
 * demo organisation in `jurisdiction` (default the province). Accounts with an admin role
 * enrol TOTP unless `totp: false`, so `loginCookie` passes the second factor.
 */
export async function createStaff(
  t: TestApp,
  options: {
    roles?: string[];
    organisationId?: string;
    jurisdiction?: string;
    username?: string;
    password?: string;
    name?: string;
    totp?: boolean;
  } = {},
): Promise<TestStaff> {
  const system = systemActor('test');
  let organisationId = options.organisationId;
  if (!organisationId) {
    const { items } = await t.app.directory.listOrganisations(system, {
      region: options.jurisdiction ?? '410000',
      subtree: false,
    });
    organisationId = items[0]?.id;
    assert.ok(organisationId, `no demo organisation in ${options.jurisdiction ?? '410000'}`);
  }
  const org = await t.app.directory.getOrganisation(system, organisationId);
  const jurisdiction = options.jurisdiction ?? org.regionCode;
  const username = options.username ?? `staff${crypto.randomBytes(4).toString('hex')}`;
  const password = options.password ?? 'Staff-Pass-2024!';
  const roles = options.roles ?? [];
  const { accountId } = await t.app.identity.createStaffAccount(system, {
    username,
    name: options.name ?? '测试工作人员',
    password,
    organisationId,
    jurisdiction,
    roles,
  });
  const staff: TestStaff = { accountId, username, password, organisationId, jurisdiction };
  if (options.totp ?? roles.some((r) => ADMIN.has(r))) {
    staff.totpSecret = await enrolTotp(t, await loginCookie(t, username, password));
  }
  return staff;
}

/** A current TOTP code for a secret. */
export const totpCode = (secret: string): Promise<string> => generate({ secret });

/**
 * Logs in through the API and returns the `Cookie` header value (`zt_session=…`). With a TOTP
 * secret, a fresh code is sent.
 */
export async function loginCookie(
  t: TestApp,
  username: string,
  password: string,
  totpSecret?: string,
): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/identity/login',
    payload: {
      username,
      password,
      ...(totpSecret ? { otp: await totpCode(totpSecret) } : {}),
    },
  });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.find((c) => c.name === 'zt_session');
  assert.ok(cookie, 'login set no session cookie');
  return `zt_session=${cookie.value}`;
}

/** Logs in as a person or staff member made by the factories above. */
export function loginAs(t: TestApp, who: TestPerson | TestStaff): Promise<string> {
  return 'username' in who
    ? loginCookie(t, who.username, who.password, who.totpSecret)
    : loginCookie(t, who.idNumber, who.password);
}

/** Enrols and confirms TOTP for the session of `cookie`; returns the secret. */
export async function enrolTotp(t: TestApp, cookie: string): Promise<string> {
  const start = await t.app.inject({
    method: 'POST',
    url: '/api/v1/identity/mfa/totp',
    headers: { cookie },
  });
  assert.equal(start.statusCode, 200, start.body);
  const { secret } = start.json<TotpEnrolment>();
  const confirm = await t.app.inject({
    method: 'POST',
    url: '/api/v1/identity/mfa/totp/confirm',
    headers: { cookie },
    payload: { otp: await totpCode(secret) },
  });
  assert.equal(confirm.statusCode, 200, confirm.body);
  return secret;
}

/** GET /me for a cookie. */
export async function me(t: TestApp, cookie: string): Promise<Me> {
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/v1/identity/me',
    headers: { cookie },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<Me>();
}
