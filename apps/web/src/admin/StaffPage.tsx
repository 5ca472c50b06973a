import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@zhengtong/contracts';
import { Button, Card, Form, Modal, Popconfirm, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  disableStaff,
  enableStaff,
  grantRole,
  identityKeys,
  revokeRole,
  staffListQuery,
  unlockStaff,
  type StaffFilter,
  type StaffMember,
  type StaffStatus,
} from '../shared/api/identity';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { FilterBar, SearchFilter, SelectFilter } from '../shared/components/FilterBar';
import { PageHeading } from '../shared/components/PageHeading';
import { QueryTable } from '../shared/components/QueryTable';
import { useUrlFilter } from '../shared/components/useUrlFilter';
import { OrganisationName } from '../shared/directory/OrganisationName';
import { RegionName } from '../shared/directory/RegionName';
import { useT } from '../shared/i18n/LocaleProvider';
import { roleLabelKey, staffRoles } from '../shared/identity/roles';
import { staffAdminCapabilities, useSession } from '../shared/identity/session';
import { CreateStaffModal } from './CreateStaffModal';
import { OrganisationSelect } from './OrganisationSelect';
import { RoleSelect } from './RoleSelect';

function isRole(value: string | null): value is Role {
  return staffRoles.some((role) => role === value);
}

const pageSize = 50;

function readFilter(params: URLSearchParams): StaffFilter {
  const role = params.get('role');
  const status = params.get('status');
  const page = Math.max(1, Number(params.get('page')) || 1);
  return {
    limit: pageSize,
    offset: (page - 1) * pageSize,
    q: params.get('q') ?? undefined,
    organisationId: params.get('organisation') ?? undefined,
    role: isRole(role) ? role : undefined,
    status: status === 'active' || status === 'disabled' ? status : undefined,
  };
}

function writeFilter(filter: StaffFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.q) params.q = filter.q;
  if (filter.organisationId) params.organisation = filter.organisationId;
  if (filter.role) params.role = filter.role;
  if (filter.status) params.status = filter.status;
  if (filter.offset) params.page = String(filter.offset / pageSize + 1);
  return params;
}

function isLocked(member: StaffMember): boolean {
  return !!member.lockedUntil && new Date(member.lockedUntil).getTime() > Date.now();
}

