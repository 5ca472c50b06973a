import {
  idNumberCheckCharacter,
  makeCreditCode,
  organisationCodeCheckCharacter,
} from '@zhengtong/gb';
import type { Logger } from 'pino';
import { systemActor, type Actor } from '../../kernel/actor.js';
import type { Kernel } from '../../kernel/context.js';
import { NotFoundError } from '../../kernel/errors.js';
import { DirectoryService } from '../directory/index.js';
import { AgentsService } from './agents-service.js';
import { IdentityService, type DirectoryLookup } from './service.js';
import { Sessions } from './sessions.js';
import * as store from './store.js';

/**
 * The TOTP secret of every demo administrator (second factor is mandatory for admin roles).
 * Public on purpose: demo mode only, never seeded into a server database unless asked.
 */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const DEMO_PERSON_PASSWORD = 'Demo-Citizen-2026';
export const DEMO_STAFF_PASSWORD = 'Demo-Staff-2026!';

/** Obviously fictitious but valid GB 11643 numbers: born 1990-01-01 in 金水区, sequence 00n. */
const demoIdNumber = (sequence: number) => {
  const first17 = `41010519900101${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
};

interface DemoStaff {
  username: string;
  name: string;
  organisation: string;
  jurisdiction: string;
  roles: string[];
}

export const DEMO_STAFF: DemoStaff[] = [
  {
    username: 'zz-window',
    name: '郑州窗口受理员',
    organisation: '郑州市市场监督管理局',
    jurisdiction: '410100',
    roles: ['windowOfficer'],
  },
  {
    username: 'zz-approver',
    name: '郑州审批员',
    organisation: '郑州市市场监督管理局',
    jurisdiction: '410100',
    roles: ['approver'],
  },
  {
    username: 'zz-market-head',
    name: '郑州市场监管局负责人',
    organisation: '郑州市市场监督管理局',
    jurisdiction: '410100',
    roles: ['departmentHead'],
  },
  {
    // 综合受理 (一窗受理): accepts 一件事 bundles for every department behind the hall
    username: 'zz-hall-window',
    name: '郑州政务服务中心综合窗口',
    organisation: '郑州市政务服务中心',
    jurisdiction: '410100',
    roles: ['windowOfficer'],
  },
  {
    username: 'zz-nr-window',
    name: '郑州不动产登记窗口',
    organisation: '郑州市自然资源和规划局',
    jurisdiction: '410100',
    roles: ['windowOfficer'],
  },
  {
    username: 'zz-nr-approver',
    name: '郑州不动产登记审批员',
    organisation: '郑州市自然资源和规划局',
    jurisdiction: '410100',
    roles: ['approver'],
  },
  {
    username: 'zz-tax-approver',
    name: '郑州税务审批员',
    organisation: '国家税务总局郑州市税务局',
    jurisdiction: '410100',
    roles: ['approver'],
  },
  {
    username: 'zz-hrss-approver',
    name: '郑州人社审批员',
    organisation: '郑州市人力资源和社会保障局',
    jurisdiction: '410100',
    roles: ['approver'],
  },
  {
    username: 'zz-police-approver',
    name: '郑州公安审批员',
    organisation: '郑州市公安局',
    jurisdiction: '410100',
    roles: ['approver'],
  },
  {
    username: 'ly-window',
    name: '洛阳窗口受理员',
    organisation: '洛阳市市场监督管理局',
    jurisdiction: '410300',
    roles: ['windowOfficer'],
  },
  {
    username: 'ly-approver',
    name: '洛阳审批员',
    organisation: '洛阳市市场监督管理局',
    jurisdiction: '410300',
    roles: ['approver'],
  },
  {
    username: 'zz-dept-admin',
    name: '郑州市场监管部门管理员',
    organisation: '郑州市市场监督管理局',
    jurisdiction: '410100',
    roles: ['departmentAdmin'],
  },
  {
    username: 'province-admin',
    name: '省级管理员',
    organisation: '河南省大数据管理局',
    jurisdiction: '410000',
    roles: ['provinceAdmin'],
  },
  {
    username: 'sys-admin',
    name: '系统管理员',
    organisation: '河南省大数据管理局',
    jurisdiction: '410000',
    roles: ['systemAdmin'],
  },
  {
    username: 'sec-admin',
    name: '安全管理员',
    organisation: '河南省大数据管理局',
    jurisdiction: '410000',
    roles: ['securityAdmin'],
  },
  {
    username: 'audit-admin',
    name: '审计管理员',
    organisation: '河南省大数据管理局',
    jurisdiction: '410000',
    roles: ['auditAdmin'],
  },
];

export const DEMO_PEOPLE = [
  { name: '张三', idNumber: demoIdNumber(1), phone: '13800000001' },
  { name: '李四', idNumber: demoIdNumber(3), phone: '13800000002' },
  { name: '王五', idNumber: demoIdNumber(5), phone: '13800000003' },
] as const;

export const DEMO_ENTERPRISE = {
  name: '河南政通示范科技有限公司',
  // 9 工商 · 1 企业 · 410100 郑州 · organisation code MA9PT001 + its GB 11714 check
  creditCode: makeCreditCode(`91410100MA9PT001${organisationCodeCheckCharacter('MA9PT001')}`),
};

const isAdmin = (roles: string[]) =>
  roles.some((r) =>
    [
      'departmentAdmin',
      'provinceAdmin',
      'dataAdmin',
      'systemAdmin',
      'securityAdmin',
      'auditAdmin',
    ].includes(r),
  );

/**
 * Demo accounts (README lists them): a citizen, an enterprise with its legal representative and
 * an agent, window officers and approvers in 郑州 and 洛阳, a department admin, a province admin
 * and the three separated admins. Seeded once, in demo mode only.
 */
export async function seedDemoAccounts(kernel: Kernel, log: Logger): Promise<boolean> {
  const { db, config, fieldCrypto } = kernel;
  if ((await store.findAccountIdByUsername(db.orm, DEMO_STAFF[0]?.username ?? '')) !== undefined) {
    return false;
  }
  const system = systemActor('demo-seed');
  const directoryService = new DirectoryService(db.orm);
  const directory: DirectoryLookup = {
    findOrganisation: (id) =>
      directoryService.getOrganisation(system, id).catch((err: unknown) => {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      }),
    regionExists: async (code) =>
      directoryService.getRegion(system, code).then(
        () => true,
        () => false,
      ),
  };
  const identity = new IdentityService(
    db.orm,
    config,
    fieldCrypto,
    new Sessions(db.orm, config),
    directory,
  );
  const organisations = await directoryService.listOrganisations(system, {
    region: '410000',
    subtree: true,
  });
  const orgId = (name: string) => {
    const found = organisations.items.find((o) => o.name === name);
    if (!found) throw new Error(`demo organisation ${name} is missing`);
    return found.id;
  };

  for (const s of DEMO_STAFF) {
    const { accountId } = await identity.createStaffAccount(system, {
      username: s.username,
      name: s.name,
      password: DEMO_STAFF_PASSWORD,
      organisationId: orgId(s.organisation),
      jurisdiction: s.jurisdiction,
      roles: s.roles,
    });
    if (isAdmin(s.roles)) {
      await store.setTotp(db.orm, accountId, {
        secret: fieldCrypto.encrypt(DEMO_TOTP_SECRET),
        enabledAt: new Date(),
      });
    }
  }

  const people: string[] = [];
  for (const p of DEMO_PEOPLE) {
    const { accountId } = await identity.registerPerson(system, {
      ...p,
      password: DEMO_PERSON_PASSWORD,
    });
    people.push(accountId);
  }
  const [, legalRepresentative, agent] = people;
  if (!legalRepresentative || !agent) throw new Error('demo people missing');
  const representative: Actor = {
    id: legalRepresentative,
    kind: 'person',
    accountKind: 'person',
    roles: ['citizen'],
  };
  const created = await identity.registerEnterprise(representative, DEMO_ENTERPRISE);
  const oneYear = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
  await new AgentsService(db.orm, fieldCrypto).authorise(representative, created.id, {
    phone: DEMO_PEOPLE[2].phone,
    scope: ['apply', 'viewCertificates'],
    expiresAt: oneYear,
  });
  log.info({ staff: DEMO_STAFF.length, people: DEMO_PEOPLE.length }, 'seeded the demo accounts');
  return true;
}
