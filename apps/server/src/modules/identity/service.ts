import { generateSecret, generateURI, verify as verifyOtp } from 'otplib';
import type {
  AccountCreated,
  EnterpriseCreated,
  EnterpriseSummary,
  Me,
  MyPersonalData,
  RegisterEnterpriseBody,
  RegisterPersonBody,
  Role,
  Organisation,
  TotpEnrolment,
} from '@zhengtong/contracts';
import { isInSubtree, maskIdNumber, parseCreditCode, parseIdNumber } from '@zhengtong/gb';
import { anonymousActor, isAdminRole, systemActor, type Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { Config } from '../../kernel/config.js';
import type { Drizzle } from '../../kernel/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthenticatedError,
} from '../../kernel/errors.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import { newId } from '../../kernel/ids.js';
import {
  checkPasswordPolicy,
  dummyPasswordHash,
  hashPassword,
  verifyPassword,
} from './passwords.js';
import type { Sessions } from './sessions.js';
import * as store from './store.js';

/** What identity needs of the directory (built from its public service in index.ts). */
export interface DirectoryLookup {
  findOrganisation: (id: string) => Promise<Organisation | undefined>;
  regionExists: (code: string) => Promise<boolean>;
}

/** Where a request came from, for the audit record and the session row. */
export interface RequestContext {
  requestId?: string | undefined;
  ip?: string | undefined;
  userAgent?: string | undefined;
}

export interface AuthenticateInput extends RequestContext {
  username: string;
  password: string;
  otp?: string | undefined;
}

export type AuthenticateResult =
  | {
      ok: true;
      accountId: string;
      /** whether a second factor was checked (start the session with `mfa` set to this) */
      mfa: boolean;
    }
  | { ok: false; code: 'invalid-credentials' | 'otp-required' };

/** What relying parties (OIDC userinfo, ID token) learn about an account. */
export interface IdentityClaims {
  sub: string;
  name: string;
  accountKind: 'person' | 'staff';
  idNumberMasked: string | null;
  phoneMasked: string | null;
  organisationId: string | null;
  organisationName: string | null;
  jurisdiction: string | null;
  roles: string[];
}

export interface CreateStaffInput {
  /** account name for login (letters, digits, . _ -) */
  username: string;
  name: string;
  password: string;
  organisationId: string;
  /** root of the region subtree (GB/T 2260); defaults to the organisation's region */
  jurisdiction?: string | undefined;
  phone?: string | undefined;
  /** roles granted at creation; only the system (seed, CLI, tests) may pass them */
  roles?: readonly string[] | undefined;
  /** force a change at first login (an administrator chose the password) */
  mustChangePassword?: boolean | undefined;
}

const ID_NUMBER = /^\d{17}[\dXx]$/;
const PHONE = /^1[3-9]\d{9}$/;
const STAFF_USERNAME = /^[A-Za-z][A-Za-z0-9._-]{2,49}$/;
const MAX_LOCK_MS = 24 * 3_600_000;
const TOTP_ISSUER = '政通 Zhengtong';
/** a TOTP code is accepted one 30-second step either side (clock drift) */
const TOTP_TOLERANCE_S = 30;

export const maskPhone = (phone: string): string => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

const ID_NUMBER_REASONS: Record<string, string> = {
  length: 'must be 18 characters',
  charset: 'must be 17 digits and a digit or X',
  regionCode: 'the first six digits are not an administrative division code',
  birthDate: 'the birth date (digits 7–14) is not a real date',
  checkCharacter: 'the check character does not match (GB 11643)',
};

const CREDIT_CODE_REASONS: Record<string, string> = {
  length: 'must be 18 characters',
  charset: 'may use only digits and capitals except I, O, S, V, Z',
  regionCode: 'characters 3–8 are not an administrative division code',
  organisationCode: 'characters 9–17 are not a valid organisation code (GB 11714)',
  checkCharacter: 'the check character does not match (GB 32100)',
};

const person = (id: string): Actor => ({ id, kind: 'person', roles: [], accountKind: 'person' });

/**
 * 统一身份认证: accounts of people and staff, enterprises they act for, login with lockout and a
 * second factor, sessions. Services take the actor explicitly; the HTTP layer is routes.ts.
 */
export class IdentityService {
  constructor(
    private readonly db: Drizzle,
    private readonly config: Config,
    private readonly crypto: FieldCrypto,
    readonly sessions: Sessions,
    private readonly directory: DirectoryLookup,
  ) {}

