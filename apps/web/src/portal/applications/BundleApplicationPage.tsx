import { useQuery } from '@tanstack/react-query';
import type {
  ApplicationStatus,
  BundleApplication,
  BundleMemberApplication,
  BundleTimelineEntry,
} from '@zhengtong/contracts';
import { Alert, Descriptions, Table, type DescriptionsProps, type TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import {
  bundleApplicationQuery,
  useWithdrawBundleApplication,
} from '../../shared/api/bundle-applications';
import { useT, type Translate } from '../../shared/i18n/LocaleProvider';
import { ApplicantOnly } from './ApplicantOnly';
import { DetailPageFrame, DetailQuery, DetailSection } from './ApplicationPageShell';
import { ApplicationStatusTag } from './ApplicationStatusTag';
import { ApplicationTimeline, type TimelineStep } from './ApplicationTimeline';
import { BundleStatusTag } from './BundleStatusTag';
import { EvaluationCard } from './EvaluationCard';
import { useDateTexts } from './dates';
import '../catalog/catalog.css';
import './applications.css';

/** Member statuses in which the bundle may still be withdrawn (nothing accepted yet). */
const notYetAccepted: readonly ApplicationStatus[] = [
  'submitted',
  'supplementRequested',
  'waiting',
];

const memberPath = (id: string) => `/me/applications/${encodeURIComponent(id)}`;

/**
 * 一件事办件详情 (/me/bundle-applications/:id): how the bundle stands, each member item with its
 * department, status and due date, and the timeline of them all.
 */
export function BundleApplicationPage() {
  const t = useT();
  return (
    <ApplicantOnly title={t('bundleApplication.title')}>
      {() => <BundleApplicationDetail />}
    </ApplicantOnly>
  );
}

function BundleApplicationDetail() {
  const t = useT();
  const { id = '' } = useParams();
  const query = useQuery(bundleApplicationQuery(id));
  return (
    <DetailQuery
      query={query}
      texts={{
        title: t('bundleApplication.title'),
        loading: t('bundleApplication.loading'),
        notFound: t('bundleApplication.notFound'),
        notFoundDetail: t('bundleApplication.notFoundDetail'),
      }}
    >
      {(bundle) => <DetailView bundle={bundle} />}
    </DetailQuery>
  );
}

function DetailView({ bundle }: { bundle: BundleApplication }) {
  const t = useT();
  const withdraw = useWithdrawBundleApplication(bundle.id);
  const mayWithdraw =
    bundle.status === 'inProgress' &&
    bundle.members.every((member) => notYetAccepted.includes(member.status));

  return (
    <DetailPageFrame
      applicationNo={bundle.applicationNo}
      heading={bundle.bundleName}
      statusTag={<BundleStatusTag status={bundle.status} />}
      withdraw={{
        mutation: withdraw,
        allowed: mayWithdraw,
        texts: {
          confirm: t('bundleApplication.withdraw.confirm'),
          confirmDetail: t('bundleApplication.withdraw.confirmDetail'),
          action: t('bundleApplication.withdraw.action'),
          done: t('bundleApplication.withdraw.done'),
        },
      }}
      note={<StatusNote bundle={bundle} />}
      main={
        <>
          <KeyFacts bundle={bundle} />
          {/* 好差评: the 一件事 is rated once, as a whole, when completed or failed */}
          {(bundle.status === 'completed' || bundle.status === 'failed') && (
            <EvaluationCard subject={{ kind: 'bundle', id: bundle.id }} />
          )}
          <DetailSection id="zt-bundle-members" title={t('bundleApplication.members')}>
            <Members members={bundle.members} />
          </DetailSection>
        </>
      }
      aside={
        <DetailSection id="zt-bundle-timeline" title={t('bundleApplication.timeline')}>
          <ApplicationTimeline
            label={t('bundleApplication.timeline')}
            steps={bundle.timeline.map((entry, index) => timelineStep(entry, index, t))}
          />
        </DetailSection>
      }
    />
  );
}

/** What the bundle's status means for the applicant now. */
function StatusNote({ bundle }: { bundle: BundleApplication }) {
  const t = useT();
  const dates = useDateTexts();
  switch (bundle.status) {
    case 'inProgress':
      return (
        <Alert
          type="info"
          showIcon
          title={
            bundle.dueDate
              ? t('bundleApplication.note.inProgressDue', { date: dates.date(bundle.dueDate) })
              : t('bundleApplication.note.inProgress')
          }
        />
      );
    case 'completed':
      return <Alert type="success" showIcon title={t('bundleApplication.note.completed')} />;
    case 'failed':
      return <Alert type="error" showIcon title={t('bundleApplication.note.failed')} />;
    case 'withdrawn':
      return <Alert type="info" showIcon title={t('bundleApplication.note.withdrawn')} />;
  }
}

function KeyFacts({ bundle }: { bundle: BundleApplication }) {
  const t = useT();
  const dates = useDateTexts();
  const { address } = bundle.delivery;
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('myBundles.name'), children: bundle.bundleName },
    {
      key: 'accepting',
      label: t('bundleApplication.acceptingOrganisation'),
      children: bundle.acceptingOrganisationName,
    },
    {
      key: 'applicant',
      label: t('myApplications.detail.applicant'),
      children: bundle.applicantName,
    },
    {
      key: 'submitted',
      label: t('myApplications.submittedAt'),
      children: dates.dateTime(bundle.submittedAt),
    },
    {
      key: 'promised',
      label: t('bundleApplication.promised'),
      children: t('apply.limit.days', { days: bundle.promisedLimitDays }),
    },
    {
      key: 'due',
      label: t('bundleApplication.dueDate'),
      children: bundle.dueDate ? (
        <strong>{dates.date(bundle.dueDate)}</strong>
      ) : (
        <span className="zt-muted">{t('bundleApplication.dueLater')}</span>
      ),
    },
    ...(bundle.completedAt
      ? [
          {
            key: 'completed',
            label: t('myApplications.detail.completedAt'),
            children: dates.dateTime(bundle.completedAt),
          },
        ]
      : []),
    {
      key: 'delivery',
      label: t('bundleApplication.delivery'),
      span: 'filled' as const,
      children: (
        <>
          {t(`bundleApply.delivery.${bundle.delivery.method}`)}
          {address && (
            <div className="zt-muted">
              {t('bundleApplication.deliveryAddress', {
                recipient: address.recipient,
                phone: address.phone,
                address: address.address,
              })}
            </div>
          )}
        </>
      ),
    },
  ];
  return (
    <DetailSection id="zt-bundle-facts" title={t('bundleApplication.facts')}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={items} />
    </DetailSection>
  );
}

