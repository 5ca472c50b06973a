import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ImplementationElements,
  ImplementationList,
  ImplementationListVersion,
} from '@zhengtong/contracts';
import {
  Alert,
  App,
  Button,
  Drawer,
  Empty,
  Form,
  Table,
  Tabs,
  type FormInstance,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useBlocker, useParams } from 'react-router';
import { isApiError } from '../../shared/api/ApiError';
import { catalogKeys, implementationListQuery, listVersionsQuery } from '../../shared/api/catalog';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { useFormatDate, useT } from '../../shared/i18n/LocaleProvider';
import { useSession } from '../../shared/identity/session';
import { saveDraft } from './api';
import { ListStatusTags, StatusTag } from './CatalogFields';
import {
  elementsPathToName,
  fromEditorValues,
  toEditorValues,
  type EditorValues,
  type FieldName,
} from './elements';
import { ElementsForm } from './ElementsForm';
import { ElementsView, MetricsView, VersionFacts } from './ElementsView';
import { ListActions } from './ListActions';
import { catalogCapabilities } from './permissions';
import { hasElementProblems, ProblemsAlert } from './ProblemsAlert';

type TabKey = 'pending' | 'published' | 'history';

/**
 * Puts the server's problems on the fields they are about: the field itself when the form has
 * it, else the nearest enclosing one (a material's list). Paths without a field stay in the
 * alert above the form only.
 */
function showProblemsOnFields(form: FormInstance<EditorValues>, error: unknown): void {
  if (!isApiError(error)) return;
  let first: FieldName | undefined;
  const registered = new Set(form.getFieldsError().map((field) => JSON.stringify(field.name)));
  const byField = new Map<string, { name: FieldName; errors: string[] }>();
  for (const fieldError of error.fieldErrors) {
    const name = elementsPathToName(fieldError.path);
    if (!name) continue;
    for (let length = name.length; length > 0; length -= 1) {
      const candidate = name.slice(0, length);
      const key = JSON.stringify(candidate);
      if (!registered.has(key)) continue;
      const entry = byField.get(key) ?? { name: candidate, errors: [] };
      entry.errors.push(fieldError.message);
      byField.set(key, entry);
      first ??= candidate;
      break;
    }
  }
  form.setFields(
    [...byField.values()].map(({ name, errors }) => ({ name: name as never, errors })),
  );
  if (first) form.scrollToField(first, { behavior: 'smooth', block: 'center' });
}

/** The version being edited or reviewed: the list's own, else the newest open one in history. */
function pendingVersion(
  list: ImplementationList,
  history: readonly ImplementationListVersion[] | undefined,
): ImplementationListVersion | null {
  if (list.pending) return list.pending;
  const open = (history ?? []).filter((v) => v.status === 'draft' || v.status === 'submitted');
  return open.sort((a, b) => b.version - a.version)[0] ?? null;
}

/** 实施清单编辑: the pending draft in a form, the version in force, and the history. */
export function ImplementationListEditorPage() {
  const { id = '' } = useParams();
  // staff edit what is current, not a guide cached for visitors
  const listQuery = useQuery({ ...implementationListQuery(id), staleTime: 0 });
  const versionsQuery = useQuery(listVersionsQuery(id));

  if (listQuery.isError) {
    return (
      <>
        <BackLink />
        <ApiErrorAlert error={listQuery.error} onRetry={() => void listQuery.refetch()} />
      </>
    );
  }
  if (listQuery.isPending) return <LoadingBlock />;
  const list = listQuery.data;
  return (
    <ListEditor
      list={list}
      pending={pendingVersion(list, versionsQuery.data?.items)}
      history={versionsQuery.data?.items}
      historyError={versionsQuery.error}
      reload={async () => {
        const [fresh, versions] = await Promise.all([listQuery.refetch(), versionsQuery.refetch()]);
        return fresh.data ? pendingVersion(fresh.data, versions.data?.items) : null;
      }}
      key={list.id}
    />
  );
}

function BackLink() {
  const t = useT();
  return (
    <p>
      <Link to="/admin/catalog/lists">
        <ArrowLeftOutlined aria-hidden /> {t('catalogAdmin.editor.back')}
      </Link>
    </p>
  );
}