  private get argon2() {
    return this.config.identity.argon2;
  }

  // ------------------------------------------------------------ registration

  /** 自然人注册. Grants `citizen`. A duplicate ID number or phone is a 409 (audited). */
  async registerPerson(
    _actor: Actor,
    input: RegisterPersonBody,
    ctx: RequestContext = {},
  ): Promise<AccountCreated> {
    const parsed = parseIdNumber(input.idNumber);
    if (!parsed.ok) {
      throw new InputError('validation', 'the ID number is not valid', [
        { path: '/body/idNumber', message: ID_NUMBER_REASONS[parsed.reason] ?? parsed.reason },
      ]);
    }
    if (!PHONE.test(input.phone)) {
      throw new InputError('validation', 'the phone number is not valid', [
        { path: '/body/phone', message: 'must be a mainland mobile number' },
      ]);
    }
    const name = input.name.trim();
    if (name.length === 0) {
      throw new InputError('validation', 'the name is empty', [
        { path: '/body/name', message: 'must not be blank' },
      ]);
    }
    const policy = checkPasswordPolicy(input.password, 'person');
    if (policy.length > 0) throw new InputError('weak-password', 'password too weak', policy);

    const idNumber = parsed.value.idNumber;
    const idNumberHash = this.crypto.lookupHash(idNumber);
    const phoneHash = this.crypto.lookupHash(input.phone);
    const idNumberMasked = maskIdNumber(idNumber);
    const phoneMasked = maskPhone(input.phone);

    const duplicate = async (which: 'idNumber' | 'phone') => {
      // the national norm tells a registrant the number is taken; leave a trace of each probe
      await this.db.transaction((tx) =>
        recordAudit(tx, {
          actor: anonymousActor,
          action: 'identity.register.duplicate',
          targetType: 'account',
          targetId: 'duplicate',
          summary: { field: which, idNumberMasked, phoneMasked, ip: ctx.ip ?? null },
          requestId: ctx.requestId,
        }),
      );
      return new ConflictError(
        'already-registered',
        which === 'idNumber'
          ? 'an account with this ID number exists; log in or recover it'
          : 'an account with this phone number exists; log in or recover it',
        [{ path: `/body/${which}`, message: 'already registered' }],
      );
    };
    if (await store.findPersonIdByHash(this.db, 'idNumber', idNumberHash)) {
      throw await duplicate('idNumber');
    }
    if (await store.findPersonIdByHash(this.db, 'phone', phoneHash)) throw await duplicate('phone');

    const passwordHash = await hashPassword(input.password, this.argon2);
    const accountId = newId();
    try {
      await this.db.transaction(async (tx) => {
        await store.insertAccount(tx, {
          id: accountId,
          kind: 'person',
          username: null,
          displayName: name,
          passwordHash,
        });
        await store.insertPersonProfile(tx, {
          accountId,
          name,
          idNumberCipher: this.crypto.encrypt(idNumber),
          idNumberHash,
          idNumberMasked,
          phoneCipher: this.crypto.encrypt(input.phone),
          phoneHash,
          phoneMasked,
        });
        await store.grantRole(tx, { accountId, role: 'citizen', grantedBy: 'system:registration' });
        const actor = person(accountId);
        await recordAudit(tx, {
          actor,
          action: 'identity.register.person',
          targetType: 'account',
          targetId: accountId,
          summary: { idNumberMasked, phoneMasked, ip: ctx.ip ?? null },
          requestId: ctx.requestId,
        });
        await recordAudit(tx, {
          actor: systemActor('registration'),
          action: 'identity.role.grant',
          targetType: 'account',
          targetId: accountId,
          summary: { role: 'citizen' },
          requestId: ctx.requestId,
        });
      });
    } catch (err) {
      const constraint = store.uniqueViolation(err);
      if (constraint === 'person_profile_id_number_hash_key') throw await duplicate('idNumber');
      if (constraint === 'person_profile_phone_hash_key') throw await duplicate('phone');
      throw err;
    }
    return { accountId };
  }

