import { App } from 'antd';
import { useEffect } from 'react';
import { setApiErrorNotifier } from '../api/errorNotifier';
import { useT } from '../i18n/LocaleProvider';
import { describeApiError } from './describeApiError';

/** Shows failed API calls as antd messages; one message per error code at a time. */
export function ApiErrorNotifier() {
  const { message } = App.useApp();
  const t = useT();

  useEffect(() => {
    setApiErrorNotifier((error) => {
      const { title, detail } = describeApiError(error, t);
      void message.error({
        key: `api-error:${error.code}`,
        content: detail ? `${title}：${detail}` : title,
        duration: 5,
      });
    });
    return () => setApiErrorNotifier(undefined);
  }, [message, t]);

  return null;
}
