import {
  ON_SITE,
  BUSINESS_LICENCE,
  HOUSEHOLD_REGISTER,
  ID_CARD,
  amount,
  certificateResult,
  choice,
  date,
  defineItem,
  documentResult,
  form,
  fromCertificate,
  fromSharedData,
  longText,
  text,
  upload,
  type ItemSpec,
} from './demo-catalogue-builders.js';
import { ENTERPRISE_FIELDS, NEWBORN_FIELDS, count, year } from './demo-catalogue-fields.js';

// 民政, 卫生健康 and 医疗保障: marriage, birth, care and medical insurance.

const MARRIAGE_BASIS = '《婚姻登记条例》（2025年修订）';
const BIRTH_CERTIFICATE = fromCertificate('birthCertificate', '出生医学证明', '出生医学证明');
const ID_CARDS = fromCertificate('idCards', '双方居民身份证', '居民身份证', {
  note: '现场核验本人及证件原件',
});
const SOCIAL_SECURITY_CARD = fromCertificate(
  'socialSecurityCard',
  '社会保障卡（已激活金融账户）',
  '社会保障卡',
);
const PARTNER = {
  partnerName: text('对方姓名', { maxLength: 50 }),
  partnerIdNumber: text('对方公民身份号码', { pattern: '^[0-9]{17}[0-9X]$', maxLength: 18 }),
  appointmentDate: date('预约登记日期'),
};
const MEDICAL_PRACTITIONER_BASIS =
  '《中华人民共和国医师法》第十三条、第十四条；《医师执业注册管理办法》（国家卫生和计划生育委员会令第13号）';

