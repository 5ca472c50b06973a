import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { systemActor, type Actor } from '../../kernel/actor.js';
import {
  GRANTERS,
  SEPARATED_ROLES,
  STAFF_ROLES,
  canAdministerStaff,
  canAuthoriseAgent,
  canGrantRole,
  canManageAgents,
  canReadAudit,
  canReadStaff,
  canRevokeRole,
  grantableBy,
  isInJurisdiction,
  isSeparatedRole,
  latestAgentExpiry,
  regionResolverFromParents,
  regionResolverFromSubtrees,
  separationAllows,
  staffListScope,
  type Decision,
  type StaffSubject,
} from './roles.js';

// the stored tree, not the digits: 济源 419001 hangs directly off the province
const PARENTS = new Map<string, string | null>([
  ['410000', null],
  ['410100', '410000'],
  ['410105', '410100'],
  ['410300', '410000'],
  ['410311', '410300'],
  ['419001', '410000'],
]);
const regions = regionResolverFromParents(PARENTS);
const CODES = [...PARENTS.keys()];

const ORG = {
  province: 'org-province-bigdata',
  zzMarket: 'org-zz-market',
  zzHrss: 'org-zz-hrss',
  lyMarket: 'org-ly-market',
};

const staff = (
  id: string,
  roles: string[],
  jurisdiction: string,
  organisationId: string,
  extra: Partial<Actor> = {},
): Actor => ({
  id,
  kind: 'staff',
  accountKind: 'staff',
  roles,
  jurisdiction,
  organisationId,
  mfa: true,
  ...extra,
});

const subject = (a: Actor): StaffSubject => ({
  accountId: a.id,
  organisationId: a.organisationId ?? '',
  jurisdiction: a.jurisdiction ?? '',
  roles: a.roles,
});

const sys = systemActor('test');
const anonymous: Actor = { id: 'anonymous', kind: 'anonymous', roles: [] };
const citizen: Actor = { id: 'p1', kind: 'person', accountKind: 'person', roles: ['citizen'] };
const province = staff('prov', ['provinceAdmin'], '410000', ORG.province);
const security = staff('sec', ['securityAdmin'], '410000', ORG.province);
const system = staff('sys', ['systemAdmin'], '410000', ORG.province);
const audit = staff('aud', ['auditAdmin'], '410000', ORG.province);
const zzDept = staff('zz-dept', ['departmentAdmin'], '410100', ORG.zzMarket);
const lyDept = staff('ly-dept', ['departmentAdmin'], '410300', ORG.lyMarket);
const zzOfficer = staff('zz-w', ['windowOfficer'], '410100', ORG.zzMarket);
const zzHrssOfficer = staff('zz-hrss-w', ['windowOfficer'], '410100', ORG.zzHrss);
const jinshuiOfficer = staff('js-w', ['windowOfficer'], '410105', ORG.zzMarket);
const lyOfficer = staff('ly-w', ['windowOfficer'], '410300', ORG.lyMarket);
const zzNew = staff('zz-new', [], '410100', ORG.zzMarket);
const lyNew = staff('ly-new', [], '410300', ORG.lyMarket);
const jiyuanNew = staff('jy-new', [], '419001', ORG.province);
const provNew = staff('prov-new', [], '410000', ORG.province);

const outcome = (d: Decision) => (d.ok ? 'ok' : d.reason);

