import { ReloadOutlined } from '@ant-design/icons';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { WorkflowTask, WorkflowTaskPage } from '@zhengtong/contracts';
import { Button, Card, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { QueryTable } from '../shared/components/QueryTable';
import { useT } from '../shared/i18n/LocaleProvider';
import { officerApplicationQuery, TASK_PAGE_SIZE } from './api';
import { applicationPath } from './labels';
import { TaskDeadlineCell, TaskElement, TaskHolder } from './WorkbenchParts';

// What the workbench's task lists share (我的待办 and 督办): the columns every list of tasks
// has, and the card with its refresh button and paged table.

type TaskColumn = TableColumnsType<WorkflowTask>[number];

/** The columns of a task list: the step, its 办件, the deadline and who holds it. */
export function useTaskColumns(
  accountId: string,
): Record<'step' | 'application' | 'dueDate' | 'holder', TaskColumn> {
  const t = useT();
  return {
    step: {
      key: 'step',
      title: t('workbench.tasks.step'),
      render: (_value, task) => (
        <>
          <strong>{task.name}</strong>
          <TaskElement element={task.element} />
        </>
      ),
    },
    application: {
      key: 'application',
      title: t('workbench.tasks.application'),
      render: (_value, task) => <ApplicationCell id={task.businessKey} />,
    },
    dueDate: {
      key: 'dueDate',
      title: t('workbench.tasks.dueDate'),
      render: (_value, task) => <TaskDeadlineCell task={task} />,
    },
    holder: {
      key: 'holder',
      title: t('workbench.tasks.holder'),
      render: (_value, task) => <TaskHolder task={task} accountId={accountId} />,
    },
  };
}

/** The 办件 a task is on: its number and item once loaded, a link in any case. */
export function ApplicationCell({ id }: { id: string }) {
  const t = useT();
  const { data } = useQuery(officerApplicationQuery(id));
  return (
    <>
      <Link to={applicationPath(id)}>
        {data ? <span className="zt-code">{data.applicationNo}</span> : t('workbench.tasks.open')}
      </Link>
      {data && <span className="zt-subline zt-muted">{data.itemName}</span>}
    </>
  );
}

interface TaskListCardProps {
  /** the card's heading, also the table's caption */
  title: string;
  emptyText: string;
  query: UseQueryResult<WorkflowTaskPage>;
  columns: TableColumnsType<WorkflowTask>;
  page: number;
  onPage: (page: number) => void;
}

/** A page of tasks in a card, with a button that fetches them again. */
export function TaskListCard({
  title,
  emptyText,
  query,
  columns,
  page,
  onPage,
}: TaskListCardProps) {
  const t = useT();
  return (
    <Card
      className="zt-card zt-note"
      title={<h2 className="zt-card-heading">{title}</h2>}
      extra={
        <Button
          icon={<ReloadOutlined />}
          loading={query.isFetching && !query.isPending}
          onClick={() => void query.refetch()}
        >
          {t('workbench.tasks.refresh')}
        </Button>
      }
    >
      <QueryTable<WorkflowTask>
        query={query}
        rowKey="id"
        columns={columns}
        caption={title}
        emptyText={emptyText}
        paging={{ current: page, pageSize: TASK_PAGE_SIZE, onChange: onPage }}
      />
    </Card>
  );
}
