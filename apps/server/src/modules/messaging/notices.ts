import type { Notice } from './notifier.js';

/*
 * The texts of the notifications, zh-CN: pure functions from what happened to a Notice. The web
 * shows title and body as they are; channels that come later (e-mail, SMS) start from the same
 * Notice and may shorten it.
 */

/** What a notice tells of an application. */
export interface ApplicationFacts {
  id: string;
  applicationNo: string;
  itemName: string;
  dueDate: string | null;
  decisionReason: string | null;
}

/** What a notice tells of an 一件事 bundle application. */
export interface BundleFacts {
  id: string;
  applicationNo: string;
  bundleName: string;
}

/** Names of the materials and form fields of the list version an application was filed under. */
export interface FormNames {
  material(key: string): string | undefined;
  field(name: string): string | undefined;
}

export const applicationLink = (id: string) => `/me/applications/${id}`;
export const bundleApplicationLink = (id: string) => `/me/bundle-applications/${id}`;
export const workbenchLink = (id: string) => `/workbench/applications/${id}`;

/** 2025-03-14 → 2025年3月14日; anything else as it is. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

const SUSPENSION_KINDS: Record<string, string> = {
  siteInspection: '现场勘验',
  expertReview: '专家评审',
  hearing: '听证',
  other: '其他特殊环节',
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** The application events an applicant is told of, by topic. */
export const APPLICANT_TOPICS = [
  'application.submitted',
  'application.supplementRequested',
  'application.resubmitted',
  'application.accepted',
  'application.refused',
  'application.suspended',
  'application.resumed',
  'application.withdrawn',
  'application.completed',
] as const;
export type ApplicantTopic = (typeof APPLICANT_TOPICS)[number];

/** 好差评: the invitation to rate that goes with every end of an application (一事一评). */
export const RATING_INVITATION = '欢迎在“我的办件”中对本次服务作出评价（好差评）。';

/** 补正 items, numbered, each with the material or field it concerns (一次性告知). */
export function supplementLines(items: unknown, names: FormNames): string[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((raw: unknown, i) => {
    if (raw === null || typeof raw !== 'object') return [];
    const item = raw as { materialKey?: unknown; field?: unknown; reason?: unknown };
    const reason = text(item.reason) ?? '';
    const materialKey = text(item.materialKey);
    const field = text(item.field);
    const about = materialKey
      ? `申请材料「${names.material(materialKey) ?? materialKey}」`
      : field
        ? `申请表「${names.field(field) ?? field}」`
        : '其他';
    return [`${i + 1}. ${about}：${reason}`];
  });
}

