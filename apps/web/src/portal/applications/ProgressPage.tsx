import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Progress } from '@zhengtong/contracts';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../shared/api/ApiError';
import { progressQuery } from '../../shared/api/applications';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { useT } from '../../shared/i18n/LocaleProvider';
import { ApplicationStatusTag } from './ApplicationStatusTag';
import { ApplicationTimeline } from './ApplicationTimeline';
import { useDateTexts } from './dates';
import { applicationNoPattern } from './labels';
import './applications.css';

interface ProgressForm {
  no: string;
  name: string;
}

/** 办件查询 (/progress, public): an application's progress by its number and applicant's name. */
export function ProgressPage() {
  const t = useT();
  const [searchParams] = useSearchParams();
  const [form] = Form.useForm<ProgressForm>();
  // the name is personal data: it stays out of the URL; a number from a link fills the field
  const [search, setSearch] = useState<ProgressForm>();
  const query = useQuery({
    ...progressQuery(search?.no ?? '', search?.name ?? ''),
    enabled: search !== undefined,
  });
  const linkedNo = searchParams.get('no');

  return (
    <>
      <PageHeading title={t('progress.title')} description={t('progress.description')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card className="zt-card">
            <Form<ProgressForm>
              form={form}
              layout="vertical"
              requiredMark={false}
              role="search"
              aria-label={t('progress.title')}
              initialValues={{
                no: linkedNo && applicationNoPattern.test(linkedNo) ? linkedNo : '',
                name: '',
              }}
              onFinish={(values) => setSearch({ no: values.no.trim(), name: values.name.trim() })}
            >
              <Form.Item
                name="no"
                label={t('progress.no')}
                extra={t('progress.noHint')}
                normalize={(value: string) => value.replace(/\s+/g, '')}
                rules={[
                  { required: true, message: t('progress.noRequired') },
                  { pattern: applicationNoPattern, message: t('progress.noFormat') },
                ]}
              >
                <Input
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={20}
                  className="zt-code"
                  placeholder={t('progress.noPlaceholder')}
                />
              </Form.Item>
              <Form.Item
                name="name"
                label={t('progress.name')}
                extra={t('progress.nameHint')}
                rules={[
                  { required: true, whitespace: true, message: t('progress.nameRequired') },
                  { max: 50 },
                ]}
              >
                <Input autoComplete="name" maxLength={50} />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                icon={<SearchOutlined aria-hidden />}
                loading={query.isFetching}
              >
                {t('progress.search')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <div aria-live="polite">
            {search === undefined ? (
              <Card className="zt-card">
                <Typography.Paragraph type="secondary" className="zt-alert-text">
                  {t('progress.intro')}
                </Typography.Paragraph>
              </Card>
            ) : isApiError(query.error) && query.error.status === 404 ? (
              <Alert
                type="warning"
                showIcon
                role="alert"
                title={t('progress.notFound')}
                description={t('progress.notFoundDetail')}
              />
            ) : query.isError ? (
              <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
            ) : query.isPending ? (
              <LoadingBlock />
            ) : (
              <ProgressView progress={query.data} />
            )}
          </div>
        </Col>
      </Row>
    </>
  );
}

function ProgressView({ progress }: { progress: Progress }) {
  const t = useT();
  const dates = useDateTexts();
  return (
    <Card
      className="zt-card"
      title={
        <Typography.Title level={2} className="zt-card-heading">
          {progress.itemName}
        </Typography.Title>
      }
    >
      <div className="zt-stack">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'no',
              label: t('progress.no'),
              children: <span className="zt-code">{progress.applicationNo}</span>,
            },
            {
              key: 'status',
              label: t('progress.status'),
              children: <ApplicationStatusTag status={progress.status} />,
            },
            { key: 'item', label: t('progress.item'), children: progress.itemName },
            {
              key: 'organisation',
              label: t('progress.organisation'),
              children: progress.organisationName,
            },
            {
              key: 'submitted',
              label: t('progress.submittedAt'),
              children: dates.dateTime(progress.submittedAt),
            },
            {
              key: 'due',
              label: t('progress.dueDate'),
              children: progress.dueDate
                ? dates.date(progress.dueDate)
                : t('progress.dueAfterAcceptance'),
            },
          ]}
        />
        <div>
          <Typography.Title level={3} className="zt-section-title">
            {t('progress.steps')}
          </Typography.Title>
          <ApplicationTimeline
            label={t('progress.steps')}
            steps={progress.steps.map((step, index) => ({
              key: `${index}-${step.at}`,
              title: step.title,
              at: step.at,
            }))}
          />
        </div>
      </div>
    </Card>
  );
}
