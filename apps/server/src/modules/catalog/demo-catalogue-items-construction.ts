import {
  ON_SITE,
  AGENT_AUTHORISATION,
  BUSINESS_LICENCE,
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
  registrationFee,
  text,
  upload,
  type Field,
  type ItemSpec,
} from './demo-catalogue-builders.js';
import { ENTERPRISE_FIELDS } from './demo-catalogue-fields.js';

// 住房城乡建设 and 自然资源: 工程建设 approvals and 不动产登记.

const PROJECT: Record<string, Field> = {
  projectName: text('项目名称', { maxLength: 100 }),
  projectCode: text('投资项目代码', {
    pattern: '^[0-9]{4}-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9]{6}$',
    placeholder: '如：2025-410100-47-01-000123',
  }),
  projectAddress: text('建设地点', { maxLength: 200 }),
};
const PLANNING_PERMIT = fromSharedData(
  'planningPermit',
  '建设工程规划许可证',
  '工程建设项目审批信息',
);
const LAND_TITLE = fromSharedData('landTitle', '国有建设用地使用权证明', '不动产登记信息');

const REGISTRATION_BASIS =
  '《中华人民共和国民法典》第二百零九条、第二百一十条；《不动产登记暂行条例》（国务院令第656号）第三条、第十四条、第二十条；《不动产登记暂行条例实施细则》';
const PROPERTY_CERTIFICATE = fromCertificate('propertyCertificate', '不动产权证书', '不动产权证书');
const PROPERTY: Record<string, Field> = {
  location: text('不动产坐落', { maxLength: 200 }),
  unitNumber: text('不动产单元号', { maxLength: 28, placeholder: '28 位，见不动产权证书' }),
};
const REGISTRATION_CONDITIONS =
  '申请人为不动产权利人或者依法有权申请登记的当事人，不动产界址清楚、面积准确，权属来源合法，且不存在查封等限制登记的情形。';
const REGISTRATION_STEPS = ['受理', '审核', '登簿', '缮证发证'];
const REGISTRATION_FAQ = {
  question: '不动产登记需要多长时间？',
  answer:
    '法定时限为30个工作日。河南省一般登记、抵押登记大幅压缩：郑州市转移登记3个工作日、抵押登记1个工作日，洛阳市分别为5个、2个工作日；查封、注销等登记即时办结。',
};