/** The notice to the applicant of an application event. */
export function applicationNotice(
  topic: ApplicantTopic,
  app: ApplicationFacts,
  payload: Record<string, unknown>,
  names: FormNames,
): Notice {
  const item = app.itemName;
  const yours = `您申报的「${item}」（办件编号 ${app.applicationNo}）`;
  const notice = (title: string, body: string, urgent = false): Notice => ({
    kind: topic,
    title,
    body,
    link: applicationLink(app.id),
    urgent,
  });
  switch (topic) {
    case 'application.submitted':
      return notice(
        `已提交：${item}`,
        `您申报的「${item}」已提交，办件编号 ${app.applicationNo}。受理前可在“我的办件”中上传申请材料，受理结果将另行通知。`,
      );
    case 'application.supplementRequested': {
      const lines = supplementLines(payload.items, names);
      return notice(
        `补正告知：${item}`,
        [`${yours}需要补正，请按以下内容一次性补齐后重新提交：`, ...lines].join('\n'),
      );
    }
    case 'application.resubmitted':
      return notice(
        `补正已提交：${item}`,
        `您已提交「${item}」（办件编号 ${app.applicationNo}）的补正内容，请等待受理。`,
      );
    case 'application.accepted': {
      const due = text(payload.dueDate) ?? app.dueDate;
      const pending = Array.isArray(payload.pendingMaterials)
        ? payload.pendingMaterials
            .filter((k): k is string => typeof k === 'string')
            .map((k) => `「${names.material(k) ?? k}」`)
        : [];
      return notice(
        `已受理：${item}`,
        [
          `${yours}已受理${due ? `，承诺于 ${chineseDate(due)} 前办结` : ''}。`,
          ...(pending.length > 0 ? [`容缺受理，请尽快补交：${pending.join('、')}。`] : []),
        ].join('\n'),
      );
    }
    case 'application.refused':
      return notice(
        `不予受理：${item}`,
        `${yours}不予受理。理由：${text(payload.reason) ?? app.decisionReason ?? '见办件详情'}${RATING_INVITATION}`,
      );
    case 'application.suspended': {
      const kind = text(payload.kind);
      const reason = text(payload.reason);
      return notice(
        `办理暂停：${item}`,
        `${yours}进入特殊环节（${(kind && SUSPENSION_KINDS[kind]) ?? '特殊环节'}），办理时限暂停计算。${reason ? `说明：${reason}` : ''}`,
      );
    }
    case 'application.resumed': {
      const due = text(payload.dueDate);
      return notice(
        `恢复办理：${item}`,
        `${yours}已恢复办理${due ? `，承诺办结日期顺延至 ${chineseDate(due)}` : ''}。`,
      );
    }
    case 'application.withdrawn':
      return notice(`已撤回：${item}`, `${yours}已撤回。`);
    case 'application.completed': {
      const approved = payload.outcome === 'approved';
      const reason = approved ? undefined : (app.decisionReason ?? undefined);
      return notice(
        approved ? `已办结（准予）：${item}` : `已办结（不予许可）：${item}`,
        approved
          ? `${yours}已办结，结果为准予。请在“我的办件”中查看结果及送达情况。${RATING_INVITATION}`
          : `${yours}已办结，结果为不予许可。${reason ? `理由：${reason}` : ''}${RATING_INVITATION}`,
        true,
      );
    }
  }
}

/** The 一件事 events an applicant is told of. */
export const BUNDLE_TOPICS = [
  'bundle-application.submitted',
  'bundle-application.completed',
  'bundle-application.failed',
] as const;
export type BundleTopic = (typeof BUNDLE_TOPICS)[number];

export function bundleNotice(topic: BundleTopic, bundle: BundleFacts): Notice {
  const name = bundle.bundleName;
  const yours = `您申报的一件事「${name}」（办件编号 ${bundle.applicationNo}）`;
  const notice = (title: string, body: string, urgent = false): Notice => ({
    kind: topic,
    title,
    body,
    link: bundleApplicationLink(bundle.id),
    urgent,
  });
  switch (topic) {
    case 'bundle-application.submitted':
      return notice(
        `一件事已提交：${name}`,
        `您申报的一件事「${name}」已提交，办件编号 ${bundle.applicationNo}。其中各事项由相关部门分别办理，进展将另行通知。`,
      );
    case 'bundle-application.completed':
      return notice(`一件事已办结：${name}`, `${yours}已全部办结。`, true);
    case 'bundle-application.failed':
      return notice(
        `一件事未能办结：${name}`,
        `${yours}中有事项未获准予，其余事项不再办理。请在“我的办件”中查看各事项的结果。`,
        true,
      );
  }
}

/** 督办: an overdue step, told to the heads of the department it waits on. */
export function escalationNotice(
  payload: { name?: string | undefined; dueDate?: string | undefined },
  app: { id: string; applicationNo: string; itemName: string } | undefined,
): Notice {
  const step = payload.name ?? '办理';
  const due = payload.dueDate ? `（${chineseDate(payload.dueDate)}）` : '';
  return {
    kind: 'workflow.task.escalated',
    title: `督办：${app ? app.itemName : step}`,
    body: app
      ? `「${app.itemName}」（办件编号 ${app.applicationNo}）的「${step}」环节已超过办理期限${due}，请督促办理。`
      : `「${step}」环节已超过办理期限${due}，请督促办理。`,
    link: app ? workbenchLink(app.id) : null,
    urgent: true,
  };
}
