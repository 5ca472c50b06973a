import {
  ON_SITE,
  BUSINESS_LICENCE,
  HOUSEHOLD_REGISTER,
  ID_CARD,
  certificateResult,
  choice,
  date,
  defineItem,
  documentResult,
  form,
  fromCertificate,
  fromSharedData,
  photo,
  text,
  upload,
  type Guide,
  type ItemSpec,
} from './demo-catalogue-builders.js';
import { ENTERPRISE_FIELDS, NEWBORN_FIELDS, count, options } from './demo-catalogue-fields.js';

// 公安 and 人力资源社会保障: 户籍, 证件, 社保.

const HOUSEHOLD_BASIS = '《中华人民共和国户口登记条例》';

const BIRTH_CERTIFICATE = fromCertificate('birthCertificate', '出生医学证明', '出生医学证明');
const PARENTS_ID_CARDS = fromSharedData('parentsIdCards', '父母双方居民身份证', '人口基础信息');
const SOCIAL_SECURITY_CARD = fromCertificate(
  'socialSecurityCard',
  '社会保障卡（已激活金融账户）',
  '社会保障卡',
);
const INSURANCE_RECORDS = fromSharedData(
  'insuranceRecords',
  '基本养老保险参保缴费信息',
  '社会保险参保信息',
);

const CARD_FORM = {
  bank: choice('服务银行', [
    '中国工商银行',
    '中国农业银行',
    '中国银行',
    '中国建设银行',
    '中国邮政储蓄银行',
  ]),
  delivery: choice('领卡方式', ['邮寄到家', '银行网点领取'], { radio: true }),
  mailingAddress: text('邮寄地址', {
    optional: true,
    maxLength: 200,
    placeholder: '选择邮寄到家时填写',
  }),
};

const CARD_FAQ = {
  question: '社保卡可以在哪些地方使用？',
  answer:
    '社会保障卡可用于就医购药结算、社保待遇领取、社保查询，以及加载了金融功能的银行账户使用，' +
    '在全国范围内可持卡就医结算（需按规定办理异地就医备案）。',
};

const newbornCard: Guide = {
  limits: [15, 5],
  conditions: '已办理出生登记、取得公民身份号码的新生儿，由父母或其他监护人申领。',
  materials: [
    BIRTH_CERTIFICATE,
    ID_CARD,
    photo('photo', '新生儿照片', '不满16周岁可不采集照片；上传的须为白底彩色证件照', {
      when: '申领带照片的社会保障卡的',
    }),
  ],
  visits: 0,
  form: form({ ...NEWBORN_FIELDS, ...CARD_FORM }),
  result: certificateResult('社会保障卡'),
  faqs: [
    {
      question: '新生儿社保卡多久可以拿到？',
      answer:
        '通过“新生儿出生一件事”申请的，制卡完成后免费邮寄到家，郑州市一般3个工作日、洛阳市5个工作日内寄出。',
    },
    CARD_FAQ,
  ],
  lifeEvents: ['出生', '社保'],
};

