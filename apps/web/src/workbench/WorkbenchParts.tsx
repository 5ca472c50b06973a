import type { ApplicationStatus, SupplementItem, WorkflowTask } from '@zhengtong/contracts';
import { Tag, Typography } from 'antd';
import { OrganisationName } from '../shared/directory/OrganisationName';
import { useFormatDate, useT } from '../shared/i18n/LocaleProvider';
import {
  dateText,
  deadlineColor,
  deadlineKey,
  dueState,
  elementOrganisationId,
  holderOf,
  statusColor,
  statusKey,
} from './labels';

/** 办件状态 as a coloured tag. */
export function StatusTag({ status }: { status: ApplicationStatus }) {
  const t = useT();
  return <Tag color={statusColor[status]}>{t(statusKey[status])}</Tag>;
}

/**
 * A due date with its warning: overdue in red, due today or tomorrow in orange, each also said
 * in words (colour alone does not tell everyone). Without `warn` (a finished case), just the date.
 */
export function DueDate({ date, warn = true }: { date: string | null; warn?: boolean }) {
  const t = useT();
  const formatDate = useFormatDate();
  if (!date) return <span className="zt-muted">—</span>;
  const state = warn ? dueState(date) : 'normal';
  const text = dateText(date, formatDate);
  if (state === 'overdue') {
    return (
      <span>
        <Typography.Text type="danger">{text}</Typography.Text>{' '}
        <Tag color="red">{t('workbench.due.overdue')}</Tag>
      </span>
    );
  }
  if (state === 'soon') {
    return (
      <span>
        <Typography.Text type="warning">{text}</Typography.Text>{' '}
        <Tag color="orange">{t('workbench.due.soon')}</Tag>
      </span>
    );
  }
  return <span>{text}</span>;
}

/**
 * A task's due date with the server's 预警: yellow from its warning day, red once overdue, and
 * 督办 once escalated to the head of the department; each also said in words.
 */
export function TaskDeadlineCell({
  task,
}: {
  task: Pick<WorkflowTask, 'dueDate' | 'warnDate' | 'deadline' | 'escalatedAt'>;
}) {
  const t = useT();
  const formatDate = useFormatDate();
  const color = deadlineColor[task.deadline];
  const key = deadlineKey[task.deadline];
  return (
    <span>
      {task.dueDate ? (
        <Typography.Text
          type={
            task.deadline === 'overdue'
              ? 'danger'
              : task.deadline === 'warning'
                ? 'warning'
                : undefined
          }
        >
          {dateText(task.dueDate, formatDate)}
        </Typography.Text>
      ) : (
        <span className="zt-muted">{t('workbench.deadline.noLimit')}</span>
      )}
      {color && key && (
        <>
          {' '}
          <Tag color={color}>{t(key)}</Tag>
        </>
      )}
      {task.escalatedAt && <Tag color="magenta">{t('workbench.deadline.escalated')}</Tag>}
      {task.deadline === 'onTime' && task.warnDate && (
        <span className="zt-subline zt-muted">
          {t('workbench.deadline.warnFrom', { date: dateText(task.warnDate, formatDate) })}
        </span>
      )}
    </span>
  );
}

/** Who holds a task: 未认领, 我已认领, or the colleague who holds it. */
export function TaskHolder({
  task,
  accountId,
}: {
  task: Pick<WorkflowTask, 'assignee' | 'assigneeName'>;
  accountId: string | undefined;
}) {
  const t = useT();
  const holder = holderOf(task, accountId);
  if (holder === 'nobody') return <span className="zt-muted">{t('workbench.holder.nobody')}</span>;
  if (holder === 'me') return <Tag color="blue">{t('workbench.holder.me')}</Tag>;
  return (
    <Tag>
      {t('workbench.holder.other', { name: task.assigneeName ?? t('workbench.holder.colleague') })}
    </Tag>
  );
}

/** The element of a multi-instance task: for 会签, the department asked. */
export function TaskElement({ element }: { element: unknown }) {
  const t = useT();
  if (element === null || element === undefined) return null;
  const organisationId = elementOrganisationId(element);
  return (
    <span className="zt-subline zt-muted">
      {t('workbench.task.element')}
      {organisationId ? (
        <OrganisationName id={organisationId} />
      ) : (
        <span className="zt-code">
          {typeof element === 'string' ? element : JSON.stringify(element)}
        </span>
      )}
    </span>
  );
}

/** The items of a 补正 notice: which material or field, and why. */
export function SupplementItems({
  items,
  materialName,
  fieldTitle,
}: {
  items: readonly SupplementItem[];
  materialName: (key: string) => string;
  fieldTitle: (name: string) => string;
}) {
  return (
    <ol className="zt-alert-list">
      {items.map((item, index) => {
        const subject = [
          item.materialKey ? materialName(item.materialKey) : undefined,
          item.field ? fieldTitle(item.field) : undefined,
        ].filter(Boolean);
        return (
          <li key={index}>
            {subject.length > 0 && <strong>{subject.join(' / ')}：</strong>}
            {item.reason}
          </li>
        );
      })}
    </ol>
  );
}
