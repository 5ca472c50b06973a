/**
 * UI text of 站内消息 (the bell and the inbox page), Chinese first. The notifications' own titles
 * and bodies come from the server in Chinese and are shown as they are.
 */
export const notificationsZhCN = {
  'notifications.bell': '站内消息',
  'notifications.bellUnread': '站内消息，{count} 条未读',
  'notifications.latest': '最新消息',
  'notifications.none': '暂无消息',
  'notifications.noneUnread': '没有未读消息',
  'notifications.viewAll': '查看全部',
  'notifications.readAll': '全部已读',
  'notifications.readAllDone': '已全部标为已读',
  'notifications.title': '站内消息',
  'notifications.description': '办件进展、补正告知、办结结果等消息；点击消息可查看详情。',
  'notifications.filter': '显示',
  'notifications.filter.all': '全部',
  'notifications.filter.unread': '未读',
  'notifications.unread': '未读',
  'notifications.urgent': '重要',
  'notifications.open': '查看',
  'notifications.loadFailed': '消息加载失败',
  'notifications.signIn.title': '请先登录',
  'notifications.signIn.detail': '站内消息需要登录后查看；登录后会回到本页。',
  'notifications.signIn.action': '登录',
  'notifications.limited': '请先在个人中心修改密码或启用动态口令，再查看站内消息。',
} as const satisfies Record<string, string>;

export const notificationsEn: Record<keyof typeof notificationsZhCN, string> = {
  'notifications.bell': 'Notifications',
  'notifications.bellUnread': 'Notifications, {count} unread',
  'notifications.latest': 'Latest notifications',
  'notifications.none': 'No notifications',
  'notifications.noneUnread': 'No unread notifications',
  'notifications.viewAll': 'View all',
  'notifications.readAll': 'Mark all read',
  'notifications.readAllDone': 'All notifications marked read',
  'notifications.title': 'Notifications',
  'notifications.description':
    'Progress of your applications, requests for more materials, decisions. Open one for details. (Texts are in Chinese.)',
  'notifications.filter': 'Show',
  'notifications.filter.all': 'All',
  'notifications.filter.unread': 'Unread',
  'notifications.unread': 'Unread',
  'notifications.urgent': 'Important',
  'notifications.open': 'Open',
  'notifications.loadFailed': 'The notifications could not be loaded',
  'notifications.signIn.title': 'Sign in first',
  'notifications.signIn.detail':
    'Sign in to read your notifications; you will come back to this page.',
  'notifications.signIn.action': 'Sign in',
  'notifications.limited':
    'Change your password or enable the one-time code on your profile first, then read your notifications.',
};