  /**
   * 工作人员账号. The system (seed, CLI) may create any; a system admin or province admin any
   * in their jurisdiction; a department admin members of their own organisation. Roles other
   * than at creation by the system are granted through the roles service.
   */
  async createStaffAccount(
    actor: Actor,
    input: CreateStaffInput,
    ctx: RequestContext = {},
  ): Promise<AccountCreated> {
    const org = await this.directory.findOrganisation(input.organisationId);
    if (!org) {
      throw new InputError('validation', 'no such organisation', [
        { path: '/body/organisationId', message: 'no such organisation' },
      ]);
    }
    const jurisdiction = input.jurisdiction ?? org.regionCode;
    assertMayCreateStaff(actor, input.organisationId, jurisdiction);
    if (input.roles && input.roles.length > 0 && actor.kind !== 'system') {
      throw new ForbiddenError('roles-need-grant', 'grant roles through the roles service');
    }
    if (!STAFF_USERNAME.test(input.username)) {
      throw new InputError('validation', 'the account name is not valid', [
        {
          path: '/body/username',
          message: '3–50 characters: a letter, then letters, digits, . _ -',
        },
      ]);
    }
    if (!(await this.directory.regionExists(jurisdiction))) {
      throw new InputError('validation', 'no such region', [
        { path: '/body/jurisdiction', message: 'no such region' },
      ]);
    }
    if (input.phone !== undefined && !PHONE.test(input.phone)) {
      throw new InputError('validation', 'the phone number is not valid', [
        { path: '/body/phone', message: 'must be a mainland mobile number' },
      ]);
    }
    const policy = checkPasswordPolicy(input.password, 'staff', input.username);
    if (policy.length > 0) throw new InputError('weak-password', 'password too weak', policy);
    if (await store.findAccountIdByUsername(this.db, input.username)) {
      throw new ConflictError('username-taken', 'an account with this name exists', [
        { path: '/body/username', message: 'already taken' },
      ]);
    }
    const passwordHash = await hashPassword(input.password, this.argon2);
    const accountId = newId();
    try {
      await this.db.transaction(async (tx) => {
        await store.insertAccount(tx, {
          id: accountId,
          kind: 'staff',
          username: input.username,
          displayName: input.name,
          passwordHash,
          mustChangePassword: input.mustChangePassword ?? false,
        });
        await store.insertStaffProfile(tx, {
          accountId,
          name: input.name,
          organisationId: input.organisationId,
          jurisdiction,
          phoneCipher: input.phone ? this.crypto.encrypt(input.phone) : null,
          phoneMasked: input.phone ? maskPhone(input.phone) : null,
        });
        await recordAudit(tx, {
          actor,
          action: 'identity.staff.create',
          targetType: 'account',
          targetId: accountId,
          summary: {
            username: input.username,
            organisationId: input.organisationId,
            jurisdiction,
          },
          requestId: ctx.requestId,
        });
        for (const role of input.roles ?? []) {
          await store.grantRole(tx, {
            accountId,
            role,
            organisationId: input.organisationId,
            regionCode: jurisdiction,
            grantedBy: actor.id,
          });
          await recordAudit(tx, {
            actor,
            action: 'identity.role.grant',
            targetType: 'account',
            targetId: accountId,
            summary: { role, organisationId: input.organisationId, regionCode: jurisdiction },
            requestId: ctx.requestId,
          });
        }
      });
    } catch (err) {
      if (store.uniqueViolation(err) === 'account_username_key') {
        throw new ConflictError('username-taken', 'an account with this name exists');
      }
      throw err;
    }
    return { accountId };
  }

