import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Pagination, Result, Segmented, Space } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import {
  notificationsQuery,
  useMarkAllNotificationsRead,
  type NotificationsFilter,
} from '../api/notifications';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { LoadingBlock } from '../components/LoadingBlock';
import { PageHeading } from '../components/PageHeading';
import { usePageTitle } from '../components/usePageTitle';
import { useUrlFilter } from '../components/useUrlFilter';
import { useT } from '../i18n/LocaleProvider';
import { useSession } from '../identity/session';
import { NotificationEntry } from './NotificationEntry';
import { useInboxAccount, useOpenNotification } from './useInbox';
import './notifications.css';

const pageSize = 20;

function readFilter(params: URLSearchParams): NotificationsFilter {
  return {
    page: Math.max(1, Math.floor(Number(params.get('page'))) || 1),
    pageSize,
    unreadOnly: params.get('unread') === '1',
  };
}

function writeFilter(filter: NotificationsFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.unreadOnly) params.unread = '1';
  if (filter.page > 1) params.page = String(filter.page);
  return params;
}

/** 站内消息 (/me/notifications): every notification of the signed-in account, newest first. */
export function NotificationsPage() {
  const t = useT();
  const { me, isPending, error, refetch } = useSession();
  const accountId = useInboxAccount();
  const navigate = useNavigate();
  if (isPending) return <LoadingBlock />;
  if (me === null) return <SignInFirst />;
  if (!me) return <ApiErrorAlert error={error} onRetry={refetch} />;
  if (!accountId) {
    // a session that must change its password or enrol a second factor first: the profile
    // page says how
    return (
      <Result
        status="info"
        title={<h1 className="zt-result-title">{t('notifications.title')}</h1>}
        subTitle={t('notifications.limited')}
        extra={<Button onClick={() => void navigate('/me')}>{t('account.profile')}</Button>}
      />
    );
  }
  return <Inbox accountId={accountId} />;
}

function Inbox({ accountId }: { accountId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [filter, setFilter] = useUrlFilter(readFilter, writeFilter);
  const query = useQuery({
    ...notificationsQuery(accountId, filter),
    placeholderData: keepPreviousData,
  });
  const readAll = useMarkAllNotificationsRead();
  const navigate = useNavigate();
  const openNotification = useOpenNotification();
  const unread = query.data?.unread ?? 0;

  return (
    <>
      <PageHeading
        title={t('notifications.title')}
        description={t('notifications.description')}
        extra={
          <Space wrap>
            <Button onClick={() => void navigate('/me/notifications/settings')}>
              {t('notifications.preferences')}
            </Button>
            <Button
              disabled={unread === 0}
              loading={readAll.isPending}
              onClick={() =>
                readAll.mutate(undefined, {
                  onSuccess: () => void message.success(t('notifications.readAllDone')),
                })
              }
            >
              {t('notifications.readAll')}
            </Button>
          </Space>
        }
      />
      <Card className="zt-card">
        <div className="zt-notifications-filter">
          <Segmented<'all' | 'unread'>
            aria-label={t('notifications.filter')}
            value={filter.unreadOnly ? 'unread' : 'all'}
            onChange={(value) => setFilter({ ...filter, unreadOnly: value === 'unread', page: 1 })}
            options={[
              { value: 'all', label: t('notifications.filter.all') },
              {
                value: 'unread',
                label: `${t('notifications.filter.unread')}${unread > 0 ? ` (${unread})` : ''}`,
              },
            ]}
          />
        </div>
        {readAll.isError && <ApiErrorAlert error={readAll.error} />}
        {query.isError && (
          <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        )}
        {query.isPending && !query.isError && <LoadingBlock />}
        {query.data &&
          (query.data.items.length === 0 ? (
            <Empty
              description={
                filter.unreadOnly ? t('notifications.noneUnread') : t('notifications.none')
              }
            />
          ) : (
            <>
              <ul
                className="zt-notification-list zt-notification-page-list"
                aria-busy={query.isPlaceholderData}
              >
                {query.data.items.map((n) => (
                  <li key={n.id}>
                    <NotificationEntry notification={n} onOpen={openNotification} />
                  </li>
                ))}
              </ul>
              {query.data.total > pageSize && (
                <Pagination
                  className="zt-notifications-pagination"
                  current={filter.page}
                  pageSize={pageSize}
                  total={query.data.total}
                  showSizeChanger={false}
                  showTotal={(total) => t('common.total', { total })}
                  onChange={(page) => setFilter({ ...filter, page })}
                />
              )}
            </>
          ))}
      </Card>
    </>
  );
}

function SignInFirst() {
  const t = useT();
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  usePageTitle(t('notifications.title'));
  return (
    <Result
      status="403"
      title={<h1 className="zt-result-title">{t('notifications.signIn.title')}</h1>}
      subTitle={t('notifications.signIn.detail')}
      extra={
        <Button
          type="primary"
          onClick={() => void navigate(`/login?next=${encodeURIComponent(pathname + search)}`)}
        >
          {t('notifications.signIn.action')}
        </Button>
      }
    />
  );
}
