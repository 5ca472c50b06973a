import type { CertificateType } from '@zhengtong/contracts';
import type { ReferenceCertificateType } from './store.js';

// 证照目录 (GB/T 36902 catalogue information) of the certificate types the demo catalogue uses.
// A type code is the defining national department's unified social credit code followed by a
// three-digit type number.
//
// FICTITIOUS PLACEHOLDERS: the departments' real credit codes were not available to us. Each
// code below is a well-formed GB 32100 code for a national-level registration (登记管理部门 1
// 机构编制, 类别 1, region 100000) with a made-up organisation code 9000000n, computed once with
// makeCreditCode('11100000' + body + organisationCodeCheckCharacter(body)). Replace them, and
// the type numbers, from the national certificate catalogue before any real use.
const ISSUER = {
  /** 国家市场监督管理总局 */
  samr: '111000009000000146',
  /** 公安部 */
  mps: '111000009000000221',
  /** 人力资源和社会保障部 */
  mohrss: '11100000900000030U',
  /** 民政部 */
  mca: '11100000900000049Q',
  /** 国家卫生健康委员会 */
  nhc: '11100000900000057K',
  /** 住房和城乡建设部 */
  mohurd: '111000009000000739',
  /** 自然资源部 */
  mnr: '111000009000000814',
  /** 教育部 */
  moe: '1110000090000009XU',
  /** 交通运输部 */
  mot: '11100000900000102L',
  /** 国家药品监督管理局 (its provincial bureau sits under 市场监管, hence that sector) */
  nmpa: '11100000900000129C',
} as const;

const type = (
  issuer: keyof typeof ISSUER,
  number: string,
  name: string,
  sector: CertificateType['sector'],
  holderKind: CertificateType['holderKind'],
  validityYears: number | null,
  extra: Pick<ReferenceCertificateType, 'dataSchema' | 'issuingLevel'> = {},
): ReferenceCertificateType => ({
  code: ISSUER[issuer] + number,
  name,
  sector,
  holderKind,
  validityYears,
  ...extra,
});

const str = (title: string, maxLength: number) => ({
  type: 'string',
  title,
  minLength: 1,
  maxLength,
});

/**
 * 营业执照 照面信息. The property names are those of the demo 企业设立登记 form (and of the
 * 个体工商户设立登记 form for the 个体工商户 licence), so the workflow action issuing the licence
 * takes them from the application as they are. A company's licence and a 个体工商户's name
 * different items: either set is complete.
 */
export const BUSINESS_LICENCE_DATA_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    enterpriseName: str('名称', 100),
    enterpriseType: str('类型', 100),
    legalRepresentativeName: str('法定代表人', 50),
    registeredCapital: { type: 'number', title: '注册资本（万元）', minimum: 0 },
    registeredAddress: str('住所', 200),
    businessScope: str('经营范围', 2000),
    tradeName: str('名称（字号）', 50),
    organisationForm: str('组成形式', 20),
    funds: { type: 'number', title: '资金数额（万元）', minimum: 0 },
    operatingAddress: str('经营场所', 200),
  },
  anyOf: [
    {
      title: '公司、企业',
      required: [
        'enterpriseName',
        'enterpriseType',
        'legalRepresentativeName',
        'registeredCapital',
        'registeredAddress',
        'businessScope',
      ],
    },
    {
      title: '个体工商户',
      required: ['organisationForm', 'funds', 'operatingAddress', 'businessScope'],
    },
  ],
};

export const REFERENCE_CERTIFICATE_TYPES: readonly ReferenceCertificateType[] = [
  type('samr', '001', '营业执照', 'marketRegulation', 'enterprise', null, {
    dataSchema: BUSINESS_LICENCE_DATA_SCHEMA,
  }),
  type('samr', '002', '食品经营许可证', 'marketRegulation', 'enterprise', 5),
  type('nmpa', '001', '药品经营许可证', 'marketRegulation', 'enterprise', 5),
  // 居民身份证: 5, 10 or 20 years or 长期 depending on the holder's age, so the expiry is
  // read from each certificate, not from the type.
  type('mps', '001', '居民身份证', 'publicSecurity', 'person', null),
  type('mps', '002', '居民户口簿', 'publicSecurity', 'person', null),
  type('mps', '003', '机动车驾驶证', 'publicSecurity', 'person', 6),
  type('mohrss', '001', '社会保障卡', 'humanResources', 'person', 10),
  type('mohrss', '002', '就业创业证', 'humanResources', 'person', null),
  type('mca', '001', '结婚证', 'civilAffairs', 'person', null),
  type('mca', '002', '离婚证', 'civilAffairs', 'person', null),
  type('nhc', '001', '出生医学证明', 'health', 'person', null),
  type('nhc', '002', '医师执业证书', 'health', 'person', null),
  type('nhc', '003', '护士执业证书', 'health', 'person', 5),
  type('mohurd', '001', '建筑工程施工许可证', 'housing', 'enterprise', null),
  type('mohurd', '002', '商品房预售许可证', 'housing', 'enterprise', null),
  type('mohurd', '003', '建筑业企业资质证书', 'housing', 'enterprise', 5),
  type('mnr', '001', '不动产权证书', 'naturalResources', 'person', null),
  type('mnr', '002', '不动产登记证明', 'naturalResources', 'person', null),
  type('moe', '001', '教师资格证书', 'education', 'person', null),
  type('mot', '001', '道路运输经营许可证', 'transport', 'enterprise', 4),
  type('mot', '002', '道路运输证', 'transport', 'enterprise', null),
];

/** The code of a reference certificate type by its name; throws on an unknown name. */
export function referenceCertificateTypeCode(name: string): string {
  const found = REFERENCE_CERTIFICATE_TYPES.find((t) => t.name === name);
  if (!found) throw new RangeError(`no reference certificate type named ${name}`);
  return found.code;
}
