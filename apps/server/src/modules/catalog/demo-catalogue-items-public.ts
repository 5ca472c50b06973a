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
  longText,
  photo,
  text,
  upload,
  type ItemSpec,
} from './demo-catalogue-builders.js';
import { ENTERPRISE_FIELDS, count } from './demo-catalogue-fields.js';

// 教育 and 交通运输.

const CHILD = {
  childName: text('学生姓名', { maxLength: 50 }),
  childGender: choice('学生性别', ['男', '女'], { radio: true }),
  childBirthDate: date('学生出生日期'),
};
const GRADES = [
  '一年级',
  '二年级',
  '三年级',
  '四年级',
  '五年级',
  '六年级',
  '七年级',
  '八年级',
  '九年级',
];
const OPERATING_PERMIT = fromCertificate(
  'operatingPermit',
  '道路运输经营许可证',
  '道路运输经营许可证',
);

export const EDUCATION_ITEMS: ItemSpec[] = [
  defineItem({
    itemType: 'licence',
    sector: 'education',
    main: 1,
    name: '教师资格认定',
    legalBasis:
      '《中华人民共和国教师法》第十条、第十三条；《教师资格条例》（国务院令第188号）；《〈教师资格条例〉实施办法》（教育部令第10号）',
    levels: ['province', 'city', 'county'],
    applicantKinds: ['person'],
    keywords: ['教资', '教师资格证', '教资认定', '当老师'],
    guide: {
      limits: [30, 20],
      conditions:
        '遵守宪法和法律，热爱教育事业，具有良好的思想品德；具备规定的学历；通过中小学教师资格考试或者符合免试认定条件；' +
        '普通话水平达到国家规定标准；身体条件符合要求。',
      materials: [
        ID_CARD,
        fromSharedData('diploma', '学历证书', '学历学位信息'),
        fromSharedData('mandarin', '普通话水平测试等级证书', '普通话水平测试信息'),
        fromSharedData('examResult', '中小学教师资格考试合格证明', '教师资格考试信息'),
        upload('medicalExamination', '教师资格认定体检表', {
          form: 'original',
          note: '在认定机构指定的县级以上医院体检',
        }),
        photo('photo', '本人近期免冠证件照片', '白底彩色，JPEG 格式'),
      ],
      visits: 0,
      form: form({
        level: choice('资格种类', ['幼儿园', '小学', '初级中学', '高级中学', '中等职业学校']),
        subject: text('任教学科', { maxLength: 50 }),
        workUnit: text('现工作单位', { optional: true, maxLength: 100 }),
      }),
      stepNames: ['受理', '审查', '专家审查', '决定', '制证送达'],
      result: certificateResult('教师资格证书'),
      faqs: [
        {
          question: '在哪里申请认定？',
          answer:
            '在户籍所在地、经常居住地（居住证）或者就读学校所在地申请；申请高级中学、中等职业学校教师资格的向市级教育行政部门申请，' +
            '高等学校教师资格向省教育厅或其委托的高校申请。',
        },
        { question: '教师资格证书有有效期吗？', answer: '教师资格证书全国通用，长期有效。' },
      ],
      lifeEvents: ['就业'],
    },
    at: {
      '410000': {},
      '410100': { limits: [30, 15] },
      '410300': ON_SITE,
    },
  }),
  defineItem({
    itemType: 'publicService',
    sector: 'education',
    main: 1,
    sub: 1,
    name: '适龄儿童义务教育入学（小学）',
    legalBasis: '《中华人民共和国义务教育法》第十一条、第十二条',
    levels: ['county'],
    applicantKinds: ['person'],
    keywords: ['入学', '上学', '小学报名', '一年级', '学位'],
    guide: {
      limits: [20, 15],
      conditions:
        '年满六周岁的适龄儿童，由父母或者其他法定监护人在规定时间内向户籍或者居住地所在学区申请入学；' +
        '随迁子女按当地规定提供居住证明材料。',
      materials: [
        HOUSEHOLD_REGISTER,
        fromCertificate('birthCertificate', '出生医学证明', '出生医学证明'),
        fromCertificate('propertyCertificate', '房屋不动产权证书', '不动产权证书', {
          when: '以房产所在学区入学的',
        }),
        upload('leaseContract', '房屋租赁合同及居住证', {
          when: '随迁子女以租房入学的',
          form: 'electronic',
        }),
        upload('vaccination', '预防接种证查验证明', { form: 'electronic' }),
      ],
      visits: 0,
      form: form({
        ...CHILD,
        category: choice('入学类别', ['户籍与房产一致', '有房产无户籍', '随迁子女', '其他']),
        preferredSchool: text('意向学校（学区内）', { optional: true, maxLength: 100 }),
      }),
      stepNames: ['受理', '资格审核', '学位分配', '录取通知'],
      result: documentResult('义务教育入学录取通知'),
      faqs: [
        {
          question: '入学报名需要交房产证复印件吗？',
          answer: '不需要。不动产权证书通过电子证照库核验，网上报名时授权调取即可。',
        },
      ],
      lifeEvents: ['入学'],
    },
    at: {
      '410100': {},
      '410300': {},
      '410105': { limits: [20, 10] },
      '410311': ON_SITE,
    },
  }),
  defineItem({
    itemType: 'publicService',
    sector: 'education',
    main: 2,
    name: '中小学生转学',
    legalBasis: '《中小学生学籍管理办法》（教基一〔2013〕7号）',
    levels: ['city', 'county'],
    applicantKinds: ['person'],
    keywords: ['转学', '学籍', '转校'],
    guide: {
      limits: [10, 5],
      conditions: '因户籍迁移、随父母工作调动或者居住地变化等原因需要转学，且转入学校同意接收的。',
      materials: [
        HOUSEHOLD_REGISTER,
        upload('transferApplication', '转学申请表', { form: 'original' }),
        upload('acceptanceLetter', '转入学校同意接收证明', { form: 'original' }),
      ],
      visits: 1,
      form: form({
        childName: CHILD.childName,
        currentSchool: text('现就读学校', { maxLength: 100 }),
        targetSchool: text('转入学校', { maxLength: 100 }),
        grade: choice('年级', GRADES),
        reason: longText('转学原因', { maxLength: 500 }),
      }),
      stepNames: ['受理', '审核', '学籍转接'],
      result: documentResult('转学联系函'),
      faqs: [
        {
          question: '跨省转学需要回原学校办手续吗？',
          answer:
            '不需要。转入学校通过全国中小学生学籍信息管理系统发起转学申请，转出学校和两地教育部门网上核办。',
        },
      ],
      lifeEvents: ['入学', '住房'],
    },
    at: { '410100': {}, '410300': {} },
  }),
];