export const HOUSING_ITEMS: ItemSpec[] = [
  defineItem({
    itemType: 'licence',
    sector: 'housing',
    main: 1,
    name: '建筑工程施工许可证核发',
    legalBasis:
      '《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）',
    levels: ['province', 'city', 'county'],
    applicantKinds: ['enterprise'],
    keywords: ['施工许可', '施工证', '开工', '工程建设'],
    guide: {
      limits: [7, 3],
      conditions:
        '已办理建筑工程用地批准手续；依法应当办理建设工程规划许可证的已经取得；施工场地已经基本具备施工条件；' +
        '已经确定施工企业；有满足施工需要的资金安排、施工图纸及技术资料；有保证工程质量和安全的具体措施。',
      materials: [
        LAND_TITLE,
        PLANNING_PERMIT,
        upload('constructionContract', '施工合同', { form: 'electronic' }),
        fromSharedData('drawingsReview', '施工图设计文件审查信息', '施工图联合审查信息'),
        upload('fundsCommitment', '建设资金已经落实承诺书', { form: 'electronic' }),
        upload('qualitySafetyMeasures', '保证工程质量和安全的具体措施', { form: 'electronic' }),
      ],
      visits: 0,
      form: form({
        ...PROJECT,
        contractPrice: amount('合同价格（万元）', { minimum: 0 }),
        floorArea: amount('建筑面积（平方米）', { minimum: 0 }),
        contractor: text('施工单位', { maxLength: 100 }),
        startDate: date('计划开工日期'),
      }),
      process: 'parallel-approval',
      stepNames: ['受理', '审查', '决定', '制证送达'],
      pending: true,
      result: certificateResult('建筑工程施工许可证'),
      faqs: [
        {
          question: '哪些工程可以不办理施工许可证？',
          answer:
            '工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程，可以不申请办理施工许可证；' +
            '省级住房城乡建设主管部门可以根据当地实际情况调整限额。',
        },
        {
          question: '施工许可证领取后多久必须开工？',
          answer:
            '应当自领取施工许可证之日起三个月内开工；因故不能按期开工的，应当申请延期，延期以两次为限，每次不超过三个月。',
        },
      ],
      lifeEvents: ['工程建设'],
    },
    at: { '410000': {}, '410100': { limits: [7, 2] }, '410300': ON_SITE },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'housing',
    main: 2,
    name: '商品房预售许可',
    legalBasis:
      '《中华人民共和国城市房地产管理法》第四十五条；《城市商品房预售管理办法》（建设部令第131号）第五条至第七条',
    levels: ['city', 'county'],
    applicantKinds: ['enterprise'],
    keywords: ['预售证', '预售许可', '商品房', '楼盘'],
    guide: {
      limits: [10, 5],
      conditions:
        '已交付全部土地使用权出让金，取得土地使用权证书；持有建设工程规划许可证和施工许可证；' +
        '按提供预售的商品房计算，投入开发建设的资金达到工程建设总投资的25%以上，并已经确定施工进度和竣工交付日期。',
      materials: [
        BUSINESS_LICENCE,
        LAND_TITLE,
        PLANNING_PERMIT,
        fromCertificate('constructionPermit', '建筑工程施工许可证', '建筑工程施工许可证'),
        upload('investmentProof', '投入开发建设的资金达到工程建设总投资25%以上的证明', {
          form: 'original',
        }),
        upload('presalePlan', '商品房预售方案', { form: 'electronic' }),
      ],
      visits: 0,
      form: form({
        enterpriseName: ENTERPRISE_FIELDS.enterpriseName,
        ...PROJECT,
        presaleArea: amount('预售面积（平方米）', { minimum: 0 }),
        buildings: text('预售楼栋', { maxLength: 200, placeholder: '如：1#、2#楼' }),
      }),
      stepNames: ['受理', '审查', '现场查勘', '决定'],
      result: certificateResult('商品房预售许可证'),
      faqs: [
        {
          question: '购房时如何查询楼盘是否取得预售许可？',
          answer:
            '可在当地住房城乡建设部门网站或“豫事办”查询商品房预售许可信息，未取得预售许可的不得预售。',
        },
      ],
      lifeEvents: ['工程建设', '不动产'],
    },
    at: { '410100': { limits: [10, 3] }, '410300': ON_SITE },
  }),
  defineItem({
    itemType: 'otherPower',
    sector: 'housing',
    main: 1,
    name: '房屋建筑和市政基础设施工程竣工验收备案',
    legalBasis:
      '《建设工程质量管理条例》第四十九条；《房屋建筑和市政基础设施工程竣工验收备案管理办法》',
    levels: ['city', 'county'],
    applicantKinds: ['enterprise'],
    keywords: ['竣工验收备案', '竣工备案', '联合验收', '工程建设'],
    guide: {
      limits: [0, 0],
      conditions: '建设单位自工程竣工验收合格之日起15日内，向工程所在地备案机关备案。',
      materials: [
        upload('completionReport', '工程竣工验收报告', { form: 'electronic' }),
        fromSharedData('jointAcceptance', '规划、消防、人防等联合验收意见', '工程建设项目审批信息'),
        upload('qualityWarranty', '施工单位签署的工程质量保修书', { form: 'electronic' }),
        upload('residentialManual', '住宅质量保证书和住宅使用说明书', {
          when: '商品住宅工程的',
          form: 'electronic',
        }),
      ],
      visits: 0,
      form: form({ ...PROJECT, acceptanceDate: date('竣工验收日期') }),
      stepNames: ['受理', '备案'],
      result: documentResult('工程竣工验收备案表'),
      faqs: [
        {
          question: '联合验收后还要单独备案吗？',
          answer: '不需要单独跑。联合验收通过后在工程建设项目审批管理系统一并申请备案，即时办结。',
        },
      ],
      lifeEvents: ['工程建设'],
    },
    at: { '410100': {}, '410300': {} },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'housing',
    main: 3,
    name: '建筑业企业资质核准',
    legalBasis:
      '《中华人民共和国建筑法》第十三条；《建筑业企业资质管理规定》（住房和城乡建设部令第22号）',
    levels: ['province', 'city'],
    applicantKinds: ['enterprise'],
    keywords: ['资质', '建筑资质', '资质证书', '施工资质'],
    guide: {
      limits: [20, 10],
      conditions:
        '企业具有符合资质标准要求的净资产、注册人员、技术负责人和技术装备，且近一年内无资质管理规定禁止的违法违规行为。',
      materials: [
        BUSINESS_LICENCE,
        upload('qualificationApplication', '建筑业企业资质申请表', { form: 'electronic' }),
        fromSharedData('registeredPersonnel', '注册人员及技术负责人信息', '建筑市场监管人员信息'),
        upload('performance', '企业工程业绩证明材料', {
          when: '资质标准要求业绩的',
          form: 'electronic',
        }),
      ],
      visits: 0,
      form: form({
        enterpriseName: ENTERPRISE_FIELDS.enterpriseName,
        qualification: choice('申请资质', [
          '施工总承包二级',
          '施工总承包三级',
          '专业承包二级',
          '专业承包三级',
        ]),
        qualificationCategory: text('资质类别', { maxLength: 50, placeholder: '如：建筑工程' }),
      }),
      stepNames: ['受理', '审查', '公示', '决定'],
      result: certificateResult('建筑业企业资质证书'),
      faqs: [
        { question: '建筑业企业资质证书有效期多久？', answer: '建筑业企业资质证书有效期为5年。' },
      ],
      lifeEvents: ['准营', '工程建设'],
    },
    at: { '410000': {}, '410100': { limits: [20, 8] }, '410300': ON_SITE },
  }),
];

