import {
  ArrowLeftOutlined,
  FileTextOutlined,
  ReloadOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useIsFetching, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Application, ImplementationListVersion } from '@zhengtong/contracts';
import { Alert, App, Button, Col, Row, Space } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { hasResult } from '../portal/applications/labels';
import { LinkButton } from '../portal/catalog/LinkButton';
import { isApiError } from '../shared/api/ApiError';
import { listVersionQuery } from '../shared/api/catalog';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { PageHeading } from '../shared/components/PageHeading';
import { useFormatDate, useT } from '../shared/i18n/LocaleProvider';
import { useSession } from '../shared/identity/session';
import { officerApplicationQuery, useApplicationChanged, workbenchKeys } from './api';
import { ApplicationFacts } from './ApplicationFacts';
import { CommentsCard } from './CommentsCard';
import { CurrentStepsCard } from './CurrentStepsCard';
import { DeliverModal } from './DeliverModal';
import { FeesCard } from './FeesCard';
import { FormDataCard } from './FormDataCard';
import { formFieldsOf } from './formSchema';
import { dateTimeText } from './labels';
import { MaterialsCard } from './MaterialsCard';
import { NotStaffNote, SignInPrompt } from './SignInPrompt';
import { TimelineCard } from './TimelineCard';
import { SupplementItems } from './WorkbenchParts';

/**
 * 办件 (/workbench/applications/:id), as its officers see it: the case, the applicant's form and
 * materials, its history, the officers' notes (办理意见), and the steps waiting now with the
 * actions of those the officer may take (认领 / 释放 / 转办 / 备注; 受理 / 不予受理 / 补正, 审查 and
 * 会签 opinions, 决定 or 退回).
 */
export function OfficerApplicationPage() {
  const t = useT();
  const { id = '' } = useParams();
  const session = useSession();
  const me = session.me;
  const query = useQuery({ ...officerApplicationQuery(id), enabled: me?.kind === 'staff' });
  const application = query.data;

  return (
    <>
      <PageHeading
        title={
          application
            ? t('workbench.app.title', { no: application.applicationNo })
            : t('workbench.app.heading')
        }
        description={application?.itemName}
        extra={
          <Space wrap>
            <LinkButton to="/workbench" icon={<ArrowLeftOutlined />}>
              {t('workbench.app.back')}
            </LinkButton>
            {application && hasResult(application.status) && (
              <LinkButton to={`/results/${application.id}`} icon={<FileTextOutlined aria-hidden />}>
                {t('result.open')}
              </LinkButton>
            )}
            {application && <RefreshButton id={application.id} />}
          </Space>
        }
      />
      {session.isPending && <LoadingBlock />}
      {!session.isPending && me === undefined && (
        <ApiErrorAlert error={session.error} onRetry={session.refetch} />
      )}
      {me === null && <SignInPrompt detail={t('workbench.app.signInDetail')} />}
      {me && me.kind !== 'staff' && <NotStaffNote />}
      {me?.kind === 'staff' && (
        <>
          {query.isPending && <LoadingBlock />}
          {query.isError && (
            <>
              {isApiError(query.error) && query.error.status === 404 && (
                <Alert
                  className="zt-note"
                  type="warning"
                  showIcon
                  title={t('workbench.app.notFound')}
                  description={t('workbench.app.notFoundDetail')}
                />
              )}
              <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
            </>
          )}
          {application && <ApplicationView application={application} />}
        </>
      )}
    </>
  );
}

