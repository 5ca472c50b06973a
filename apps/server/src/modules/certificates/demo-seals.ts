import type { Logger } from 'pino';
import { systemActor } from '../../kernel/actor.js';
import type { Kernel } from '../../kernel/context.js';
import { DEMO_ENTERPRISE } from '../identity/demo-accounts.js';
import { identityStore } from '../identity/index.js';
import { DirectoryService } from '../directory/index.js';
import { createCertificatesService } from './index.js';
import { referenceCertificateTypeCode } from './reference-certificate-types.js';
import * as store from './store.js';

const LICENCE_ISSUER = '郑州市市场监督管理局';

/**
 * Demo mode only: an active seal (电子证照专用章) for every demo department that has none (every
 * department of the demo directory issues some certificate type), and the demo enterprise's
 * 营业执照 from the 郑州 market regulator, so the wallet has something and a 变更 item (企业变更登记)
 * has a licence to change. Seeding is demo mode, so the seal master key may be generated.
 */
export async function seedDemoSeals(kernel: Kernel, log: Logger): Promise<void> {
  const seed = systemActor('demo-seed');
  const service = createCertificatesService(kernel, { mayGenerateKey: true });
  const directory = new DirectoryService(kernel.db.orm);
  const { items } = await directory.listOrganisations(seed, { kind: 'department' });
  const sealed = new Set(
    (await store.listSeals(kernel.db.orm, undefined)).map((s) => s.organisationId),
  );
  let created = 0;
  for (const org of items) {
    if (sealed.has(org.id)) continue;
    await service.seals.create(seed, { organisationId: org.id, name: `${org.name}电子证照专用章` });
    created += 1;
  }
  if (created > 0) log.info({ seals: created }, 'seeded the demo seals');

  const enterprise = await identityStore.findEnterpriseByCreditCode(
    kernel.db.orm,
    DEMO_ENTERPRISE.creditCode,
  );
  const issuer = items.find((o) => o.name === LICENCE_ISSUER);
  if (!enterprise || !issuer) return;
  const holder = {
    kind: 'enterprise' as const,
    enterpriseId: enterprise.id,
    name: enterprise.name,
    creditCode: enterprise.creditCode,
  };
  const typeCode = referenceCertificateTypeCode('营业执照');
  await kernel.db.orm.transaction(async (tx) => {
    if (await service.currentOf(tx, holder, typeCode)) return;
    await service.issue(tx, {
      actor: seed,
      typeCode,
      issuerOrganisationId: issuer.id,
      holder,
      validFrom: '2024-03-18',
      data: {
        enterpriseName: enterprise.name,
        enterpriseType: '有限责任公司（自然人投资或控股）',
        legalRepresentativeName: '李四',
        registeredCapital: 500,
        registeredAddress: '河南省郑州市金水区花园路 10 号',
        businessScope:
          '一般项目：软件开发；信息系统集成服务；数据处理服务；技术服务、技术开发、技术咨询。',
      },
    });
    log.info('issued the demo enterprise its 营业执照');
  });
}