  /** 法人登记 by a signed-in person, who becomes its legal representative. */
  async registerEnterprise(
    actor: Actor,
    input: RegisterEnterpriseBody,
    ctx: RequestContext = {},
  ): Promise<EnterpriseCreated> {
    if (actor.accountKind !== 'person' || actor.limitedTo) {
      throw actor.kind === 'anonymous'
        ? new UnauthenticatedError('unauthenticated', 'log in first')
        : new ForbiddenError('person-required', 'only a person can register an enterprise');
    }
    const parsed = parseCreditCode(input.creditCode);
    if (!parsed.ok) {
      throw new InputError('validation', 'the unified social credit code is not valid', [
        {
          path: '/body/creditCode',
          message: CREDIT_CODE_REASONS[parsed.reason] ?? parsed.reason,
        },
      ]);
    }
    const name = input.name.trim();
    if (name.length < 2) {
      throw new InputError('validation', 'the name is too short', [
        { path: '/body/name', message: 'must be at least 2 characters' },
      ]);
    }
    const { creditCode, regionCode } = parsed.value;
    const conflict = () =>
      new ConflictError('enterprise-exists', 'an enterprise with this credit code is registered', [
        { path: '/body/creditCode', message: 'already registered' },
      ]);
    if (await store.findEnterpriseByCreditCode(this.db, creditCode)) throw conflict();
    const region = (await this.directory.regionExists(regionCode)) ? regionCode : null;
    const id = newId();
    try {
      await this.db.transaction(async (tx) => {
        await store.insertEnterprise(tx, {
          id,
          name,
          creditCode,
          legalRepresentativeId: actor.id,
          regionCode: region,
        });
        await recordAudit(tx, {
          actor,
          action: 'identity.register.enterprise',
          targetType: 'enterprise',
          targetId: id,
          summary: { name, creditCode, regionCode: region },
          requestId: ctx.requestId,
        });
      });
    } catch (err) {
      if (store.uniqueViolation(err) === 'enterprise_credit_code_key') throw conflict();
      throw err;
    }
    return { id, name, creditCode };
  }

  /** A person's account by ID number (for 窗口收件); undefined when the person has none. */
  async findPersonByIdNumber(
    idNumber: string,
  ): Promise<{ accountId: string; name: string } | undefined> {
    const id = await store.findPersonIdByHash(
      this.db,
      'idNumber',
      this.crypto.lookupHash(idNumber.toUpperCase()),
    );
    if (!id) return undefined;
    const account = await store.findAccount(this.db, id);
    return account ? { accountId: id, name: account.displayName } : undefined;
  }

  // ------------------------------------------------------------ login

  /** Which account a login name means, without saying whether it exists. */
  private async lookup(username: string): Promise<string | undefined> {
    const u = username.trim();
    if (ID_NUMBER.test(u)) {
      return store.findPersonIdByHash(this.db, 'idNumber', this.crypto.lookupHash(u.toUpperCase()));
    }
    if (PHONE.test(u)) return store.findPersonIdByHash(this.db, 'phone', this.crypto.lookupHash(u));
    return store.findAccountIdByUsername(this.db, u);
  }

  /**
   * Checks a login. Unknown account, disabled account, wrong password, wrong code and a locked
   * account all answer `invalid-credentials` after the same argon2 work. A right password on an
   * account with TOTP and no code answers `otp-required`.
   */
  async authenticate(input: AuthenticateInput): Promise<AuthenticateResult> {
    const usernameKind = ID_NUMBER.test(input.username.trim())
      ? 'idNumber'
      : PHONE.test(input.username.trim())
        ? 'phone'
        : 'name';
    const accountId = await this.lookup(input.username);
    const found = accountId ? await store.findAccount(this.db, accountId) : undefined;
    const now = new Date();
    if (!found || found.status !== 'active') {
      await verifyPassword(await dummyPasswordHash(this.argon2), input.password);
      await this.db.transaction((tx) =>
        recordAudit(tx, {
          actor: anonymousActor,
          action: 'identity.login.failure',
          targetType: 'account',
          targetId: found?.id ?? 'unknown',
          summary: {
            reason: found ? 'disabled' : 'unknown-account',
            usernameKind,
            ip: input.ip ?? null,
          },
          requestId: input.requestId,
        }),
      );
      return { ok: false, code: 'invalid-credentials' };
    }

    const passwordOk = await verifyPassword(found.passwordHash, input.password);
    const actor: Actor = {
      id: found.id,
      kind: found.kind,
      roles: [],
      accountKind: found.kind,
    };
    const audit = (tx: Parameters<typeof recordAudit>[0], action: string, summary: object) =>
      recordAudit(tx, {
        actor,
        action,
        targetType: 'account',
        targetId: found.id,
        summary: { ...summary, ip: input.ip ?? null },
        requestId: input.requestId,
      });

    if (found.lockedUntil && found.lockedUntil > now) {
      await this.db.transaction((tx) =>
        audit(tx, 'identity.login.failure', { reason: 'locked', usernameKind }),
      );
      return { ok: false, code: 'invalid-credentials' };
    }

    const totpActive = found.totpEnabledAt !== null && found.totpSecret !== null;
    if (passwordOk && totpActive && input.otp === undefined) {
      await this.db.transaction((tx) => audit(tx, 'identity.login.otp-required', {}));
      return { ok: false, code: 'otp-required' };
    }
    let otpOk = true;
    if (passwordOk && totpActive) {
      otpOk = await this.acceptTotp(found, input.otp!);
    }

    if (passwordOk && otpOk) {
      await this.db.transaction(async (tx) => {
        await store.updateLoginState(tx, found.id, {
          failedLogins: 0,
          lockouts: 0,
          lockedUntil: null,
        });
        await audit(tx, 'identity.login.success', { usernameKind, mfa: totpActive });
      });
      return { ok: true, accountId: found.id, mfa: totpActive };
    }

    await this.db.transaction(async (tx) => {
      const row = await store.lockAccount(tx, found.id);
      if (!row) return;
      const failed = row.failedLogins + 1;
      const reason = passwordOk ? 'wrong-otp' : 'wrong-password';
      if (failed >= this.config.identity.maxFailedLogins) {
        const minutes = this.config.identity.lockoutMinutes * 2 ** Math.min(row.lockouts, 20);
        const lockedUntil = new Date(now.getTime() + Math.min(minutes * 60_000, MAX_LOCK_MS));
        await store.updateLoginState(tx, found.id, {
          failedLogins: 0,
          lockouts: row.lockouts + 1,
          lockedUntil,
        });
        await audit(tx, 'identity.login.failure', { reason, usernameKind, failedLogins: failed });
        await audit(tx, 'identity.account.lockout', {
          lockouts: row.lockouts + 1,
          lockedUntil: lockedUntil.toISOString(),
        });
      } else {
        await store.updateLoginState(tx, found.id, {
          failedLogins: failed,
          lockouts: row.lockouts,
          lockedUntil: row.lockedUntil,
        });
        await audit(tx, 'identity.login.failure', { reason, usernameKind, failedLogins: failed });
      }
    });
    return { ok: false, code: 'invalid-credentials' };
  }