/** 刷新: this application, its files and steps, fetched again. */
function RefreshButton({ id }: { id: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const fetching = useIsFetching({ queryKey: workbenchKeys.application(id) }) > 0;
  return (
    <Button
      icon={<ReloadOutlined />}
      loading={fetching}
      onClick={() => void queryClient.invalidateQueries({ queryKey: workbenchKeys.all })}
    >
      {t('workbench.app.refresh')}
    </Button>
  );
}

function ApplicationView({ application }: { application: Application }) {
  const t = useT();
  // the version the application is bound to, not the one in force now
  const list = useQuery(listVersionQuery(application.listVersionId));
  const version: ImplementationListVersion | null = list.data ?? null;
  const materials = version?.elements.materials ?? [];
  const fields = formFieldsOf(version?.elements.form.schema);
  const materialName = (key: string) => materials.find((m) => m.key === key)?.name ?? key;
  const fieldTitle = (name: string) => fields.find((f) => f.name === name)?.title ?? name;

  return (
    <>
      {list.isError && (
        <Alert
          className="zt-note"
          type="warning"
          showIcon
          title={t('workbench.app.listUnavailable')}
          action={
            <Button size="small" onClick={() => void list.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      <CurrentStepsCard application={application} version={version} />
      {application.supplement && application.supplement.length > 0 && (
        <Alert
          className="zt-note"
          type="warning"
          showIcon
          role="note"
          title={t('workbench.app.supplementOpen', { count: application.supplementCount })}
          description={
            <SupplementItems
              items={application.supplement}
              materialName={materialName}
              fieldTitle={fieldTitle}
            />
          }
        />
      )}
      {application.pendingMaterials.length > 0 && (
        <Alert
          className="zt-note"
          type="info"
          showIcon
          role="note"
          title={t('workbench.app.pendingMaterials', {
            materials: application.pendingMaterials
              .map(materialName)
              .join(t('workbench.separator')),
          })}
        />
      )}
      <DeliveryNote application={application} />
      <ApplicationFacts application={application} />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <FormDataCard application={application} version={version} pending={list.isPending} />
          <MaterialsCard
            application={application}
            version={version}
            versionPending={list.isPending}
          />
        </Col>
        <Col xs={24} xl={9}>
          <FeesCard applicationId={application.id} />
          <CommentsCard applicationId={application.id} />
          <TimelineCard
            application={application}
            materialName={materialName}
            fieldTitle={fieldTitle}
          />
        </Col>
      </Row>
    </>
  );
}

/**
 * 结果送达 of a completed (办结) application: 待送达 with the 送达 button for its officers (the
 * server refuses anyone else), or 已送达 with the date and 邮件号.
 */
function DeliveryNote({ application }: { application: Application }) {
  const t = useT();
  const formatDate = useFormatDate();
  const { message } = App.useApp();
  const changed = useApplicationChanged();
  const [open, setOpen] = useState(false);
  const { delivery } = application;
  const completed = application.status === 'approved' || application.status === 'denied';
  if (!delivery || !completed) return null;
  const method = t(`workbench.delivery.method.${delivery.method}`);
  const address =
    delivery.method === 'mail' && delivery.address
      ? t('workbench.delivery.to', {
          recipient: delivery.address.recipient,
          phone: delivery.address.phone,
          address: delivery.address.address,
        })
      : undefined;

  if (delivery.deliveredAt) {
    return (
      <Alert
        className="zt-note"
        type="success"
        showIcon
        role="note"
        title={t('workbench.delivery.delivered', {
          method,
          date: dateTimeText(delivery.deliveredAt, formatDate, t),
        })}
        description={
          delivery.trackingNo || address ? (
            <>
              {delivery.trackingNo && (
                <div>{t('workbench.delivery.tracking', { trackingNo: delivery.trackingNo })}</div>
              )}
              {address && <div className="zt-muted">{address}</div>}
            </>
          ) : undefined
        }
      />
    );
  }
  return (
    <>
      <Alert
        className="zt-note"
        type="warning"
        showIcon
        role="note"
        title={t('workbench.delivery.pending', { method })}
        description={address}
        action={
          <Button type="primary" icon={<SendOutlined />} onClick={() => setOpen(true)}>
            {t('workbench.deliver.action')}
          </Button>
        }
      />
      <DeliverModal
        open={open}
        application={application}
        onClose={() => setOpen(false)}
        onDone={(updated) => {
          setOpen(false);
          void message.success(t('workbench.deliver.done', { no: updated.applicationNo }));
          void changed(updated);
        }}
      />
    </>
  );
}
