import { ArrowLeftOutlined, RollbackOutlined } from '@ant-design/icons';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { App, Button, Card, Col, Popconfirm, Result, Row, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { isApiError } from '../../shared/api/ApiError';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { usePageTitle } from '../../shared/components/usePageTitle';
import { useT } from '../../shared/i18n/LocaleProvider';
import { LinkButton } from '../catalog/LinkButton';
import { PortalBreadcrumb } from '../catalog/PortalBreadcrumb';

// The scaffolding the applicant's detail pages share (办件详情 and 一件事办件详情): the query's
// loading, 404 and error states, the heading with its withdraw action, and the titled sections.

/** What a detail page calls itself while it has nothing to show. */
export interface DetailPageTexts {
  title: string;
  loading: string;
  notFound: string;
  notFoundDetail: string;
}

interface DetailQueryProps<T> {
  query: UseQueryResult<T>;
  texts: DetailPageTexts;
  children: (data: T) => ReactNode;
}

/** The record once loaded; before that a loading block, an error to retry, or 404 (also for a malformed id). */
export function DetailQuery<T>({ query, texts, children }: DetailQueryProps<T>) {
  if (isApiError(query.error) && (query.error.status === 404 || query.error.status === 400)) {
    return <NotFound texts={texts} />;
  }
  if (query.isError) {
    return (
      <>
        <DetailBreadcrumb title={texts.title} />
        <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  if (query.isPending) {
    return (
      <>
        <DetailBreadcrumb title={texts.title} />
        <LoadingBlock label={texts.loading} />
      </>
    );
  }
  return children(query.data);
}

function DetailBreadcrumb({ title, current }: { title: string; current?: string }) {
  const t = useT();
  return (
    <PortalBreadcrumb
      crumbs={[
        { label: t('myApplications.title'), to: '/me/applications' },
        { label: current ?? title },
      ]}
    />
  );
}

function NotFound({ texts }: { texts: DetailPageTexts }) {
  const t = useT();
  usePageTitle(texts.notFound);
  return (
    <>
      <DetailBreadcrumb title={texts.title} />
      <Result
        status="404"
        title={<h1 className="zt-result-title">{texts.notFound}</h1>}
        subTitle={texts.notFoundDetail}
        extra={
          <LinkButton type="primary" to="/me/applications">
            {t('myApplications.detail.backToList')}
          </LinkButton>
        }
      />
    </>
  );
}

/** The texts of the withdraw action (撤回) and its confirmation. */
export interface WithdrawTexts {
  confirm: string;
  confirmDetail: string;
  action: string;
  done: string;
}

interface DetailPageFrameProps {
  /** the record's 申报号, also the breadcrumb's last crumb */
  applicationNo: string;
  /** what was applied for: the heading */
  heading: string;
  statusTag: ReactNode;
  /** further links beside "back to the list" */
  links?: ReactNode;
  withdraw: {
    mutation: UseMutationResult<unknown, Error, void>;
    /** whether it may still be withdrawn */
    allowed: boolean;
    texts: WithdrawTexts;
  };
  /** what the status means now, above the columns */
  note: ReactNode;
  main: ReactNode;
  aside: ReactNode;
}

/** A detail page: breadcrumb, heading with its actions, the note, a main and a side column. */
export function DetailPageFrame({
  applicationNo,
  heading,
  statusTag,
  links,
  withdraw,
  note,
  main,
  aside,
}: DetailPageFrameProps) {
  const t = useT();
  const { message } = App.useApp();
  const { mutation, texts } = withdraw;
  return (
    <div className="zt-application-page">
      <DetailBreadcrumb title={heading} current={applicationNo} />
      <PageHeading
        title={heading}
        description={
          <Space size={[8, 4]} wrap>
            <span>
              {t('myApplications.no')} <span className="zt-code">{applicationNo}</span>
            </span>
            {statusTag}
          </Space>
        }
        extra={
          <Space wrap>
            <LinkButton to="/me/applications" icon={<ArrowLeftOutlined aria-hidden />}>
              {t('myApplications.detail.backToList')}
            </LinkButton>
            {links}
            {withdraw.allowed && (
              <Popconfirm
                title={texts.confirm}
                description={texts.confirmDetail}
                okText={texts.action}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  mutation.mutate(undefined, {
                    onSuccess: () => void message.success(texts.done),
                  })
                }
              >
                <Button danger icon={<RollbackOutlined aria-hidden />} loading={mutation.isPending}>
                  {texts.action}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <div className="zt-stack">
        {mutation.isError && <ApiErrorAlert error={mutation.error} />}
        {note}
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15} className="zt-stack">
            {main}
          </Col>
          <Col xs={24} lg={9}>
            {aside}
          </Col>
        </Row>
      </div>
    </div>
  );
}

/** A card titled by a level-2 heading that also names its section. */
export function DetailSection({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
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
