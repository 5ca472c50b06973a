import { Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../shared/i18n/LocaleProvider';
import { useDateTexts } from './dates';

export interface TimelineStep {
  key: string;
  title: string;
  /** when it happened (an instant) */
  at: string;
  /** the organisation that took the step; none for the applicant's own */
  by?: string | null;
  /** what the step said, when the applicant should read it */
  note?: ReactNode;
  color?: string;
}

export interface WaitingStep {
  key: string;
  name: string;
  /** the step's own deadline (a date) */
  dueDate: string | null;
}

interface ApplicationTimelineProps {
  steps: readonly TimelineStep[];
  /** steps under way now, shown after the history */
  waiting?: readonly WaitingStep[];
  /** the timeline's name for assistive technology */
  label: string;
}

/** 办理过程: what happened to an application, oldest first, and the steps waiting now. */
export function ApplicationTimeline({ steps, waiting = [], label }: ApplicationTimelineProps) {
  const t = useT();
  const dates = useDateTexts();
  if (steps.length === 0 && waiting.length === 0) {
    return <Typography.Paragraph>{t('progress.noSteps')}</Typography.Paragraph>;
  }
  return (
    <Timeline
      aria-label={label}
      className="zt-application-timeline"
      items={[
        ...steps.map((step) => ({
          key: step.key,
          color: step.color ?? 'blue',
          content: (
            <div className="zt-timeline-entry">
              <strong>{step.title}</strong>
              <span className="zt-subline zt-muted">
                <time dateTime={step.at}>{dates.dateTime(step.at)}</time>
                {step.by ? ` · ${step.by}` : ''}
              </span>
              {step.note && <div className="zt-timeline-note">{step.note}</div>}
            </div>
          ),
        })),
        ...waiting.map((step) => ({
          key: `waiting-${step.key}`,
          loading: true,
          content: (
            <div className="zt-timeline-entry">
              <strong>{t('progress.waitingStep', { name: step.name })}</strong>
              {step.dueDate && (
                <span className="zt-subline zt-muted">
                  {t('progress.stepDue', { date: dates.date(step.dueDate) })}
                </span>
              )}
            </div>
          ),
        })),
      ]}
    />
  );
}