/** The member items by stage: department, status, due date, a link to each. */
function Members({ members }: { members: readonly BundleMemberApplication[] }) {
  const t = useT();
  const dates = useDateTexts();
  const columns: TableColumnsType<BundleMemberApplication> = [
    {
      key: 'stage',
      title: t('bundleApplication.stageColumn'),
      dataIndex: 'stage',
      render: (stage: number) => t('bundleApplication.stage', { stage }),
    },
    {
      key: 'item',
      title: t('bundleApplication.item'),
      render: (_value, member) => (
        <Link to={memberPath(member.applicationId)}>{member.itemName}</Link>
      ),
    },
    {
      key: 'organisation',
      title: t('bundleApplication.organisation'),
      dataIndex: 'organisationName',
    },
    {
      key: 'status',
      title: t('bundleApplication.status'),
      dataIndex: 'status',
      render: (status: ApplicationStatus) => <ApplicationStatusTag status={status} />,
    },
    {
      key: 'due',
      title: t('bundleApplication.memberDue'),
      dataIndex: 'dueDate',
      render: (due: string | null) => dates.date(due),
    },
    {
      key: 'completed',
      title: t('bundleApplication.completedAt'),
      dataIndex: 'completedAt',
      render: (at: string | null) => dates.dateTime(at),
    },
  ];
  return (
    <Table<BundleMemberApplication>
      rowKey="applicationId"
      size="small"
      columns={columns}
      dataSource={[...members]}
      pagination={false}
      caption={<span className="zt-visually-hidden">{t('bundleApplication.members')}</span>}
      scroll={{ x: 'max-content' }}
    />
  );
}

/** One entry, named by its item when it is a member's; reasons as the applicant reads them. */
function timelineStep(entry: BundleTimelineEntry, index: number, t: Translate): TimelineStep {
  const reason = typeof entry.detail.reason === 'string' ? entry.detail.reason : undefined;
  return {
    key: `${index}-${entry.event}`,
    title: entry.itemName
      ? t('bundleApplication.timelineEntry', { item: entry.itemName, title: entry.title })
      : entry.title,
    at: entry.at,
    by: entry.by,
    color: eventColor[entry.event],
    note: reason ? (
      <span className="zt-prewrap">{t('myApplications.detail.reason', { reason })}</span>
    ) : undefined,
  };
}

const eventColor: Record<string, string> = {
  supplementRequested: 'orange',
  refused: 'red',
  denied: 'red',
  failed: 'red',
  approved: 'green',
  completed: 'green',
  withdrawn: 'gray',
  cancelled: 'gray',
  suspended: 'orange',
};
