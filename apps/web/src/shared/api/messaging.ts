import { queryOptions } from '@tanstack/react-query';
import type {
  DeliveryChannel,
  DeliveryStatus,
  MessageDelivery,
  MessageDeliveryPage,
  MessageKindList,
  MessageLocale,
  MessagePreferences,
  MessagePreferencesInput,
  MessageTemplate,
  MessageTemplateInput,
  MessageTemplateList,
  MessageTemplatePreview,
  MessageTemplatePreviewInput,
  WebhookEndpoint,
  WebhookEndpointInput,
  WebhookEndpointList,
  WebhookEndpointUpdate,
  WebhookEndpointWithSecret,
} from '@zhengtong/contracts';
import { apiDelete, apiGet, apiPost, apiRequest } from './client';

// 统一消息: my message preferences, and for administrators the templates, the department
// systems' webhooks and the deliveries (dead letters) of every channel.

const enc = encodeURIComponent;
const PREFS = '/api/v1/notifications/preferences';
const MESSAGING = '/api/v1/messaging';

export const messagingKeys = {
  preferences: (accountId: string) => ['messaging', 'preferences', accountId] as const,
  kinds: ['messaging', 'kinds'] as const,
  templates: ['messaging', 'templates'] as const,
  webhooks: ['messaging', 'webhooks'] as const,
  deliveries: (filter: DeliveriesFilter) => ['messaging', 'deliveries', filter] as const,
};

export function preferencesQuery(accountId: string) {
  return queryOptions({
    queryKey: messagingKeys.preferences(accountId),
    queryFn: ({ signal }) => apiGet<MessagePreferences>(PREFS, { signal }),
  });
}

export function savePreferences(input: MessagePreferencesInput): Promise<MessagePreferences> {
  return apiRequest<MessagePreferences>('PUT', PREFS, { body: input, silent: true });
}

export function messageKindsQuery() {
  return queryOptions({
    queryKey: messagingKeys.kinds,
    queryFn: ({ signal }) => apiGet<MessageKindList>(`${MESSAGING}/kinds`, { signal }),
    staleTime: Infinity,
  });
}

export function templatesQuery() {
  return queryOptions({
    queryKey: messagingKeys.templates,
    queryFn: ({ signal }) => apiGet<MessageTemplateList>(`${MESSAGING}/templates`, { signal }),
  });
}

const templatePath = (kind: string, locale: MessageLocale) =>
  `${MESSAGING}/templates/${enc(kind)}/${enc(locale)}`;

export function saveTemplate(
  kind: string,
  locale: MessageLocale,
  input: MessageTemplateInput,
): Promise<MessageTemplate> {
  return apiRequest<MessageTemplate>('PUT', templatePath(kind, locale), {
    body: input,
    silent: true,
  });
}

export function resetTemplate(kind: string, locale: MessageLocale): Promise<MessageTemplate> {
  return apiDelete<MessageTemplate>(templatePath(kind, locale));
}

export function previewTemplate(
  kind: string,
  locale: MessageLocale,
  input: MessageTemplatePreviewInput,
): Promise<MessageTemplatePreview> {
  return apiPost<MessageTemplatePreview>(`${templatePath(kind, locale)}/preview`, input, {
    silent: true,
  });
}

export function webhooksQuery() {
  return queryOptions({
    queryKey: messagingKeys.webhooks,
    queryFn: ({ signal }) => apiGet<WebhookEndpointList>(`${MESSAGING}/webhooks`, { signal }),
  });
}

export function createWebhook(input: WebhookEndpointInput): Promise<WebhookEndpointWithSecret> {
  return apiPost<WebhookEndpointWithSecret>(`${MESSAGING}/webhooks`, input, { silent: true });
}

export function updateWebhook(id: string, input: WebhookEndpointUpdate): Promise<WebhookEndpoint> {
  return apiRequest<WebhookEndpoint>('PUT', `${MESSAGING}/webhooks/${enc(id)}`, {
    body: input,
    silent: true,
  });
}

export function rotateWebhookSecret(id: string): Promise<WebhookEndpointWithSecret> {
  return apiPost<WebhookEndpointWithSecret>(`${MESSAGING}/webhooks/${enc(id)}/rotate-secret`);
}

export interface DeliveriesFilter {
  status: DeliveryStatus | undefined;
  channel: DeliveryChannel | undefined;
  page: number;
  pageSize: number;
}

export function deliveriesQuery(filter: DeliveriesFilter) {
  return queryOptions({
    queryKey: messagingKeys.deliveries(filter),
    queryFn: ({ signal }) =>
      apiGet<MessageDeliveryPage>(`${MESSAGING}/deliveries`, {
        query: { ...filter },
        signal,
      }),
  });
}

export function retryDelivery(id: string): Promise<MessageDelivery> {
  return apiPost<MessageDelivery>(`${MESSAGING}/deliveries/${enc(id)}/retry`);
}
