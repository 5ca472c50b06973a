import type { MessageLocale } from '@zhengtong/contracts';

/*
 * The default texts of every kind of message, in Chinese and English, with the variables each
 * kind provides. Subscriptions (subscriptions.ts) compute the variables from an event; a
 * province admin may replace a text (message_template), using only these variables. The
 * language is the recipient's (message_preference.locale), on every channel.
 */

export type Locale = MessageLocale;
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export interface TemplateText {
  title: string;
  body: string;
}

export interface KindDefinition<V extends string = string> {
  /** 紧急: never held back by quiet hours */
  urgent: boolean;
  variables: readonly V[];
  /** sample values, for previews and the test that renders every default */
  sample: Readonly<Record<Locale, Readonly<Record<V, string>>>>;
  templates: Readonly<Record<Locale, TemplateText>>;
}

const kind = <const V extends string>(k: KindDefinition<V>): KindDefinition<V> => k;

/** 好差评: the invitation to rate that goes with every end of an application (一事一评). */
export const RATING_INVITATION = '欢迎在“我的办件”中对本次服务作出评价（好差评）。';
const RATING_INVITATION_EN = 'You are welcome to rate this service under “My applications”.';
/** A member of an 一件事 is rated through its bundle, once, when the bundle has ended. */
export const BUNDLE_RATING_NOTE =
  '本事项属于一件事「{bundleName}」，请在一件事办结后对其整体评价。';
const BUNDLE_RATING_NOTE_EN =
  'This item is part of the combined application “{bundleName}”: rate that one as a whole once it has ended.';
/** The end of an application: the invitation to rate it, or, for a bundle member, where to. */
const rateIt = `{^bundleName}${RATING_INVITATION}{/bundleName}{#bundleName}${BUNDLE_RATING_NOTE}{/bundleName}`;
const rateItEn = `{^bundleName}${RATING_INVITATION_EN}{/bundleName}{#bundleName}${BUNDLE_RATING_NOTE_EN}{/bundleName}`;

const APP_SAMPLE = {
  'zh-CN': { applicationNumber: '41010020250314000123', itemName: '食品经营许可' },
  en: { applicationNumber: '41010020250314000123', itemName: '食品经营许可' },
} as const;

const yours = '您申报的「{itemName}」（办件编号 {applicationNumber}）';
const yoursEn = 'Your application for “{itemName}” (no. {applicationNumber})';

