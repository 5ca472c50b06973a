import { Card, Tabs } from 'antd';
import { useId } from 'react';
import { useT } from '../i18n/LocaleProvider';
import { DeadlineForm } from './DeadlineForm';
import { WorkingDaysForm } from './WorkingDaysForm';

/** 办结日期计算: the two questions officers and applicants ask of the working-day calendar. */
export function DeadlineCalculator({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const t = useT();
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <Card
      className="zt-card"
      title={
        <Heading id={headingId} className="zt-card-heading">
          {t('deadline.title')}
        </Heading>
      }
    >
      <section aria-labelledby={headingId}>
        <Tabs
          items={[
            { key: 'deadline', label: t('deadline.tab'), children: <DeadlineForm /> },
            { key: 'between', label: t('between.tab'), children: <WorkingDaysForm /> },
          ]}
        />
      </section>
    </Card>
  );
}