  /** The time step a code matches, or undefined; codes of `afterStep` and earlier never match. */
  private async checkTotp(
    secret: string,
    otp: string,
    afterStep: number | null = null,
  ): Promise<number | undefined> {
    try {
      const result = await verifyOtp({
        secret,
        token: otp,
        epochTolerance: TOTP_TOLERANCE_S,
        ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
      });
      if (!result.valid) return undefined;
      // RFC 6238 time step of the matched code (30-second period, T0 = 0)
      return 'timeStep' in result
        ? result.timeStep
        : Math.floor(Date.now() / 30_000) + result.delta;
    } catch {
      return undefined;
    }
  }

  /**
   * Accepts a TOTP code once: the matched time step is recorded with a compare-and-set, so the
   * same code (or an older one) replayed — even by two logins racing — is refused.
   */
  private async acceptTotp(found: store.AccountRow, otp: string): Promise<boolean> {
    if (found.totpSecret === null) return false;
    const step = await this.checkTotp(
      this.crypto.decrypt(found.totpSecret),
      otp,
      found.totpLastStep,
    );
    if (step === undefined) return false;
    return store.advanceTotpStep(this.db, found.id, step);
  }

  // ------------------------------------------------------------ actors and Me

  /** The actor a live session stands for, or anonymous when its account is gone or disabled. */
  /** The actor of session `s` whose account is `facts` (undefined: the account is gone). */
  async actorFrom(s: store.SessionRow, facts: store.ActorFacts | undefined): Promise<Actor> {
    if (!facts || facts.account.status !== 'active') return anonymousActor;
    const found = facts.account;
    const held = facts.roles;
    const mfa = s.mfaAt !== null;
    const actor: Actor = {
      id: found.id,
      kind: found.kind,
      roles: held,
      accountKind: found.kind,
      sessionId: s.tokenHash,
      mfa,
    };
    if (found.kind === 'staff' && facts.staff) {
      actor.organisationId = facts.staff.organisationId;
      actor.jurisdiction = facts.staff.jurisdiction;
    }
    if (found.kind === 'person' && s.actingForEnterpriseId) {
      // checked on every request, so a revoked or expired agent stops acting at once
      const rel = await store.findActingEnterprise(this.db, found.id, s.actingForEnterpriseId);
      if (rel) {
        actor.kind = 'enterprise';
        actor.actingFor = { enterpriseId: rel.id, scope: rel.scope };
        actor.roles = [...held, 'enterpriseUser'];
      }
    }
    if (this.passwordExpired(found)) {
      actor.limitedTo = 'password-change';
      actor.roles = [];
    } else if (!mfa && held.some(isAdminRole)) {
      actor.limitedTo = 'mfa-enrolment';
      actor.roles = [];
    }
    return actor;
  }

