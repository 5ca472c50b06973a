import type { Application, SupplementItem, TimelineEntry } from '@zhengtong/contracts';
import { Card, Tag, Timeline } from 'antd';
import type { ReactNode } from 'react';
import { useFormatDate, useT } from '../shared/i18n/LocaleProvider';
import type { MessageKey } from '../shared/i18n/messages';
import { dateText, dateTimeText } from './labels';
import { SupplementItems } from './WorkbenchParts';

const eventColor: Record<string, string> = {
  supplementRequested: 'orange',
  // 退回, if the applications module records it as its own event
  returned: 'orange',
  refused: 'red',
  denied: 'red',
  withdrawn: 'gray',
  approved: 'green',
};

const decisionColor: Record<string, string> = { approve: 'green', return: 'orange' };

const decisionKey: Record<string, MessageKey> = {
  approve: 'workbench.decision.approve',
  deny: 'workbench.decision.deny',
  // 退回: back to review
  return: 'workbench.decision.return',
};

function isSupplementItem(value: unknown): value is SupplementItem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { reason?: unknown }).reason === 'string'
  );
}

/** 办理过程: every step so far, oldest first, with what each step recorded. */
export function TimelineCard({
  application,
  materialName,
  fieldTitle,
}: {
  application: Application;
  materialName: (key: string) => string;
  fieldTitle: (name: string) => string;
}) {
  const t = useT();
  const formatDate = useFormatDate();
  return (
    <Card
      className="zt-card zt-note"
      title={<h2 className="zt-card-heading">{t('workbench.app.timeline')}</h2>}
    >
      <Timeline
        items={application.timeline.map((entry, index) => ({
          key: `${entry.at}-${index}`,
          color: eventColor[entry.event] ?? 'blue',
          content: (
            <>
              <strong>{entry.title}</strong>
              <span className="zt-subline zt-muted">
                {dateTimeText(entry.at, formatDate, t)}
                {entry.by && ` · ${entry.by}`}
              </span>
              <EntryDetail
                entry={entry}
                materialName={materialName}
                fieldTitle={fieldTitle}
                dateOf={(date) => dateText(date, formatDate)}
              />
            </>
          ),
        }))}
      />
    </Card>
  );
}

function EntryDetail({
  entry,
  materialName,
  fieldTitle,
  dateOf,
}: {
  entry: TimelineEntry;
  materialName: (key: string) => string;
  fieldTitle: (name: string) => string;
  dateOf: (isoDate: string) => string;
}) {
  const t = useT();
  const detail = entry.detail;
  const lines: ReactNode[] = [];
  const text = (key: string) => (typeof detail[key] === 'string' ? detail[key] : undefined);

  const decision = text('decision');
  if (decision) {
    lines.push(
      <span key="decision">
        {t('workbench.timeline.decision')}
        <Tag color={decisionColor[decision] ?? 'red'}>
          {t(decisionKey[decision] ?? 'workbench.decision.deny')}
        </Tag>
      </span>,
    );
  }
  const opinion = text('opinion');
  if (opinion)
    lines.push(<span key="opinion">{t('workbench.timeline.opinion', { opinion })}</span>);
  const reason = text('reason');
  if (reason) lines.push(<span key="reason">{t('workbench.timeline.reason', { reason })}</span>);
  const legalBasis = text('legalBasis');
  if (legalBasis) {
    lines.push(<span key="legalBasis">{t('workbench.timeline.legalBasis', { legalBasis })}</span>);
  }
  const dueDate = text('dueDate');
  if (dueDate) {
    lines.push(
      <span key="dueDate">{t('workbench.timeline.dueDate', { date: dateOf(dueDate) })}</span>,
    );
  }
  if (Array.isArray(detail.pendingMaterials) && detail.pendingMaterials.length > 0) {
    const names = detail.pendingMaterials.map((key) => materialName(String(key)));
    lines.push(
      <span key="pending">
        {t('workbench.timeline.pending', { materials: names.join(t('workbench.separator')) })}
      </span>,
    );
  }
  if (typeof detail.count === 'number' && detail.count > 1) {
    lines.push(
      <Tag key="count" color="red">
        {t('workbench.timeline.repeated', { count: detail.count })}
      </Tag>,
    );
  }
  const items = Array.isArray(detail.items) ? detail.items.filter(isSupplementItem) : [];

  if (lines.length === 0 && items.length === 0) return null;
  return (
    <div className="zt-subline">
      {lines.map((line, index) => (
        <div key={index}>{line}</div>
      ))}
      {items.length > 0 && (
        <SupplementItems items={items} materialName={materialName} fieldTitle={fieldTitle} />
      )}
    </div>
  );
}