function ListEditor({
  list,
  pending,
  history,
  historyError,
  reload,
}: {
  list: ImplementationList;
  pending: ImplementationListVersion | null;
  history: ImplementationListVersion[] | undefined;
  historyError: unknown;
  /** refetches; the pending version as the server now has it */
  reload: () => Promise<ImplementationListVersion | null>;
}) {
  const t = useT();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { me } = useSession();
  const can = catalogCapabilities(me);
  const [form] = Form.useForm<EditorValues>();
  const [problems, setProblems] = useState<unknown>();
  const [dirty, setDirty] = useState(false);
  const [tab, setTab] = useState<TabKey>(pending ? 'pending' : 'published');
  const editable = pending?.status === 'draft' && can.writeList(list);

  const showProblems = (error: unknown) => {
    setProblems(error);
    if (hasElementProblems(error)) {
      setTab('pending');
      // after the tab has rendered its fields
      setTimeout(() => showProblemsOnFields(form, error), 0);
    }
  };

  /** Drops the user's edits for what the server has now (after someone else saved). */
  const reloadForm = async () => {
    const fresh = await reload();
    if (fresh) form.setFieldsValue(toEditorValues(fresh.elements));
    form.setFields(
      form
        .getFieldsError()
        .flatMap((field) =>
          field.errors.length > 0 ? [{ name: field.name as never, errors: [] }] : [],
        ),
    );
    setDirty(false);
    setProblems(undefined);
  };

  const saveMutation = useMutation({
    mutationFn: (elements: ImplementationElements) =>
      saveDraft(list.id, { elements, revision: pending?.revision ?? 1 }),
    onMutate: () => setProblems(undefined),
    onSuccess: (updated) => {
      queryClient.setQueryData(catalogKeys.list(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: catalogKeys.all });
      setDirty(false);
      // the server's problems are answered by this version; clear them from the fields
      form.setFields(
        form
          .getFieldsError()
          .flatMap((field) =>
            field.errors.length > 0 ? [{ name: field.name as never, errors: [] }] : [],
          ),
      );
      void message.success(t('catalogAdmin.editor.saved'));
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) {
        modal.confirm({
          title: t('catalogAdmin.editor.conflictTitle'),
          content: t('catalogAdmin.editor.conflictDetail'),
          okText: t('catalogAdmin.editor.reload'),
          cancelText: t('catalogAdmin.editor.keepEditing'),
          onOk: reloadForm,
        });
        return;
      }
      showProblems(error);
    },
  });

  /** Validates and saves; the saved list, or undefined when something stopped it. */
  const save = async (): Promise<ImplementationList | undefined> => {
    try {
      await form.validateFields();
    } catch (error) {
      void message.error(t('catalogAdmin.editor.fixFirst'));
      const first = (error as { errorFields?: { name: FieldName }[] }).errorFields?.[0]?.name;
      if (first) form.scrollToField(first, { behavior: 'smooth', block: 'center' });
      return undefined;
    }
    // everything the form holds, also what it does not show (a material's accepted types)
    const values = form.getFieldsValue(true) as EditorValues;
    try {
      return await saveMutation.mutateAsync(fromEditorValues(values));
    } catch {
      return undefined;
    }
  };

  // Leaving with unsaved edits asks first, inside the app and when closing the tab.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('catalogAdmin.editor.leaveTitle'),
      content: t('catalogAdmin.editor.leaveDetail'),
      okText: t('catalogAdmin.editor.leave'),
      cancelText: t('catalogAdmin.editor.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const saveButton = editable && (
    <Button
      type="primary"
      icon={<SaveOutlined aria-hidden />}
      loading={saveMutation.isPending}
      onClick={() => void save()}
    >
      {dirty ? t('catalogAdmin.editor.save') : t('catalogAdmin.editor.saveAgain')}
    </Button>
  );

  const pendingTab = pending && {
    key: 'pending' as const,
    label:
      pending.status === 'draft'
        ? t('catalogAdmin.editor.draftTab', { version: pending.version })
        : t('catalogAdmin.editor.submittedTab', { version: pending.version }),
    children: (
      <div className="zt-stack">
        <VersionFacts version={pending} />
        {pending.status === 'draft' && pending.reviewNote && (
          <Alert
            type="warning"
            showIcon
            title={t('catalogAdmin.editor.returned')}
            description={pending.reviewNote}
          />
        )}
        <MetricsView metrics={pending.metrics} />
        {editable ? (
          <>
            {dirty && (
              <Alert
                type="info"
                showIcon
                title={t('catalogAdmin.editor.unsaved')}
                action={saveButton}
              />
            )}
            <ElementsForm
              key={pending.id}
              form={form}
              initialValues={toEditorValues(pending.elements)}
              regionCode={list.regionCode}
              onChange={() => setDirty(true)}
            />
            <div className="zt-toolbar">{saveButton}</div>
          </>
        ) : (
          <ElementsView elements={pending.elements} regionCode={list.regionCode} />
        )}
      </div>
    ),
  };

  const publishedTab = {
    key: 'published' as const,
    label: list.published
      ? t('catalogAdmin.editor.publishedTab', { version: list.published.version })
      : t('catalogAdmin.editor.publishedNone'),
    children: list.published ? (
      <div className="zt-stack">
        <VersionFacts version={list.published} />
        <MetricsView metrics={list.published.metrics} />
        <ElementsView elements={list.published.elements} regionCode={list.regionCode} />
      </div>
    ) : (
      <Empty description={t('catalogAdmin.editor.notPublished')} />
    ),
  };

  const historyTab = {
    key: 'history' as const,
    label: t('catalogAdmin.editor.historyTab'),
    children: historyError ? (
      <ApiErrorAlert error={historyError} />
    ) : history ? (
      <VersionHistory versions={history} regionCode={list.regionCode} />
    ) : (
      <LoadingBlock />
    ),
  };

  return (
    <>
      <BackLink />
      <PageHeading
        title={list.itemName}
        description={
          <>
            <span className="zt-code">{list.code}</span> · {list.organisationName} ·{' '}
            {list.regionName} <ListStatusTags list={list} />
          </>
        }
        extra={
          <ListActions
            list={list}
            size="middle"
            onProblems={showProblems}
            onChanged={(updated) => {
              void reload();
              // a revision just started is what the user wants to edit next
              if (updated.pending?.status === 'draft') setTab('pending');
            }}
            beforeSubmit={async () => !dirty || (await save()) !== undefined}
          />
        }
      />
      {problems !== undefined && (
        <div className="zt-note">
          <ProblemsAlert error={problems} onClose={() => setProblems(undefined)} />
        </div>
      )}
      {!pending && !list.published && (
        <Alert className="zt-note" type="info" showIcon title={t('catalogAdmin.editor.nothing')} />
      )}
      <Tabs
        activeKey={tab === 'pending' && !pending ? 'published' : tab}
        onChange={(key) => setTab(key as TabKey)}
        items={[...(pendingTab ? [pendingTab] : []), publishedTab, historyTab]}
      />
    </>
  );
}