  private passwordExpired(a: store.AccountRow): boolean {
    if (a.mustChangePassword) return true;
    const days = this.config.identity.passwordMaxAgeDays;
    return days > 0 && Date.now() - a.passwordChangedAt.getTime() > days * 86_400_000;
  }

  /** The signed-in account as its holder sees it. */
  async me(actor: Actor): Promise<Me> {
    const found = await this.signedIn(actor);
    const roles = (await store.listRoles(this.db, found.id)).map((r) => r.role as Role);
    const profile =
      found.kind === 'person' ? await store.findPersonProfile(this.db, found.id) : undefined;
    const staff =
      found.kind === 'staff' ? await store.findStaffProfile(this.db, found.id) : undefined;
    const enterprises =
      found.kind === 'person'
        ? (await store.listActingEnterprises(this.db, found.id)).map(toSummary)
        : [];
    const actingFor = actor.actingFor
      ? (enterprises.find((e) => e.id === actor.actingFor?.enterpriseId) ?? null)
      : null;
    const mfaEnabled = found.totpEnabledAt !== null;
    return {
      accountId: found.id,
      kind: found.kind,
      name: found.displayName,
      idNumberMasked: profile?.idNumberMasked ?? null,
      phoneMasked: profile?.phoneMasked ?? staff?.phoneMasked ?? null,
      roles,
      organisationId: staff?.organisationId ?? null,
      jurisdiction: staff?.jurisdiction ?? null,
      actingFor,
      enterprises,
      mfaEnabled,
      mfaEnrolmentRequired: actor.limitedTo === 'mfa-enrolment',
      mustChangePassword: this.passwordExpired(found),
    };
  }

  /**
   * The holder's own ID number and phone in clear (everyone else, and every other response,
   * sees them masked). Each view is an audit record, saying what for: the profile page, or a
   * form filled in for the holder (`prefill`).
   */
  async myPersonalData(
    actor: Actor,
    ctx: RequestContext = {},
    purpose: 'profile' | 'prefill' = 'profile',
  ): Promise<MyPersonalData> {
    const found = await this.signedIn(actor);
    const person =
      found.kind === 'person' ? await store.findPersonProfile(this.db, found.id) : undefined;
    const staff =
      found.kind === 'staff' ? await store.findStaffProfile(this.db, found.id) : undefined;
    const phoneCipher = person?.phoneCipher ?? staff?.phoneCipher ?? null;
    await this.db.transaction((tx) =>
      recordAudit(tx, {
        actor,
        action: 'identity.personal-data.view',
        targetType: 'account',
        targetId: found.id,
        summary: { by: 'holder', purpose },
        requestId: ctx.requestId,
      }),
    );
    return {
      idNumber: person ? this.crypto.decrypt(person.idNumberCipher) : null,
      phone: phoneCipher ? this.crypto.decrypt(phoneCipher) : null,
    };
  }

  private async signedIn(actor: Actor): Promise<store.AccountRow> {
    if (actor.accountKind === undefined || actor.sessionId === undefined) {
      throw new UnauthenticatedError('unauthenticated', 'log in first');
    }
    const found = await store.findAccount(this.db, actor.id);
    if (!found) throw new UnauthenticatedError('unauthenticated', 'log in first');
    return found;
  }

  /** Claims for OIDC (ID token, userinfo): masked personal data only. */
  async claimsFor(accountId: string): Promise<IdentityClaims> {
    const found = await store.findAccount(this.db, accountId);
    if (!found) throw new NotFoundError('account-not-found', 'no such account');
    const roles = (await store.listRoles(this.db, found.id)).map((r) => r.role);
    const profile =
      found.kind === 'person' ? await store.findPersonProfile(this.db, found.id) : undefined;
    const staff =
      found.kind === 'staff' ? await store.findStaffProfile(this.db, found.id) : undefined;
    const org = staff ? await this.directory.findOrganisation(staff.organisationId) : undefined;
    return {
      sub: found.id,
      name: found.displayName,
      accountKind: found.kind,
      idNumberMasked: profile?.idNumberMasked ?? null,
      phoneMasked: profile?.phoneMasked ?? staff?.phoneMasked ?? null,
      organisationId: staff?.organisationId ?? null,
      organisationName: org?.name ?? null,
      jurisdiction: staff?.jurisdiction ?? null,
      roles,
    };
  }

