import {
  ON_SITE,
  AGENT_AUTHORISATION,
  BUSINESS_LICENCE,
  ID_CARD,
  amount,
  certificateResult,
  choice,
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
import { APPLYING_ENTERPRISE_FIELDS, ENTERPRISE_FIELDS, options } from './demo-catalogue-fields.js';

// 市场监管 and 税务: the items of starting, running and closing a business.

const REGISTRATION_BASIS =
  '《中华人民共和国市场主体登记管理条例》（国务院令第746号）第三条、第十九条；' +
  '《中华人民共和国市场主体登记管理条例实施细则》（国家市场监督管理总局令第52号）';

const BUSINESS_SCOPE = longText('经营范围', {
  placeholder: '从《经营范围规范表述目录》中选择，许可项目需取得许可后方可经营',
  maxLength: 2000,
});

const SCOPE_FAQ = {
  question: '经营范围怎么填写？',
  answer:
    '通过河南政务服务网登记系统从《经营范围规范表述目录》中选择规范条目；涉及许可经营项目的，' +
    '取得营业执照后还需向相关部门申请许可，取得许可后方可开展经营。',
};

const PREMISES = [
  fromSharedData('premisesProof', '住所（经营场所）使用证明', '不动产登记信息', {
    note: '自有房产由不动产登记信息核验，免提交',
  }),
  upload('leaseContract', '房屋租赁合同及出租方产权证明', {
    when: '租赁房屋作为住所（经营场所）的',
    form: 'copy',
  }),
];

export const MARKET_REGULATION_ITEMS: ItemSpec[] = [
  defineItem({
    itemType: 'licence',
    sector: 'marketRegulation',
    main: 1,
    sub: 1,
    name: '企业设立登记',
    legalBasis: `${REGISTRATION_BASIS}；《中华人民共和国公司法》第二十九条`,
    levels: ['province', 'city', 'county'],
    applicantKinds: ['enterprise'],
    handlingCase: 'new',
    keywords: ['营业执照', '执照', '开公司', '公司注册', '企业开办'],
    guide: {
      limits: [3, 1],
      conditions:
        '申请人为拟设立企业的投资人或其委托的代理人；企业名称已通过自主申报且符合《企业名称登记管理规定》；' +
        '有符合规定的住所（经营场所）；法定代表人、董事、监事和高级管理人员不存在法律、行政法规规定的不得担任的情形。',
      materials: [
        upload('registrationApplication', '公司登记（备案）申请书', {
          form: 'electronic',
          note: '在线填报，由法定代表人和全体股东电子签名',
        }),
        upload('articlesOfAssociation', '公司章程', {
          form: 'electronic',
          note: '可选用标准化章程模板',
        }),
        fromSharedData('shareholderIdentity', '股东主体资格证明或自然人身份证明', '人口基础信息'),
        upload('appointmentDocuments', '法定代表人、董事、监事和经理的任职文件', {
          form: 'electronic',
        }),
        ...PREMISES,
        ID_CARD,
        AGENT_AUTHORISATION,
      ],
      visits: 0,
      form: form({
        ...ENTERPRISE_FIELDS,
        enterpriseType: choice('企业类型', [
          '有限责任公司（自然人投资或控股）',
          '有限责任公司（自然人独资）',
          '股份有限公司',
          '个人独资企业',
          '合伙企业',
        ]),
        businessScope: BUSINESS_SCOPE,
      }),
      stepNames: ['受理', '审查', '核准登记', '制照发照'],
      pending: true,
      result: certificateResult('营业执照'),
      faqs: [
        {
          question: '开办企业需要多长时间？',
          answer:
            '通过“企业开办一件事”一次申报，营业执照、公章刻制、发票领用和社保登记同步办理，' +
            '郑州市1个工作日内全部办结，洛阳市2个工作日内办结；纸质营业执照可免费邮寄。',
        },
        {
          question: '注册资本需要一次性缴足吗？',
          answer:
            '不需要。依照《中华人民共和国公司法》，有限责任公司全体股东认缴的出资额应当按照公司章程的规定' +
            '自公司成立之日起五年内缴足。',
        },
        SCOPE_FAQ,
      ],
      lifeEvents: ['开办企业'],
    },
    at: {
      '410000': { limits: [3, 2] },
      '410100': {},
      '410300': { ...ON_SITE, limits: [3, 2] },
      '410105': {},
    },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'marketRegulation',
    main: 1,
    sub: 2,
    name: '企业变更登记',
    legalBasis: `${REGISTRATION_BASIS}；《中华人民共和国市场主体登记管理条例》第二十四条`,
    levels: ['province', 'city', 'county'],
    applicantKinds: ['enterprise'],
    handlingCase: 'change',
    keywords: ['变更', '营业执照变更', '换法人', '改名称', '迁址'],
    guide: {
      limits: [3, 1],
      conditions:
        '企业登记事项发生变更的，应当自作出变更决议、决定或者法定变更事项发生之日起30日内申请变更登记；' +
        '变更事项须经批准的，已取得批准文件。',
      materials: [
        upload('changeApplication', '企业变更登记（备案）申请书', { form: 'electronic' }),
        BUSINESS_LICENCE,
        upload('changeResolution', '股东会决议或者股东决定', { form: 'electronic' }),
        upload('amendedArticles', '修改后的公司章程或章程修正案', {
          when: '变更事项涉及章程修改的',
          form: 'electronic',
        }),
        ...PREMISES.map((m) => ({
          ...m,
          requirement: 'conditional' as const,
          condition: '变更住所的',
        })),
      ],
      visits: 0,
      form: form({
        enterpriseName: APPLYING_ENTERPRISE_FIELDS.enterpriseName,
        changeItems: options('变更事项', [
          '名称',
          '住所',
          '法定代表人',
          '注册资本',
          '经营范围',
          '股东',
        ]),
        changeDetails: longText('变更前后内容', { placeholder: '逐项写明变更前和变更后的内容' }),
      }),
      result: certificateResult('营业执照'),
      faqs: [
        {
          question: '变更法定代表人需要原法定代表人签字吗？',
          answer:
            '需要由公司按章程规定作出决议并由新任法定代表人签署申请书；原法定代表人无法签字的，' +
            '可凭股东会决议办理。',
        },
      ],
      lifeEvents: ['变更'],
    },
    at: { '410100': {}, '410300': ON_SITE },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'marketRegulation',
    main: 1,
    sub: 3,
    name: '企业注销登记',
    legalBasis: `${REGISTRATION_BASIS}；《中华人民共和国市场主体登记管理条例》第三十一条至第三十四条`,
    levels: ['province', 'city', 'county'],
    applicantKinds: ['enterprise'],
    handlingCase: 'cancellation',
    keywords: ['注销', '简易注销', '关闭公司', '公司注销'],
    guide: {
      limits: [3, 1],
      conditions:
        '企业已依法完成清算，或者符合简易注销条件（未发生债权债务或已将债权债务清偿完结，' +
        '并由全体投资人书面承诺对上述情况的真实性承担法律责任），且已结清应缴税款。',
      materials: [
        upload('cancellationApplication', '企业注销登记申请书', { form: 'electronic' }),
        upload('liquidationReport', '清算报告', {
          when: '一般注销的',
          form: 'electronic',
          note: '经股东会确认',
        }),
        upload('simplifiedCommitment', '全体投资人承诺书', {
          when: '申请简易注销的',
          form: 'electronic',
        }),
        fromSharedData('taxClearance', '清税信息', '税务清税信息', {
          note: '由税务部门推送，免提交清税证明',
        }),
        BUSINESS_LICENCE,
      ],
      visits: 0,
      form: form({
        enterpriseName: APPLYING_ENTERPRISE_FIELDS.enterpriseName,
        cancellationKind: choice('注销方式', ['一般注销', '简易注销'], { radio: true }),
        reason: choice('注销原因', [
          '决议解散',
          '章程规定的营业期限届满',
          '依法被吊销营业执照',
          '其他',
        ]),
      }),
      result: documentResult('准予注销登记通知书'),
      faqs: [
        {
          question: '简易注销的公示期是多少天？',
          answer:
            '申请简易注销的，应当通过国家企业信用信息公示系统公示，公示期为20日；公示期内无异议的，' +
            '可在公示期满之日起20日内向登记机关申请注销登记。',
        },
      ],
      lifeEvents: ['注销'],
    },
    at: { '410100': { limits: [3, 0] }, '410300': {} },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'marketRegulation',
    main: 2,
    sub: 1,
    name: '个体工商户设立登记',
    legalBasis: `《促进个体工商户发展条例》（国务院令第755号）；${REGISTRATION_BASIS}`,
    levels: ['county', 'township'],
    applicantKinds: ['person'],
    handlingCase: 'new',
    keywords: ['个体户', '营业执照', '执照', '开店', '个体工商户'],
    guide: {
      limits: [3, 0],
      conditions:
        '申请人为有经营能力的自然人或家庭；有固定的经营场所；经营范围不属于法律、行政法规禁止的项目。',
      materials: [ID_CARD, ...PREMISES],
      visits: 0,
      form: form({
        tradeName: text('个体工商户名称（字号）', { optional: true, maxLength: 50 }),
        operatingAddress: text('经营场所', { maxLength: 200 }),
        organisationForm: choice('组成形式', ['个人经营', '家庭经营'], { radio: true }),
        funds: amount('资金数额（万元）', { minimum: 0 }),
        businessScope: BUSINESS_SCOPE,
      }),
      stepNames: ['受理', '核准登记'],
      result: certificateResult('营业执照'),
      faqs: [
        {
          question: '个体工商户必须起字号吗？',
          answer: '不是必须的。个体工商户可以不使用名称，不使用名称的营业执照上名称栏以“***”表示。',
        },
        SCOPE_FAQ,
      ],
      lifeEvents: ['就业', '开办企业'],
    },
    at: { '410100': {}, '410300': ON_SITE, '410105': {}, '410311': ON_SITE },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'marketRegulation',
    main: 3,
    sub: 1,
    name: '食品经营许可（新办）',
    legalBasis:
      '《中华人民共和国食品安全法》第三十五条；《中华人民共和国行政许可法》第四十二条；' +
      '《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）',
    levels: ['city', 'county'],
    applicantKinds: ['enterprise'],
    handlingCase: 'new',
    keywords: ['食品经营许可证', '餐饮', '开饭店', '卖食品', '食品许可'],
    guide: {
      limits: [20, 10],
      conditions:
        '已取得营业执照；具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所；' +
        '具有相应的设备设施；有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；' +
        '具有合理的设备布局和工艺流程。',
      materials: [
        upload('licenceApplication', '食品经营许可申请书', { form: 'electronic' }),
        BUSINESS_LICENCE,
        upload('layoutPlan', '与食品经营相适应的主要设备设施、经营布局、操作流程等文件', {
          form: 'electronic',
        }),
        upload(
          'safetyRules',
          '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度',
          {
            form: 'electronic',
          },
        ),
        AGENT_AUTHORISATION,
      ],
      visits: 0,
      form: form({
        enterpriseName: APPLYING_ENTERPRISE_FIELDS.enterpriseName,
        operatingAddress: text('经营场所', { maxLength: 200 }),
        operatorKind: choice('经营者类型', ['食品销售经营者', '餐饮服务经营者', '单位食堂']),
        projects: options('经营项目', [
          '散装食品销售',
          '特殊食品销售',
          '热食类食品制售',
          '冷食类食品制售',
          '自制饮品制售',
        ]),
        floorArea: amount('经营场所面积（平方米）', { minimum: 1 }),
      }),
      stepNames: ['受理', '审查', '现场核查', '决定', '制证送达'],
      pending: true,
      result: certificateResult('食品经营许可证'),
      faqs: [
        {
          question: '仅销售预包装食品需要办理食品经营许可吗？',
          answer:
            '不需要。依照《中华人民共和国食品安全法》第三十五条，仅销售预包装食品的，' +
            '向所在地县级以上地方人民政府食品安全监督管理部门备案即可。',
        },
        { question: '食品经营许可证有效期多长？', answer: '食品经营许可证有效期为5年。' },
      ],
      lifeEvents: ['准营'],
    },
    at: { '410100': { limits: [20, 5] }, '410300': ON_SITE },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'marketRegulation',
    main: 3,
    sub: 2,
    name: '食品经营许可（延续）',
    legalBasis:
      '《中华人民共和国行政许可法》第五十条；《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）',
    levels: ['city', 'county'],
    applicantKinds: ['enterprise'],
    handlingCase: 'renewal',
    keywords: ['食品经营许可证', '延续', '到期换证'],
    guide: {
      limits: [20, 5],
      conditions:
        '食品经营许可证有效期届满需要继续经营的，在有效期届满前90个工作日至15个工作日期间提出延续申请，' +
        '且经营条件未发生重大变化。',
      materials: [
        upload('renewalApplication', '食品经营许可延续申请书', { form: 'electronic' }),
        fromCertificate('foodLicence', '原食品经营许可证', '食品经营许可证'),
        BUSINESS_LICENCE,
      ],
      visits: 0,
      form: form({
        enterpriseName: APPLYING_ENTERPRISE_FIELDS.enterpriseName,
        conditionsChanged: choice('经营条件是否发生变化', ['未发生变化', '发生变化'], {
          radio: true,
        }),
      }),
      result: certificateResult('食品经营许可证'),
      faqs: [
        {
          question: '逾期未申请延续怎么办？',
          answer:
            '许可证有效期届满未申请延续的，许可证依法注销，需要继续经营的应当重新申请食品经营许可。',
        },
      ],
      lifeEvents: ['准营'],
    },
    at: { '410100': { limits: [20, 3] }, '410300': ON_SITE },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'marketRegulation',
    main: 4,
    sub: 1,
    name: '药品经营许可（零售）',
    legalBasis:
      '《中华人民共和国药品管理法》第五十一条、第五十二条；' +
      '《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第84号）',
    levels: ['city', 'county'],
    applicantKinds: ['enterprise'],
    handlingCase: 'new',
    keywords: ['药店', '开药店', '药品经营许可证', '零售药店'],
    guide: {
      limits: [15, 10],
      conditions:
        '有依法经过资格认定的药师或者其他药学技术人员；有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境；' +
        '有与所经营药品相适应的质量管理机构或者人员；有保证药品质量的规章制度。',
      materials: [
        upload('licenceApplication', '药品经营许可证申请表', { form: 'electronic' }),
        BUSINESS_LICENCE,
        fromSharedData('pharmacist', '执业药师注册信息', '执业药师注册信息'),
        upload('premisesLayout', '经营场所、仓库平面布置图及设施设备清单', { form: 'electronic' }),
        upload('qualityRules', '药品质量管理制度文件目录', { form: 'electronic' }),
      ],
      visits: 0,
      form: form({
        enterpriseName: APPLYING_ENTERPRISE_FIELDS.enterpriseName,
        operatingAddress: text('经营地址', { maxLength: 200 }),
        businessScope: options('经营范围', ['中药饮片', '中成药', '化学药', '生物制品']),
        pharmacistCount: amount('执业药师人数', { integer: true, minimum: 1 }),
      }),
      stepNames: ['受理', '审查', '现场检查', '决定', '制证送达'],
      result: certificateResult('药品经营许可证'),
      faqs: [
        {
          question: '开办零售药店必须配备执业药师吗？',
          answer: '必须。经营处方药、甲类非处方药的药品零售企业，应当按规定配备执业药师。',
        },
      ],
      lifeEvents: ['准营'],
    },
    at: { '410100': { limits: [15, 7] }, '410300': ON_SITE },
  }),
];

export const TAXATION_ITEMS: ItemSpec[] = [
  defineItem({
    itemType: 'otherPower',
    sector: 'taxation',
    main: 1,
    name: '发票领用',
    legalBasis: '《中华人民共和国发票管理办法》第十五条；《中华人民共和国发票管理办法实施细则》',
    levels: ['city', 'county'],
    applicantKinds: ['enterprise'],
    keywords: ['发票申领', '领发票', '发票', '数电票', '税务'],
    guide: {
      limits: [5, 0],
      conditions: '已办理设立登记并完成税务信息确认的纳税人，需要领用发票的。',
      materials: [BUSINESS_LICENCE, ID_CARD],
      visits: 0,
      form: form({
        enterpriseName: ENTERPRISE_FIELDS.enterpriseName,
        registeredAddress: ENTERPRISE_FIELDS.registeredAddress,
        legalRepresentativeName: ENTERPRISE_FIELDS.legalRepresentativeName,
        invoiceKinds: options('发票种类', ['数电发票（增值税专用发票）', '数电发票（普通发票）']),
        expectedMonthlySales: amount('预计月销售额（万元）', { minimum: 0 }),
      }),
      result: documentResult('数电发票开具金额总额度确认'),
      faqs: [
        {
          question: '新办企业什么时候可以开发票？',
          answer:
            '新办纳税人完成税务信息确认后即可通过电子税务局使用数电发票，' +
            '税务机关根据纳税人的经营范围、规模和风险等级确定初始开具金额总额度。',
        },
      ],
      lifeEvents: ['开办企业', '纳税'],
    },
    at: { '410100': {}, '410300': {}, '410105': {} },
  }),
  defineItem({
    itemType: 'confirmation',
    sector: 'taxation',
    main: 1,
    name: '一照一码户信息确认',
    legalBasis:
      '《中华人民共和国税收征收管理法》第十五条；《税务登记管理办法》（国家税务总局令第7号公布，根据国家税务总局令修正）',
    levels: ['city', 'county'],
    applicantKinds: ['enterprise'],
    keywords: ['税务登记', '税务报到', '新办纳税人', '税务'],
    guide: {
      limits: [0, 0],
      conditions:
        '已领取加载统一社会信用代码营业执照的企业、农民专业合作社等纳税人，首次办理涉税事宜时。',
      materials: [
        BUSINESS_LICENCE,
        fromSharedData('enterpriseRegistration', '市场主体登记信息', '法人基础信息'),
      ],
      visits: 0,
      form: form({
        enterpriseName: APPLYING_ENTERPRISE_FIELDS.enterpriseName,
        accountingStandard: choice('适用会计制度', ['企业会计准则', '小企业会计准则', '其他']),
        financeContact: text('财务负责人姓名', { maxLength: 50 }),
      }),
      result: documentResult('税务登记信息确认结果'),
      faqs: [
        {
          question: '领取营业执照后还要办理税务登记吗？',
          answer:
            '“多证合一”后不再单独办理税务登记，首次办理涉税事宜时对市场监管部门共享的登记信息进行确认即可。',
        },
      ],
      lifeEvents: ['开办企业', '纳税'],
    },
    at: { '410100': {}, '410300': {} },
  }),
  defineItem({
    itemType: 'levy',
    sector: 'taxation',
    main: 1,
    name: '个人所得税综合所得年度汇算',
    legalBasis:
      '《中华人民共和国个人所得税法》第二条、第十条、第十一条；《中华人民共和国个人所得税法实施条例》第二十五条',
    levels: ['city', 'county'],
    applicantKinds: ['person'],
    keywords: ['个税', '个税汇算', '退税', '个人所得税', '年度汇算'],
    guide: {
      limits: [0, 0],
      conditions:
        '纳税年度内取得综合所得，需要补税或者申请退税的居民个人，在取得所得的次年3月1日至6月30日内办理。',
      materials: [
        ID_CARD,
        fromSharedData('incomeRecords', '综合所得收入及已扣缴税款信息', '个人所得税扣缴申报信息'),
        upload('deductionProof', '专项附加扣除相关资料', {
          when: '享受专项附加扣除且尚未填报的',
          form: 'electronic',
        }),
      ],
      visits: 0,
      channels: ['online', 'mobile', 'window'],
      form: form({
        taxYear: amount('汇算年度', { integer: true, minimum: 2019, maximum: 2100 }),
        refundAccount: text('退税银行账户（本人一类账户）', { optional: true, maxLength: 30 }),
      }),
      result: documentResult('个人所得税年度自行纳税申报回执'),
      faqs: [
        {
          question: '哪些情况可以免于办理年度汇算？',
          answer:
            '年度汇算需补税但综合所得收入全年不超过12万元的，或者年度汇算需补税金额不超过400元的，' +
            '以及已预缴税额与年度应纳税额一致或者不申请退税的，无需办理年度汇算。',
        },
      ],
      lifeEvents: ['就业'],
    },
    at: { '410100': {}, '410300': {} },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'taxation',
    main: 1,
    name: '增值税专用发票（增值税税控系统）最高开票限额审批',
    legalBasis:
      '《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）附件第236项',
    levels: ['city', 'county'],
    applicantKinds: ['enterprise'],
    keywords: ['专票', '开票限额', '增值税专用发票', '税务'],
    guide: {
      limits: [20, 10],
      conditions:
        '已登记为增值税一般纳税人或者选择自行开具增值税专用发票的小规模纳税人，需要调整单份发票最高开票限额的。',
      materials: [
        upload('limitApplication', '增值税专用发票最高开票限额申请单', { form: 'electronic' }),
        BUSINESS_LICENCE,
      ],
      visits: 0,
      form: form({
        enterpriseName: APPLYING_ENTERPRISE_FIELDS.enterpriseName,
        requestedLimit: choice('申请最高开票限额', ['十万元', '一百万元', '一千万元']),
        reason: longText('申请理由', { maxLength: 500 }),
      }),
      stepNames: ['受理', '审查', '决定'],
      result: documentResult('准予税务行政许可决定书'),
      faqs: [
        {
          question: '最高开票限额十万元及以下需要实地核查吗？',
          answer: '一般不需要，税务机关依据纳税人的经营情况审查后作出决定。',
        },
      ],
      lifeEvents: ['纳税', '准营'],
    },
    at: { '410100': { limits: [20, 5] }, '410300': ON_SITE },
  }),
  defineItem({
    itemType: 'otherPower',
    sector: 'taxation',
    main: 2,
    name: '注销税务登记（清税证明开具）',
    legalBasis:
      '《中华人民共和国税收征收管理法》第十六条；《中华人民共和国税收征收管理法实施细则》第十五条',
    levels: ['city', 'county'],
    applicantKinds: ['enterprise'],
    handlingCase: 'cancellation',
    keywords: ['清税证明', '税务注销', '注销', '税务'],
    guide: {
      limits: [0, 0],
      conditions:
        '纳税人申请注销登记前，已结清应纳税款、滞纳金、罚款，缴销发票，且无未办结的涉税事项。',
      materials: [
        BUSINESS_LICENCE,
        upload('cancellationReason', '注销原因说明或上级主管部门批复', {
          when: '因上级主管部门撤销等原因注销的',
          form: 'electronic',
        }),
      ],
      visits: 0,
      form: form({
        enterpriseName: APPLYING_ENTERPRISE_FIELDS.enterpriseName,
        invoicesCleared: choice('发票是否已全部缴销', ['是', '否'], { radio: true }),
      }),
      result: documentResult('清税证明'),
      faqs: [
        {
          question: '哪些纳税人可以即办清税？',
          answer:
            '未办理过涉税事宜，或者办理过涉税事宜但未领用发票、无欠税（滞纳金）及罚款的纳税人，' +
            '可以免予到税务机关办理清税证明，直接向市场监管部门申请简易注销。',
        },
      ],
      lifeEvents: ['注销'],
    },
    at: { '410100': {}, '410300': {} },
  }),
];
