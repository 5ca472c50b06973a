import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { NotificationPage, UnreadCount } from '@zhengtong/contracts';
import { apiGet, apiPost } from './client';

// 站内消息: the signed-in account's inbox. Keys carry the account id, so one account never sees
// another's cached answers after switching; every key starts with 'notifications', so one
// invalidation after a write refreshes the bell and the page. Calls are silent: the bell polls,
// and a failed poll is no news worth a pop-up.

const base = '/api/v1/notifications';
const enc = encodeURIComponent;

/** How often the bell asks for the unread count while the tab is visible. */
export const UNREAD_POLL_MS = 30_000;

export interface NotificationsFilter {
  page: number;
  pageSize: number;
  unreadOnly: boolean;
}

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: (accountId: string) => ['notifications', accountId, 'unread'] as const,
  page: (accountId: string, filter: NotificationsFilter) =>
    ['notifications', accountId, 'page', filter] as const,
};

/** The unread count, polled every 30 s while the tab is visible. */
export function unreadCountQuery(accountId: string) {
  return queryOptions({
    queryKey: notificationKeys.unread(accountId),
    queryFn: ({ signal }) => apiGet<UnreadCount>(`${base}/unread-count`, { signal, silent: true }),
    refetchInterval: UNREAD_POLL_MS,
    refetchIntervalInBackground: false,
    retry: false,
  });
}

/** One page of the inbox, newest first, with the unread count. */
export function notificationsQuery(accountId: string, filter: NotificationsFilter) {
  return queryOptions({
    queryKey: notificationKeys.page(accountId, filter),
    queryFn: ({ signal }) =>
      apiGet<NotificationPage>(base, {
        query: {
          page: filter.page,
          pageSize: filter.pageSize,
          unreadOnly: filter.unreadOnly ? true : undefined,
        },
        signal,
        silent: true,
      }),
  });
}

export function markNotificationRead(id: string): Promise<void> {
  return apiPost<void>(`${base}/${enc(id)}/read`, undefined, { silent: true });
}

export function markAllNotificationsRead(): Promise<void> {
  return apiPost<void>(`${base}/read-all`, undefined, { silent: true });
}

function useInboxChanged() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
}

export function useMarkNotificationRead() {
  const changed = useInboxChanged();
  return useMutation({ mutationFn: markNotificationRead, onSuccess: changed });
}

export function useMarkAllNotificationsRead() {
  const changed = useInboxChanged();
  return useMutation({ mutationFn: markAllNotificationsRead, onSuccess: changed });
}