  // ------------------------------------------------------------ sessions

  /** Opens a session; the caller sets the cookie. Audited as the session's start. */
  async openSession(
    accountId: string,
    options: RequestContext & { mfa: boolean; replaces?: string | undefined },
  ): Promise<{ token: string; tokenHash: string }> {
    return this.db.transaction(async (tx) => {
      // rotation: whatever session this browser had ends when a new one starts
      if (options.replaces) await this.sessions.revoke(tx, options.replaces);
      return this.sessions.create(tx, {
        accountId,
        mfa: options.mfa,
        ip: options.ip,
        userAgent: options.userAgent,
      });
    });
  }

  async logout(actor: Actor, ctx: RequestContext = {}): Promise<void> {
    if (actor.sessionId === undefined) return;
    const sessionId = actor.sessionId;
    await this.db.transaction(async (tx) => {
      if (!(await this.sessions.revoke(tx, sessionId))) return;
      await recordAudit(tx, {
        actor,
        action: 'identity.logout',
        targetType: 'account',
        targetId: actor.id,
        summary: { ip: ctx.ip ?? null },
        requestId: ctx.requestId,
      });
    });
  }

  /** 退出所有设备: ends every session of the account, this one included. */
  async logoutAll(actor: Actor, ctx: RequestContext = {}): Promise<number> {
    await this.signedIn(actor);
    return this.db.transaction(async (tx) => {
      const revoked = await this.sessions.revokeAll(tx, actor.id);
      await recordAudit(tx, {
        actor,
        action: 'identity.logout-all',
        targetType: 'account',
        targetId: actor.id,
        summary: { sessions: revoked, ip: ctx.ip ?? null },
        requestId: ctx.requestId,
      });
      return revoked;
    });
  }

  /** Switches the session to act for an enterprise (or back to oneself with null). */
  async setActingFor(
    actor: Actor,
    enterpriseId: string | null,
    ctx: RequestContext = {},
  ): Promise<void> {
    const found = await this.signedIn(actor);
    if (actor.limitedTo) throw new ForbiddenError(actor.limitedTo, limitedMessage(actor));
    if (enterpriseId !== null) {
      const rel =
        found.kind === 'person'
          ? await store.findActingEnterprise(this.db, found.id, enterpriseId)
          : undefined;
      // an enterprise the person may not act for is indistinguishable from none at all
      if (!rel) throw new NotFoundError('enterprise-not-found', 'no such enterprise');
    }
    await this.db.transaction(async (tx) => {
      await store.updateSession(tx, actor.sessionId!, { actingForEnterpriseId: enterpriseId });
      await recordAudit(tx, {
        actor,
        action: 'identity.acting-for',
        targetType: enterpriseId === null ? 'account' : 'enterprise',
        targetId: enterpriseId ?? actor.id,
        summary: { enterpriseId },
        requestId: ctx.requestId,
      });
    });
  }

  // ------------------------------------------------------------ second factor

  /** Starts TOTP enrolment: a new secret, stored encrypted, active once confirmed. */
  async startTotp(actor: Actor, ctx: RequestContext = {}): Promise<TotpEnrolment> {
    const found = await this.signedIn(actor);
    if (found.totpEnabledAt !== null) {
      throw new ConflictError('totp-already-enabled', 'a second factor is already active');
    }
    const secret = generateSecret();
    const label = found.username ?? found.displayName;
    await this.db.transaction(async (tx) => {
      await store.setTotp(tx, found.id, { secret: this.crypto.encrypt(secret), enabledAt: null });
      await recordAudit(tx, {
        actor,
        action: 'identity.mfa.totp.start',
        targetType: 'account',
        targetId: found.id,
        summary: {},
        requestId: ctx.requestId,
      });
    });
    return { secret, otpauthUri: generateURI({ issuer: TOTP_ISSUER, label, secret }) };
  }