export const CIVIL_AFFAIRS_ITEMS: ItemSpec[] = [
  defineItem({
    itemType: 'confirmation',
    sector: 'civilAffairs',
    main: 1,
    sub: 1,
    name: '内地居民结婚登记',
    legalBasis: `《中华人民共和国民法典》第一千零四十九条；${MARRIAGE_BASIS}第四条、第五条、第七条`,
    levels: ['city', 'county'],
    applicantKinds: ['person'],
    handlingCase: 'new',
    keywords: ['结婚', '领证', '结婚证', '婚姻登记'],
    guide: {
      limits: [0, 0],
      conditions:
        '男女双方完全自愿，达到法定婚龄（男不得早于二十二周岁，女不得早于二十周岁），双方均无配偶，' +
        '且没有直系血亲和三代以内旁系血亲关系，双方亲自到婚姻登记机关申请。',
      materials: [
        ID_CARDS,
        upload(
          'statement',
          '本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明',
          {
            form: 'original',
            copies: 2,
            note: '在婚姻登记机关现场签署',
          },
        ),
        upload('photos', '双方近期半身免冠合影照片', { form: 'original', copies: 3, note: '2寸' }),
      ],
      visits: 1,
      depth: 2,
      form: form(PARTNER),
      stepNames: ['受理', '审查', '登记颁证'],
      result: certificateResult('结婚证'),
      scope: 'crossProvince',
      faqs: [
        {
          question: '结婚登记还需要户口簿吗？',
          answer:
            '不需要。2025年5月10日起施行的修订后《婚姻登记条例》取消了户口簿要求，' +
            '双方凭本人有效居民身份证即可在全国任一婚姻登记机关办理。',
        },
        {
          question: '可以网上预约吗？',
          answer: '可以通过“豫事办”或河南政务服务网预约登记日期和时段，到场时间缩短到15分钟左右。',
        },
      ],
      lifeEvents: ['婚育'],
    },
    at: {
      '410100': {},
      '410300': {},
      '410105': {},
      '410311': {},
      '419001': {},
    },
  }),
  defineItem({
    itemType: 'confirmation',
    sector: 'civilAffairs',
    main: 1,
    sub: 2,
    name: '内地居民离婚登记',
    legalBasis: `《中华人民共和国民法典》第一千零七十六条、第一千零七十七条；${MARRIAGE_BASIS}第十条至第十三条`,
    levels: ['city', 'county'],
    applicantKinds: ['person'],
    keywords: ['离婚', '离婚登记', '离婚冷静期', '离婚证'],
    guide: {
      limits: [0, 0],
      conditions:
        '夫妻双方自愿离婚，对子女抚养、财产以及债务处理等事项协商一致，签订书面离婚协议，' +
        '双方亲自到婚姻登记机关申请；申请后30日离婚冷静期届满后30日内，双方再次亲自到场申请发给离婚证。',
      materials: [
        ID_CARDS,
        fromCertificate('marriageCertificates', '双方结婚证', '结婚证'),
        upload('divorceAgreement', '离婚协议书', { form: 'original', copies: 3 }),
        upload('photos', '双方近期半身免冠单人照片', {
          form: 'original',
          copies: 4,
          note: '每人2张，2寸',
        }),
      ],
      visits: 2,
      depth: 2,
      form: form(PARTNER),
      stepNames: ['受理', '审查', '登记发证'],
      result: certificateResult('离婚证'),
      scope: 'crossProvince',
      faqs: [
        {
          question: '什么是离婚冷静期？',
          answer:
            '依照《中华人民共和国民法典》第一千零七十七条，自婚姻登记机关收到离婚登记申请之日起三十日内，' +
            '任何一方不愿意离婚的，可以撤回申请；期满后三十日内双方未共同到场申请发给离婚证的，视为撤回申请。',
        },
      ],
      lifeEvents: ['婚育'],
    },
    at: { '410100': {}, '410300': {}, '410105': {} },
  }),
  defineItem({
    itemType: 'benefit',
    sector: 'civilAffairs',
    main: 1,
    name: '最低生活保障审核确认',
    legalBasis:
      '《社会救助暂行办法》（国务院令第649号）第九条至第十三条；《最低生活保障审核确认办法》（民发〔2021〕57号）',
    levels: ['county', 'township'],
    applicantKinds: ['person'],
    keywords: ['低保', '最低生活保障', '社会救助', '困难救助'],
    guide: {
      limits: [30, 20],
      conditions:
        '共同生活的家庭成员人均收入低于当地最低生活保障标准，且财产状况符合当地规定的，以家庭为单位向户籍所在地乡镇人民政府（街道办事处）提出申请。',
      materials: [
        ID_CARD,
        HOUSEHOLD_REGISTER,
        upload('incomeStatement', '家庭收入和财产状况书面声明', { form: 'original' }),
        upload('checkAuthorisation', '家庭经济状况核对授权书', { form: 'original' }),
        upload('disabilityProof', '残疾人证或者重病诊断证明', {
          when: '家庭成员有残疾或者患重病的',
          form: 'copy',
        }),
      ],
      visits: 1,
      form: form({
        familySize: count('共同生活家庭成员人数', 20),
        monthlyIncome: amount('家庭月总收入（元）', { minimum: 0 }),
        reason: longText('申请理由', { maxLength: 1000 }),
      }),
      stepNames: ['受理', '家庭经济状况调查', '审核确认', '公示送达'],
      pending: true,
      result: documentResult('最低生活保障审核确认决定书'),
      faqs: [
        {
          question: '低保申请需要公示吗？',
          answer: '需要。审核确认前在申请家庭所在村（社区）公示7天，公示无异议的予以确认。',
        },
      ],
      lifeEvents: ['社保'],
    },
    at: { '410105': { limits: [30, 15] }, '410311': {}, '419001': {} },
  }),
  defineItem({
    itemType: 'benefit',
    sector: 'civilAffairs',
    main: 2,
    name: '基本殡葬服务费用减免',
    legalBasis: '《殡葬管理条例》（国务院令第225号）；国家和本省关于推行惠民殡葬政策的有关规定',
    levels: ['city', 'county'],
    applicantKinds: ['person'],
    keywords: ['殡葬', '身后事', '丧葬', '火化', '惠民殡葬'],
    guide: {
      limits: [0, 0],
      conditions:
        '户籍或者常住地在本市的逝者，在本市殡仪馆火化的，其遗体接运、暂存、火化和骨灰寄存等基本殡葬服务费用予以减免。',
      materials: [
        fromSharedData('deathInfo', '居民死亡医学证明（推断）书', '死亡医学证明信息'),
        fromSharedData('deceasedIdentity', '逝者户籍信息', '人口基础信息'),
        ID_CARD,
      ],
      visits: 1,
      depth: 2,
      form: form({
        deceasedName: text('逝者姓名', { maxLength: 50 }),
        funeralHome: text('殡仪馆', { maxLength: 100 }),
        cremationDate: date('火化日期'),
      }),
      result: documentResult('基本殡葬服务费用减免结算单'),
      faqs: [
        {
          question: '减免的费用需要先垫付再报销吗？',
          answer: '不需要。在殡仪馆结算时直接减免，家属只支付减免范围以外的选择性服务费用。',
        },
      ],
      lifeEvents: ['身后'],
    },
    at: { '410100': {}, '410300': {} },
  }),
  defineItem({
    itemType: 'benefit',
    sector: 'civilAffairs',
    main: 3,
    name: '高龄津贴申领',
    legalBasis: '《中华人民共和国老年人权益保障法》第三十三条；本省高龄津贴制度的有关规定',
    levels: ['county', 'township'],
    applicantKinds: ['person'],
    keywords: ['高龄津贴', '老年补贴', '80岁补贴', '养老'],
    guide: {
      limits: [20, 10],
      conditions: '具有本地户籍、年满80周岁的老年人，由本人或者其亲属申请。',
      materials: [ID_CARD, HOUSEHOLD_REGISTER, SOCIAL_SECURITY_CARD],
      visits: 0,
      form: form({
        elderName: text('老年人姓名', { maxLength: 50 }),
        elderBirthDate: date('老年人出生日期'),
        relation: choice('申请人与老年人关系', ['本人', '配偶', '子女', '其他亲属']),
      }),
      result: documentResult('高龄津贴发放确认'),
      faqs: [
        {
          question: '高龄津贴从什么时候开始发放？',
          answer: '审核确认后自老年人年满80周岁的次月起按月发放到本人社会保障卡金融账户。',
        },
      ],
      lifeEvents: ['退休'],
    },
    at: { '410105': { limits: [20, 5] }, '410311': ON_SITE, '419001': ON_SITE },
  }),
];

