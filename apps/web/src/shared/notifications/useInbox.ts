import type { InboxNotification } from '@zhengtong/contracts';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useMarkNotificationRead } from '../api/notifications';
import { useLocale } from '../i18n/LocaleProvider';
import { useSession } from '../identity/session';

/**
 * The account whose inbox may be read now: a signed-in session that is not limited to changing
 * its password or enrolling a second factor (the server refuses those anything else).
 */
export function useInboxAccount(): string | undefined {
  const { me } = useSession();
  if (!me || me.mustChangePassword || me.mfaEnrolmentRequired) return undefined;
  return me.accountId;
}

/** A link of a notification the app can open: a path of this app, nothing else. */
export function appPath(link: string | null): string | undefined {
  return link && link.startsWith('/') && !link.startsWith('//') ? link : undefined;
}

/** Opening a notification: it is marked read, then its page opens (if it has one). */
export function useOpenNotification(onOpened?: () => void) {
  const navigate = useNavigate();
  const markRead = useMarkNotificationRead();
  return (notification: InboxNotification) => {
    if (notification.readAt === null) markRead.mutate(notification.id);
    onOpened?.();
    const path = appPath(notification.link);
    if (path) void navigate(path);
  };
}

/** When a notification came, as the clock in Zhengzhou shows it, in the UI language. */
export function useNotificationTime(): (iso: string) => string {
  const { locale } = useLocale();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    return (iso: string) => format.format(new Date(iso));
  }, [locale]);
}
