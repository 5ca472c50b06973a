import { Alert } from 'antd';
import { isApiError } from '../../shared/api/ApiError';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { useT } from '../../shared/i18n/LocaleProvider';
import { describeElementsPath } from './elements';

/** Whether a failure is a problem listing what is wrong with the elements (422 with errors). */
export function hasElementProblems(error: unknown): boolean {
  return isApiError(error) && error.status === 422 && error.fieldErrors.length > 0;
}

/**
 * Every problem the server found with a list's elements, each named as the editor names the
 * field (申请材料 › 第 2 项 › 证照类型). Other failures show as the usual API error.
 */
export function ProblemsAlert({
  error,
  onClose,
}: {
  error: unknown;
  onClose?: (() => void) | undefined;
}) {
  const t = useT();
  if (!isApiError(error) || !hasElementProblems(error)) return <ApiErrorAlert error={error} />;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      closable={onClose ? { onClose, 'aria-label': t('common.close') } : false}
      title={t('catalogAdmin.problems.title', { count: error.fieldErrors.length })}
      description={
        <>
          <ul className="zt-alert-list">
            {error.fieldErrors.map((fieldError, index) => (
              <li key={`${index}:${fieldError.path}`}>
                <strong>{describeElementsPath(fieldError.path, t)}</strong>
                {t('catalogAdmin.problems.separator')}
                {fieldError.message}
              </li>
            ))}
          </ul>
        </>
      }
    />
  );
}