export const NATURAL_RESOURCES_ITEMS: ItemSpec[] = [
  defineItem({
    itemType: 'confirmation',
    sector: 'naturalResources',
    main: 1,
    sub: 1,
    name: '国有建设用地使用权及房屋所有权首次登记',
    legalBasis: REGISTRATION_BASIS,
    levels: ['city', 'county'],
    applicantKinds: ['enterprise'],
    handlingCase: 'new',
    keywords: ['不动产登记', '首次登记', '房产证', '大证'],
    guide: {
      limits: [30, 5],
      conditions: REGISTRATION_CONDITIONS,
      materials: [
        BUSINESS_LICENCE,
        LAND_TITLE,
        fromSharedData('planningVerification', '建设工程规划核实意见', '工程建设项目审批信息'),
        fromSharedData('completionFiling', '建设工程竣工验收备案信息', '工程建设项目审批信息'),
        upload('surveyReport', '不动产权籍调查成果（房屋实测报告）', { form: 'original' }),
      ],
      fees: [registrationFee(false)],
      visits: 1,
      form: form({ enterpriseName: ENTERPRISE_FIELDS.enterpriseName, ...PROPERTY }),
      stepNames: REGISTRATION_STEPS,
      result: certificateResult('不动产权证书'),
      faqs: [REGISTRATION_FAQ],
      lifeEvents: ['不动产', '工程建设'],
    },
    at: { '410100': { limits: [30, 3] }, '410300': {} },
  }),
  defineItem({
    itemType: 'confirmation',
    sector: 'naturalResources',
    main: 1,
    sub: 2,
    name: '国有建设用地使用权及房屋所有权转移登记',
    legalBasis: REGISTRATION_BASIS,
    levels: ['city', 'county'],
    applicantKinds: ['person', 'enterprise'],
    handlingCase: 'change',
    keywords: ['过户', '二手房', '房产过户', '不动产登记', '房产证'],
    guide: {
      limits: [30, 5],
      conditions: `${REGISTRATION_CONDITIONS}存量房买卖的，已完成网签备案并缴纳相关税费。`,
      materials: [
        fromSharedData('partiesIdentity', '买卖双方身份证明', '人口基础信息'),
        PROPERTY_CERTIFICATE,
        fromSharedData('saleContract', '存量房买卖合同（网签备案）', '存量房网签备案信息'),
        fromSharedData('taxPaid', '契税等完税凭证', '不动产交易完税信息'),
        fromCertificate('marriageCertificate', '结婚证', '结婚证', {
          when: '不动产为夫妻共有或者买受人为夫妻共同购买的',
        }),
        AGENT_AUTHORISATION,
      ],
      fees: [registrationFee(true)],
      visits: 1,
      form: form({
        ...PROPERTY,
        price: amount('成交价格（万元）', { minimum: 0 }),
        buyers: text('买受人（多人以顿号分隔）', { maxLength: 200 }),
        ownership: choice('共有方式', ['单独所有', '共同共有', '按份共有']),
      }),
      process: 'parallel-approval',
      stepNames: REGISTRATION_STEPS,
      result: certificateResult('不动产权证书'),
      faqs: [
        REGISTRATION_FAQ,
        {
          question: '二手房过户要跑几个窗口？',
          answer:
            '只跑一个窗口。交易、缴税、登记在不动产登记窗口“一窗受理、并行办理”，买卖双方到场一次。',
        },
      ],
      lifeEvents: ['住房', '不动产'],
    },
    at: { '410100': { limits: [30, 3] }, '410300': {}, '419001': {} },
  }),
  defineItem({
    itemType: 'confirmation',
    sector: 'naturalResources',
    main: 2,
    sub: 1,
    name: '抵押权首次登记',
    legalBasis: `${REGISTRATION_BASIS}；《中华人民共和国民法典》第四百零二条`,
    levels: ['city', 'county'],
    applicantKinds: ['person', 'enterprise'],
    handlingCase: 'new',
    keywords: ['抵押登记', '房屋抵押', '贷款抵押', '不动产登记'],
    guide: {
      limits: [30, 2],
      conditions: `${REGISTRATION_CONDITIONS}抵押人与抵押权人已签订抵押合同。`,
      materials: [
        PROPERTY_CERTIFICATE,
        fromSharedData('partiesIdentity', '抵押人、抵押权人身份证明', '人口基础信息'),
        upload('mortgageContract', '抵押合同', { form: 'electronic' }),
        upload('loanContract', '主债权合同', { form: 'electronic' }),
      ],
      fees: [registrationFee(true)],
      visits: 0,
      form: form({
        ...PROPERTY,
        mortgagee: text('抵押权人（银行等金融机构）', { maxLength: 100 }),
        securedAmount: amount('被担保主债权数额（万元）', { minimum: 0 }),
        debtStart: date('债务履行期限起'),
        debtEnd: date('债务履行期限止'),
      }),
      stepNames: REGISTRATION_STEPS,
      result: certificateResult('不动产登记证明'),
      faqs: [
        REGISTRATION_FAQ,
        {
          question: '可以在银行直接办理抵押登记吗？',
          answer:
            '可以。在已设立不动产登记便民服务点的银行网点办理贷款时一并申请，登记证明电子化推送给银行。',
        },
      ],
      lifeEvents: ['住房', '不动产'],
    },
    at: { '410100': { limits: [30, 1] }, '410300': ON_SITE },
  }),
  defineItem({
    itemType: 'confirmation',
    sector: 'naturalResources',
    main: 2,
    sub: 4,
    name: '抵押权注销登记',
    legalBasis: REGISTRATION_BASIS,
    levels: ['city', 'county'],
    applicantKinds: ['person', 'enterprise'],
    handlingCase: 'cancellation',
    keywords: ['解押', '抵押注销', '注销抵押', '不动产登记'],
    guide: {
      limits: [30, 0],
      conditions: '主债权消灭、抵押权已经实现或者抵押权人放弃抵押权的。',
      materials: [
        fromCertificate('mortgageProof', '不动产登记证明（抵押权）', '不动产登记证明'),
        upload('releaseProof', '抵押权消灭的材料（还款证明或者解除抵押通知书）', {
          form: 'electronic',
        }),
      ],
      visits: 0,
      form: form(PROPERTY),
      stepNames: ['受理', '登簿'],
      result: documentResult('抵押权注销登记结果通知'),
      faqs: [{ question: '抵押注销登记收费吗？', answer: '不收费。注销登记不收取不动产登记费。' }],
      lifeEvents: ['住房', '不动产'],
    },
    at: { '410100': {}, '410300': ON_SITE },
  }),
  defineItem({
    itemType: 'publicService',
    sector: 'naturalResources',
    main: 1,
    name: '不动产登记资料查询',
    legalBasis: '《不动产登记暂行条例》第二十七条；《不动产登记资料查询暂行办法》',
    levels: ['city', 'county'],
    applicantKinds: ['person', 'enterprise'],
    keywords: ['房产查询', '有无房证明', '不动产查询', '名下房产'],
    guide: {
      limits: [0, 0],
      conditions: '不动产权利人、利害关系人依法查询、复制不动产登记资料的。',
      materials: [ID_CARD],
      visits: 0,
      channels: ['online', 'mobile', 'window', 'selfService'],
      form: form({
        purpose: choice('查询目的', ['本人名下不动产查询', '利害关系人查询']),
        location: text('不动产坐落', { optional: true, maxLength: 200 }),
      }),
      result: documentResult('不动产登记信息查询结果证明'),
      faqs: [
        {
          question: '查询结果证明可以用于子女入学、贷款吗？',
          answer: '可以。网上打印的查询结果证明带有电子印章和验证码，可扫码核验真伪。',
        },
      ],
      lifeEvents: ['住房', '不动产'],
    },
    at: { '410100': {}, '410300': {}, '419001': ON_SITE },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'naturalResources',
    main: 1,
    name: '建设用地规划许可证核发',
    legalBasis: '《中华人民共和国城乡规划法》第三十七条、第三十八条',
    levels: ['province', 'city', 'county'],
    applicantKinds: ['enterprise'],
    keywords: ['用地规划许可', '规划许可', '红线', '工程建设'],
    guide: {
      limits: [20, 5],
      conditions:
        '以出让方式取得国有建设用地使用权的，已签订国有建设用地使用权出让合同；以划拨方式取得的，已取得建设项目批准、核准、备案文件。',
      materials: [
        BUSINESS_LICENCE,
        fromSharedData('landContract', '国有建设用地使用权出让合同', '土地供应信息'),
        upload('siteMap', '建设项目用地红线图', {
          form: 'electronic',
          acceptedTypes: ['application/pdf', 'image/vnd.dwg'],
        }),
      ],
      visits: 0,
      form: form({ ...PROJECT, landArea: amount('用地面积（平方米）', { minimum: 0 }) }),
      result: documentResult('建设用地规划许可证'),
      faqs: [
        {
          question: '建设用地规划许可证和用地批准书合并了吗？',
          answer:
            '已合并。建设用地规划许可证与建设用地批准书合并，统一核发新的建设用地规划许可证，不再单独核发建设用地批准书。',
        },
      ],
      lifeEvents: ['工程建设'],
    },
    at: { '410100': { limits: [20, 3] }, '410300': ON_SITE },
  }),
];
