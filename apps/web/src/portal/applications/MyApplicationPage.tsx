import { FileTextOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Application, ImplementationListVersion, TimelineEntry } from '@zhengtong/contracts';
import { Alert, Descriptions, type DescriptionsProps } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import {
  applicationFilesQuery,
  applicationQuery,
  isOpenApplication,
  useWithdrawApplication,
} from '../../shared/api/applications';
import { listVersionQuery } from '../../shared/api/catalog';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { useT } from '../../shared/i18n/LocaleProvider';
import { LinkButton } from '../catalog/LinkButton';
import { ApplicantOnly } from './ApplicantOnly';
import { DetailPageFrame, DetailQuery, DetailSection } from './ApplicationPageShell';
import { ApplicationStatusTag } from './ApplicationStatusTag';
import { ApplicationTimeline, type TimelineStep } from './ApplicationTimeline';
import { useDateTexts } from './dates';
import { EvaluationCard } from './EvaluationCard';
import { hasResult, suspensionKindKey } from './labels';
import { MaterialsSection } from './MaterialsSection';
import { FeeCard } from '../payments/FeeCard';
import { SupplementCard } from './SupplementCard';
import '../catalog/catalog.css';
import './applications.css';

const ProcessPositionDiagram = lazy(() =>
  import('./ProcessPositionDiagram').then((m) => ({ default: m.ProcessPositionDiagram })),
);

/** 办件详情 (/me/applications/:id): status, dates, 补正, materials and the timeline. */
export function MyApplicationPage() {
  const t = useT();
  return (
    <ApplicantOnly title={t('myApplications.detail.title')}>
      {() => <ApplicationDetail />}
    </ApplicantOnly>
  );
}

function ApplicationDetail() {
  const t = useT();
  const { id = '' } = useParams();
  const query = useQuery(applicationQuery(id));
  return (
    <DetailQuery
      query={query}
      texts={{
        title: t('myApplications.detail.title'),
        loading: t('myApplications.detail.loading'),
        notFound: t('myApplications.detail.notFound'),
        notFoundDetail: t('myApplications.detail.notFoundDetail'),
      }}
    >
      {(application) => <DetailView application={application} />}
    </DetailQuery>
  );
}

function DetailView({ application }: { application: Application }) {
  const t = useT();
  const withdraw = useWithdrawApplication(application.id);
  const open = isOpenApplication(application.status);
  // the materials and form of the list version the application is bound to
  const list = useQuery(listVersionQuery(application.listVersionId));
  const files = useQuery(applicationFilesQuery(application.id));
  const elements = list.data?.elements;

  return (
    <DetailPageFrame
      applicationNo={application.applicationNo}
      heading={application.itemName}
      statusTag={<ApplicationStatusTag status={application.status} />}
      links={
        hasResult(application.status) && (
          <LinkButton to={`/results/${application.id}`} icon={<FileTextOutlined aria-hidden />}>
            {t('result.open')}
          </LinkButton>
        )
      }
      withdraw={{
        mutation: withdraw,
        allowed: open,
        texts: {
          confirm: t('myApplications.withdraw.confirm'),
          confirmDetail: t('myApplications.withdraw.confirmDetail'),
          action: t('myApplications.withdraw.action'),
          done: t('myApplications.withdraw.done'),
        },
      }}
      note={<StatusNote application={application} />}
      main={
        <>
          <KeyFacts application={application} />
          {/* 缴费: the fee orders of the application, if its service charges any */}
          <FeeCard applicationId={application.id} />
          {/* 好差评: completed (办结) or refused (不予受理) applications may be rated; a member of
              an 一件事 is rated with its bundle, as a whole */}
          {!application.bundle &&
            (application.status === 'approved' ||
              application.status === 'denied' ||
              application.status === 'refused') && (
              <EvaluationCard subject={{ kind: 'application', id: application.id }} />
            )}
          {application.status === 'supplementRequested' && (
            <SupplementCard
              // a new notice starts from the form as it is now
              key={`${application.supplementCount}`}
              application={application}
              materials={elements?.materials}
              form={elements?.form}
            />
          )}
          <DetailSection id="zt-materials" title={t('myApplications.materials.title')}>
            {list.isError ? (
              <ListProblem error={list.error} onRetry={() => void list.refetch()} />
            ) : (
              <MaterialsSection
                application={application}
                materials={list.isPending ? undefined : (elements?.materials ?? [])}
                files={files}
              />
            )}
          </DetailSection>
          {application.status !== 'waiting' && application.status !== 'cancelled' && (
            <DetailSection id="zt-position" title={t('myApplications.position.title')}>
              <Suspense fallback={<LoadingBlock label={t('myApplications.position.loading')} />}>
                <ProcessPositionDiagram applicationId={application.id} />
              </Suspense>
            </DetailSection>
          )}
        </>
      }
      aside={
        <DetailSection id="zt-timeline" title={t('myApplications.timeline.title')}>
          <ApplicationTimeline
            label={t('myApplications.timeline.title')}
            steps={application.timeline.map((entry, index) =>
              timelineStep(entry, index, list.data, t),
            )}
            waiting={application.currentSteps.map((step) => ({
              key: step.taskId,
              name: step.name,
              dueDate: step.dueDate,
            }))}
          />
        </DetailSection>
      }
    />
  );
}

function ListProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return <ApiErrorAlert error={error} onRetry={onRetry} />;
}

/** What the status means for the applicant now, and what to do. */
function StatusNote({ application }: { application: Application }) {
  const t = useT();
  const dates = useDateTexts();
  const { status, suspension } = application;
  const reason = application.decisionReason && (
    <span className="zt-prewrap">
      {t('myApplications.detail.reason', { reason: application.decisionReason })}
    </span>
  );
  const note = (() => {
    switch (status) {
      case 'submitted':
        return { type: 'info' as const, title: t('myApplications.note.submitted') };
      case 'supplementRequested':
        return { type: 'warning' as const, title: t('myApplications.note.supplementRequested') };
      case 'accepted':
        return {
          type: 'info' as const,
          title: application.dueDate
            ? t('myApplications.note.accepted', { date: dates.date(application.dueDate) })
            : t('myApplications.note.acceptedNoDate'),
        };
      case 'refused':
        return { type: 'error' as const, title: t('myApplications.note.refused'), body: reason };
      case 'approved':
        return { type: 'success' as const, title: t('myApplications.note.approved') };
      case 'denied':
        return { type: 'error' as const, title: t('myApplications.note.denied'), body: reason };
      case 'withdrawn':
      case 'cancelled':
        return { type: 'info' as const, title: t('myApplications.note.withdrawn') };
      case 'waiting':
        return { type: 'info' as const, title: t('myApplications.status.waiting') };
    }
  })();
  return (
    <>
      <Alert type={note.type} showIcon title={note.title} description={note.body || undefined} />
      {suspension && (
        <Alert
          type="warning"
          showIcon
          title={t('myApplications.suspension.title', {
            kind: t(suspensionKindKey[suspension.kind]),
            date: dates.dateTime(suspension.since),
          })}
          description={
            <span className="zt-prewrap">
              {t('myApplications.detail.reason', { reason: suspension.reason })}
            </span>
          }
        />
      )}
    </>
  );
}

function KeyFacts({ application }: { application: Application }) {
  const t = useT();
  const dates = useDateTexts();
  const items: DescriptionsProps['items'] = [
    { key: 'item', label: t('myApplications.item'), children: application.itemName },
    ...(application.bundle
      ? [
          {
            key: 'bundle',
            label: t('bundleApplication.partOf'),
            children: (
              <Link to={`/me/bundle-applications/${encodeURIComponent(application.bundle.id)}`}>
                {t('bundleApplication.partOfValue', {
                  name: application.bundle.bundleName,
                  stage: application.bundle.stage,
                })}
              </Link>
            ),
          },
        ]
      : []),
    {
      key: 'organisation',
      label: t('myApplications.organisation'),
      children: application.organisationName,
    },
    {
      key: 'applicant',
      label: t('myApplications.detail.applicant'),
      children: application.applicantName,
    },
    {
      key: 'channel',
      label: t('myApplications.detail.channel'),
      children:
        application.channel === 'online'
          ? t('myApplications.detail.channelOnline')
          : t('myApplications.detail.channelWindow'),
    },
    {
      key: 'submitted',
      label: t('myApplications.submittedAt'),
      children: dates.dateTime(application.submittedAt),
    },
    {
      key: 'accepted',
      label: t('myApplications.detail.acceptedAt'),
      children: dates.dateTime(application.acceptedAt),
    },
    {
      key: 'due',
      label: t('myApplications.dueDate'),
      children: application.dueDate ? (
        <strong>{dates.date(application.dueDate)}</strong>
      ) : (
        <span className="zt-muted">{t('myApplications.detail.dueAfterAcceptance')}</span>
      ),
    },
    {
      key: 'statutory',
      label: t('myApplications.detail.statutoryDueDate'),
      children: dates.date(application.statutoryDueDate),
    },
    ...(application.completedAt
      ? [
          {
            key: 'completed',
            label: t('myApplications.detail.completedAt'),
            children: dates.dateTime(application.completedAt),
          },
        ]
      : []),
    ...(application.delivery
      ? [
          {
            key: 'delivery',
            label: t('myApplications.detail.delivery'),
            span: 'filled' as const,
            children: <DeliveryFact application={application} />,
          },
        ]
      : []),
    ...(application.supplementCount > 0
      ? [
          {
            key: 'supplements',
            label: t('myApplications.detail.supplementCount'),
            children: application.supplementCount,
          },
        ]
      : []),
    ...(application.suspendedWorkingDays > 0
      ? [
          {
            key: 'suspended',
            label: t('myApplications.detail.suspendedDays'),
            children: t('apply.limit.days', { days: application.suspendedWorkingDays }),
          },
        ]
      : []),
  ];
  return (
    <DetailSection id="zt-facts" title={t('myApplications.detail.facts')}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={items} />
    </DetailSection>
  );
}

