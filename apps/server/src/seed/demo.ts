import type { Organisation, ServiceWindow } from '@zhengtong/contracts';
import { systemActor } from '../kernel/actor.js';
import type { DirectoryService } from '../modules/directory/index.js';

type Org = Omit<Organisation, 'id' | 'parentId'>;
type Win = Omit<ServiceWindow, 'id' | 'serviceHallId' | 'organisationId'> & { staffedBy?: string };

interface HallSeed {
  hall: Org;
  windows: Win[];
}

interface RegionSeed {
  government: Org;
  departments: Org[];
  halls: HallSeed[];
}

const org = (
  name: string,
  regionCode: string,
  kind: Org['kind'],
  shortName: string | null = null,
): Org => ({
  name,
  regionCode,
  kind,
  shortName,
  creditCode: null,
});

const comprehensive = (code: string, name: string): Win => ({
  code,
  name,
  kind: 'comprehensive',
  active: true,
});
const dedicated = (code: string, name: string, staffedBy: string): Win => ({
  code,
  name,
  kind: 'dedicated',
  active: true,
  staffedBy,
});

/** Standard windows of a city or county 政务服务中心: 综合受理 in front, dedicated ones behind. */
function hallWindows(prefix: string): Win[] {
  return [
    comprehensive('A01', '综合受理窗口（企业开办）'),
    comprehensive('A02', '综合受理窗口（工程建设）'),
    comprehensive('A03', '综合受理窗口（社会事务）'),
    dedicated('B01', '市场主体登记窗口', `${prefix}市场监督管理局`),
    dedicated('B02', '不动产登记窗口', `${prefix}自然资源和规划局`),
    dedicated('B03', '社保医保窗口', `${prefix}人力资源和社会保障局`),
    dedicated('B04', '户籍业务窗口', `${prefix}公安局`),
    dedicated('B05', '税务综合窗口', `国家税务总局${prefix}税务局`),
    dedicated('B06', '民政婚姻登记窗口', `${prefix}民政局`),
    comprehensive('C01', '办不成事反映窗口'),
  ];
}

function city(code: string, name: string): RegionSeed {
  return {
    government: org(`${name}人民政府`, code, 'government', name),
    departments: [
      org(`${name}市场监督管理局`, code, 'department'),
      org(`${name}自然资源和规划局`, code, 'department'),
      org(`${name}人力资源和社会保障局`, code, 'department'),
      org(`${name}公安局`, code, 'department'),
      org(`${name}政务服务和大数据管理局`, code, 'department'),
      org(`${name}民政局`, code, 'department'),
      org(`${name}卫生健康委员会`, code, 'department'),
      org(`国家税务总局${name}税务局`, code, 'department'),
      org(`${name}住房和城乡建设局`, code, 'department'),
      org(`${name}教育局`, code, 'department'),
      org(`${name}交通运输局`, code, 'department'),
      org(`${name}医疗保障局`, code, 'department'),
    ],
    halls: [{ hall: org(`${name}政务服务中心`, code, 'serviceHall'), windows: hallWindows(name) }],
  };
}

/**
 * Demo organisations: the province's own departments and service hall, and a government,
 * departments and a service hall with windows in 郑州, 洛阳, two of their districts and 济源.
 * Seeded only in demo mode, once.
 */
export function demoDirectory(): RegionSeed[] {
  const province: RegionSeed = {
    government: org('河南省人民政府', '410000', 'government', '省政府'),
    departments: [
      org('河南省大数据管理局', '410000', 'department', '省大数据局'),
      org('河南省市场监督管理局', '410000', 'department', '省市场监管局'),
      org('河南省公安厅', '410000', 'department'),
      org('河南省人力资源和社会保障厅', '410000', 'department', '省人社厅'),
      org('河南省自然资源厅', '410000', 'department'),
      org('河南省民政厅', '410000', 'department'),
      org('河南省卫生健康委员会', '410000', 'department', '省卫生健康委'),
      org('国家税务总局河南省税务局', '410000', 'department', '省税务局'),
      org('河南省住房和城乡建设厅', '410000', 'department', '省住房城乡建设厅'),
      org('河南省教育厅', '410000', 'department'),
      org('河南省交通运输厅', '410000', 'department'),
      org('河南省医疗保障局', '410000', 'department', '省医保局'),
    ],
    halls: [
      {
        hall: org('河南省政务服务中心', '410000', 'serviceHall'),
        windows: [
          comprehensive('A01', '综合受理窗口'),
          dedicated('B01', '省级市场监管事项窗口', '河南省市场监督管理局'),
          dedicated('B02', '省级人社事项窗口', '河南省人力资源和社会保障厅'),
          comprehensive('C01', '办不成事反映窗口'),
        ],
      },
    ],
  };
  return [
    province,
    city('410100', '郑州市'),
    city('410300', '洛阳市'),
    city('410105', '郑州市金水区'),
    city('410311', '洛阳市洛龙区'),
    city('419001', '济源市'),
  ];
}

export async function seedDemoDirectory(directory: DirectoryService): Promise<boolean> {
  const actor = systemActor('demo-seed');
  const existing = await directory.listOrganisations(actor, {
    region: '410000',
    kind: 'government',
  });
  if (existing.items.length > 0) return false;
  const byName = new Map<string, string>();
  let provinceGovernment: string | null = null;
  for (const seed of demoDirectory()) {
    const gov = await directory.createOrganisation(actor, { ...seed.government, parentId: null });
    provinceGovernment ??= gov.id;
    byName.set(gov.name, gov.id);
    for (const d of [...seed.departments, ...seed.halls.map((h) => h.hall)]) {
      const created = await directory.createOrganisation(actor, { ...d, parentId: gov.id });
      byName.set(created.name, created.id);
    }
    for (const h of seed.halls) {
      const hallId = byName.get(h.hall.name);
      if (!hallId) continue;
      for (const w of h.windows) {
        const { staffedBy, ...window } = w;
        await directory.createServiceWindow(actor, {
          ...window,
          serviceHallId: hallId,
          organisationId: staffedBy ? (byName.get(staffedBy) ?? null) : null,
        });
      }
    }
  }
  return true;
}
