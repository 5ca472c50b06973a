import { AimOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useT, type Translate } from '../../shared/i18n/LocaleProvider';
import { limitText, organisationName, roleName } from './labels';
import type { Step, StepTimer } from './outline';

function timerText(timer: StepTimer, t: Translate): string {
  const due =
    timer.due === undefined
      ? '—'
      : 'share' in timer.due
        ? t('workflowAdmin.timer.share', { percent: Math.round(timer.due.share * 100) })
        : t('workflowAdmin.timer.duration', { duration: timer.due.duration });
  return t('workflowAdmin.timer.entry', {
    name: timer.name,
    due,
    kind: timer.interrupting
      ? t('workflowAdmin.timer.interrupting')
      : t('workflowAdmin.timer.nonInterrupting'),
  });
}

/**
 * 办理环节: the user tasks with their candidate role, organisation, time limit and timers. A row
 * can be shown in the diagram (`onShow`); the selected one is highlighted.
 */
export function StepsTable({
  steps,
  selected,
  onShow,
}: {
  steps: Step[];
  selected?: string | undefined;
  onShow?: ((id: string) => void) | undefined;
}) {
  const t = useT();
  const columns: TableColumnsType<Step> = [
    {
      title: t('workflowAdmin.steps.name'),
      dataIndex: 'name',
      render: (name: string, step) => (
        <>
          {name}
          <span className="zt-subline zt-muted zt-code">{step.id}</span>
        </>
      ),
    },
    {
      title: t('workflowAdmin.steps.role'),
      dataIndex: 'candidateRole',
      render: (role: string) => <Tag color="blue">{roleName(role, t)}</Tag>,
    },
    {
      title: t('workflowAdmin.steps.organisation'),
      dataIndex: 'candidateOrganisation',
      render: (expression: string, step) => (
        <>
          {organisationName(expression, t) ?? <span className="zt-code">{expression}</span>}
          {step.collection && (
            <span className="zt-subline zt-muted">
              {t('workflowAdmin.steps.multiInstance', { collection: step.collection })}
            </span>
          )}
        </>
      ),
    },
    {
      title: t('workflowAdmin.steps.limit'),
      dataIndex: 'limitDays',
      render: (days: number | undefined) => limitText(days, t),
    },
    {
      title: t('workflowAdmin.steps.timers'),
      dataIndex: 'timers',
      render: (timers: StepTimer[]) =>
        timers.length === 0 ? (
          '—'
        ) : (
          <ul className="zt-plain-list">
            {timers.map((timer) => (
              <li key={timer.id}>{timerText(timer, t)}</li>
            ))}
          </ul>
        ),
    },
    ...(onShow
      ? [
          {
            title: <span className="zt-visually-hidden">{t('common.actions')}</span>,
            key: 'show',
            render: (_value: unknown, step: Step) => (
              <Tooltip title={t('workflowAdmin.steps.show')}>
                <Button
                  size="small"
                  type="text"
                  icon={<AimOutlined aria-hidden />}
                  aria-label={`${t('workflowAdmin.steps.show')}: ${step.name}`}
                  aria-pressed={selected === step.id}
                  onClick={() => onShow(step.id)}
                />
              </Tooltip>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<Step>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={steps}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('workflowAdmin.steps.none') }}
      rowClassName={(step) => (step.id === selected ? 'zt-workflow-selected-row' : '')}
      caption={<span className="zt-visually-hidden">{t('workflowAdmin.steps.caption')}</span>}
    />
  );
}
