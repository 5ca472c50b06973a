import { Alert, Button } from 'antd';
import { isApiError } from '../api/ApiError';
import { useT } from '../i18n/LocaleProvider';
import { describeApiError } from './describeApiError';

interface ApiErrorAlertProps {
  error: unknown;
  onRetry?: (() => void) | undefined;
}

/** An API failure in place: problem title, detail, failing fields and the request id. */
export function ApiErrorAlert({ error, onRetry }: ApiErrorAlertProps) {
  const t = useT();
  const { title, detail } = describeApiError(error, t);
  const fieldErrors = isApiError(error) ? error.fieldErrors : [];
  const requestId = isApiError(error) ? error.requestId : undefined;

  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={
        detail || fieldErrors.length > 0 || requestId ? (
          <>
            {detail && <p className="zt-alert-text">{detail}</p>}
            {fieldErrors.length > 0 && (
              <ul className="zt-alert-list">
                {fieldErrors.map((fieldError) => (
                  <li key={`${fieldError.path}:${fieldError.message}`}>
                    <code>{fieldError.path}</code> {fieldError.message}
                  </li>
                ))}
              </ul>
            )}
            {requestId && (
              <p className="zt-alert-text zt-muted">
                {t('error.requestId')}: <code>{requestId}</code>
              </p>
            )}
          </>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
