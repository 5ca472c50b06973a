import { useQuery } from '@tanstack/react-query';
import type { ProcessDefinition } from '@zhengtong/contracts';
import { Alert, Card, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { PageHeading } from '../../shared/components/PageHeading';
import { QueryTable } from '../../shared/components/QueryTable';
import { useFormatDate, useT } from '../../shared/i18n/LocaleProvider';
import { useSession } from '../../shared/identity/session';
import { mayDeploy, processDefinitionsQuery } from './api';
import { DeployedBy, ElementCountTags } from './DefinitionParts';
import { DeployDefinitionButton } from './DeployDefinitionModal';
import { dateTimeText } from './labels';

/** 流程定义 (/admin/workflow): the latest version of every process definition. */
export function ProcessDefinitionsPage() {
  const t = useT();
  const formatDate = useFormatDate();
  const { me } = useSession();
  const query = useQuery(processDefinitionsQuery());

  const columns: TableColumnsType<ProcessDefinition> = [
    {
      title: t('workflowAdmin.col.name'),
      dataIndex: 'name',
      render: (name: string, definition) => (
        <>
          <Link to={`/admin/workflow/${encodeURIComponent(definition.key)}`}>{name}</Link>
          <span className="zt-subline zt-muted zt-code">{definition.key}</span>
        </>
      ),
      sorter: (a, b) => a.key.localeCompare(b.key),
    },
    {
      title: t('workflowAdmin.col.version'),
      dataIndex: 'version',
      render: (version: number) => t('workflowAdmin.version', { version }),
    },
    {
      title: t('workflowAdmin.col.elements'),
      dataIndex: 'elements',
      render: (elements: ProcessDefinition['elements']) => <ElementCountTags elements={elements} />,
    },
    {
      title: t('workflowAdmin.col.deployedBy'),
      dataIndex: 'deployedBy',
      render: (deployedBy: string) => <DeployedBy deployedBy={deployedBy} />,
    },
    {
      title: t('workflowAdmin.col.deployedAt'),
      dataIndex: 'createdAt',
      render: (at: string) => dateTimeText(at, formatDate, t),
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
    },
  ];

  return (
    <>
      <PageHeading
        title={t('workflowAdmin.list.title')}
        description={t('workflowAdmin.list.description')}
        extra={<DeployDefinitionButton primary />}
      />
      {me && !mayDeploy(me) && (
        <Alert
          className="zt-note"
          type="info"
          showIcon
          title={t('workflowAdmin.list.provinceOnly')}
        />
      )}
      <Card className="zt-card">
        <QueryTable<ProcessDefinition>
          query={query}
          rowKey="key"
          columns={columns}
          caption={t('workflowAdmin.list.title')}
          emptyText={t('workflowAdmin.list.none')}
        />
      </Card>
    </>
  );
}
