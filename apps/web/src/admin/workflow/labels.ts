import { ROLES, type Role } from '@zhengtong/contracts';
import dayjs from 'dayjs';
import type { Session } from '../../shared/api/identity';
import type { FormatDate, Translate } from '../../shared/i18n/LocaleProvider';
import type { MessageKey } from '../../shared/i18n/messages';
import { roleLabelKey } from '../../shared/identity/roles';

/** Element kinds of the compiled model, in the order the pages list their counts. */
const kindKeys = {
  userTask: 'workflowAdmin.kind.userTask',
  serviceTask: 'workflowAdmin.kind.serviceTask',
  callActivity: 'workflowAdmin.kind.callActivity',
  exclusiveGateway: 'workflowAdmin.kind.exclusiveGateway',
  parallelGateway: 'workflowAdmin.kind.parallelGateway',
  boundaryTimer: 'workflowAdmin.kind.boundaryTimer',
  startEvent: 'workflowAdmin.kind.startEvent',
  endEvent: 'workflowAdmin.kind.endEvent',
} as const satisfies Record<string, MessageKey>;

const kindOrder = Object.keys(kindKeys);

/** The element counts worth showing (start and end events go without saying), in order. */
export function elementCounts(
  elements: Record<string, number>,
  t: Translate,
): { kind: string; label: string; count: number }[] {
  return Object.entries(elements)
    .filter(([kind, count]) => count > 0 && kind !== 'startEvent' && kind !== 'endEvent')
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([kind, count]) => ({
      kind,
      count,
      label: kind in kindKeys ? t(kindKeys[kind as keyof typeof kindKeys]) : kind,
    }));
}

function rank(kind: string): number {
  const at = kindOrder.indexOf(kind);
  return at < 0 ? kindOrder.length : at;
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** A role's name in the UI language (窗口受理, 审批 …); an unknown one as written. */
export function roleName(role: string, t: Translate): string {
  return isRole(role) ? t(roleLabelKey(role)) : role;
}

const organisationKeys = {
  implementingOrganisationId: 'workflowAdmin.org.implementingOrganisationId',
  acceptingOrganisationId: 'workflowAdmin.org.acceptingOrganisationId',
  consultedOrganisationId: 'workflowAdmin.org.consultedOrganisationId',
} as const satisfies Record<string, MessageKey>;

/** The usual candidate-organisation variables by name (实施机构 …); others undefined. */
export function organisationName(expression: string, t: Translate): string | undefined {
  return expression in organisationKeys
    ? t(organisationKeys[expression as keyof typeof organisationKeys])
    : undefined;
}

/** 办理时限: N working days, same day for 0, none when unset. */
export function limitText(limitDays: number | undefined, t: Translate): string {
  if (limitDays === undefined) return t('workflowAdmin.steps.noLimit');
  if (limitDays === 0) return t('workflowAdmin.steps.sameDay');
  return t('workflowAdmin.steps.limitDays', { days: limitDays });
}

/** Who deployed: the system for the shipped definitions, "me", or the account id. */
export function deployerText(deployedBy: string, me: Session | null | undefined, t: Translate) {
  if (deployedBy.startsWith('system:')) return t('workflowAdmin.deployedBy.system');
  if (me && deployedBy === me.accountId) return t('workflowAdmin.deployedBy.me', { name: me.name });
  return undefined;
}

export function dateTimeText(iso: string, formatDate: FormatDate, t: Translate): string {
  const at = dayjs(iso);
  return t('workflowAdmin.dateTime', { date: formatDate(at, 'date'), time: at.format('HH:mm') });
}