describe('region resolver and jurisdiction', () => {
  it('follows stored parents: 济源 is in Henan, not in 郑州 or 洛阳', () => {
    assert.equal(regions.isWithin('419001', '410000'), true);
    assert.equal(regions.isWithin('419001', '410100'), false);
    assert.equal(regions.isWithin('410105', '410100'), true);
    assert.equal(regions.isWithin('410105', '410300'), false);
    assert.equal(regions.isWithin('410100', '410105'), false, 'a parent is not inside its child');
    assert.equal(regions.isWithin('410100', '410100'), true, 'a region is inside itself');
    assert.equal(regions.isWithin('999999', '410000'), false, 'unknown codes are inside nothing');
  });

  it('agrees with a resolver over loaded subtrees, which refuses unloaded roots', () => {
    const subtrees = new Map(
      CODES.map((root) => [root, new Set(CODES.filter((c) => regions.isWithin(c, root)))]),
    );
    const loaded = regionResolverFromSubtrees(subtrees);
    for (const code of CODES) {
      for (const root of CODES) {
        assert.equal(loaded.isWithin(code, root), regions.isWithin(code, root), `${code} ${root}`);
      }
    }
    assert.equal(regionResolverFromSubtrees(new Map()).isWithin('410100', '410100'), false);
  });

  it('isInJurisdiction: the system covers all, anonymous and people nothing', () => {
    assert.equal(isInJurisdiction(sys, '410311', regions), true);
    assert.equal(isInJurisdiction(anonymous, '410100', regions), false);
    assert.equal(isInJurisdiction(citizen, '410100', regions), false);
    assert.equal(isInJurisdiction(zzOfficer, '410105', regions), true);
    assert.equal(isInJurisdiction(lyOfficer, '410105', regions), false);
  });
});