export const HEALTH_ITEMS: ItemSpec[] = [
  defineItem({
    itemType: 'confirmation',
    sector: 'health',
    main: 1,
    sub: 1,
    name: '出生医学证明签发',
    legalBasis: '《中华人民共和国母婴保健法》第二十三条；《中华人民共和国母婴保健法实施办法》',
    levels: ['city', 'county'],
    applicantKinds: ['person'],
    handlingCase: 'new',
    keywords: ['出生证', '出生证明', '出生医学证明', '新生儿', '出生'],
    guide: {
      limits: [0, 0],
      conditions:
        '在依法取得助产技术服务资质的医疗机构内出生的新生儿，由父母或者其他监护人申请签发。',
      materials: [
        fromSharedData('deliveryRecord', '新生儿分娩记录', '医疗机构分娩信息'),
        fromSharedData('parentsIdCards', '父母双方居民身份证', '人口基础信息'),
      ],
      visits: 0,
      form: form({
        ...NEWBORN_FIELDS,
        birthHospital: text('分娩医疗机构', { maxLength: 100 }),
      }),
      stepNames: ['受理', '核验', '签发'],
      result: certificateResult('出生医学证明'),
      faqs: [
        {
          question: '新生儿还没起名字可以先办出生医学证明吗？',
          answer:
            '建议确定姓名后再申请。出生医学证明签发后新生儿姓名不能随意更改，确需变更的应当办理变更手续。',
        },
        {
          question: '电子出生医学证明可以用来落户吗？',
          answer:
            '可以。电子出生医学证明与纸质证明具有同等效力，办理出生登记时由公安机关直接核验。',
        },
      ],
      lifeEvents: ['出生'],
    },
    at: { '410100': {}, '410300': ON_SITE, '410105': {} },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'health',
    main: 1,
    sub: 1,
    name: '医师执业注册',
    legalBasis: MEDICAL_PRACTITIONER_BASIS,
    levels: ['province', 'city', 'county'],
    applicantKinds: ['person'],
    handlingCase: 'new',
    keywords: ['医师注册', '执业医师', '医师执业证书', '多机构执业'],
    guide: {
      limits: [20, 5],
      conditions:
        '已取得医师资格，拟在医疗卫生机构中执业，身体状况能够胜任医师执业工作，且不具有法定不予注册情形。',
      materials: [
        ID_CARD,
        fromSharedData('qualification', '医师资格证书', '医师资格信息'),
        upload('healthCertificate', '近6个月内县级以上医疗机构出具的健康体检证明', {
          form: 'electronic',
        }),
        upload('employmentProof', '拟执业医疗卫生机构的聘用证明', { form: 'electronic' }),
      ],
      visits: 0,
      form: form({
        institution: text('拟执业机构', { maxLength: 100 }),
        category: choice('执业类别', ['临床', '中医', '口腔', '公共卫生']),
        scope: text('执业范围', { maxLength: 100, placeholder: '如：内科专业' }),
      }),
      result: certificateResult('医师执业证书'),
      faqs: [
        {
          question: '医师电子化注册多久能办完？',
          answer: '材料齐全的，郑州市3个工作日、其他地方5个工作日内完成注册，电子证照同步生成。',
        },
      ],
      lifeEvents: ['就业'],
    },
    at: { '410000': {}, '410100': { limits: [20, 3] }, '410300': ON_SITE },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'health',
    main: 1,
    sub: 2,
    name: '医师执业注册（变更）',
    legalBasis: `${MEDICAL_PRACTITIONER_BASIS}；《中华人民共和国医师法》第十七条`,
    levels: ['province', 'city', 'county'],
    applicantKinds: ['person'],
    handlingCase: 'change',
    keywords: ['医师变更', '变更执业地点', '医师执业证书'],
    guide: {
      limits: [20, 3],
      conditions: '已注册的医师变更执业地点、执业类别、执业范围等注册事项的。',
      materials: [
        fromCertificate('practitionerCertificate', '医师执业证书', '医师执业证书'),
        upload('employmentProof', '拟执业医疗卫生机构的聘用证明', { form: 'electronic' }),
      ],
      visits: 0,
      form: form({
        institution: text('变更后执业机构', { maxLength: 100 }),
        changeItems: choice('变更事项', ['执业地点', '执业类别', '执业范围']),
      }),
      result: certificateResult('医师执业证书'),
      faqs: [
        {
          question: '跨市变更执业地点需要先注销原注册吗？',
          answer: '不需要。向拟执业地注册主管部门申请变更即可，原注册信息由系统自动变更。',
        },
      ],
      lifeEvents: ['就业'],
    },
    at: { '410100': { limits: [20, 1] }, '410300': {} },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'health',
    main: 2,
    sub: 1,
    name: '护士执业注册',
    legalBasis: '《护士条例》（国务院令第517号）第七条、第八条；《护士执业注册管理办法》',
    levels: ['province', 'city', 'county'],
    applicantKinds: ['person'],
    handlingCase: 'new',
    keywords: ['护士注册', '护士执业证书', '护士'],
    guide: {
      limits: [20, 5],
      conditions:
        '具有完全民事行为能力，取得规定的护理学历，通过国务院卫生主管部门组织的护士执业资格考试，符合健康标准。',
      materials: [
        ID_CARD,
        fromSharedData('diploma', '学历证书', '学历学位信息'),
        fromSharedData('examResult', '护士执业资格考试成绩合格证明', '护士执业资格考试信息'),
        upload('healthCertificate', '近6个月内二级以上医院出具的健康体检证明', {
          form: 'electronic',
        }),
        upload('employmentProof', '医疗卫生机构拟聘用的相关材料', { form: 'electronic' }),
      ],
      visits: 0,
      form: form({ institution: text('拟执业机构', { maxLength: 100 }) }),
      result: certificateResult('护士执业证书'),
      faqs: [
        {
          question: '护士执业注册有效期多久？',
          answer: '护士执业注册有效期为5年，届满需继续执业的应当在届满前30日申请延续。',
        },
      ],
      lifeEvents: ['就业'],
    },
    at: { '410100': { limits: [20, 3] }, '410300': ON_SITE },
  }),
  defineItem({
    itemType: 'publicService',
    sector: 'health',
    main: 1,
    name: '生育登记服务',
    legalBasis: '《中华人民共和国人口与计划生育法》；《河南省人口与计划生育条例》',
    levels: ['county', 'township'],
    applicantKinds: ['person'],
    keywords: ['生育登记', '准生证', '怀孕', '生育服务证'],
    guide: {
      limits: [0, 0],
      conditions: '生育子女的夫妻，在孕前或者孕期、分娩后进行生育登记。',
      materials: [ID_CARD, fromSharedData('marriageInfo', '夫妻双方婚姻状况信息', '婚姻登记信息')],
      visits: 0,
      form: form({
        spouseName: text('配偶姓名', { maxLength: 50 }),
        childOrder: choice('生育孩次', ['一孩', '二孩', '三孩及以上']),
        expectedDate: date('预产期', { optional: true }),
      }),
      result: documentResult('生育登记服务单'),
      scope: 'crossRegion',
      faqs: [
        {
          question: '生育登记可以在居住地办理吗？',
          answer: '可以。夫妻任一方户籍地或者现居住地均可办理，通过“豫事办”全程网办。',
        },
      ],
      lifeEvents: ['婚育'],
    },
    at: { '410100': {}, '410300': {} },
  }),
];

