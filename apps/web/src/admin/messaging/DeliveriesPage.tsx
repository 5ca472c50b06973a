import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeliveryChannel, DeliveryStatus, MessageDelivery } from '@zhengtong/contracts';
import { App, Button, Card, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { deliveriesQuery, retryDelivery, type DeliveriesFilter } from '../../shared/api/messaging';
import { PageHeading } from '../../shared/components/PageHeading';
import { QueryTable } from '../../shared/components/QueryTable';
import { useT } from '../../shared/i18n/LocaleProvider';
import type { MessageKey } from '../../shared/i18n/messages';

const CHANNELS: DeliveryChannel[] = ['email', 'sms', 'webhook'];
const STATUSES: DeliveryStatus[] = ['queued', 'sent', 'delivered', 'failed', 'dead'];
const STATUS_COLOURS: Record<DeliveryStatus, string> = {
  queued: 'default',
  sent: 'blue',
  delivered: 'green',
  failed: 'orange',
  dead: 'red',
};
const channelKey = (c: DeliveryChannel): MessageKey => `messagingAdmin.channel.${c}`;
const statusKey = (s: DeliveryStatus): MessageKey => `messagingAdmin.status.${s}`;

/** 消息投递 (ops): every channel's deliveries, the dead letters first in mind, with retry. */
export function DeliveriesPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<DeliveriesFilter>({
    status: 'dead',
    channel: undefined,
    page: 1,
    pageSize: 20,
  });
  const query = useQuery({ ...deliveriesQuery(filter), placeholderData: keepPreviousData });
  const retry = useMutation({
    mutationFn: retryDelivery,
    onSuccess: () => {
      void message.success(t('messagingAdmin.deliveries.retried'));
      void queryClient.invalidateQueries({ queryKey: ['messaging', 'deliveries'] });
    },
  });
  const when = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

  const columns: TableColumnsType<MessageDelivery> = [
    {
      title: t('messagingAdmin.deliveries.channel'),
      dataIndex: 'channel',
      render: (c: DeliveryChannel) => t(channelKey(c)),
    },
    {
      title: t('messagingAdmin.deliveries.status'),
      dataIndex: 'status',
      render: (s: DeliveryStatus) => <Tag color={STATUS_COLOURS[s]}>{t(statusKey(s))}</Tag>,
    },
    {
      title: t('messagingAdmin.deliveries.kind'),
      dataIndex: 'kind',
      render: (kind: string, d) => (
        <>
          {d.title}
          <span className="zt-subline zt-muted zt-code">{kind}</span>
        </>
      ),
    },
    {
      title: t('messagingAdmin.deliveries.address'),
      dataIndex: 'address',
      render: (a: string) => <span className="zt-code">{a}</span>,
    },
    { title: t('messagingAdmin.deliveries.attempts'), dataIndex: 'attempts' },
    {
      title: t('messagingAdmin.deliveries.lastError'),
      dataIndex: 'lastError',
      render: (e: string | null) => <span className="zt-break">{e ?? '—'}</span>,
    },
    {
      title: t('messagingAdmin.deliveries.next'),
      key: 'next',
      render: (_v, d) =>
        d.status === 'queued' || d.status === 'failed' ? when(d.nextAttemptAt) : '—',
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, d) =>
        d.status === 'dead' && (
          <Button
            size="small"
            loading={retry.isPending && retry.variables === d.id}
            onClick={() => retry.mutate(d.id)}
          >
            {t('messagingAdmin.deliveries.retry')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeading
        title={t('messagingAdmin.deliveries.title')}
        description={t('messagingAdmin.deliveries.description')}
      />
      <Card className="zt-card">
        <Space wrap className="zt-note">
          <Select<DeliveryStatus | 'all'>
            aria-label={t('messagingAdmin.deliveries.status')}
            value={filter.status ?? 'all'}
            style={{ minWidth: 140 }}
            onChange={(v) => setFilter({ ...filter, status: v === 'all' ? undefined : v, page: 1 })}
            options={[
              { value: 'all', label: t('messagingAdmin.deliveries.all') },
              ...STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) })),
            ]}
          />
          <Select<DeliveryChannel | 'all'>
            aria-label={t('messagingAdmin.deliveries.channel')}
            value={filter.channel ?? 'all'}
            style={{ minWidth: 140 }}
            onChange={(v) =>
              setFilter({ ...filter, channel: v === 'all' ? undefined : v, page: 1 })
            }
            options={[
              { value: 'all', label: t('messagingAdmin.deliveries.all') },
              ...CHANNELS.map((c) => ({ value: c, label: t(channelKey(c)) })),
            ]}
          />
        </Space>
        <QueryTable<MessageDelivery>
          query={query}
          rowKey="id"
          columns={columns}
          caption={t('messagingAdmin.deliveries.title')}
          emptyText={t('messagingAdmin.deliveries.none')}
          paging={{
            current: filter.page,
            pageSize: filter.pageSize,
            onChange: (page) => setFilter({ ...filter, page }),
          }}
        />
      </Card>
    </>
  );
}