describe('canGrantRole (table)', () => {
  const cases: [string, Actor, Actor, string, string | undefined, string][] = [
    // who grants window officers and approvers
    ['郑州 dept admin → officer in own org', zzDept, zzNew, 'windowOfficer', undefined, 'ok'],
    ['郑州 dept admin → approver in own org', zzDept, zzNew, 'approver', undefined, 'ok'],
    [
      '郑州 dept admin → other org of 郑州',
      zzDept,
      zzHrssOfficer,
      'approver',
      undefined,
      'outside-organisation',
    ],
    [
      '郑州 dept admin → 洛阳 staff',
      zzDept,
      lyNew,
      'windowOfficer',
      undefined,
      'outside-jurisdiction',
    ],
    [
      '洛阳 dept admin → 郑州 staff',
      lyDept,
      zzNew,
      'windowOfficer',
      undefined,
      'outside-jurisdiction',
    ],
    [
      '郑州 dept admin → 金水 staff of own org',
      zzDept,
      jinshuiOfficer,
      'approver',
      undefined,
      'ok',
    ],
    [
      'dept admin cannot make dept admins',
      zzDept,
      zzNew,
      'departmentAdmin',
      undefined,
      'not-permitted',
    ],
    ['province admin → 郑州 officer', province, zzNew, 'windowOfficer', undefined, 'ok'],
    ['province admin → 济源 officer', province, jiyuanNew, 'windowOfficer', undefined, 'ok'],
    ['province admin → dept admin', province, zzNew, 'departmentAdmin', undefined, 'ok'],
    ['province admin → data admin', province, provNew, 'dataAdmin', undefined, 'ok'],
    [
      'province admin cannot make province admins',
      province,
      provNew,
      'provinceAdmin',
      undefined,
      'not-permitted',
    ],
    ['province admin cannot make ops', province, provNew, 'ops', undefined, 'not-permitted'],
    [
      'province admin cannot make a 三员',
      province,
      provNew,
      'systemAdmin',
      undefined,
      'not-permitted',
    ],
    // 三员
    ['security admin → province admin', security, provNew, 'provinceAdmin', undefined, 'ok'],
    ['security admin → ops', security, provNew, 'ops', undefined, 'ok'],
    ['security admin → system admin', security, provNew, 'systemAdmin', undefined, 'ok'],
    [
      'security admin cannot make security admins',
      security,
      provNew,
      'securityAdmin',
      undefined,
      'not-permitted',
    ],
    [
      'security admin cannot appoint its auditor',
      security,
      provNew,
      'auditAdmin',
      undefined,
      'not-permitted',
    ],
    ['system admin grants nothing', system, zzNew, 'windowOfficer', undefined, 'not-permitted'],
    [
      'system admin cannot make security admins',
      system,
      provNew,
      'securityAdmin',
      undefined,
      'not-permitted',
    ],
    ['audit admin grants nothing', audit, zzNew, 'windowOfficer', undefined, 'not-permitted'],
    [
      'audit admin cannot make audit admins',
      audit,
      provNew,
      'auditAdmin',
      undefined,
      'not-permitted',
    ],
    [
      'security admin cannot make a system admin of an officer',
      security,
      zzOfficer,
      'systemAdmin',
      undefined,
      'separation-of-duties',
    ],
    [
      'security admin cannot give an audit admin more',
      security,
      audit,
      'windowOfficer',
      undefined,
      'separation-of-duties',
    ],
    [
      'security admin cannot give a system admin more',
      security,
      system,
      'provinceAdmin',
      undefined,
      'separation-of-duties',
    ],
    // self
    [
      'no grant to oneself (province)',
      province,
      province,
      'windowOfficer',
      undefined,
      'self-administration',
    ],
    [
      'no grant to oneself (security)',
      security,
      security,
      'systemAdmin',
      undefined,
      'self-administration',
    ],
    ['no grant to oneself (dept)', zzDept, zzDept, 'approver', undefined, 'self-administration'],
    // scopes
    ['scope inside grantee', zzDept, zzOfficer, 'approver', '410105', 'ok'],
    ['scope beyond grantee', province, jinshuiOfficer, 'approver', '410100', 'scope-too-wide'],
    ['scope beyond granter', zzDept, zzNew, 'approver', '410000', 'scope-too-wide'],
    ['scope in another city', province, zzNew, 'approver', '410300', 'scope-too-wide'],
    // roles that are never granted
    ['citizen is implicit', province, zzNew, 'citizen', undefined, 'role-not-grantable'],
    [
      'enterpriseUser is implicit',
      security,
      zzNew,
      'enterpriseUser',
      undefined,
      'role-not-grantable',
    ],
    ['unknown role', security, zzNew, 'superuser', undefined, 'role-not-grantable'],
    ['already held', zzDept, zzOfficer, 'windowOfficer', undefined, 'already-held'],
    // who acts
    ['anonymous', anonymous, zzNew, 'windowOfficer', undefined, 'unauthenticated'],
    ['a citizen', citizen, zzNew, 'windowOfficer', undefined, 'not-permitted'],
    ['an officer', zzOfficer, zzNew, 'windowOfficer', undefined, 'not-permitted'],
    [
      'no second factor',
      { ...province, mfa: false },
      zzNew,
      'windowOfficer',
      undefined,
      'mfa-required',
    ],
    ['the installation may appoint an audit admin', sys, provNew, 'auditAdmin', undefined, 'ok'],
    [
      'the installation keeps the 三员 apart',
      sys,
      system,
      'auditAdmin',
      undefined,
      'separation-of-duties',
    ],
  ];
  for (const [name, granter, grantee, role, regionCode, expected] of cases) {
    it(`${name}: ${expected}`, () => {
      const d = canGrantRole(granter, subject(grantee), { role, regionCode }, regions);
      assert.equal(outcome(d), expected, d.ok ? '' : d.message);
    });
  }

  it('refuses roles to people: they are not staff', () => {
    const d = canGrantRole(security, { accountId: 'p1', kind: 'person' }, { role: 'ops' }, regions);
    assert.equal(outcome(d), 'not-staff');
  });

  it('grantableBy lists what each role may hand out', () => {
    assert.deepEqual(grantableBy(['departmentAdmin']), ['windowOfficer', 'approver']);
    assert.deepEqual(grantableBy(['systemAdmin']), []);
    assert.deepEqual(grantableBy(['auditAdmin']), []);
    assert.ok(!grantableBy(['securityAdmin']).includes('securityAdmin'));
    assert.ok(!grantableBy(['securityAdmin']).includes('auditAdmin'));
  });

  it('no 三员 role grants another 三员 role to itself, nor grants a power it lacks', () => {
    for (const held of SEPARATED_ROLES) {
      const me = staff('me', [held], '410000', ORG.province);
      for (const role of STAFF_ROLES) {
        assert.equal(
          outcome(canGrantRole(me, subject(me), { role }, regions)),
          'self-administration',
        );
      }
    }
    // only securityAdmin grants at all, and never securityAdmin or auditAdmin
    for (const role of STAFF_ROLES) {
      const granters = GRANTERS[role].map((g) => g.role);
      assert.ok(!granters.includes('systemAdmin') && !granters.includes('auditAdmin'), role);
    }
    assert.deepEqual(GRANTERS.securityAdmin, []);
    assert.deepEqual(GRANTERS.auditAdmin, []);
  });
});