  /** Activates TOTP with a first code; this session counts as having passed it. */
  async confirmTotp(actor: Actor, otp: string, ctx: RequestContext = {}): Promise<void> {
    const found = await this.signedIn(actor);
    if (found.totpEnabledAt !== null) {
      throw new ConflictError('totp-already-enabled', 'a second factor is already active');
    }
    if (found.totpSecret === null) {
      throw new ConflictError('totp-not-started', 'start the enrolment first');
    }
    if ((await this.checkTotp(this.crypto.decrypt(found.totpSecret), otp)) === undefined) {
      throw new InputError('invalid-otp', 'the code does not match', [
        { path: '/body/otp', message: 'does not match' },
      ]);
    }
    const now = new Date();
    await this.db.transaction(async (tx) => {
      await store.setTotp(tx, found.id, { secret: found.totpSecret, enabledAt: now });
      await store.updateSession(tx, actor.sessionId!, { mfaAt: now });
      await recordAudit(tx, {
        actor,
        action: 'identity.mfa.totp.enable',
        targetType: 'account',
        targetId: found.id,
        summary: {},
        requestId: ctx.requestId,
      });
    });
  }

  // ------------------------------------------------------------ password

  /**
   * Changes the password: the current one must be right, the new one must pass the policy and
   * differ from the last five. Every other session of the account ends.
   */
  async changePassword(
    actor: Actor,
    input: { currentPassword: string; newPassword: string },
    ctx: RequestContext = {},
  ): Promise<void> {
    const found = await this.signedIn(actor);
    if (!(await verifyPassword(found.passwordHash, input.currentPassword))) {
      throw new InputError('invalid-current-password', 'the current password is not right', [
        { path: '/body/currentPassword', message: 'is not right' },
      ]);
    }
    const policy = checkPasswordPolicy(input.newPassword, found.kind, found.username ?? undefined);
    if (policy.length > 0) {
      throw new InputError(
        'weak-password',
        'password too weak',
        policy.map((e) => ({ ...e, path: '/body/newPassword' })),
      );
    }
    const recent = new Set([
      found.passwordHash,
      ...(await store.recentPasswordHashes(this.db, found.id)),
    ]);
    for (const old of recent) {
      if (await verifyPassword(old, input.newPassword)) {
        throw new InputError('password-reused', 'one of the last five passwords', [
          { path: '/body/newPassword', message: 'must differ from the last five passwords' },
        ]);
      }
    }
    const hash = await hashPassword(input.newPassword, this.argon2);
    await this.db.transaction(async (tx) => {
      await store.setPassword(tx, found.id, hash, false);
      const ended = await this.sessions.revokeAll(tx, found.id, actor.sessionId);
      await recordAudit(tx, {
        actor,
        action: 'identity.password.change',
        targetType: 'account',
        targetId: found.id,
        summary: { otherSessionsEnded: ended },
        requestId: ctx.requestId,
      });
    });
  }
}

function toSummary(e: store.EnterpriseRelation): EnterpriseSummary {
  return {
    id: e.id,
    name: e.name,
    creditCode: e.creditCode,
    relation: e.relation,
    scope: e.scope,
    expiresAt: e.expiresAt ? e.expiresAt.toISOString() : null,
  };
}

function limitedMessage(actor: Actor): string {
  return actor.limitedTo === 'mfa-enrolment'
    ? 'enrol a second factor (TOTP) first'
    : 'change your password first';
}

/**
 * For admin-only services: refuses an actor whose session did not pass the second factor.
 * (Such a session holds no admin role in `actor.roles` anyway; this makes the reason explicit.)
 */
export function assertMfa(actor: Actor): void {
  if (actor.kind === 'system') return;
  if (actor.mfa !== true) {
    throw new ForbiddenError('mfa-required', 'this needs a session that passed the second factor');
  }
}

function assertMayCreateStaff(actor: Actor, organisationId: string, jurisdiction: string): void {
  if (actor.kind === 'system') return;
  if (actor.limitedTo === 'mfa-enrolment') assertMfa(actor);
  if (actor.limitedTo) throw new ForbiddenError(actor.limitedTo, limitedMessage(actor));
  const roles = actor.roles;
  const within = (code: string) =>
    actor.jurisdiction !== undefined && isInSubtree(code, actor.jurisdiction);
  const allowed =
    roles.includes('systemAdmin') ||
    (roles.includes('provinceAdmin') && within(jurisdiction)) ||
    (roles.includes('departmentAdmin') &&
      actor.organisationId === organisationId &&
      within(jurisdiction));
  if (!allowed) {
    throw new ForbiddenError('staff-admin-required', 'you may not create staff accounts here');
  }
  assertMfa(actor);
}
