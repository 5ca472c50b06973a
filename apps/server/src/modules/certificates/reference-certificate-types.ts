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

const day = (title: string) => ({ type: 'string', title, format: 'date' });
const amount = (title: string) => ({ type: 'number', title, minimum: 0 });
const whole = (title: string) => ({ type: 'integer', title, minimum: 0 });
const list = (title: string, maxLength: number) => ({
  type: 'array',
  title,
  items: { type: 'string', minLength: 1, maxLength },
  maxItems: 50,
});

/** A data schema (照面信息): the properties, and those every issuing item's form gives. */
const data = (
  properties: Record<string, Record<string, unknown>>,
  required: readonly string[] = [],
): Record<string, unknown> => ({
  type: 'object',
  properties,
  ...(required.length > 0 ? { required: [...required] } : {}),
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

// The 照面信息 of the other types. A property the demo items' forms ask has the form field's
// name (the workflow action issuing the certificate copies the form fields the schema names);
// `required` holds only what every form issuing the type gives (新办 and 延续, 注册 and 变更 …,
// in every region), so approving any demo application issues a certificate and never fails for
// missing data. The other properties are items of the real certificate no demo form asks
// (issued by hand through the API, or by a future form). No form asks anything of 居民身份证
// and 机动车驾驶证 beyond delivery, so their schemas require nothing.

/**
 * 食品经营许可证: 新办 and 延续 (whose form only names the operator). Both forms give
 * enterpriseName, but nothing is required yet: certificates.test.ts issues this type by API as
 * its free-data example ({ shopName }, {}). Require ['enterpriseName'] once that test gives it.
 */
const FOOD_LICENCE = data({
  enterpriseName: str('经营者名称', 100),
  legalRepresentativeName: str('法定代表人（负责人）', 50),
  registeredAddress: str('住所', 200),
  operatingAddress: str('经营场所', 200),
  operatorKind: str('主体业态', 50),
  projects: list('经营项目', 50),
});

/** 药品经营许可证 (零售) */
const DRUG_LICENCE = data(
  {
    enterpriseName: str('企业名称', 100),
    legalRepresentativeName: str('法定代表人', 50),
    qualityManager: str('质量负责人', 50),
    operatingAddress: str('注册地址', 200),
    businessMode: str('经营方式', 20),
    businessScope: list('经营范围', 50),
  },
  ['enterpriseName', 'operatingAddress', 'businessScope'],
);

/** 居民身份证: the 换领 form asks only the reason and delivery */
const IDENTITY_CARD = data({
  name: str('姓名', 50),
  gender: str('性别', 2),
  ethnicity: str('民族', 20),
  birthDate: day('出生'),
  address: str('住址', 200),
  idNumber: str('公民身份号码', 18),
  validity: str('有效期限', 30),
});

/** 居民户口簿 (常住人口登记卡): 出生登记 names the newborn, 户口迁移 the addresses */
const HOUSEHOLD_REGISTER = data({
  householdHead: str('户主姓名', 50),
  householdNumber: str('户号', 20),
  moveTo: str('住址', 200),
  babyName: str('姓名', 50),
  relationToHead: str('与户主关系', 20),
  babyGender: str('性别', 2),
  babyBirthDate: day('出生日期'),
  motherName: str('母亲姓名', 50),
  fatherName: str('父亲姓名', 50),
  moveFrom: str('何时由何地迁来本址', 200),
});

/** 机动车驾驶证: the 换证 form asks only where to mail it */
const DRIVING_LICENCE = data({
  nationality: str('国籍', 50),
  address: str('住址', 200),
  birthDate: day('出生日期'),
  firstIssueDate: day('初次领证日期'),
  vehicleClass: str('准驾车型', 20),
  validFrom: day('有效期起始日期'),
  validUntil: day('有效期截止日期'),
});

/** 社会保障卡: 申领, 申领（新生儿）and 补领、换领 all choose the bank */
const SOCIAL_SECURITY_CARD = data(
  {
    babyName: str('姓名', 50),
    cardNumber: str('卡号', 20),
    bank: str('服务银行', 50),
    issueDate: day('发卡日期'),
  },
  ['bank'],
);

/** 就业创业证 (就业登记 page) */
const EMPLOYMENT_CERTIFICATE = data(
  {
    employeeName: str('姓名', 50),
    employerName: str('用人单位名称', 100),
    hireDate: day('就业日期'),
    contractTerm: str('劳动合同期限类型', 50),
  },
  ['employeeName', 'hireDate', 'contractTerm'],
);

/** 结婚证 and 离婚证: the other party and the registration (the appointment's) date */
const marriage = (partner: string) =>
  data(
    {
      partnerName: str(`${partner}姓名`, 50),
      partnerIdNumber: str(`${partner}身份证件号`, 18),
      appointmentDate: day('登记日期'),
    },
    ['partnerName', 'partnerIdNumber', 'appointmentDate'],
  );

/** 出生医学证明 (the father's particulars are optional in the 新生儿出生一件事 form) */
const BIRTH_CERTIFICATE = data(
  {
    babyName: str('新生儿姓名', 50),
    babyGender: str('性别', 2),
    babyBirthDate: day('出生日期'),
    birthPlace: str('出生地点', 200),
    gestationWeeks: whole('出生孕周'),
    birthWeight: whole('出生体重（克）'),
    birthHospital: str('医疗机构名称', 100),
    motherName: str('母亲姓名', 50),
    fatherName: str('父亲姓名', 50),
  },
  ['babyName', 'babyGender', 'babyBirthDate', 'motherName', 'birthHospital'],
);

/** 医师执业证书: 注册 and 变更 (which names only the new institution) */
const PHYSICIAN_LICENCE = data(
  {
    qualificationNumber: str('医师资格证书编码', 30),
    category: str('执业类别', 20),
    scope: str('执业范围', 100),
    practiceLocation: str('执业地点', 100),
    institution: str('主要执业机构', 100),
  },
  ['institution'],
);

/** 护士执业证书 */
const NURSE_LICENCE = data(
  {
    institution: str('执业地点', 100),
    registeredUntil: day('注册有效期至'),
  },
  ['institution'],
);

/** 建筑工程施工许可证 */
const CONSTRUCTION_PERMIT = data(
  {
    enterpriseName: str('建设单位', 100),
    projectName: str('工程名称', 100),
    projectCode: str('项目代码', 100),
    projectAddress: str('建设地址', 200),
    floorArea: amount('建设规模（平方米）'),
    contractPrice: amount('合同价格（万元）'),
    surveyor: str('勘察单位', 100),
    designer: str('设计单位', 100),
    contractor: str('施工单位', 100),
    supervisor: str('监理单位', 100),
    startDate: day('开工日期'),
  },
  ['projectName', 'projectCode', 'projectAddress', 'floorArea', 'contractPrice', 'contractor'],
);

/** 商品房预售许可证 */
const PRESALE_PERMIT = data(
  {
    enterpriseName: str('售房单位', 100),
    projectName: str('项目名称', 100),
    projectCode: str('项目代码', 100),
    projectAddress: str('坐落位置', 200),
    buildings: str('预售楼栋', 200),
    usage: str('房屋用途', 50),
    presaleArea: amount('预售面积（平方米）'),
  },
  ['enterpriseName', 'projectName', 'projectCode', 'projectAddress', 'buildings', 'presaleArea'],
);

/** 建筑业企业资质证书 */
const CONSTRUCTION_QUALIFICATION = data(
  {
    enterpriseName: str('企业名称', 100),
    registeredAddress: str('详细地址', 200),
    legalRepresentativeName: str('法定代表人', 50),
    registeredCapital: amount('注册资本（万元）'),
    economicNature: str('经济性质', 50),
    qualificationCategory: str('资质类别', 50),
    qualification: str('资质序列及等级', 50),
  },
  ['enterpriseName', 'qualificationCategory', 'qualification'],
);

/** 不动产权证书: 首次登记 (the enterprise's) and 转移登记 (the buyers') */
const PROPERTY_CERTIFICATE = data(
  {
    enterpriseName: str('权利人', 100),
    buyers: str('权利人（买受人）', 200),
    ownership: str('共有情况', 20),
    location: str('坐落', 200),
    unitNumber: str('不动产单元号', 28),
    rightType: str('权利类型', 50),
    rightNature: str('权利性质', 50),
    usage: str('用途', 50),
    area: amount('面积（平方米）'),
    term: str('使用期限', 100),
  },
  ['location', 'unitNumber'],
);

/** 不动产登记证明 (抵押权) */
const PROPERTY_REGISTRATION_PROOF = data(
  {
    registeredRight: str('证明权利或事项', 50),
    mortgagee: str('权利人（抵押权人）', 100),
    obligor: str('义务人', 100),
    location: str('坐落', 200),
    unitNumber: str('不动产单元号', 28),
    securedAmount: amount('被担保主债权数额（万元）'),
    debtStart: day('债务履行期限（起）'),
    debtEnd: day('债务履行期限（止）'),
  },
  ['mortgagee', 'location', 'unitNumber', 'securedAmount', 'debtStart', 'debtEnd'],
);

/** 教师资格证书 */
const TEACHER_QUALIFICATION = data(
  {
    level: str('资格种类', 50),
    subject: str('任教学科', 50),
  },
  ['level', 'subject'],
);

/** 道路运输经营许可证: 货运 and 客运 (whose form gives no address) */
const ROAD_TRANSPORT_LICENCE = data(
  {
    enterpriseName: str('业户名称', 100),
    registeredAddress: str('地址', 200),
    scope: str('经营范围', 200),
  },
  ['enterpriseName', 'scope'],
);

/** 道路运输证 */
const ROAD_TRANSPORT_CERTIFICATE = data(
  {
    enterpriseName: str('业户名称', 100),
    operatingLicenceNumber: str('经营许可证号', 30),
    plateNumber: str('车辆号牌', 10),
    vehicleKind: str('车辆类型', 20),
    capacity: str('吨（座）位', 20),
    scope: str('经营范围', 200),
  },
  ['plateNumber', 'vehicleKind'],
);

export const REFERENCE_CERTIFICATE_TYPES: readonly ReferenceCertificateType[] = [
  type('samr', '001', '营业执照', 'marketRegulation', 'enterprise', null, {
    dataSchema: BUSINESS_LICENCE_DATA_SCHEMA,
  }),
  type('samr', '002', '食品经营许可证', 'marketRegulation', 'enterprise', 5, {
    dataSchema: FOOD_LICENCE,
  }),
  type('nmpa', '001', '药品经营许可证', 'marketRegulation', 'enterprise', 5, {
    dataSchema: DRUG_LICENCE,
  }),
  // 居民身份证: 5, 10 or 20 years or 长期 depending on the holder's age, so the expiry is
  // read from each certificate, not from the type.
  type('mps', '001', '居民身份证', 'publicSecurity', 'person', null, {
    dataSchema: IDENTITY_CARD,
  }),
  type('mps', '002', '居民户口簿', 'publicSecurity', 'person', null, {
    dataSchema: HOUSEHOLD_REGISTER,
  }),
  type('mps', '003', '机动车驾驶证', 'publicSecurity', 'person', 6, {
    dataSchema: DRIVING_LICENCE,
  }),
  type('mohrss', '001', '社会保障卡', 'humanResources', 'person', 10, {
    dataSchema: SOCIAL_SECURITY_CARD,
  }),
  type('mohrss', '002', '就业创业证', 'humanResources', 'person', null, {
    dataSchema: EMPLOYMENT_CERTIFICATE,
  }),
  type('mca', '001', '结婚证', 'civilAffairs', 'person', null, { dataSchema: marriage('配偶') }),
  type('mca', '002', '离婚证', 'civilAffairs', 'person', null, { dataSchema: marriage('对方') }),
  type('nhc', '001', '出生医学证明', 'health', 'person', null, { dataSchema: BIRTH_CERTIFICATE }),
  type('nhc', '002', '医师执业证书', 'health', 'person', null, { dataSchema: PHYSICIAN_LICENCE }),
  type('nhc', '003', '护士执业证书', 'health', 'person', 5, { dataSchema: NURSE_LICENCE }),
  type('mohurd', '001', '建筑工程施工许可证', 'housing', 'enterprise', null, {
    dataSchema: CONSTRUCTION_PERMIT,
  }),
  type('mohurd', '002', '商品房预售许可证', 'housing', 'enterprise', null, {
    dataSchema: PRESALE_PERMIT,
  }),
  type('mohurd', '003', '建筑业企业资质证书', 'housing', 'enterprise', 5, {
    dataSchema: CONSTRUCTION_QUALIFICATION,
  }),
  type('mnr', '001', '不动产权证书', 'naturalResources', 'person', null, {
    dataSchema: PROPERTY_CERTIFICATE,
  }),
  type('mnr', '002', '不动产登记证明', 'naturalResources', 'person', null, {
    dataSchema: PROPERTY_REGISTRATION_PROOF,
  }),
  type('moe', '001', '教师资格证书', 'education', 'person', null, {
    dataSchema: TEACHER_QUALIFICATION,
  }),
  type('mot', '001', '道路运输经营许可证', 'transport', 'enterprise', 4, {
    dataSchema: ROAD_TRANSPORT_LICENCE,
  }),
  type('mot', '002', '道路运输证', 'transport', 'enterprise', null, {
    dataSchema: ROAD_TRANSPORT_CERTIFICATE,
  }),
];

/** The code of a reference certificate type by its name; throws on an unknown name. */
export function referenceCertificateTypeCode(name: string): string {
  const found = REFERENCE_CERTIFICATE_TYPES.find((t) => t.name === name);
  if (!found) throw new RangeError(`no reference certificate type named ${name}`);
  return found.code;
}
