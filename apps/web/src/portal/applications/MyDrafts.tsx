import { useQuery } from '@tanstack/react-query';
import type { DraftSummary } from '@zhengtong/contracts';
import { App, Button, Card, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { myDraftsQuery, parseDraftTarget, useDeleteDraft } from '../../shared/api/drafts';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { useT } from '../../shared/i18n/LocaleProvider';
import { LinkButton } from '../catalog/LinkButton';
import { useDateTexts } from './dates';
import './drafts.css';

/** Where to continue a draft: the apply page of its list, or the guide of its bundle. */
function continuePath(target: string): string | undefined {
  const parsed = parseDraftTarget(target);
  if (!parsed) return undefined;
  if (parsed.kind === 'list') return `/apply/${encodeURIComponent(parsed.listId)}`;
  return `/services/bundles/${encodeURIComponent(parsed.code)}?region=${parsed.regionCode}`;
}

/**
 * 我的草稿: the signed-in applicant's unfinished forms, to continue or delete. Shows nothing
 * while there are none, so 我的办件 stays as it was for those who never saved one.
 */
export function MyDrafts() {
  const t = useT();
  const dates = useDateTexts();
  const { message } = App.useApp();
  const query = useQuery(myDraftsQuery());
  const remove = useDeleteDraft();

  if (query.isError) {
    return <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!query.data || query.data.items.length === 0) return null;

  const columns: TableColumnsType<DraftSummary> = [
    {
      title: t('drafts.mine.item'),
      dataIndex: 'title',
      render: (title: string, row) => {
        const path = continuePath(row.target);
        return (
          <Space size={4} wrap>
            {parseDraftTarget(row.target)?.kind === 'bundle' && (
              <Tag color="geekblue">{t('drafts.mine.bundle')}</Tag>
            )}
            {path ? <Link to={path}>{title}</Link> : title}
          </Space>
        );
      },
    },
    {
      title: t('drafts.mine.updatedAt'),
      dataIndex: 'updatedAt',
      render: (at: string) => dates.dateTime(at),
    },
    {
      title: t('drafts.mine.actions'),
      key: 'actions',
      render: (_: unknown, row) => {
        const path = continuePath(row.target);
        return (
          <Space size={8} wrap>
            {path && (
              <LinkButton size="small" type="primary" to={path}>
                {t('drafts.mine.continue')}
              </LinkButton>
            )}
            <Popconfirm
              title={t('drafts.mine.deleteConfirm', { title: row.title })}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove.mutate(row.target, {
                  onSuccess: () => void message.success(t('drafts.mine.deleted')),
                })
              }
            >
              <Button size="small" danger>
                {t('drafts.mine.delete')}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      className="zt-card zt-my-drafts"
      title={<h2 className="zt-card-heading">{t('drafts.mine.title')}</h2>}
    >
      <p className="zt-muted zt-my-drafts-description">{t('drafts.mine.description')}</p>
      {remove.isError && <ApiErrorAlert error={remove.error} />}
      <Table<DraftSummary>
        rowKey="target"
        columns={columns}
        dataSource={query.data.items}
        pagination={false}
        size="small"
        caption={<span className="zt-visually-hidden">{t('drafts.mine.title')}</span>}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