export const MESSAGE_KINDS = {
  'application.submitted': kind({
    urgent: false,
    variables: ['applicationNumber', 'itemName'],
    sample: APP_SAMPLE,
    templates: {
      'zh-CN': {
        title: '已提交：{itemName}',
        body: '您申报的「{itemName}」已提交，办件编号 {applicationNumber}。受理前可在“我的办件”中上传申请材料，受理结果将另行通知。',
      },
      en: {
        title: 'Submitted: {itemName}',
        body: 'Your application for “{itemName}” has been submitted, application no. {applicationNumber}. Until it is accepted you may upload materials under “My applications”; you will be told of the acceptance.',
      },
    },
  }),
  'application.supplementRequested': kind({
    urgent: false,
    variables: ['applicationNumber', 'itemName', 'supplementItems'],
    sample: {
      'zh-CN': {
        ...APP_SAMPLE['zh-CN'],
        supplementItems: '1. 申请材料「申请书」：缺少签名\n2. 申请表「经营场所」：地址不完整',
      },
      en: {
        ...APP_SAMPLE.en,
        supplementItems: '1. Material “申请书”: 缺少签名\n2. Form field “经营场所”: 地址不完整',
      },
    },
    templates: {
      'zh-CN': {
        title: '补正告知：{itemName}',
        body: `${yours}需要补正，请按以下内容一次性补齐后重新提交：\n{supplementItems}`,
      },
      en: {
        title: 'More needed: {itemName}',
        body: `${yoursEn} needs the following; please provide all of it, then submit again:\n{supplementItems}`,
      },
    },
  }),
  'application.resubmitted': kind({
    urgent: false,
    variables: ['applicationNumber', 'itemName'],
    sample: APP_SAMPLE,
    templates: {
      'zh-CN': {
        title: '补正已提交：{itemName}',
        body: '您已提交「{itemName}」（办件编号 {applicationNumber}）的补正内容，请等待受理。',
      },
      en: {
        title: 'Supplement submitted: {itemName}',
        body: 'You have submitted what was asked for “{itemName}” (no. {applicationNumber}); please wait for the acceptance.',
      },
    },
  }),
  'application.accepted': kind({
    urgent: false,
    variables: ['applicationNumber', 'itemName', 'dueDate', 'pendingMaterials'],
    sample: {
      'zh-CN': {
        ...APP_SAMPLE['zh-CN'],
        dueDate: '2025年4月1日',
        pendingMaterials: '「营业执照」',
      },
      en: { ...APP_SAMPLE.en, dueDate: '2025-04-01', pendingMaterials: '“营业执照”' },
    },
    templates: {
      'zh-CN': {
        title: '已受理：{itemName}',
        body: `${yours}已受理{#dueDate}，承诺于 {dueDate} 前办结{/dueDate}。{#pendingMaterials}\n容缺受理，请尽快补交：{pendingMaterials}。{/pendingMaterials}`,
      },
      en: {
        title: 'Accepted: {itemName}',
        body: `${yoursEn} has been accepted{#dueDate}; it will be decided by {dueDate}{/dueDate}.{#pendingMaterials}\nAccepted with materials pending: please hand in {pendingMaterials} soon.{/pendingMaterials}`,
      },
    },
  }),
  'application.refused': kind({
    urgent: false,
    variables: ['applicationNumber', 'itemName', 'reason', 'bundleName'],
    sample: {
      'zh-CN': { ...APP_SAMPLE['zh-CN'], reason: '不属于本机关职责范围', bundleName: '' },
      en: { ...APP_SAMPLE.en, reason: '不属于本机关职责范围', bundleName: '' },
    },
    templates: {
      'zh-CN': {
        title: '不予受理：{itemName}',
        body: `${yours}不予受理。理由：{reason}{^reason}见办件详情{/reason}${rateIt}`,
      },
      en: {
        title: 'Not accepted: {itemName}',
        body: `${yoursEn} was not accepted. Reason: {reason}{^reason}see the application{/reason}. ${rateItEn}`,
      },
    },
  }),
  'application.suspended': kind({
    urgent: false,
    variables: ['applicationNumber', 'itemName', 'suspensionKind', 'reason'],
    sample: {
      'zh-CN': { ...APP_SAMPLE['zh-CN'], suspensionKind: '现场勘验', reason: '需核实经营场所' },
      en: { ...APP_SAMPLE.en, suspensionKind: 'site inspection', reason: '需核实经营场所' },
    },
    templates: {
      'zh-CN': {
        title: '办理暂停：{itemName}',
        body: `${yours}进入特殊环节（{suspensionKind}），办理时限暂停计算。{#reason}说明：{reason}{/reason}`,
      },
      en: {
        title: 'On hold: {itemName}',
        body: `${yoursEn} is in a special procedure ({suspensionKind}); the time limit stands still meanwhile.{#reason} Note: {reason}{/reason}`,
      },
    },
  }),
  'application.resumed': kind({
    urgent: false,
    variables: ['applicationNumber', 'itemName', 'dueDate'],
    sample: {
      'zh-CN': { ...APP_SAMPLE['zh-CN'], dueDate: '2025年4月8日' },
      en: { ...APP_SAMPLE.en, dueDate: '2025-04-08' },
    },
    templates: {
      'zh-CN': {
        title: '恢复办理：{itemName}',
        body: `${yours}已恢复办理{#dueDate}，承诺办结日期顺延至 {dueDate}{/dueDate}。`,
      },
      en: {
        title: 'Resumed: {itemName}',
        body: `${yoursEn} is being processed again{#dueDate}; it will now be decided by {dueDate}{/dueDate}.`,
      },
    },
  }),
  'application.withdrawn': kind({
    urgent: false,
    variables: ['applicationNumber', 'itemName'],
    sample: APP_SAMPLE,
    templates: {
      'zh-CN': { title: '已撤回：{itemName}', body: `${yours}已撤回。` },
      en: { title: 'Withdrawn: {itemName}', body: `${yoursEn} has been withdrawn.` },
    },
  }),
  'application.completed': kind({
    urgent: true,
    variables: ['applicationNumber', 'itemName', 'approved', 'denied', 'reason', 'bundleName'],
    sample: {
      'zh-CN': {
        ...APP_SAMPLE['zh-CN'],
        approved: '',
        denied: '不予许可',
        reason: '场所不符',
        bundleName: '',
      },
      en: { ...APP_SAMPLE.en, approved: '', denied: 'denied', reason: '场所不符', bundleName: '' },
    },
    templates: {
      'zh-CN': {
        title:
          '{#approved}已办结（准予）{/approved}{#denied}已办结（不予许可）{/denied}：{itemName}',
        body: `${yours}已办结，{#approved}结果为准予。请在“我的办件”中查看结果及送达情况。{/approved}{#denied}结果为不予许可。{#reason}理由：{reason}{/reason}{/denied}${rateIt}`,
      },
      en: {
        title: 'Decided ({#approved}approved{/approved}{#denied}denied{/denied}): {itemName}',
        body: `${yoursEn} has been decided: {#approved}approved. See the result and its delivery under “My applications”.{/approved}{#denied}denied.{#reason} Reason: {reason}{/reason}{/denied} ${rateItEn}`,
      },
    },
  }),
  'bundle-application.submitted': kind({
    urgent: false,
    variables: ['applicationNumber', 'bundleName'],
    sample: {
      'zh-CN': { applicationNumber: '41010020250314000456', bundleName: '出生一件事' },
      en: { applicationNumber: '41010020250314000456', bundleName: '出生一件事' },
    },
    templates: {
      'zh-CN': {
        title: '一件事已提交：{bundleName}',
        body: '您申报的一件事「{bundleName}」已提交，办件编号 {applicationNumber}。其中各事项由相关部门分别办理，进展将另行通知。',
      },
      en: {
        title: 'Submitted: {bundleName}',
        body: 'Your combined application “{bundleName}” has been submitted, no. {applicationNumber}. The departments concerned handle its items; you will be told of their progress.',
      },
    },
  }),
  'bundle-application.completed': kind({
    urgent: true,
    variables: ['applicationNumber', 'bundleName'],
    sample: {
      'zh-CN': { applicationNumber: '41010020250314000456', bundleName: '出生一件事' },
      en: { applicationNumber: '41010020250314000456', bundleName: '出生一件事' },
    },
    templates: {
      'zh-CN': {
        title: '一件事已办结：{bundleName}',
        body: `您申报的一件事「{bundleName}」（办件编号 {applicationNumber}）已全部办结。${RATING_INVITATION}`,
      },
      en: {
        title: 'Completed: {bundleName}',
        body: `Every item of your combined application “{bundleName}” (no. {applicationNumber}) has been completed. ${RATING_INVITATION_EN}`,
      },
    },
  }),
  'bundle-application.failed': kind({
    urgent: true,
    variables: ['applicationNumber', 'bundleName'],
    sample: {
      'zh-CN': { applicationNumber: '41010020250314000456', bundleName: '出生一件事' },
      en: { applicationNumber: '41010020250314000456', bundleName: '出生一件事' },
    },
    templates: {
      'zh-CN': {
        title: '一件事未能办结：{bundleName}',
        body: `您申报的一件事「{bundleName}」（办件编号 {applicationNumber}）中有事项未获准予，其余事项不再办理。请在“我的办件”中查看各事项的结果。${RATING_INVITATION}`,
      },
      en: {
        title: 'Not completed: {bundleName}',
        body: `An item of your combined application “{bundleName}” (no. {applicationNumber}) was not granted, so the others will not be processed. See each item’s result under “My applications”. ${RATING_INVITATION_EN}`,
      },
    },
  }),
  'workflow.task.escalated': kind({
    urgent: true,
    variables: ['taskName', 'itemName', 'applicationNumber', 'dueDate'],
    sample: {
      'zh-CN': { ...APP_SAMPLE['zh-CN'], taskName: '审查', dueDate: '2025年4月1日' },
      en: { ...APP_SAMPLE.en, taskName: '审查', dueDate: '2025-04-01' },
    },
    templates: {
      'zh-CN': {
        title: '督办：{itemName}{^itemName}{taskName}{/itemName}',
        body: '{#itemName}「{itemName}」（办件编号 {applicationNumber}）的{/itemName}「{taskName}」环节已超过办理期限{#dueDate}（{dueDate}）{/dueDate}，请督促办理。',
      },
      en: {
        title: 'Overdue: {itemName}{^itemName}{taskName}{/itemName}',
        body: 'The step “{taskName}”{#itemName} of “{itemName}” (no. {applicationNumber}){/itemName} is past its time limit{#dueDate} ({dueDate}){/dueDate}; please see that it is handled.',
      },
    },
  }),
  'workflow.task.warning': kind({
    urgent: false,
    variables: ['taskName', 'itemName', 'applicationNumber', 'dueDate'],
    sample: {
      'zh-CN': { ...APP_SAMPLE['zh-CN'], taskName: '审查', dueDate: '2025年4月1日' },
      en: { ...APP_SAMPLE.en, taskName: '审查', dueDate: '2025-04-01' },
    },
    templates: {
      'zh-CN': {
        title: '办理预警：{taskName}',
        body: '{#itemName}「{itemName}」（办件编号 {applicationNumber}）的{/itemName}「{taskName}」环节即将到期{#dueDate}，请于 {dueDate} 前办结{/dueDate}。',
      },
      en: {
        title: 'Due soon: {taskName}',
        body: 'The step “{taskName}”{#itemName} of “{itemName}” (no. {applicationNumber}){/itemName} is nearing its time limit{#dueDate}; please finish it by {dueDate}{/dueDate}.',
      },
    },
  }),
  'certificate.issued': kind({
    urgent: false,
    variables: ['certificateName', 'identifier', 'holderName', 'validTo'],
    sample: {
      'zh-CN': {
        certificateName: '食品经营许可证',
        identifier: '1.2.156.3005.2.11410000MB0000000X.001.JY14101000000012.1',
        holderName: '张三',
        validTo: '2030年3月13日',
      },
      en: {
        certificateName: '食品经营许可证',
        identifier: '1.2.156.3005.2.11410000MB0000000X.001.JY14101000000012.1',
        holderName: '张三',
        validTo: '2030-03-13',
      },
    },
    templates: {
      'zh-CN': {
        title: '证照已签发：{certificateName}',
        body: '「{holderName}」的电子证照「{certificateName}」已签发，证照标识 {identifier}{#validTo}，有效期至 {validTo}{/validTo}。可在“我的证照”中查看和使用。',
      },
      en: {
        title: 'Certificate issued: {certificateName}',
        body: 'The electronic certificate “{certificateName}” of {holderName} has been issued, identifier {identifier}{#validTo}, valid until {validTo}{/validTo}. See it under “My certificates”.',
      },
    },
  }),
  'evaluation.case.opened': kind({
    urgent: false,
    variables: ['itemName', 'applicationNumber', 'level', 'visitDueDate', 'rectifyDueDate'],
    sample: {
      'zh-CN': {
        ...APP_SAMPLE['zh-CN'],
        level: '1',
        visitDueDate: '2025年3月17日',
        rectifyDueDate: '2025年4月3日',
      },
      en: {
        ...APP_SAMPLE.en,
        level: '1',
        visitDueDate: '2025-03-17',
        rectifyDueDate: '2025-04-03',
      },
    },
    templates: {
      'zh-CN': {
        title: '差评整改：{itemName}{^itemName}新的差评{/itemName}',
        body: '本单位收到一条差评（{level} 星）{#itemName}，涉及「{itemName}」（办件编号 {applicationNumber}）{/itemName}。请于 {visitDueDate} 前回访，{rectifyDueDate} 前完成整改并答复。',
      },
      en: {
        title: 'Poor rating to rectify: {itemName}{^itemName}new case{/itemName}',
        body: 'Your organisation received a poor rating ({level} stars){#itemName} for “{itemName}” (no. {applicationNumber}){/itemName}. Call the applicant back by {visitDueDate}; rectify and reply by {rectifyDueDate}.',
      },
    },
  }),
  'evaluation.case.replied': kind({
    urgent: false,
    variables: ['itemName', 'applicationNumber', 'reply'],
    sample: {
      'zh-CN': { ...APP_SAMPLE['zh-CN'], reply: '已对窗口人员进行培训，并优化了取号流程。' },
      en: { ...APP_SAMPLE.en, reply: '已对窗口人员进行培训，并优化了取号流程。' },
    },
    templates: {
      'zh-CN': {
        title: '差评整改答复{#itemName}：{itemName}{/itemName}',
        body: '您对{#itemName}「{itemName}」（办件编号 {applicationNumber}）{/itemName}{^itemName}本次服务{/itemName}的差评，办理单位已整改并答复：{reply}\n欢迎对整改结果再作一次评价。',
      },
      en: {
        title: 'Reply to your rating{#itemName}: {itemName}{/itemName}',
        body: 'The office has acted on your poor rating of {#itemName}“{itemName}” (no. {applicationNumber}){/itemName}{^itemName}its service{/itemName} and replies: {reply}\nYou may rate once more how it was put right.',
      },
    },
  }),
  'evaluation.appeal.decided': kind({
    urgent: false,
    variables: ['itemName', 'applicationNumber', 'decision'],
    sample: {
      'zh-CN': { ...APP_SAMPLE['zh-CN'], decision: '申诉不成立，维持原评价' },
      en: { ...APP_SAMPLE.en, decision: 'the appeal was rejected; the rating stands' },
    },
    templates: {
      'zh-CN': {
        title: '差评申诉复核结果',
        body: '关于{#itemName}「{itemName}」（办件编号 {applicationNumber}）{/itemName}{^itemName}一次服务{/itemName}的差评，办理单位提出的申诉已复核：{decision}。',
      },
      en: {
        title: 'Appeal against a rating decided',
        body: 'The office’s appeal against a poor rating of {#itemName}“{itemName}” (no. {applicationNumber}){/itemName}{^itemName}its service{/itemName} has been reviewed: {decision}.',
      },
    },
  }),
  'payment.order.created': kind({
    urgent: false,
    variables: ['itemName', 'applicationNumber', 'amount'],
    sample: {
      'zh-CN': { ...APP_SAMPLE['zh-CN'], amount: '120.50' },
      en: { ...APP_SAMPLE.en, amount: '120.50' },
    },
    templates: {
      'zh-CN': {
        title: '请缴费{#itemName}：{itemName}{/itemName}',
        body: '{#itemName}您申报的「{itemName}」（办件编号 {applicationNumber}）{/itemName}{^itemName}您的办件{/itemName}需缴纳费用 {amount} 元，请在“我的办件”中完成缴费。',
      },
      en: {
        title: 'Fee to pay{#itemName}: {itemName}{/itemName}',
        body: '{#itemName}Your application for “{itemName}” (no. {applicationNumber}){/itemName}{^itemName}Your application{/itemName} needs a fee of CNY {amount}; please pay it under “My applications”.',
      },
    },
  }),
  'payment.order.paid': kind({
    urgent: false,
    variables: ['itemName', 'applicationNumber', 'amount'],
    sample: {
      'zh-CN': { ...APP_SAMPLE['zh-CN'], amount: '120.50' },
      en: { ...APP_SAMPLE.en, amount: '120.50' },
    },
    templates: {
      'zh-CN': {
        title: '缴费成功{#itemName}：{itemName}{/itemName}',
        body: '您已缴纳{#itemName}「{itemName}」（办件编号 {applicationNumber}）的{/itemName}费用 {amount} 元。电子票据可在“我的票据”中查看。',
      },
      en: {
        title: 'Paid{#itemName}: {itemName}{/itemName}',
        body: 'You have paid CNY {amount}{#itemName} for “{itemName}” (no. {applicationNumber}){/itemName}. The receipt is under “My receipts”.',
      },
    },
  }),
  'payment.order.refunded': kind({
    urgent: false,
    variables: ['itemName', 'applicationNumber', 'amount'],
    sample: {
      'zh-CN': { ...APP_SAMPLE['zh-CN'], amount: '120.50' },
      en: { ...APP_SAMPLE.en, amount: '120.50' },
    },
    templates: {
      'zh-CN': {
        title: '已退款{#itemName}：{itemName}{/itemName}',
        body: '您缴纳的{#itemName}「{itemName}」（办件编号 {applicationNumber}）{/itemName}费用 {amount} 元已退回原支付账户。详见“我的票据”。',
      },
      en: {
        title: 'Refunded{#itemName}: {itemName}{/itemName}',
        body: 'The fee of CNY {amount}{#itemName} you paid for “{itemName}” (no. {applicationNumber}){/itemName} has been refunded to the account you paid from. See “My receipts”.',
      },
    },
  }),
  'payment.order.cancelled': kind({
    urgent: false,
    variables: ['itemName', 'applicationNumber', 'amount'],
    sample: {
      'zh-CN': { ...APP_SAMPLE['zh-CN'], amount: '120.50' },
      en: { ...APP_SAMPLE.en, amount: '120.50' },
    },
    templates: {
      'zh-CN': {
        title: '缴费订单已取消{#itemName}：{itemName}{/itemName}',
        body: '{#itemName}「{itemName}」（办件编号 {applicationNumber}）的{/itemName}缴费订单（{amount} 元）已取消，无需再缴纳。',
      },
      en: {
        title: 'Payment cancelled{#itemName}: {itemName}{/itemName}',
        body: 'The payment order of CNY {amount}{#itemName} for “{itemName}” (no. {applicationNumber}){/itemName} was cancelled; nothing is to be paid.',
      },
    },
  }),
} as const;

export type MessageKindName = keyof typeof MESSAGE_KINDS;
export type VarsOf<K extends MessageKindName> = Record<
  (typeof MESSAGE_KINDS)[K]['variables'][number],
  string
>;

export const isMessageKind = (kind: string): kind is MessageKindName =>
  Object.hasOwn(MESSAGE_KINDS, kind);

export function kindDefinition(kind: MessageKindName): KindDefinition {
  return MESSAGE_KINDS[kind];
}

/** 2025-03-14 → 2025年3月14日 (zh-CN) or as it is (en, ISO); anything else as it is. */
export function localDate(date: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || locale === 'en') return date;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Fen → yuan with two decimals (12050 → 120.50). */
export const yuan = (fen: number): string =>
  `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