export const PUBLIC_SECURITY_ITEMS: ItemSpec[] = [
  defineItem({
    itemType: 'confirmation',
    sector: 'publicSecurity',
    main: 1,
    sub: 1,
    name: '出生登记',
    legalBasis: `${HOUSEHOLD_BASIS}第七条；《国务院办公厅关于解决无户口人员登记户口问题的意见》（国办发〔2015〕96号）`,
    levels: ['county', 'township'],
    applicantKinds: ['person'],
    handlingCase: 'new',
    keywords: ['出生', '上户口', '新生儿落户', '报户口', '户口'],
    guide: {
      limits: [0, 0],
      conditions:
        '婴儿出生后一个月以内，由户主、亲属、抚养人向婴儿常住地户口登记机关申报出生登记。',
      materials: [
        BIRTH_CERTIFICATE,
        HOUSEHOLD_REGISTER,
        PARENTS_ID_CARDS,
        fromCertificate('marriageCertificate', '父母结婚证', '结婚证', {
          when: '父母已办理结婚登记的',
        }),
        upload('nonMaritalBirthStatement', '非婚生育说明', {
          when: '非婚生育的',
          form: 'original',
        }),
      ],
      visits: 0,
      form: form({
        ...NEWBORN_FIELDS,
        registerWith: choice('随父或随母落户', ['随父', '随母'], { radio: true }),
        householdHead: text('落户户主姓名', { maxLength: 50 }),
        relationToHead: choice('与户主关系', [
          '子',
          '女',
          '孙子',
          '孙女',
          '外孙子',
          '外孙女',
          '其他',
        ]),
      }),
      stepNames: ['受理', '审核', '登记'],
      result: certificateResult('居民户口簿'),
      scope: 'crossRegion',
      faqs: [
        {
          question: '新生儿落户需要父母到场吗？',
          answer:
            '通过“新生儿出生一件事”网上申报的无需到场，出生医学证明和父母身份信息由系统核验，' +
            '户口簿户籍页可免费邮寄。',
        },
        {
          question: '超过一个月才申报出生登记可以吗？',
          answer: '可以办理，逾期申报的按规定说明原因后予以登记，不影响落户。',
        },
      ],
      lifeEvents: ['出生'],
    },
    at: {
      '410100': {},
      '410300': ON_SITE,
      '410105': {},
      '410311': ON_SITE,
      '419001': ON_SITE,
    },
  }),
  defineItem({
    itemType: 'confirmation',
    sector: 'publicSecurity',
    main: 1,
    sub: 2,
    name: '户口迁移登记（省内迁移）',
    legalBasis: `${HOUSEHOLD_BASIS}第十条、第十三条；《河南省人民政府关于进一步深化户籍制度改革的意见》`,
    levels: ['county', 'township'],
    applicantKinds: ['person'],
    handlingCase: 'change',
    keywords: ['迁户口', '户口迁移', '落户', '户口'],
    guide: {
      limits: [0, 0],
      conditions:
        '在迁入地有合法稳定住所、合法稳定就业，或者投靠直系亲属，符合迁入地落户条件的，迁入地一站式办理，无需回迁出地。',
      materials: [
        HOUSEHOLD_REGISTER,
        ID_CARD,
        fromCertificate('propertyCertificate', '迁入地房屋不动产权证书', '不动产权证书', {
          when: '以合法稳定住所迁入的',
        }),
        fromSharedData('employmentRecords', '劳动合同备案及社会保险缴纳信息', '社会保险参保信息', {
          when: '以就业迁入的',
        }),
      ],
      visits: 1,
      depth: 3,
      form: form({
        moveFrom: text('迁出地址', { maxLength: 200 }),
        moveTo: text('迁入地址', { maxLength: 200 }),
        reason: choice('迁移原因', ['购房', '投靠亲属', '就业', '升学', '其他']),
        members: count('随迁人数', 20),
      }),
      stepNames: ['受理', '审核', '登记'],
      result: certificateResult('居民户口簿'),
      scope: 'crossRegion',
      faqs: [
        {
          question: '省内迁户口还需要回老家开准迁证吗？',
          answer: '不需要。河南省内户口迁移实行“一站式”办理，申请人到迁入地户籍窗口即可办结。',
        },
      ],
      lifeEvents: ['住房', '就业'],
    },
    at: { '410100': {}, '410300': {}, '410105': {} },
  }),
  defineItem({
    itemType: 'confirmation',
    sector: 'publicSecurity',
    main: 1,
    sub: 3,
    name: '死亡人员户口注销',
    legalBasis: `${HOUSEHOLD_BASIS}第八条`,
    levels: ['county', 'township'],
    applicantKinds: ['person'],
    handlingCase: 'cancellation',
    keywords: ['死亡', '销户', '注销户口', '身后事'],
    guide: {
      limits: [0, 0],
      conditions:
        '公民死亡的，城市在葬前，农村在一个月以内，由户主、亲属、抚养人向户口登记机关申报死亡登记。',
      materials: [
        fromSharedData('deathCertificate', '居民死亡医学证明（推断）书', '死亡医学证明信息'),
        HOUSEHOLD_REGISTER,
        upload('deceasedIdCard', '逝者居民身份证', {
          form: 'original',
          note: '由公安机关收回；遗失的在申报时说明',
        }),
      ],
      visits: 0,
      form: form({
        deceasedName: text('逝者姓名', { maxLength: 50 }),
        deathDate: date('死亡日期'),
        relation: choice('申报人与逝者关系', ['配偶', '子女', '父母', '其他亲属']),
      }),
      result: documentResult('户口注销证明'),
      faqs: [
        {
          question: '在医院去世的需要自己去派出所销户吗？',
          answer:
            '不需要。医疗机构开具的死亡医学证明信息共享后，家属网上确认即可注销户口，无需到场。',
        },
      ],
      lifeEvents: ['身后'],
    },
    at: { '410100': {}, '410300': ON_SITE },
  }),
  defineItem({
    itemType: 'publicService',
    sector: 'publicSecurity',
    main: 1,
    sub: 2,
    name: '居民身份证换领',
    legalBasis: '《中华人民共和国居民身份证法》第五条、第十条、第十一条',
    levels: ['county', 'township'],
    applicantKinds: ['person'],
    handlingCase: 'renewal',
    keywords: ['身份证', '换身份证', '身份证到期', '异地办身份证'],
    guide: {
      limits: [60, 20],
      conditions: '居民身份证有效期满、公民姓名变更或者证件严重损坏不能辨认的。',
      materials: [
        HOUSEHOLD_REGISTER,
        upload('oldIdCard', '原居民身份证', { form: 'original', note: '现场交回' }),
      ],
      fees: [
        {
          name: '居民身份证工本费',
          amountFen: 2000,
          legalBasis:
            '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）',
          collectAt: 'beforeAcceptance',
        },
      ],
      visits: 1,
      depth: 2,
      channels: ['online', 'window', 'mail'],
      form: form({
        reason: choice('换领原因', ['有效期满', '证件损坏', '姓名等登记项目变更']),
        delivery: choice('领取方式', ['窗口领取', '邮寄送达'], { radio: true }),
        mailingAddress: text('邮寄地址', { optional: true, maxLength: 200 }),
      }),
      stepNames: ['受理', '审核', '制证', '发证'],
      result: certificateResult('居民身份证'),
      scope: 'crossProvince',
      faqs: [
        {
          question: '可以在户籍地以外换领身份证吗？',
          answer:
            '可以。居民身份证换领、补领已实现全国异地受理，在居住地任一户籍窗口现场采集人像和指纹后办理。',
        },
        {
          question: '身份证有效期满前多久可以换领？',
          answer: '一般在有效期满前三个月内申请换领。',
        },
      ],
      lifeEvents: ['出行'],
    },
    at: {
      '410100': { limits: [60, 15] },
      '410300': {},
      '410105': { limits: [60, 15] },
      '419001': {},
    },
  }),
  defineItem({
    itemType: 'otherPower',
    sector: 'publicSecurity',
    main: 1,
    name: '公章刻制备案',
    legalBasis: '《印铸刻字业暂行管理规则》；国务院关于公章刻制审批改为备案管理的有关规定',
    levels: ['city', 'county'],
    applicantKinds: ['enterprise'],
    keywords: ['刻章', '公章', '印章', '刻公章', '企业开办'],
    guide: {
      limits: [0, 0],
      conditions:
        '已取得营业执照的企业，首次刻制或者增刻、换刻印章的；新开办企业首套印章由政府购买服务免费刻制。',
      materials: [BUSINESS_LICENCE, ID_CARD],
      visits: 0,
      form: form({
        enterpriseName: ENTERPRISE_FIELDS.enterpriseName,
        legalRepresentativeName: ENTERPRISE_FIELDS.legalRepresentativeName,
        sealKinds: options('刻制印章种类', [
          '单位公章',
          '财务专用章',
          '发票专用章',
          '合同专用章',
          '法定代表人名章',
        ]),
        sealMaker: text('刻章企业（自主选择）', { optional: true, maxLength: 100 }),
      }),
      result: documentResult('印章刻制备案回执'),
      faqs: [
        {
          question: '新开办企业刻章收费吗？',
          answer:
            '河南省新开办企业首套印章（公章、财务专用章、发票专用章、合同专用章、法定代表人名章）免费刻制，可选择免费邮寄。',
        },
      ],
      lifeEvents: ['开办企业'],
    },
    at: { '410100': {}, '410300': ON_SITE, '410105': {} },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'publicSecurity',
    main: 1,
    sub: 2,
    name: '机动车驾驶证有效期满换证',
    legalBasis:
      '《中华人民共和国道路交通安全法》第十九条；《机动车驾驶证申领和使用规定》（公安部令第162号）',
    levels: ['city'],
    applicantKinds: ['person'],
    handlingCase: 'renewal',
    keywords: ['驾照', '驾驶证', '换驾照', '驾照到期'],
    guide: {
      limits: [0, 0],
      conditions: '机动车驾驶证有效期满前九十日内申请换证，身体条件符合申领机动车驾驶证的要求。',
      materials: [
        fromCertificate('driverLicence', '机动车驾驶证', '机动车驾驶证'),
        fromSharedData('medicalCertificate', '机动车驾驶人身体条件证明', '驾驶人体检信息', {
          note: '在联网医疗机构体检后自动上传',
        }),
      ],
      fees: [
        {
          name: '机动车驾驶证工本费',
          amountFen: 1000,
          legalBasis: '国家发展改革委、财政部规定的机动车驾驶证工本费收费标准',
          collectAt: 'beforeIssuing',
        },
      ],
      visits: 0,
      channels: ['online', 'mobile', 'window', 'selfService', 'mail'],
      form: form({
        deliveryAddress: text('驾驶证邮寄地址', { maxLength: 200 }),
      }),
      stepNames: ['受理', '审核', '制证'],
      result: certificateResult('机动车驾驶证'),
      scope: 'crossProvince',
      faqs: [
        {
          question: '可以在“交管12123”上办理期满换证吗？',
          answer:
            '可以。通过“交管12123”App提交申请，体检信息联网核验后，新驾驶证免费邮寄到家，全程不用跑腿。',
        },
      ],
      lifeEvents: ['出行'],
    },
    at: { '410100': {}, '410300': {} },
  }),
];