describe('canRevokeRole (table)', () => {
  const cases: [string, Actor, Actor, string, string][] = [
    ['dept admin revokes own officer', zzDept, zzOfficer, 'windowOfficer', 'ok'],
    [
      'dept admin cannot revoke in another org',
      zzDept,
      zzHrssOfficer,
      'windowOfficer',
      'outside-organisation',
    ],
    [
      '洛阳 dept admin cannot revoke in 郑州',
      lyDept,
      zzOfficer,
      'windowOfficer',
      'outside-jurisdiction',
    ],
    ['province admin revokes a dept admin', province, zzDept, 'departmentAdmin', 'ok'],
    [
      'province admin cannot revoke the system admin',
      province,
      system,
      'systemAdmin',
      'not-permitted',
    ],
    ['security admin revokes the system admin', security, system, 'systemAdmin', 'ok'],
    [
      'security admin cannot revoke the audit admin',
      security,
      audit,
      'auditAdmin',
      'not-permitted',
    ],
    [
      'system admin cannot revoke the security admin',
      system,
      security,
      'securityAdmin',
      'not-permitted',
    ],
    ['audit admin revokes nothing', audit, zzOfficer, 'windowOfficer', 'not-permitted'],
    ['nobody revokes its own roles', province, province, 'provinceAdmin', 'self-administration'],
    ['not held', zzDept, zzNew, 'approver', 'not-held'],
    ['implicit role', province, zzNew, 'citizen', 'role-not-grantable'],
    ['anonymous', anonymous, zzOfficer, 'windowOfficer', 'unauthenticated'],
    ['the installation may revoke an audit admin', sys, audit, 'auditAdmin', 'ok'],
  ];
  for (const [name, revoker, holder, role, expected] of cases) {
    it(`${name}: ${expected}`, () => {
      assert.equal(outcome(canRevokeRole(revoker, subject(holder), role, regions)), expected);
    });
  }
});

