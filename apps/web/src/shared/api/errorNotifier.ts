import type { ApiError } from './ApiError';

type ApiErrorNotifier = (error: ApiError) => void;

let notifier: ApiErrorNotifier | undefined;

/**
 * The API client lives outside React, antd's message API inside it: the app shell registers the
 * function that shows a failed call to the user.
 */
export function setApiErrorNotifier(next: ApiErrorNotifier | undefined): void {
  notifier = next;
}

export function notifyApiError(error: ApiError): void {
  notifier?.(error);
}
