import type { Application } from '@zhengtong/contracts';
import { Card, Descriptions, Tag, type DescriptionsProps } from 'antd';
import { useFormatDate, useT } from '../shared/i18n/LocaleProvider';
import { dateText, dateTimeText } from './labels';
import { DueDate, StatusTag } from './WorkbenchParts';

/** Still running: its due dates are worth a warning. */
function inProcess(status: Application['status']): boolean {
  return status === 'submitted' || status === 'supplementRequested' || status === 'accepted';
}

/** 办件信息: number, item, organisation, applicant (masked), channel, status and dates. */
export function ApplicationFacts({ application }: { application: Application }) {
  const t = useT();
  const formatDate = useFormatDate();
  const when = (iso: string | null) => (iso ? dateTimeText(iso, formatDate, t) : '—');
  const running = inProcess(application.status);

  const items: DescriptionsProps['items'] = [
    {
      key: 'no',
      label: t('workbench.app.no'),
      children: <span className="zt-code">{application.applicationNo}</span>,
    },
    {
      key: 'status',
      label: t('workbench.app.status'),
      children: <StatusTag status={application.status} />,
    },
    {
      key: 'item',
      label: t('workbench.app.item'),
      children: (
        // a wrapper of its own: the item's content is a flex box, which drops the space
        <span>
          {application.itemName} <span className="zt-muted zt-code">{application.itemCode}</span>
        </span>
      ),
    },
    {
      key: 'organisation',
      label: t('workbench.app.organisation'),
      children: application.organisationName || '—',
    },
    {
      key: 'applicant',
      label: t('workbench.app.applicant'),
      children: (
        <>
          {application.applicantName}{' '}
          <Tag>
            {application.applicantKind === 'person'
              ? t('workbench.app.applicant.person')
              : t('workbench.app.applicant.enterprise')}
          </Tag>
        </>
      ),
    },
    {
      key: 'channel',
      label: t('workbench.app.channel'),
      children:
        application.channel === 'online'
          ? t('workbench.app.channel.online')
          : t('workbench.app.channel.window'),
    },
    {
      key: 'submittedAt',
      label: t('workbench.app.submittedAt'),
      children: when(application.submittedAt),
    },
    {
      key: 'acceptedAt',
      label: t('workbench.app.acceptedAt'),
      children: when(application.acceptedAt),
    },
    {
      key: 'dueDate',
      label: t('workbench.app.dueDate'),
      children: <DueDate date={application.dueDate} warn={running} />,
    },
    {
      key: 'statutoryDueDate',
      label: t('workbench.app.statutoryDueDate'),
      children: application.statutoryDueDate
        ? dateText(application.statutoryDueDate, formatDate)
        : '—',
    },
  ];
  if (application.completedAt) {
    items.push({
      key: 'completedAt',
      label: t('workbench.app.completedAt'),
      children: when(application.completedAt),
    });
  }
  if (application.supplementCount > 0) {
    items.push({
      key: 'supplementCount',
      label: t('workbench.app.supplementCount'),
      children: application.supplementCount,
    });
  }
  if (application.decisionReason) {
    items.push({
      key: 'decisionReason',
      label:
        application.status === 'refused'
          ? t('workbench.app.refuseReason')
          : t('workbench.app.decisionReason'),
      children: application.decisionReason,
      span: 'filled',
    });
  }

  return (
    <Card
      className="zt-card zt-note"
      title={<h2 className="zt-card-heading">{t('workbench.app.facts')}</h2>}
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />
    </Card>
  );
}