function VersionHistory({
  versions,
  regionCode,
}: {
  versions: ImplementationListVersion[];
  regionCode: string;
}) {
  const t = useT();
  const formatDate = useFormatDate();
  const [viewing, setViewing] = useState<ImplementationListVersion>();
  const when = (value: string | null) => (value ? formatDate(dayjs(value), 'date') : '—');
  const columns: TableColumnsType<ImplementationListVersion> = [
    {
      title: t('catalogAdmin.version.number'),
      dataIndex: 'version',
      render: (version: number) => `v${version}`,
      sorter: (a, b) => a.version - b.version,
      defaultSortOrder: 'descend',
    },
    {
      title: t('catalogAdmin.lists.status'),
      dataIndex: 'status',
      render: (_status, version) => <StatusTag status={version.status} />,
    },
    {
      title: t('catalogAdmin.version.createdAt'),
      dataIndex: 'createdAt',
      render: (value: string) => when(value),
    },
    {
      title: t('catalogAdmin.version.submittedAt'),
      dataIndex: 'submittedAt',
      render: (value: string | null) => when(value),
    },
    {
      title: t('catalogAdmin.version.publishedAt'),
      dataIndex: 'publishedAt',
      render: (value: string | null) => when(value),
    },
    {
      title: t('catalogAdmin.version.retiredAt'),
      dataIndex: 'retiredAt',
      render: (value: string | null) => when(value),
    },
    {
      title: t('catalogAdmin.version.reviewNote'),
      dataIndex: 'reviewNote',
      render: (note: string | null) => note ?? '—',
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, version) => (
        <Button size="small" onClick={() => setViewing(version)}>
          {t('catalogAdmin.view')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table<ImplementationListVersion>
        rowKey="id"
        columns={columns}
        dataSource={versions}
        pagination={false}
        locale={{ emptyText: t('catalogAdmin.version.none') }}
        caption={<span className="zt-visually-hidden">{t('catalogAdmin.editor.historyTab')}</span>}
        scroll={{ x: 'max-content' }}
      />
      <Drawer
        open={viewing !== undefined}
        title={viewing ? t('catalogAdmin.version.title', { version: viewing.version }) : ''}
        size="large"
        onClose={() => setViewing(undefined)}
        destroyOnHidden
      >
        {viewing && (
          <div className="zt-stack">
            <VersionFacts version={viewing} />
            <MetricsView metrics={viewing.metrics} />
            <ElementsView elements={viewing.elements} regionCode={regionCode} />
          </div>
        )}
      </Drawer>
    </>
  );
}
