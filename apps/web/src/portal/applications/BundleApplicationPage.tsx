import { ArrowLeftOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type {
  ApplicationStatus,
  BundleApplication,
  BundleMemberApplication,
  BundleTimelineEntry,
} from '@zhengtong/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Popconfirm,
  Result,
  Row,
  Space,
  Table,
  Typography,
  type DescriptionsProps,
  type TableColumnsType,
} from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../shared/api/ApiError';
import {
  bundleApplicationQuery,
  useWithdrawBundleApplication,
} from '../../shared/api/bundle-applications';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { usePageTitle } from '../../shared/components/usePageTitle';
import { useT, type Translate } from '../../shared/i18n/LocaleProvider';
import { LinkButton } from '../catalog/LinkButton';
import { PortalBreadcrumb } from '../catalog/PortalBreadcrumb';
import { ApplicantOnly } from './ApplicantOnly';
import { ApplicationStatusTag } from './ApplicationStatusTag';
import { ApplicationTimeline, type TimelineStep } from './ApplicationTimeline';
import { BundleStatusTag } from './BundleStatusTag';
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

  if (isApiError(query.error) && (query.error.status === 404 || query.error.status === 400)) {
    return <NotFound />;
  }
  if (query.isError) {
    return (
      <>
        <Breadcrumb />
        <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  if (query.isPending) {
    return (
      <>
        <Breadcrumb />
        <LoadingBlock label={t('bundleApplication.loading')} />
      </>
    );
  }
  return <DetailView bundle={query.data} />;
}

function Breadcrumb({ current }: { current?: string }) {
  const t = useT();
  return (
    <PortalBreadcrumb
      crumbs={[
        { label: t('myApplications.title'), to: '/me/applications' },
        { label: current ?? t('bundleApplication.title') },
      ]}
    />
  );
}

function NotFound() {
  const t = useT();
  usePageTitle(t('bundleApplication.notFound'));
  return (
    <>
      <Breadcrumb />
      <Result
        status="404"
        title={<h1 className="zt-result-title">{t('bundleApplication.notFound')}</h1>}
        subTitle={t('bundleApplication.notFoundDetail')}
        extra={
          <LinkButton type="primary" to="/me/applications">
            {t('myApplications.detail.backToList')}
          </LinkButton>
        }
      />
    </>
  );
}

function DetailView({ bundle }: { bundle: BundleApplication }) {
  const t = useT();
  const { message } = App.useApp();
  const withdraw = useWithdrawBundleApplication(bundle.id);
  const mayWithdraw =
    bundle.status === 'inProgress' &&
    bundle.members.every((member) => notYetAccepted.includes(member.status));

  return (
    <div className="zt-application-page">
      <Breadcrumb current={bundle.applicationNo} />
      <PageHeading
        title={bundle.bundleName}
        description={
          <Space size={[8, 4]} wrap>
            <span>
              {t('myApplications.no')} <span className="zt-code">{bundle.applicationNo}</span>
            </span>
            <BundleStatusTag status={bundle.status} />
          </Space>
        }
        extra={
          <Space wrap>
            <LinkButton to="/me/applications" icon={<ArrowLeftOutlined aria-hidden />}>
              {t('myApplications.detail.backToList')}
            </LinkButton>
            {mayWithdraw && (
              <Popconfirm
                title={t('bundleApplication.withdraw.confirm')}
                description={t('bundleApplication.withdraw.confirmDetail')}
                okText={t('bundleApplication.withdraw.action')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  withdraw.mutate(undefined, {
                    onSuccess: () => void message.success(t('bundleApplication.withdraw.done')),
                  })
                }
              >
                <Button danger icon={<RollbackOutlined aria-hidden />} loading={withdraw.isPending}>
                  {t('bundleApplication.withdraw.action')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <div className="zt-stack">
        {withdraw.isError && <ApiErrorAlert error={withdraw.error} />}
        <StatusNote bundle={bundle} />
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15} className="zt-stack">
            <KeyFacts bundle={bundle} />
            <Section id="zt-bundle-members" title={t('bundleApplication.members')}>
              <Members members={bundle.members} />
            </Section>
          </Col>
          <Col xs={24} lg={9}>
            <Section id="zt-bundle-timeline" title={t('bundleApplication.timeline')}>
              <ApplicationTimeline
                label={t('bundleApplication.timeline')}
                steps={bundle.timeline.map((entry, index) => timelineStep(entry, index, t))}
              />
            </Section>
          </Col>
        </Row>
      </div>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const headingId = `${id}-heading`;
  return (
    <Card
      id={id}
      className="zt-card"
      title={
        <Typography.Title level={2} id={headingId} className="zt-card-heading">
          {title}
        </Typography.Title>
      }
    >
      <section aria-labelledby={headingId}>{children}</section>
    </Card>
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
    <Section id="zt-bundle-facts" title={t('bundleApplication.facts')}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={items} />
    </Section>
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