export const HUMAN_RESOURCES_ITEMS: ItemSpec[] = [
  defineItem({
    itemType: 'publicService',
    sector: 'humanResources',
    main: 1,
    name: '社会保险登记（单位参保登记）',
    legalBasis: '《中华人民共和国社会保险法》第五十七条；《社会保险费征缴暂行条例》第七条、第八条',
    levels: ['province', 'city', 'county'],
    applicantKinds: ['enterprise'],
    handlingCase: 'new',
    keywords: ['社保', '社保开户', '单位参保', '社会保险登记', '企业开办'],
    guide: {
      limits: [15, 0],
      conditions: '用人单位自成立之日起三十日内办理；企业开办时与设立登记同步办理。',
      materials: [
        BUSINESS_LICENCE,
        fromSharedData('enterpriseRegistration', '市场主体登记信息', '法人基础信息'),
        ID_CARD,
      ],
      visits: 0,
      form: form({
        enterpriseName: ENTERPRISE_FIELDS.enterpriseName,
        registeredAddress: ENTERPRISE_FIELDS.registeredAddress,
        legalRepresentativeName: ENTERPRISE_FIELDS.legalRepresentativeName,
        employees: count('参保职工人数'),
        insuranceKinds: options('参保险种', ['企业职工基本养老保险', '失业保险', '工伤保险']),
      }),
      result: documentResult('社会保险登记信息（单位参保证明）'),
      faqs: [
        {
          question: '企业开办时必须同时办理社保登记吗？',
          answer: '企业通过“企业开办一件事”申报时勾选社保登记即可同步完成，无需另行申请。',
        },
      ],
      lifeEvents: ['开办企业', '用工'],
    },
    at: { '410000': {}, '410100': {}, '410300': {} },
  }),
  defineItem({
    itemType: 'publicService',
    sector: 'humanResources',
    main: 2,
    sub: 1,
    name: '社会保障卡申领',
    legalBasis:
      '《中华人民共和国社会保险法》第五十八条；人力资源社会保障部关于社会保障卡发行管理的有关规定',
    levels: ['city', 'county'],
    applicantKinds: ['person'],
    handlingCase: 'new',
    keywords: ['社保卡', '社保', '办社保卡', '第三代社保卡'],
    guide: {
      limits: [15, 5],
      conditions: '已参加社会保险或者持有有效居民身份证、尚未持有社会保障卡的人员。',
      materials: [
        ID_CARD,
        photo('photo', '本人近期证件照片', '白底彩色证件照，JPEG 格式', {
          when: '人口信息库中无可用照片的',
        }),
      ],
      visits: 0,
      form: form(CARD_FORM),
      result: certificateResult('社会保障卡'),
      scope: 'crossProvince',
      faqs: [
        {
          question: '外省户籍可以在河南申领社保卡吗？',
          answer: '可以。社会保障卡申领已实现跨省通办，在河南参保的外省户籍人员可直接申领。',
        },
        CARD_FAQ,
      ],
      lifeEvents: ['社保', '就医'],
    },
    at: { '410100': { limits: [15, 3] }, '410300': ON_SITE, '410105': { limits: [15, 3] } },
  }),
  defineItem({
    itemType: 'publicService',
    sector: 'humanResources',
    main: 2,
    sub: 2,
    name: '社会保障卡申领（新生儿）',
    legalBasis:
      '《中华人民共和国社会保险法》第五十八条；人力资源社会保障部关于社会保障卡发行管理的有关规定',
    levels: ['city', 'county'],
    applicantKinds: ['person'],
    handlingCase: 'new',
    keywords: ['社保卡', '社保', '新生儿', '出生'],
    guide: newbornCard,
    at: { '410100': { limits: [15, 3] }, '410300': {} },
  }),
  defineItem({
    itemType: 'publicService',
    sector: 'humanResources',
    main: 2,
    sub: 3,
    name: '社会保障卡补领、换领',
    legalBasis:
      '《中华人民共和国社会保险法》第五十八条；人力资源社会保障部关于社会保障卡发行管理的有关规定',
    levels: ['city', 'county'],
    applicantKinds: ['person'],
    handlingCase: 'change',
    keywords: ['社保卡', '社保卡丢了', '补卡', '换卡', '社保'],
    guide: {
      limits: [15, 0],
      conditions: '社会保障卡遗失、损坏或者需要换发新版卡的持卡人，已办理挂失的可即时补卡。',
      materials: [ID_CARD],
      visits: 1,
      form: form({
        reason: choice('补换原因', ['遗失', '损坏', '换发第三代社保卡'], { radio: true }),
        bank: CARD_FORM.bank,
      }),
      stepNames: ['受理', '即时制卡'],
      result: certificateResult('社会保障卡'),
      scope: 'crossProvince',
      faqs: [
        {
          question: '补卡需要多长时间？',
          answer: '在具备即时制卡条件的窗口或银行网点，挂失后现场补卡，立等可取。',
        },
        CARD_FAQ,
      ],
      lifeEvents: ['社保'],
    },
    at: { '410100': {}, '410300': {} },
  }),
  defineItem({
    itemType: 'benefit',
    sector: 'humanResources',
    main: 1,
    name: '失业保险金申领',
    legalBasis:
      '《中华人民共和国社会保险法》第四十五条、第五十条；《失业保险条例》第十四条、第十六条',
    levels: ['city', 'county'],
    applicantKinds: ['person'],
    keywords: ['失业金', '失业保险', '领失业金', '社保'],
    guide: {
      limits: [10, 5],
      conditions:
        '失业前用人单位和本人已经缴纳失业保险费满一年；非因本人意愿中断就业；已经进行失业登记，并有求职要求。',
      materials: [
        ID_CARD,
        fromSharedData('terminationProof', '终止或者解除劳动关系证明', '劳动用工备案信息', {
          note: '用人单位已网上备案的免提交',
        }),
        SOCIAL_SECURITY_CARD,
      ],
      visits: 0,
      form: form({
        lastEmployer: text('原工作单位', { maxLength: 100 }),
        separationDate: date('离职日期'),
        separationReason: choice('离职原因', [
          '劳动合同期满终止',
          '用人单位解除劳动合同',
          '用人单位破产、关闭',
          '其他非本人意愿中断就业',
        ]),
      }),
      result: documentResult('失业保险待遇核定结果'),
      scope: 'crossProvince',
      faqs: [
        {
          question: '失业保险金能领多久？',
          answer:
            '累计缴费满1年不足5年的，最长12个月；满5年不足10年的，最长18个月；10年以上的，最长24个月。',
        },
        {
          question: '领取失业保险金期间还能参加医保吗？',
          answer: '可以。领取失业保险金期间的职工基本医疗保险费从失业保险基金中支付，个人不缴纳。',
        },
      ],
      lifeEvents: ['就业', '社保'],
    },
    at: { '410100': { limits: [10, 3] }, '410300': ON_SITE },
  }),
  defineItem({
    itemType: 'publicService',
    sector: 'humanResources',
    main: 3,
    name: '就业登记',
    legalBasis:
      '《中华人民共和国就业促进法》；《就业服务与就业管理规定》（劳动和社会保障部令第28号）第六十二条',
    levels: ['city', 'county'],
    applicantKinds: ['enterprise', 'person'],
    keywords: ['就业登记', '就业创业证', '招工备案', '用工'],
    guide: {
      limits: [0, 0],
      conditions: '用人单位招用人员后，或者劳动者从事个体经营、灵活就业的，办理就业登记。',
      materials: [
        fromSharedData('employeeIdentity', '劳动者身份信息', '人口基础信息'),
        upload('labourContract', '劳动合同', { form: 'electronic', when: '用人单位招用人员的' }),
      ],
      visits: 0,
      form: form({
        employeeName: text('劳动者姓名', { maxLength: 50 }),
        employerName: text('用人单位名称', { maxLength: 100, optional: true }),
        hireDate: date('就业日期'),
        contractTerm: choice('劳动合同期限类型', [
          '固定期限',
          '无固定期限',
          '以完成一定工作任务为期限',
          '灵活就业',
        ]),
      }),
      result: certificateResult('就业创业证'),
      faqs: [
        {
          question: '就业创业证有什么用？',
          answer:
            '就业创业证记载劳动者的就业、失业状况，是享受就业创业扶持政策的凭证，电子证可在“豫事办”亮证使用。',
        },
      ],
      lifeEvents: ['就业', '用工'],
    },
    at: { '410100': {}, '410300': {} },
  }),
  defineItem({
    itemType: 'publicService',
    sector: 'humanResources',
    main: 4,
    name: '企业职工基本养老保险关系转移接续',
    legalBasis:
      '《中华人民共和国社会保险法》第十九条；《国务院办公厅关于转发人力资源社会保障部 财政部城镇企业职工基本养老保险关系转移接续暂行办法的通知》（国办发〔2009〕66号）',
    levels: ['province', 'city', 'county'],
    applicantKinds: ['person'],
    keywords: ['社保转移', '养老保险转移', '转社保', '社保'],
    guide: {
      limits: [30, 15],
      conditions: '参加企业职工基本养老保险的人员跨省、跨统筹地区流动就业，已在新就业地参保的。',
      materials: [ID_CARD, INSURANCE_RECORDS],
      visits: 0,
      form: form({
        transferFrom: text('转出地社会保险经办机构', { maxLength: 100 }),
        transferFromRegion: text('转出地（省、市）', { maxLength: 50 }),
      }),
      stepNames: ['受理', '审核', '发联系函', '接续确认'],
      result: documentResult('基本养老保险关系转移接续联系函'),
      scope: 'crossProvince',
      faqs: [
        {
          question: '转移养老保险需要回原参保地吗？',
          answer:
            '不需要。在新参保地或通过国家社会保险公共服务平台申请，转出、转入两地经办机构线上办理。',
        },
      ],
      lifeEvents: ['就业', '社保'],
    },
    at: { '410000': {}, '410100': { limits: [30, 10] }, '410300': {} },
  }),
  defineItem({
    itemType: 'benefit',
    sector: 'humanResources',
    main: 2,
    name: '企业职工基本养老保险待遇申领',
    legalBasis:
      '《中华人民共和国社会保险法》第十六条；《国务院关于建立统一的企业职工基本养老保险制度的决定》（国发〔1997〕26号）',
    levels: ['city', 'county'],
    applicantKinds: ['person'],
    keywords: ['退休', '养老金', '办退休', '社保'],
    guide: {
      limits: [20, 10],
      conditions: '达到法定退休年龄，累计缴纳基本养老保险费满最低缴费年限的参保人员。',
      materials: [
        ID_CARD,
        INSURANCE_RECORDS,
        SOCIAL_SECURITY_CARD,
        upload('personnelFile', '本人档案（出生时间、参加工作时间等认定材料）', {
          when: '需要核定视同缴费年限或者出生时间需认定的',
          form: 'original',
        }),
      ],
      visits: 0,
      form: form({
        retirementKind: choice('退休类型', ['正常退休', '弹性提前退休', '特殊工种提前退休']),
        retirementDate: date('申请退休日期'),
      }),
      stepNames: ['受理', '审核', '待遇核定', '发放'],
      result: documentResult('基本养老金核定表'),
      faqs: [
        {
          question: '办理退休需要本人去社保窗口吗？',
          answer:
            '不需要。符合条件的人员可在河南社保App或“豫事办”全程网办，档案需审核的由单位代为报送。',
        },
      ],
      lifeEvents: ['退休', '社保'],
    },
    at: { '410100': { limits: [20, 7] }, '410300': ON_SITE },
  }),
];