/** 结果送达: how the result goes out, where to when mailed, and whether it has. */
function DeliveryFact({ application }: { application: Application }) {
  const t = useT();
  const dates = useDateTexts();
  const { delivery } = application;
  if (!delivery) return null;
  const completed = application.status === 'approved' || application.status === 'denied';
  return (
    <div>
      <div>{t(`myApplications.detail.delivery.${delivery.method}`)}</div>
      {delivery.method === 'mail' && delivery.address && (
        <div className="zt-muted">
          {t('myApplications.detail.delivery.to', {
            recipient: delivery.address.recipient,
            phone: delivery.address.phone,
            address: delivery.address.address,
          })}
        </div>
      )}
      {delivery.deliveredAt ? (
        <div>
          <strong>
            {t('myApplications.detail.delivery.delivered', {
              date: dates.dateTime(delivery.deliveredAt),
            })}
          </strong>
          {delivery.trackingNo && (
            <>
              {' '}
              {t('myApplications.detail.delivery.tracking', { trackingNo: delivery.trackingNo })}
            </>
          )}
        </div>
      ) : (
        completed && <div>{t('myApplications.detail.delivery.pending')}</div>
      )}
    </div>
  );
}

/**
 * One timeline entry as the applicant reads it: what the organisation decided and why. Officers'
 * working opinions are theirs, so only reasons, bases and due dates are shown.
 */
function timelineStep(
  entry: TimelineEntry,
  index: number,
  list: ImplementationListVersion | undefined,
  t: ReturnType<typeof useT>,
): TimelineStep {
  const { detail } = entry;
  const text = (key: string) => (typeof detail[key] === 'string' ? detail[key] : undefined);
  const notes: string[] = [];
  const reason = text('reason');
  if (reason) notes.push(t('myApplications.detail.reason', { reason }));
  const legalBasis = text('legalBasis');
  if (legalBasis) notes.push(t('myApplications.timeline.legalBasis', { basis: legalBasis }));
  if (entry.event === 'supplementRequested' && Array.isArray(detail.items)) {
    notes.push(t('myApplications.timeline.supplementItems', { count: detail.items.length }));
  }
  const pending = Array.isArray(detail.pendingMaterials)
    ? detail.pendingMaterials.filter((key): key is string => typeof key === 'string')
    : [];
  if (pending.length > 0) {
    const materials = list?.elements.materials ?? [];
    const names = pending.map((key) => materials.find((m) => m.key === key)?.name ?? key);
    notes.push(
      t('myApplications.timeline.pendingMaterials', {
        names: names.join(t('catalog.listSeparator')),
      }),
    );
  }
  return {
    key: `${index}-${entry.event}`,
    title: entry.title,
    at: entry.at,
    by: entry.by,
    color: eventColor[entry.event],
    note:
      notes.length > 0 ? (
        <ul className="zt-plain-list">
          {notes.map((note) => (
            <li key={note} className="zt-prewrap">
              {note}
            </li>
          ))}
        </ul>
      ) : undefined,
  };
}

const eventColor: Record<string, string> = {
  supplementRequested: 'orange',
  refused: 'red',
  denied: 'red',
  approved: 'green',
  withdrawn: 'gray',
  suspended: 'orange',
};
