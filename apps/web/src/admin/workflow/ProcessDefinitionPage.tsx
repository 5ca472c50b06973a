import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ProcessDefinitionDetail } from '@zhengtong/contracts';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Row,
  Space,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { usePageTitle } from '../../shared/components/usePageTitle';
import { useFormatDate, useT } from '../../shared/i18n/LocaleProvider';
import { downloadText, processDefinitionQuery } from './api';
import { BpmnDiagram, type DiagramBadge } from '../../shared/bpmn/BpmnDiagram';
import { DeployedBy, ElementCountTags } from './DefinitionParts';
import { DeployDefinitionButton } from './DeployDefinitionModal';
import { dateTimeText, limitText, roleName } from './labels';
import { outlineOf } from './outline';
import { StepsTable } from './StepsTable';
import './workflow.css';

/** A process definition (/admin/workflow/:key): its diagram, steps and versions. */
export function ProcessDefinitionPage() {
  const t = useT();
  const { key = '' } = useParams();
  const query = useQuery(processDefinitionQuery(key));

  if (query.data) return <DefinitionView definition={query.data} />;
  return (
    <>
      <BackLink />
      <LoadingTitle />
      {query.isError ? (
        <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <LoadingBlock label={t('common.loading')} />
      )}
    </>
  );
}

/** The tab's title while there is no definition to name it after. */
function LoadingTitle() {
  const t = useT();
  usePageTitle(t('workflowAdmin.list.title'));
  return null;
}

function BackLink() {
  const t = useT();
  return (
    <p>
      <Link to="/admin/workflow">
        <ArrowLeftOutlined aria-hidden /> {t('workflowAdmin.detail.back')}
      </Link>
    </p>
  );
}

type Version = ProcessDefinitionDetail['versions'][number];

function DefinitionView({ definition }: { definition: ProcessDefinitionDetail }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [selected, setSelected] = useState<string>();
  const outline = useMemo(() => outlineOf(definition.xml), [definition.xml]);
  const steps = useMemo(() => outline?.steps ?? [], [outline]);
  const badges = useMemo<DiagramBadge[]>(
    () =>
      steps.map((step) => ({
        elementId: step.id,
        text: t('workflowAdmin.steps.badge', {
          role: roleName(step.candidateRole, t),
          limit: limitText(step.limitDays, t),
        }),
      })),
    [steps, t],
  );
  const hasDiagram = outline?.hasDiagram ?? false;
  const stepIds = new Set(steps.map((s) => s.id));
  const versionColumns: TableColumnsType<Version> = [
    {
      title: t('workflowAdmin.col.version'),
      dataIndex: 'version',
      render: (version: number, row) => (
        <>
          {t('workflowAdmin.version', { version })}{' '}
          {row.id === definition.id && <Tag color="green">{t('workflowAdmin.detail.current')}</Tag>}
        </>
      ),
    },
    {
      title: t('workflowAdmin.col.deployedAt'),
      dataIndex: 'createdAt',
      render: (at: string) => dateTimeText(at, formatDate, t),
    },
  ];

  return (
    <>
      <BackLink />
      <PageHeading
        title={definition.name}
        description={
          <>
            {t('workflowAdmin.detail.description', {
              key: definition.key,
              version: definition.version,
            })}
          </>
        }
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              onClick={() =>
                downloadText(definition.xml, `${definition.key}-v${definition.version}.bpmn`)
              }
            >
              {t('workflowAdmin.detail.download')}
            </Button>
            <DeployDefinitionButton expected={{ key: definition.key, name: definition.name }} />
          </Space>
        }
      />
      <div className="zt-stack">
        <Card
          className="zt-card"
          title={<h2 className="zt-card-heading">{t('workflowAdmin.detail.diagram')}</h2>}
        >
          {hasDiagram ? (
            <BpmnDiagram
              xml={definition.xml}
              label={t('workflowAdmin.detail.diagramLabel', { name: definition.name })}
              badges={badges}
              selected={selected}
              caption={t('workflowAdmin.detail.diagramHelp')}
              onSelect={(id) => setSelected(stepIds.has(id) ? id : undefined)}
            />
          ) : (
            <Alert
              type="info"
              showIcon
              title={t('workflowAdmin.detail.noDiagram')}
              description={t('workflowAdmin.detail.noDiagramDetail')}
            />
          )}
        </Card>
        <Card
          className="zt-card"
          title={<h2 className="zt-card-heading">{t('workflowAdmin.steps.title')}</h2>}
        >
          <StepsTable
            steps={steps}
            selected={selected}
            onShow={hasDiagram ? (id) => setSelected(id) : undefined}
          />
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card
              className="zt-card"
              title={<h2 className="zt-card-heading">{t('workflowAdmin.detail.info')}</h2>}
            >
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('workflowAdmin.col.name')}>
                  {definition.name}
                </Descriptions.Item>
                <Descriptions.Item label={t('workflowAdmin.col.key')}>
                  <span className="zt-code">{definition.key}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('workflowAdmin.col.version')}>
                  {t('workflowAdmin.version', { version: definition.version })}
                </Descriptions.Item>
                <Descriptions.Item label={t('workflowAdmin.col.elements')}>
                  <ElementCountTags elements={definition.elements} />
                </Descriptions.Item>
                <Descriptions.Item label={t('workflowAdmin.col.deployedBy')}>
                  <DeployedBy deployedBy={definition.deployedBy} />
                </Descriptions.Item>
                <Descriptions.Item label={t('workflowAdmin.col.deployedAt')}>
                  {dateTimeText(definition.createdAt, formatDate, t)}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card
              className="zt-card"
              title={<h2 className="zt-card-heading">{t('workflowAdmin.detail.versions')}</h2>}
            >
              <Table<Version>
                rowKey="id"
                size="small"
                columns={versionColumns}
                dataSource={definition.versions}
                pagination={definition.versions.length > 10 ? { pageSize: 10 } : false}
                caption={
                  <span className="zt-visually-hidden">{t('workflowAdmin.detail.versions')}</span>
                }
              />
              <p className="zt-muted zt-bpmn-help">{t('workflowAdmin.detail.olderHint')}</p>
            </Card>
          </Col>
        </Row>
      </div>
    </>
  );
}
