import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Empty, Popover, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  notificationsQuery,
  unreadCountQuery,
  useMarkAllNotificationsRead,
} from '../api/notifications';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { LoadingBlock } from '../components/LoadingBlock';
import { useT } from '../i18n/LocaleProvider';
import { NotificationEntry } from './NotificationEntry';
import { useInboxAccount, useOpenNotification } from './useInbox';
import './notifications.css';

const latest = { page: 1, pageSize: 8, unreadOnly: false };

/** The top bar's bell: the unread count (polled), and the latest notifications on click. */
export function NotificationBell() {
  const accountId = useInboxAccount();
  if (!accountId) return null;
  // a new account is a new bell: nothing of the last one's state carries over
  return <Bell key={accountId} accountId={accountId} />;
}

function Bell({ accountId }: { accountId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const unread = useQuery(unreadCountQuery(accountId)).data?.unread ?? 0;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      destroyOnHidden
      title={<LatestHeader unread={unread} />}
      content={<Latest accountId={accountId} onOpened={() => setOpen(false)} />}
    >
      <Button
        type="text"
        className="zt-bell"
        aria-label={
          unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')
        }
        aria-haspopup="dialog"
        aria-expanded={open}
        title={t('notifications.bell')}
      >
        <Badge count={unread} overflowCount={99} size="small">
          <BellOutlined aria-hidden className="zt-bell-icon" />
        </Badge>
      </Button>
    </Popover>
  );
}

function LatestHeader({ unread }: { unread: number }) {
  const t = useT();
  const readAll = useMarkAllNotificationsRead();
  return (
    <div className="zt-notifications-popover-head">
      <Typography.Text strong>{t('notifications.latest')}</Typography.Text>
      <Button
        type="link"
        size="small"
        disabled={unread === 0}
        loading={readAll.isPending}
        onClick={() => readAll.mutate()}
      >
        {t('notifications.readAll')}
      </Button>
    </div>
  );
}

function Latest({ accountId, onOpened }: { accountId: string; onOpened: () => void }) {
  const t = useT();
  const query = useQuery(notificationsQuery(accountId, latest));
  const openNotification = useOpenNotification(onOpened);
  return (
    <div className="zt-notifications-popover">
      {query.isError && <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && !query.isError && <LoadingBlock />}
      {query.data &&
        (query.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.none')} />
        ) : (
          <ul className="zt-notification-list">
            {query.data.items.map((n) => (
              <li key={n.id}>
                <NotificationEntry notification={n} onOpen={openNotification} compact />
              </li>
            ))}
          </ul>
        ))}
      <div className="zt-notifications-popover-foot">
        <Link to="/me/notifications" onClick={onOpened}>
          {t('notifications.viewAll')}
        </Link>
      </div>
    </div>
  );
}