describe('canReadStaff, staffListScope and canAdministerStaff (table)', () => {
  const reads: [string, Actor, Actor, string][] = [
    ['郑州 dept admin reads own org', zzDept, zzOfficer, 'ok'],
    ['郑州 dept admin reads 金水 in own org', zzDept, jinshuiOfficer, 'ok'],
    ['郑州 dept admin, other org', zzDept, zzHrssOfficer, 'outside-jurisdiction'],
    ['洛阳 dept admin reads 郑州', lyDept, zzOfficer, 'outside-jurisdiction'],
    ['province admin reads 济源', province, jiyuanNew, 'ok'],
    ['security admin reads', security, zzOfficer, 'ok'],
    ['audit admin reads', audit, zzOfficer, 'ok'],
    ['an officer reads another officer', zzOfficer, zzHrssOfficer, 'not-permitted'],
    ['an officer reads itself', zzOfficer, zzOfficer, 'ok'],
    ['a citizen', citizen, zzOfficer, 'not-permitted'],
    ['anonymous', anonymous, zzOfficer, 'unauthenticated'],
  ];
  for (const [name, actor, target, expected] of reads) {
    it(`read: ${name}: ${expected}`, () => {
      assert.equal(outcome(canReadStaff(actor, subject(target), regions)), expected);
    });
  }

  it('list scope: region for wider admins, region and organisation for a dept admin', () => {
    assert.deepEqual(staffListScope(province), { ok: true, filter: { jurisdiction: '410000' } });
    assert.deepEqual(staffListScope(zzDept), {
      ok: true,
      filter: { jurisdiction: '410100', organisationId: ORG.zzMarket },
    });
    assert.deepEqual(staffListScope(sys), { ok: true });
    assert.equal(outcome(staffListScope(zzOfficer)), 'not-permitted');
    assert.equal(outcome(staffListScope(anonymous)), 'unauthenticated');
    assert.equal(outcome(staffListScope({ ...audit, mfa: false })), 'mfa-required');
  });

  const operations: [string, Actor, Actor, string][] = [
    ['dept admin operates own officer', zzDept, zzOfficer, 'ok'],
    ['dept admin, other org', zzDept, zzHrssOfficer, 'outside-jurisdiction'],
    [
      'dept admin cannot operate another dept admin',
      zzDept,
      staff('d2', ['departmentAdmin'], '410100', ORG.zzMarket),
      'target-outranks',
    ],
    ['洛阳 dept admin, 郑州 officer', lyDept, zzOfficer, 'outside-jurisdiction'],
    ['province admin operates a dept admin', province, zzDept, 'ok'],
    [
      'province admin cannot operate the security admin',
      province,
      security,
      'separation-of-duties',
    ],
    ['system admin operates a province admin', system, province, 'ok'],
    ['system admin cannot operate the audit admin', system, audit, 'separation-of-duties'],
    ['security admin operates no account', security, zzOfficer, 'not-permitted'],
    ['audit admin operates no account', audit, zzOfficer, 'not-permitted'],
    ['nobody operates its own account', province, province, 'self-administration'],
    ['an officer operates nothing', zzOfficer, zzHrssOfficer, 'not-permitted'],
    ['the installation operates the 三员', sys, audit, 'ok'],
  ];
  for (const [name, actor, target, expected] of operations) {
    it(`operate: ${name}: ${expected}`, () => {
      assert.equal(outcome(canAdministerStaff(actor, subject(target), regions)), expected);
    });
  }
});

describe('canReadAudit', () => {
  it('is the audit admin’s alone, with the second factor', () => {
    assert.equal(outcome(canReadAudit(audit)), 'ok');
    assert.equal(outcome(canReadAudit({ ...audit, mfa: false })), 'mfa-required');
    for (const other of [security, system, province, zzDept, zzOfficer, citizen]) {
      assert.equal(outcome(canReadAudit(other)), 'not-permitted', other.id);
    }
    assert.equal(outcome(canReadAudit(anonymous)), 'unauthenticated');
    assert.equal(outcome(canReadAudit(sys)), 'ok');
  });

  it('property: allowed exactly when the roles include auditAdmin and the session passed MFA', () => {
    fc.assert(
      fc.property(
        fc.subarray([...STAFF_ROLES, 'citizen', 'enterpriseUser']),
        fc.boolean(),
        (roles, mfa) => {
          const d = canReadAudit(staff('x', roles, '410000', ORG.province, { mfa }));
          assert.equal(d.ok, roles.includes('auditAdmin') && mfa);
        },
      ),
    );
  });
});

