/**
 * UI text, Chinese first. The English dictionary must have every key the Chinese one has (the
 * type says so), and `{name}` in a message is filled from the vars passed to `t`.
 */
export const zhCN = {
  'app.name': '政通',
  'app.tagline': '河南省一体化政务服务平台',

  'nav.home': '政通首页',
  'nav.entrances': '平台入口',
  'nav.portal': '办事大厅',
  'nav.workbench': '工作台',
  'nav.admin': '管理后台',
  'nav.skipToContent': '跳到主要内容',
  'lang.switchTo': 'Switch to English',
  'footer.text': '政通 Zhengtong · 开源数字政府平台 · Apache-2.0',
  'footer.apiDocs': '接口文档',

  'common.loading': '加载中…',
  'common.retry': '重试',
  'common.close': '关闭',
  'common.filters': '筛选条件',
  'common.total': '共 {total} 条',
  'unit.days': '天',
  'unit.workingDays': '个工作日',

  'format.date': 'YYYY年M月D日',
  'format.longDate': 'YYYY年M月D日 dddd',
  'format.yearMonth': 'YYYY年M月',

  'error.network.title': '无法连接服务器',
  'error.network.detail': '请检查网络连接后重试。',
  'error.http.title': '请求失败（{status}）',
  'error.http.serverDetail': '服务暂时不可用，请稍后重试。',
  'error.unexpected.title': '发生意外错误',
  'error.requestId': '请求编号',

  'notFound.title': '页面不存在',
  'notFound.detail': '您访问的地址没有对应的页面，可能已移动或输入有误。',
  'notFound.home': '返回首页',
  'routeError.title': '页面出错了',
  'routeError.reload': '重新加载',

  'portal.title': '河南政务服务 · 办事大厅',
  'portal.subtitle': '查找就近的政务服务大厅和办事窗口，按法定工作日推算办结日期。',
  'portal.guidesComing':
    '事项办事指南与网上申报将随政务服务事项目录上线；目前可查询服务大厅、窗口与工作日历。',
  'portal.halls.title': '找服务大厅',
  'portal.halls.intro': '选择所在的市或县（区），查看当地的政务服务中心及其窗口。',
  'portal.halls.where': '所在地区',
  'portal.halls.wholeProvince': '全省（可选择市、县）',
  'portal.halls.loading': '正在查找服务大厅…',
  'portal.halls.none': '该地区暂无登记的政务服务大厅',
  'portal.halls.count': '共找到 {count} 个政务服务大厅，展开可查看窗口。',
  'portal.halls.windowsOf': '{hall}的窗口',

  'workbench.title': '工作台',
  'workbench.description': '窗口工作人员的日常工具：办理时限推算与工作日历。',
  'workbench.signInComing': '工作人员登录将随统一身份认证模块上线',
  'workbench.signInComingDetail':
    '登录后，这里将列出您所在机构的待受理、待办理办件和时限预警。在此之前，您可以使用下方的时限计算和工作日历。',

  'admin.nav.label': '管理后台导航',
  'admin.nav.regions': '行政区划',
  'admin.nav.organisations': '机构与窗口',
  'admin.nav.calendar': '工作日历',
  'admin.regions.title': '行政区划',
  'admin.regions.description':
    '全省行政区划（GB/T 2260），逐级展开；选中区划可查看其下登记的机构。',
  'admin.organisations.title': '机构与窗口',
  'admin.organisations.description':
    '各级政府、部门和政务服务大厅；点击一行查看详情，服务大厅可查看其窗口。',
  'admin.calendar.title': '工作日历',
  'admin.calendar.description':
    '法定节假日与调休安排，用于计算法定时限和承诺时限；标有圆点的日期经管理员调整。',

  'region.tree': '区划树',
  'region.treeLabel': '行政区划树',
  'region.loading': '正在加载行政区划…',
  'region.loadFailed': '行政区划加载失败',
  'region.pick': '选择行政区划',
  'region.code': '区划代码',
  'region.level': '层级',
  'region.parent': '上级区划',
  'region.childCount': '下级区划数',
  'region.level.province': '省',
  'region.level.city': '市',
  'region.level.county': '县（市、区）',
  'region.organisations': '本区划机构',
  'region.organisationsOf': '{region}的机构',
  'region.includeSubtree': '包含下级区划',

  'organisation.name': '机构名称',
  'organisation.shortName': '简称',
  'organisation.kind': '类型',
  'organisation.region': '所属区划',
  'organisation.parent': '上级机构',
  'organisation.creditCode': '统一社会信用代码',
  'organisation.kind.government': '人民政府',
  'organisation.kind.department': '部门',
  'organisation.kind.serviceHall': '政务服务大厅',
  'organisation.allRegions': '全部区划',
  'organisation.allKinds': '全部类型',
  'organisation.search': '名称',
  'organisation.searchPlaceholder': '按名称、简称或信用代码筛选',
  'organisation.none': '没有符合条件的机构',
  'organisation.noWindows': '只有政务服务大厅设有窗口。',

  'window.title': '办事窗口',
  'window.loading': '正在加载窗口…',
  'window.none': '暂无窗口',
  'window.code': '窗口号',
  'window.name': '窗口名称',
  'window.kind': '类型',
  'window.kind.comprehensive': '综合窗口',
  'window.kind.dedicated': '专业窗口',
  'window.staffedBy': '进驻部门',
  'window.status': '状态',
  'window.active': '开放',
  'window.inactive': '停用',

  'calendar.previousMonth': '上个月',
  'calendar.nextMonth': '下个月',
  'calendar.pickMonth': '选择月份',
  'calendar.today': '今天',
  'calendar.legend': '图例',
  'calendar.mark.rest': '休',
  'calendar.mark.work': '班',
  'calendar.kind.workday': '工作日',
  'calendar.kind.weekend': '周末',
  'calendar.kind.holiday': '法定节假日',
  'calendar.kind.adjustedWorkingDay': '调休上班',
  'calendar.overridden': '管理员调整',
  'calendar.isWorkingDay': '上班',
  'calendar.isRestDay': '休息',
  'calendar.summary.workingDays': '本月工作日',
  'calendar.summary.holidays': '法定节假日',
  'calendar.summary.adjusted': '调休上班',

  'deadline.title': '办结日期计算',
  'deadline.tab': '推算办结日期',
  'deadline.acceptedOn': '受理日期',
  'deadline.acceptedOnRequired': '请选择受理日期',
  'deadline.limitDays': '办理时限',
  'deadline.limitDaysRequired': '请输入办理时限',
  'deadline.limitDaysHint': '以工作日计，自受理次日起算。',
  'deadline.presets': '常用时限',
  'deadline.calculate': '计算',
  'deadline.prompt': '输入受理日期与时限，计算应办结日期。',
  'deadline.dueOn': '应办结日期',
  'deadline.explain':
    '自 {from} 受理次日起算 {days} 个工作日（不计周末和法定节假日，调休上班日计入），共 {calendarDays} 个自然日。',
  'deadline.uncovered':
    '{years} 年的法定节假日安排尚未发布或未载入，该段按普通周末计算，日期可能随通知调整。',
  'between.tab': '统计工作日数',
  'between.range': '起止日期',
  'between.rangeRequired': '请选择起止日期',
  'between.from': '开始日期',
  'between.to': '结束日期',
  'between.hint': '从开始日期的次日起计，至结束日期（含）为止。',
  'between.calculate': '统计',
  'between.prompt': '选择起止日期，统计其间的工作日数，例如已用去的办理时限。',
  'between.resultLabel': '{from} 至 {to}',
  'between.result': '{workingDays} 个工作日',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

export const en: Messages = {
  'app.name': 'Zhengtong',
  'app.tagline': 'Henan integrated government services',

  'nav.home': 'Zhengtong home',
  'nav.entrances': 'Platform entrances',
  'nav.portal': 'Service hall',
  'nav.workbench': 'Workbench',
  'nav.admin': 'Administration',
  'nav.skipToContent': 'Skip to main content',
  'lang.switchTo': '切换为中文',
  'footer.text': 'Zhengtong 政通 · open-source digital government platform · Apache-2.0',
  'footer.apiDocs': 'API documentation',

  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.close': 'Close',
  'common.filters': 'Filters',
  'common.total': '{total} in total',
  // English needs no unit after "Working days this month"
  'unit.days': '',
  'unit.workingDays': 'working days',

  'format.date': 'MMM D, YYYY',
  'format.longDate': 'dddd, MMMM D, YYYY',
  'format.yearMonth': 'MMMM YYYY',

  'error.network.title': 'Cannot reach the server',
  'error.network.detail': 'Check your network connection and try again.',
  'error.http.title': 'Request failed ({status})',
  'error.http.serverDetail': 'The service is temporarily unavailable. Please try again later.',
  'error.unexpected.title': 'Something went wrong',
  'error.requestId': 'Request ID',

  'notFound.title': 'Page not found',
  'notFound.detail': 'There is no page at this address; it may have moved or been mistyped.',
  'notFound.home': 'Back to home',
  'routeError.title': 'This page failed',
  'routeError.reload': 'Reload',

  'portal.title': 'Henan Government Services · Service Hall',
  'portal.subtitle':
    'Find the government service hall and windows near you, and work out due dates in official working days.',
  'portal.guidesComing':
    'Service guides and online applications arrive with the service item catalogue; for now you can look up service halls, windows and the working-day calendar.',
  'portal.halls.title': 'Find a service hall',
  'portal.halls.intro':
    'Choose your city or county to see its government service centres and their windows.',
  'portal.halls.where': 'Region',
  'portal.halls.wholeProvince': 'Whole province (pick a city or county)',
  'portal.halls.loading': 'Looking for service halls…',
  'portal.halls.none': 'No service hall is registered in this region',
  'portal.halls.count': 'Service halls found: {count}. Open one to see its windows.',
  'portal.halls.windowsOf': 'Windows of {hall}',

  'workbench.title': 'Workbench',
  'workbench.description':
    "A window officer's daily tools: time-limit calculation and the working-day calendar.",
  'workbench.signInComing': 'Staff sign-in arrives with the identity module',
  'workbench.signInComingDetail':
    "Once you can sign in, this page will list your organisation's applications to accept and process and their deadline warnings. Until then, use the time-limit calculator and calendar below.",

  'admin.nav.label': 'Administration navigation',
  'admin.nav.regions': 'Regions',
  'admin.nav.organisations': 'Organisations & windows',
  'admin.nav.calendar': 'Working-day calendar',
  'admin.regions.title': 'Administrative regions',
  'admin.regions.description':
    "The province's administrative divisions (GB/T 2260), opened level by level; select a region to see the organisations registered in it.",
  'admin.organisations.title': 'Organisations & windows',
  'admin.organisations.description':
    'Governments, departments and service halls at every level; click a row for details and, for a service hall, its windows.',
  'admin.calendar.title': 'Working-day calendar',
  'admin.calendar.description':
    'Public holidays and adjusted working days used to count statutory and promised time limits; days with a dot were adjusted by an administrator.',

  'region.tree': 'Region tree',
  'region.treeLabel': 'Administrative region tree',
  'region.loading': 'Loading regions…',
  'region.loadFailed': 'Regions failed to load',
  'region.pick': 'Choose a region',
  'region.code': 'Region code',
  'region.level': 'Level',
  'region.parent': 'Parent region',
  'region.childCount': 'Subregions',
  'region.level.province': 'Province',
  'region.level.city': 'City',
  'region.level.county': 'County / district',
  'region.organisations': 'Organisations in this region',
  'region.organisationsOf': 'Organisations of {region}',
  'region.includeSubtree': 'Include subregions',

  'organisation.name': 'Name',
  'organisation.shortName': 'Short name',
  'organisation.kind': 'Kind',
  'organisation.region': 'Region',
  'organisation.parent': 'Parent organisation',
  'organisation.creditCode': 'Unified social credit code',
  'organisation.kind.government': "People's government",
  'organisation.kind.department': 'Department',
  'organisation.kind.serviceHall': 'Service hall',
  'organisation.allRegions': 'All regions',
  'organisation.allKinds': 'All kinds',
  'organisation.search': 'Name',
  'organisation.searchPlaceholder': 'Filter by name, short name or credit code',
  'organisation.none': 'No organisation matches',
  'organisation.noWindows': 'Only service halls have windows.',

  'window.title': 'Service windows',
  'window.loading': 'Loading windows…',
  'window.none': 'No windows',
  'window.code': 'Window',
  'window.name': 'Name',
  'window.kind': 'Kind',
  'window.kind.comprehensive': 'Comprehensive',
  'window.kind.dedicated': 'Dedicated',
  'window.staffedBy': 'Staffed by',
  'window.status': 'Status',
  'window.active': 'Open',
  'window.inactive': 'Closed',

  'calendar.previousMonth': 'Previous month',
  'calendar.nextMonth': 'Next month',
  'calendar.pickMonth': 'Choose month',
  'calendar.today': 'Today',
  'calendar.legend': 'Legend',
  'calendar.mark.rest': 'Off',
  'calendar.mark.work': 'Work',
  'calendar.kind.workday': 'Working day',
  'calendar.kind.weekend': 'Weekend',
  'calendar.kind.holiday': 'Public holiday',
  'calendar.kind.adjustedWorkingDay': 'Adjusted working day',
  'calendar.overridden': 'Adjusted by an administrator',
  'calendar.isWorkingDay': 'offices open',
  'calendar.isRestDay': 'offices closed',
  'calendar.summary.workingDays': 'Working days this month',
  'calendar.summary.holidays': 'Public holidays',
  'calendar.summary.adjusted': 'Adjusted working days',

  'deadline.title': 'Due date calculator',
  'deadline.tab': 'Due date',
  'deadline.acceptedOn': 'Accepted on',
  'deadline.acceptedOnRequired': 'Choose the acceptance date',
  'deadline.limitDays': 'Time limit',
  'deadline.limitDaysRequired': 'Enter the time limit',
  'deadline.limitDaysHint': 'In working days, counted from the day after acceptance.',
  'deadline.presets': 'Common limits',
  'deadline.calculate': 'Calculate',
  'deadline.prompt': 'Enter the acceptance date and time limit to get the due date.',
  'deadline.dueOn': 'Due on',
  'deadline.explain':
    'Counted from the day after {from}, skipping weekends and public holidays and counting adjusted working days. Working days: {days}; calendar days: {calendarDays}.',
  'deadline.uncovered':
    'No official holiday notice is loaded for {years}; those days count weekends only, so the date may change when the notice is published.',
  'between.tab': 'Working days between',
  'between.range': 'Period',
  'between.rangeRequired': 'Choose the start and end dates',
  'between.from': 'Start date',
  'between.to': 'End date',
  'between.hint': 'Counted from the day after the start date up to and including the end date.',
  'between.calculate': 'Count',
  'between.prompt':
    'Choose two dates to count the working days between them, e.g. time used so far.',
  'between.resultLabel': '{from} to {to}',
  'between.result': 'Working days: {workingDays}',
};

export type Locale = 'zh-CN' | 'en';
export type MessageVars = Record<string, string | number>;

const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const message = dictionaries[locale][key];
  if (!vars) return message;
  return message.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = vars[name];
    return value === undefined ? placeholder : String(value);
  });
}
