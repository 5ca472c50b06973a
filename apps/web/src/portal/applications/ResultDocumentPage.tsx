import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ResultDocument } from '@zhengtong/contracts';
import { Button, Card, Result, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../shared/api/ApiError';
import { resultDocumentQuery } from '../../shared/api/applications';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { usePageTitle } from '../../shared/components/usePageTitle';
import { useT } from '../../shared/i18n/LocaleProvider';
import { inShanghai } from './dates';
import '../catalog/catalog.css';
import './applications.css';

/** 2026-11-27T… → 2026年11月27日: official documents date in Chinese, whatever the UI language. */
function chineseDate(iso: string): string {
  const at = inShanghai(iso);
  return `${at.year()}年${at.month() + 1}月${at.date()}日`;
}

/**
 * The document's own text. It is an official document of a Chinese authority, so it is written
 * in Chinese in either UI language; only the page around it follows the switch.
 */
function documentBody(d: ResultDocument): string[] {
  const opening = `${d.applicantName}：`;
  const filed = `你（单位）于${chineseDate(d.submittedAt)}提出的“${d.itemName}”申请（办件编号：${d.applicationNo}）`;
  const basis = d.legalBasis ? `根据${d.legalBasis}的规定，` : '';
  const remedy =
    '如不服本决定，可以自收到本文书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。';
  switch (d.kind) {
    case 'approval':
      return [opening, `${filed}，经审查，符合法定条件、标准。${basis}决定准予办理。`];
    case 'denial':
      return [
        opening,
        `${filed}，经审查，不符合法定条件、标准。理由如下：${d.reason ?? ''}`,
        `${basis}决定不予办理。`,
        remedy,
      ];
    case 'refusal':
      return [opening, `${filed}，本机关决定不予受理。理由如下：${d.reason ?? ''}`, remedy];
  }
}

/** 办理结果文书 (/results/:id): the decision as a document to read, print or keep. */
export function ResultDocumentPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const query = useQuery(resultDocumentQuery(id));
  usePageTitle(query.data?.title ?? t('result.title'));

  if (query.isPending) return <LoadingBlock label={t('result.loading')} />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return <Result status="404" title={t('result.none')} subTitle={t('result.noneDetail')} />;
    }
    return <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  const document = query.data;
  return (
    <div className="zt-stack">
      <Space className="zt-no-print">
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => void navigate(-1)}>
          {t('result.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined aria-hidden />} onClick={() => print()}>
          {t('result.print')}
        </Button>
      </Space>
      <Card className="zt-card zt-result-document">
        <article aria-labelledby="zt-result-title" lang="zh-CN">
          <Typography.Title level={1} id="zt-result-title" className="zt-result-title">
            {document.title}
          </Typography.Title>
          <p className="zt-result-no">{document.documentNo}</p>
          {documentBody(document).map((paragraph, index) => (
            <p key={index} className={index === 0 ? 'zt-result-salutation' : 'zt-result-text'}>
              {paragraph}
            </p>
          ))}
          <p className="zt-result-signature">
            {document.organisationName}
            <br />
            {chineseDate(document.decidedAt)}
          </p>
        </article>
      </Card>
    </div>
  );
}
