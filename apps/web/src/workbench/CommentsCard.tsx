import { useQuery } from '@tanstack/react-query';
import { Card, Timeline, Typography } from 'antd';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { useFormatDate, useT } from '../shared/i18n/LocaleProvider';
import { applicationCommentsQuery } from './api';
import { dateTimeText } from './labels';

/**
 * 办理意见: the officers' notes on the application's steps, oldest first. Internal: the applicant's
 * view of the case never shows them.
 */
export function CommentsCard({ applicationId }: { applicationId: string }) {
  const t = useT();
  const formatDate = useFormatDate();
  const query = useQuery(applicationCommentsQuery(applicationId));
  return (
    <Card
      className="zt-card zt-note"
      title={<h2 className="zt-card-heading">{t('workbench.comments.title')}</h2>}
    >
      {query.isPending && <LoadingBlock />}
      {query.isError && <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data?.items.length === 0 && (
        <Typography.Paragraph className="zt-alert-text zt-muted">
          {t('workbench.comments.none')}
        </Typography.Paragraph>
      )}
      {query.data && query.data.items.length > 0 && (
        <Timeline
          items={query.data.items.map((comment, index) => ({
            key: `${comment.at}-${index}`,
            content: (
              <>
                <strong>{comment.taskName}</strong>
                <span className="zt-subline zt-muted">
                  {dateTimeText(comment.at, formatDate, t)}
                  {` · ${comment.actorName ?? t('workbench.holder.colleague')}`}
                </span>
                <Typography.Paragraph className="zt-alert-text">
                  {comment.text}
                </Typography.Paragraph>
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