describe('separation of the 三员', () => {
  it('a 三员 role is held alone', () => {
    assert.equal(outcome(separationAllows([], 'securityAdmin')), 'ok');
    assert.equal(
      outcome(separationAllows(['windowOfficer'], 'auditAdmin')),
      'separation-of-duties',
    );
    assert.equal(outcome(separationAllows(['systemAdmin'], 'approver')), 'separation-of-duties');
    assert.equal(outcome(separationAllows(['approver'], 'windowOfficer')), 'ok');
  });

  interface Account {
    id: string;
    jurisdiction: string;
    organisationId: string;
    roles: Map<string, { region: string; grantedBy: string }>;
  }
  const toActor = (a: Account): Actor =>
    staff(a.id, [...a.roles.keys()], a.jurisdiction, a.organisationId);
  const toSubject = (a: Account): StaffSubject => ({
    accountId: a.id,
    jurisdiction: a.jurisdiction,
    organisationId: a.organisationId,
    roles: [...a.roles.keys()],
  });

  const op = fc.record({
    granter: fc.integer({ min: -1, max: 7 }), // -1: the installation
    grantee: fc.integer({ min: 0, max: 7 }),
    role: fc.constantFrom(...STAFF_ROLES, 'citizen'),
    region: fc.option(fc.constantFrom(...CODES), { nil: undefined }),
    revoke: fc.boolean(),
  });

  it('property: no sequence of grants and revokes merges two 三员 roles or widens a jurisdiction', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CODES), { minLength: 8, maxLength: 8 }),
        fc.array(fc.constantFrom(...Object.values(ORG)), { minLength: 8, maxLength: 8 }),
        fc.array(op, { maxLength: 60 }),
        (jurisdictions, orgs, ops) => {
          const accounts: Account[] = jurisdictions.map((j, i) => ({
            id: `a${i}`,
            jurisdiction: j,
            organisationId: orgs[i]!,
            roles: new Map(),
          }));
          const original = accounts.map((a) => a.jurisdiction);
          for (const o of ops) {
            const grantee = accounts[o.grantee]!;
            const granterAccount = o.granter >= 0 ? accounts[o.granter]! : undefined;
            const granter = granterAccount ? toActor(granterAccount) : sys;
            if (o.revoke) {
              if (canRevokeRole(granter, toSubject(grantee), o.role, regions).ok) {
                grantee.roles.delete(o.role);
              }
              continue;
            }
            const d = canGrantRole(
              granter,
              toSubject(grantee),
              { role: o.role, regionCode: o.region },
              regions,
            );
            if (!d.ok) continue;
            const region = o.region ?? grantee.jurisdiction;
            // what a permitted grant satisfies at the moment it is made
            assert.notEqual(granter.id, grantee.id, 'self-grant');
            if (granterAccount) {
              assert.ok(regions.isWithin(region, granterAccount.jurisdiction), 'beyond granter');
              assert.ok(
                !isSeparatedRole(o.role) || o.role === 'systemAdmin',
                'only the installation appoints security and audit admins',
              );
            }
            grantee.roles.set(o.role, { region, grantedBy: granter.id });
          }
          accounts.forEach((a, i) => {
            assert.equal(a.jurisdiction, original[i], 'jurisdictions never change');
            const held = [...a.roles.keys()];
            const separated = held.filter(isSeparatedRole);
            assert.ok(separated.length <= 1, `two 三员 roles: ${held.join(',')}`);
            if (separated.length === 1)
              assert.equal(held.length, 1, `三员 not alone: ${held.join(',')}`);
            for (const [, g] of a.roles) {
              assert.ok(regions.isWithin(g.region, a.jurisdiction), 'role beyond jurisdiction');
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: a granter’s own jurisdiction bounds every grant it can make', () => {
    fc.assert(
      fc.property(
        fc.subarray([...STAFF_ROLES]),
        fc.constantFrom(...CODES),
        fc.constantFrom(...CODES),
        fc.constantFrom(...STAFF_ROLES),
        fc.option(fc.constantFrom(...CODES), { nil: undefined }),
        (roles, granterJur, granteeJur, role, region) => {
          const granter = staff('g', roles, granterJur, ORG.province);
          const grantee = staff('t', [], granteeJur, ORG.province);
          const d = canGrantRole(granter, subject(grantee), { role, regionCode: region }, regions);
          if (d.ok) {
            assert.ok(regions.isWithin(granteeJur, granterJur));
            assert.ok(regions.isWithin(region ?? granteeJur, granterJur));
            assert.ok(GRANTERS[role].some((g) => (roles as string[]).includes(g.role)));
          }
        },
      ),
    );
  });
});

describe('enterprise agents policy', () => {
  const now = new Date('2025-06-01T00:00:00Z');
  const ent = { id: 'e1', legalRepresentativeId: 'rep', status: 'active' as const };
  const rep: Actor = { id: 'rep', kind: 'person', accountKind: 'person', roles: ['citizen'] };
  const agent: Actor = { id: 'agent', kind: 'person', accountKind: 'person', roles: ['citizen'] };
  const inAYear = new Date('2026-06-01T00:00:00Z');

  it('the legal representative and a manageAgents agent manage; others see nothing', () => {
    assert.equal(outcome(canManageAgents(rep, ent, { relation: 'legalRepresentative' })), 'ok');
    assert.equal(
      outcome(canManageAgents(agent, ent, { relation: 'agent', scope: ['manageAgents'] })),
      'ok',
    );
    assert.equal(
      outcome(canManageAgents(agent, ent, { relation: 'agent', scope: ['apply'] })),
      'not-permitted',
    );
    assert.equal(
      outcome(canManageAgents(agent, ent, { relation: 'none' })),
      'outside-jurisdiction',
    );
    assert.equal(
      outcome(canManageAgents(zzOfficer, ent, { relation: 'none' })),
      'outside-jurisdiction',
    );
    assert.equal(outcome(canManageAgents(anonymous, ent, { relation: 'none' })), 'unauthenticated');
  });

  const cases: [string, Actor, 'rep' | string[], string, string[], Date, string][] = [
    ['rep authorises', rep, 'rep', 'p2', ['apply', 'viewCertificates'], inAYear, 'ok'],
    [
      'rep authorises for exactly three years',
      rep,
      'rep',
      'p2',
      ['apply'],
      latestAgentExpiry(now),
      'ok',
    ],
    [
      'more than three years',
      rep,
      'rep',
      'p2',
      ['apply'],
      new Date('2028-06-01T00:00:01Z'),
      'scope-too-wide',
    ],
    [
      'expiry in the past',
      rep,
      'rep',
      'p2',
      ['apply'],
      new Date('2025-05-31T00:00:00Z'),
      'scope-too-wide',
    ],
    ['expiry now', rep, 'rep', 'p2', ['apply'], now, 'scope-too-wide'],
    ['unknown scope', rep, 'rep', 'p2', ['sell'], inAYear, 'role-not-grantable'],
    ['rep authorises itself', rep, 'rep', 'rep', ['apply'], inAYear, 'self-administration'],
    [
      'agent authorises itself',
      agent,
      ['manageAgents', 'apply'],
      'agent',
      ['apply'],
      inAYear,
      'self-administration',
    ],
    [
      'agent passes on what it holds',
      agent,
      ['manageAgents', 'apply'],
      'p2',
      ['apply'],
      inAYear,
      'ok',
    ],
    [
      'agent cannot pass on what it lacks',
      agent,
      ['manageAgents'],
      'p2',
      ['apply'],
      inAYear,
      'scope-too-wide',
    ],
    ['agent without manageAgents', agent, ['apply'], 'p2', ['apply'], inAYear, 'not-permitted'],
    [
      'the legal representative is no agent',
      agent,
      ['manageAgents'],
      'rep',
      ['manageAgents'],
      inAYear,
      'already-held',
    ],
  ];
  for (const [name, actor, standing, target, scope, expiresAt, expected] of cases) {
    it(`${name}: ${expected}`, () => {
      const s =
        standing === 'rep'
          ? ({ relation: 'legalRepresentative' } as const)
          : ({ relation: 'agent', scope: standing } as const);
      assert.equal(
        outcome(canAuthoriseAgent(actor, ent, s, target, scope, expiresAt, now)),
        expected,
      );
    });
  }

  it('a deregistered enterprise authorises nobody', () => {
    const gone = { ...ent, status: 'deregistered' as const };
    const d = canAuthoriseAgent(
      rep,
      gone,
      { relation: 'legalRepresentative' },
      'p2',
      ['apply'],
      inAYear,
      now,
    );
    assert.equal(outcome(d), 'not-permitted');
  });

  it('three years are counted on the calendar (leap day)', () => {
    assert.equal(
      latestAgentExpiry(new Date('2024-03-01T08:00:00Z')).toISOString(),
      '2027-03-01T08:00:00.000Z',
    );
  });
});