/** 工作人员: staff accounts, filtered by the server, with their roles. */
export function StaffPage() {
  const t = useT();
  const [filter, replaceFilter] = useUrlFilter(readFilter, writeFilter);
  // A new filter starts again at the first page.
  const setFilter = (next: StaffFilter) => replaceFilter({ ...next, offset: 0 });
  const { me } = useSession();
  const can = staffAdminCapabilities(me);
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<StaffMember>();
  const queryClient = useQueryClient();
  const query = useQuery({ ...staffListQuery(filter), placeholderData: keepPreviousData });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: identityKeys.staff });

  const revoke = useMutation({
    mutationFn: ({ accountId, role }: { accountId: string; role: Role }) =>
      revokeRole(accountId, role),
    onSuccess: refresh,
  });
  const unlock = useMutation({ mutationFn: unlockStaff, onSuccess: refresh });
  const disable = useMutation({ mutationFn: disableStaff, onSuccess: refresh });
  const enable = useMutation({ mutationFn: enableStaff, onSuccess: refresh });

  const columns: TableColumnsType<StaffMember> = [
    {
      title: t('staff.name'),
      dataIndex: 'name',
      render: (name: string, member) => (
        <>
          {name}
          <span className="zt-subline zt-muted zt-code">{member.username}</span>
        </>
      ),
    },
    {
      title: t('staff.organisation'),
      dataIndex: 'organisationId',
      render: (id: string) => <OrganisationName id={id} />,
    },
    {
      title: t('me.jurisdiction'),
      dataIndex: 'jurisdiction',
      render: (code: string) => <RegionName code={code} />,
    },
    {
      title: t('me.roles'),
      dataIndex: 'roles',
      render: (roles: Role[], member) => (
        <Space size={[4, 4]} wrap>
          {roles.map((role) =>
            can.grantable.includes(role) ? (
              <Popconfirm
                key={role}
                title={t('staff.revokeConfirm', { role: t(roleLabelKey(role)), name: member.name })}
                okText={t('staff.revoke')}
                cancelText={t('common.cancel')}
                onConfirm={() => revoke.mutate({ accountId: member.accountId, role })}
              >
                <Tag className="zt-role-tag">
                  {/* a real button, so the keyboard opens the confirmation too */}
                  <button
                    type="button"
                    className="zt-tag-button"
                    aria-label={t('staff.revokeLabel', { role: t(roleLabelKey(role)) })}
                  >
                    {t(roleLabelKey(role))} ×
                  </button>
                </Tag>
              </Popconfirm>
            ) : (
              <Tag key={role}>{t(roleLabelKey(role))}</Tag>
            ),
          )}
          {can.mayGrantTo(roles) && (
            <Button size="small" type="dashed" onClick={() => setGranting(member)}>
              {t('staff.grant')}
            </Button>
          )}
        </Space>
      ),
    },
    {
      title: t('staff.status'),
      key: 'status',
      render: (_value, member) => (
        <Space size={[4, 4]} wrap>
          <Tag color={member.status === 'active' ? 'green' : 'default'}>
            {t(`staff.status.${member.status}`)}
          </Tag>
          {isLocked(member) && <Tag color="red">{t('staff.locked')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, member) => (
        <Space size={4} wrap>
          {can.operatesOn(member.roles) && isLocked(member) && (
            <Button size="small" onClick={() => unlock.mutate(member.accountId)}>
              {t('staff.unlock')}
            </Button>
          )}
          {can.operatesOn(member.roles) && member.status === 'disabled' && (
            <Button size="small" onClick={() => enable.mutate(member.accountId)}>
              {t('staff.enable')}
            </Button>
          )}
          {can.operatesOn(member.roles) && member.status === 'active' && (
            <Popconfirm
              title={t('staff.disableConfirm', { name: member.name })}
              okText={t('staff.disable')}
              cancelText={t('common.cancel')}
              onConfirm={() => disable.mutate(member.accountId)}
            >
              <Button size="small" danger>
                {t('staff.disable')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeading
        title={t('admin.staff.title')}
        description={t('admin.staff.description')}
        extra={
          can.operate && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setCreating(true)}
            >
              {t('staff.create')}
            </Button>
          )
        }
      />
      <Card className="zt-card">
        <FilterBar>
          <SearchFilter
            id="zt-staff-q"
            label={t('staff.search')}
            placeholder={t('staff.searchPlaceholder')}
            value={filter.q}
            onSearch={(q) => setFilter({ ...filter, q })}
          />
          <Form.Item label={t('staff.organisation')} htmlFor="zt-staff-org">
            <OrganisationSelect
              id="zt-staff-org"
              className="zt-filter-region"
              value={filter.organisationId}
              placeholder={t('staff.allOrganisations')}
              onChange={(organisationId) => setFilter({ ...filter, organisationId })}
            />
          </Form.Item>
          <SelectFilter<Role>
            id="zt-staff-role"
            label={t('staff.role')}
            className="zt-filter-kind"
            placeholder={t('staff.allRoles')}
            value={filter.role}
            onChange={(role) => setFilter({ ...filter, role })}
            options={staffRoles.map((role) => ({ value: role, label: t(roleLabelKey(role)) }))}
          />
          <SelectFilter<StaffStatus>
            id="zt-staff-status"
            label={t('staff.status')}
            className="zt-filter-kind"
            placeholder={t('staff.allStatuses')}
            value={filter.status}
            onChange={(status) => setFilter({ ...filter, status })}
            options={(['active', 'disabled'] as const).map((status) => ({
              value: status,
              label: t(`staff.status.${status}`),
            }))}
          />
        </FilterBar>
        <QueryTable<StaffMember>
          query={query}
          rowKey="accountId"
          columns={columns}
          caption={t('admin.staff.title')}
          emptyText={t('staff.none')}
          paging={{
            current: (filter.offset ?? 0) / pageSize + 1,
            pageSize,
            onChange: (page) => replaceFilter({ ...filter, offset: (page - 1) * pageSize }),
          }}
        />
      </Card>
      <CreateStaffModal
        open={creating}
        grantable={can.grantable}
        onClose={() => setCreating(false)}
        onCreated={refresh}
      />
      <GrantRoleModal
        member={granting}
        grantable={can.grantable}
        onClose={() => setGranting(undefined)}
        onGranted={refresh}
      />
    </>
  );
}

function GrantRoleModal({
  member,
  grantable,
  onClose,
  onGranted,
}: {
  member: StaffMember | undefined;
  grantable: Role[];
  onClose: () => void;
  onGranted: () => void;
}) {
  const t = useT();
  const [roles, setRoles] = useState<Role[]>([]);
  const mutation = useMutation({
    mutationFn: async () => {
      if (!member) return;
      for (const role of roles) await grantRole(member.accountId, role);
    },
    onSuccess: () => {
      setRoles([]);
      onGranted();
      onClose();
    },
  });
  return (
    <Modal
      open={member !== undefined}
      title={member ? t('staff.grantTitle', { name: member.name }) : ''}
      okText={t('staff.grant')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: roles.length === 0, loading: mutation.isPending }}
      onOk={() => mutation.mutate()}
      onCancel={() => {
        setRoles([]);
        mutation.reset();
        onClose();
      }}
      destroyOnHidden
    >
      {mutation.isError && (
        <div className="zt-note">
          <ApiErrorAlert error={mutation.error} />
        </div>
      )}
      <label htmlFor="zt-grant-roles" className="zt-field-label">
        {t('staff.role')}
      </label>
      <RoleSelect
        id="zt-grant-roles"
        value={roles}
        onChange={setRoles}
        exclude={member?.roles}
        offer={grantable}
      />
    </Modal>
  );
}
