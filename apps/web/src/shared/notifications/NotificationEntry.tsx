import type { InboxNotification } from '@zhengtong/contracts';
import { Tag } from 'antd';
import { useT } from '../i18n/LocaleProvider';
import { useNotificationTime } from './useInbox';

interface NotificationEntryProps {
  notification: InboxNotification;
  onOpen: (notification: InboxNotification) => void;
  /** the bell shows the first lines of the body only */
  compact?: boolean;
}

/**
 * One notification as a button that opens it: unread ones marked, urgent ones tagged. Title and
 * body are the server's text (zh-CN), shown as plain text with their line breaks.
 */
export function NotificationEntry({ notification, onOpen, compact }: NotificationEntryProps) {
  const t = useT();
  const time = useNotificationTime();
  const unread = notification.readAt === null;
  const className = [
    'zt-notification',
    unread ? 'zt-notification-unread' : '',
    compact ? 'zt-notification-compact' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <button type="button" className={className} onClick={() => onOpen(notification)}>
      <span className="zt-notification-head">
        {unread && <span className="zt-notification-dot" aria-hidden />}
        {unread && <span className="zt-visually-hidden">{t('notifications.unread')}</span>}
        <span className="zt-notification-title" lang="zh-CN">
          {notification.title}
        </span>
        {notification.urgent === 'urgent' && (
          <Tag color="red" className="zt-notification-tag">
            {t('notifications.urgent')}
          </Tag>
        )}
      </span>
      <span className="zt-notification-body" lang="zh-CN">
        {notification.body}
      </span>
      <time className="zt-notification-time" dateTime={notification.createdAt}>
        {time(notification.createdAt)}
      </time>
    </button>
  );
}