export const TRANSPORT_ITEMS: ItemSpec[] = [
  defineItem({
    itemType: 'licence',
    sector: 'transport',
    main: 1,
    sub: 1,
    name: '道路货物运输经营许可',
    legalBasis:
      '《中华人民共和国道路运输条例》第二十一条至第二十四条；《道路货物运输及站场管理规定》',
    levels: ['city', 'county'],
    applicantKinds: ['enterprise'],
    handlingCase: 'new',
    keywords: ['道路运输许可证', '货运许可', '物流公司', '运输'],
    guide: {
      limits: [20, 5],
      conditions:
        '有与其经营业务相适应并经检测合格的车辆；有符合规定条件的驾驶人员；有健全的安全生产管理制度。' +
        '使用总质量4500千克及以下普通货运车辆从事普通货运经营的，无需申请。',
      materials: [
        upload('licenceApplication', '道路货物运输经营申请表', { form: 'electronic' }),
        BUSINESS_LICENCE,
        fromSharedData('drivers', '驾驶人员从业资格信息', '道路运输从业人员信息'),
        upload('vehicleCommitment', '拟投入车辆承诺书或者机动车行驶证', { form: 'electronic' }),
        upload('safetyRules', '安全生产管理制度文本', { form: 'electronic' }),
      ],
      visits: 0,
      form: form({
        enterpriseName: ENTERPRISE_FIELDS.enterpriseName,
        registeredAddress: ENTERPRISE_FIELDS.registeredAddress,
        scope: choice('经营范围', [
          '普通货运',
          '货物专用运输',
          '大型物件运输',
          '冷藏保鲜设备专用运输',
        ]),
        vehicles: count('拟投入车辆数', 10000),
      }),
      result: certificateResult('道路运输经营许可证'),
      faqs: [
        {
          question: '用小货车拉货需要办理道路运输经营许可证吗？',
          answer:
            '使用总质量4500千克及以下普通货运车辆从事普通货运经营的，无需办理道路运输经营许可证和道路运输证。',
        },
      ],
      lifeEvents: ['准营'],
    },
    at: { '410100': { limits: [20, 3] }, '410300': ON_SITE, '419001': ON_SITE },
  }),
  defineItem({
    itemType: 'licence',
    sector: 'transport',
    main: 2,
    sub: 1,
    name: '道路旅客运输经营许可',
    legalBasis: '《中华人民共和国道路运输条例》第八条至第十一条；《道路旅客运输及客运站管理规定》',
    levels: ['province', 'city', 'county'],
    applicantKinds: ['enterprise'],
    handlingCase: 'new',
    keywords: ['客运许可', '道路运输许可证', '客运', '运输'],
    guide: {
      limits: [20, 10],
      conditions:
        '有与其经营业务相适应并经检测合格的车辆；有符合规定条件的驾驶人员；有健全的安全生产管理制度。',
      materials: [
        upload('licenceApplication', '道路旅客运输经营申请表', { form: 'electronic' }),
        BUSINESS_LICENCE,
        fromSharedData('drivers', '驾驶人员从业资格信息', '道路运输从业人员信息'),
        upload('vehiclePlan', '拟投入车辆情况及承诺书', { form: 'electronic' }),
        upload('safetyRules', '安全生产管理制度文本', { form: 'electronic' }),
      ],
      visits: 1,
      form: form({
        enterpriseName: ENTERPRISE_FIELDS.enterpriseName,
        scope: choice('经营范围', ['县内班车客运', '市际班车客运', '省际班车客运', '包车客运']),
        vehicles: count('拟投入客车数', 10000),
      }),
      stepNames: ['受理', '审查', '现场核查', '决定', '制证送达'],
      result: certificateResult('道路运输经营许可证'),
      faqs: [
        {
          question: '省际客运向哪一级申请？',
          answer:
            '从事省际班车客运经营的，向所在地省级交通运输主管部门申请；市际、县内的分别向设区的市、县级交通运输主管部门申请。',
        },
      ],
      lifeEvents: ['准营'],
    },
    at: { '410000': {}, '410100': { limits: [20, 7] }, '410300': {} },
  }),
  defineItem({
    itemType: 'otherPower',
    sector: 'transport',
    main: 1,
    name: '道路运输证配发',
    legalBasis: '《中华人民共和国道路运输条例》第二十四条；《道路货物运输及站场管理规定》',
    levels: ['city', 'county'],
    applicantKinds: ['enterprise'],
    keywords: ['道路运输证', '营运证', '车辆营运证', '运输'],
    guide: {
      limits: [0, 0],
      conditions: '已取得道路运输经营许可，新增投入运营的车辆经检测合格且技术等级达标的。',
      materials: [
        OPERATING_PERMIT,
        fromSharedData('vehicleLicence', '机动车行驶证', '机动车登记信息'),
        fromSharedData('vehicleInspection', '车辆技术等级评定信息', '道路运输车辆技术信息'),
      ],
      visits: 0,
      form: form({
        plateNumber: text('车牌号码', {
          maxLength: 10,
          pattern: '^[\\u4e00-\\u9fa5][A-Z][A-Z0-9]{5,6}$',
        }),
        vehicleKind: choice('车辆类型', ['重型货车', '中型货车', '牵引车', '挂车', '客车']),
      }),
      result: certificateResult('道路运输证'),
      faqs: [
        {
          question: '电子道路运输证可以替代纸质证件吗？',
          answer: '可以。电子道路运输证与纸质证件具有同等效力，执法检查时出示电子证即可。',
        },
      ],
      lifeEvents: ['准营'],
    },
    at: { '410100': {}, '410300': {} },
  }),
];