export const MEDICAL_INSURANCE_ITEMS: ItemSpec[] = [
  defineItem({
    itemType: 'publicService',
    sector: 'medicalInsurance',
    main: 1,
    sub: 1,
    name: '城乡居民基本医疗保险参保登记',
    legalBasis:
      '《中华人民共和国社会保险法》第二十五条；《国务院关于整合城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）',
    levels: ['city', 'county', 'township'],
    applicantKinds: ['person'],
    handlingCase: 'new',
    keywords: ['居民医保', '医保', '参保', '新农合', '社保'],
    guide: {
      limits: [0, 0],
      conditions: '未参加职工基本医疗保险的本地户籍居民或者持有本地居住证的常住人口。',
      materials: [ID_CARD, fromSharedData('residenceInfo', '户籍或者居住证信息', '人口基础信息')],
      visits: 0,
      form: form({
        category: choice('参保人员类别', [
          '成年居民',
          '中小学生和婴幼儿',
          '大学生',
          '特殊困难群体',
        ]),
        paymentYear: year('参保缴费年度'),
      }),
      result: documentResult('城乡居民基本医疗保险参保登记结果'),
      scope: 'crossRegion',
      faqs: [
        {
          question: '居民医保集中缴费期是什么时候？',
          answer: '每年9月至12月为下一年度集中缴费期，缴费后次年1月1日起享受待遇。',
        },
      ],
      lifeEvents: ['就医', '社保'],
    },
    at: { '410100': {}, '410300': {}, '410105': {}, '410311': ON_SITE },
  }),
  defineItem({
    itemType: 'publicService',
    sector: 'medicalInsurance',
    main: 1,
    sub: 2,
    name: '城乡居民基本医疗保险参保登记（新生儿）',
    legalBasis:
      '《中华人民共和国社会保险法》第二十五条；《国务院关于整合城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）',
    levels: ['city', 'county', 'township'],
    applicantKinds: ['person'],
    handlingCase: 'new',
    keywords: ['新生儿参保', '医保', '出生', '社保'],
    guide: {
      limits: [0, 0],
      conditions: '新生儿由父母或者其他监护人凭出生医学证明办理参保登记，不受集中缴费期限制。',
      materials: [BIRTH_CERTIFICATE, ID_CARD],
      visits: 0,
      form: form({ ...NEWBORN_FIELDS, paymentYear: year('参保缴费年度') }),
      result: documentResult('城乡居民基本医疗保险参保登记结果'),
      faqs: [
        {
          question: '新生儿出生后多久参保可以报销出生以来的医疗费用？',
          answer: '新生儿在出生后90天内参保缴费的，自出生之日起享受居民医保待遇。',
        },
      ],
      lifeEvents: ['出生', '就医'],
    },
    at: { '410100': {}, '410300': {} },
  }),
  defineItem({
    itemType: 'publicService',
    sector: 'medicalInsurance',
    main: 2,
    name: '职工基本医疗保险参保登记（单位）',
    legalBasis: '《中华人民共和国社会保险法》第二十三条、第五十七条',
    levels: ['province', 'city', 'county'],
    applicantKinds: ['enterprise'],
    handlingCase: 'new',
    keywords: ['职工医保', '单位参保', '医保', '社保'],
    guide: {
      limits: [15, 0],
      conditions: '用人单位自成立之日起三十日内为职工办理职工基本医疗保险参保登记。',
      materials: [
        BUSINESS_LICENCE,
        fromSharedData('enterpriseRegistration', '市场主体登记信息', '法人基础信息'),
      ],
      visits: 0,
      form: form({
        enterpriseName: ENTERPRISE_FIELDS.enterpriseName,
        employees: count('参保职工人数'),
      }),
      result: documentResult('职工基本医疗保险参保登记结果'),
      faqs: [
        {
          question: '单位参保后职工多久可以享受医保待遇？',
          answer: '按月足额缴费的，自缴费次月起享受职工基本医疗保险待遇。',
        },
      ],
      lifeEvents: ['用工', '开办企业'],
    },
    at: { '410000': {}, '410100': {}, '410300': {} },
  }),
  defineItem({
    itemType: 'publicService',
    sector: 'medicalInsurance',
    main: 3,
    name: '基本医疗保险参保人员异地就医备案',
    legalBasis:
      '《中华人民共和国社会保险法》第二十九条；《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）',
    levels: ['province', 'city', 'county'],
    applicantKinds: ['person'],
    keywords: ['异地就医', '医保备案', '跨省就医', '异地医保'],
    guide: {
      limits: [0, 0],
      conditions: '参加本省基本医疗保险，需要在参保地以外就医并直接结算的人员。',
      materials: [
        ID_CARD,
        fromSharedData('insuredInfo', '医疗保障参保信息', '医疗保障参保信息'),
        upload('residenceCommitment', '异地居住证明或者个人承诺书', {
          when: '以异地长期居住人员身份备案的',
          form: 'electronic',
        }),
      ],
      visits: 0,
      form: form({
        filingCategory: choice('备案人员类别', [
          '异地长期居住人员',
          '常驻异地工作人员',
          '异地转诊就医人员',
          '异地急诊抢救人员',
          '其他临时外出就医人员',
        ]),
        destination: text('就医地（省、市）', { maxLength: 50 }),
        startDate: date('备案开始日期'),
        hospital: text('拟就诊医疗机构', { optional: true, maxLength: 100 }),
      }),
      result: documentResult('异地就医备案回执'),
      scope: 'crossProvince',
      faqs: [
        {
          question: '异地就医备案后多久生效？',
          answer: '通过国家医保服务平台App、“豫事办”等渠道备案的，即时办结、即时生效。',
        },
        {
          question: '没有备案在外地看病能报销吗？',
          answer:
            '临时外出就医人员可以在出院结算前补办备案；未备案的回参保地手工报销时可能按规定降低报销比例。',
        },
      ],
      lifeEvents: ['就医', '出行'],
    },
    at: { '410000': {}, '410100': {}, '410300': {} },
  }),
  defineItem({
    itemType: 'benefit',
    sector: 'medicalInsurance',
    main: 1,
    name: '基本医疗保险零星医疗费用报销',
    legalBasis:
      '《中华人民共和国社会保险法》第二十八条、第二十九条；《医疗保障基金使用监督管理条例》',
    levels: ['city', 'county'],
    applicantKinds: ['person'],
    keywords: ['医保报销', '手工报销', '报销', '医疗费'],
    guide: {
      limits: [30, 20],
      conditions: '参保人员因急诊、未备案异地就医等原因未能直接结算医疗费用的。',
      materials: [
        ID_CARD,
        upload('invoices', '医疗费用发票', { form: 'original' }),
        upload('expenseList', '费用明细清单', { form: 'original' }),
        upload('dischargeSummary', '出院记录或者诊断证明', { when: '住院治疗的', form: 'copy' }),
        SOCIAL_SECURITY_CARD,
      ],
      visits: 1,
      form: form({
        hospital: text('就诊医疗机构', { maxLength: 100 }),
        treatmentKind: choice('就医类型', ['住院', '门诊慢特病', '急诊']),
        totalAmount: amount('医疗费用总额（元）', { minimum: 0 }),
        reason: choice('未直接结算原因', ['急诊抢救', '异地就医未备案', '系统故障', '其他']),
      }),
      stepNames: ['受理', '审核', '复核', '支付'],
      result: documentResult('医疗费用报销结算单'),
      faqs: [
        {
          question: '报销款多久到账？',
          answer:
            '审核通过后打入本人社会保障卡金融账户，郑州市15个工作日、洛阳市20个工作日内到账。',
        },
      ],
      lifeEvents: ['就医'],
    },
    at: { '410100': { limits: [30, 15] }, '410300': {} },
  }),
  defineItem({
    itemType: 'benefit',
    sector: 'medicalInsurance',
    main: 2,
    name: '生育保险待遇核准支付（生育津贴）',
    legalBasis:
      '《中华人民共和国社会保险法》第五十四条、第五十六条；《女职工劳动保护特别规定》（国务院令第619号）第七条、第八条',
    levels: ['city', 'county'],
    applicantKinds: ['person', 'enterprise'],
    keywords: ['生育津贴', '产假工资', '生育保险', '生育报销'],
    guide: {
      limits: [20, 10],
      conditions: '用人单位已为职工缴纳生育保险费，职工按规定享受产假的。',
      materials: [
        ID_CARD,
        BIRTH_CERTIFICATE,
        fromSharedData('deliverySettlement', '分娩住院结算信息', '医疗保障结算信息'),
      ],
      visits: 0,
      form: form({
        deliveryDate: date('分娩日期'),
        deliveryKind: choice('分娩方式', ['顺产', '剖宫产', '难产', '多胞胎生育']),
        employerName: text('参保单位名称', { maxLength: 100 }),
      }),
      result: documentResult('生育津贴核定结果'),
      faqs: [
        {
          question: '生育津贴发给单位还是个人？',
          answer:
            '生育津贴按照职工所在用人单位上年度职工月平均工资计发，一般拨付至用人单位，由单位发放给职工。',
        },
      ],
      lifeEvents: ['婚育'],
    },
    at: { '410100': { limits: [20, 7] }, '410300': ON_SITE },
  }),
];
