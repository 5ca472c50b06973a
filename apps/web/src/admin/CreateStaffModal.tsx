import type { Role } from '@zhengtong/contracts';
import { App, Form, Input } from 'antd';
import { createStaff, type CreateStaffBody } from '../shared/api/identity';
import { FormModal } from '../shared/components/FormModal';
import { RegionTreeSelect } from '../shared/directory/RegionTreeSelect';
import { useT } from '../shared/i18n/LocaleProvider';
import { OrganisationSelect } from './OrganisationSelect';
import { RoleSelect } from './RoleSelect';

const fields = ['username', 'name', 'organisationId', 'jurisdiction', 'initialPassword', 'roles'];

/** 新增工作人员: the account must change the initial password at first sign-in. */
export function CreateStaffModal({
  open,
  grantable,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** the roles the signed-in administrator may give; the server checks again */
  grantable: Role[];
  onClose: () => void;
  onCreated: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateStaffBody>();

  return (
    <FormModal
      open={open}
      title={t('staff.create')}
      okText={t('staff.createSubmit')}
      onCancel={onClose}
      form={form}
      name="createStaff"
      fields={fields}
      initialValues={{ roles: [] }}
      submit={(values) =>
        createStaff({ ...values, username: values.username.trim(), name: values.name.trim() })
      }
      onSubmitted={(_created, values) => {
        void message.success(t('staff.created', { name: values.name.trim() }));
        form.resetFields();
        onCreated();
        onClose();
      }}
    >
      <Form.Item
        name="username"
        label={t('staff.username')}
        rules={[{ required: true, whitespace: true, message: t('staff.usernameRequired') }]}
      >
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('staff.name')}
        rules={[{ required: true, whitespace: true, message: t('register.nameRequired') }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="organisationId"
        label={t('staff.organisation')}
        rules={[{ required: true, message: t('staff.organisationRequired') }]}
      >
        <OrganisationSelect />
      </Form.Item>
      <Form.Item
        name="jurisdiction"
        label={t('me.jurisdiction')}
        extra={t('staff.jurisdictionHint')}
      >
        <JurisdictionField />
      </Form.Item>
      <Form.Item
        name="initialPassword"
        label={t('staff.initialPassword')}
        extra={t('staff.initialPasswordHint')}
        rules={[
          { required: true, message: t('password.required') },
          { min: 12, message: t('password.tooShort', { min: 12 }) },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {grantable.length > 0 && (
        <Form.Item name="roles" label={t('me.roles')}>
          <RoleSelect offer={grantable} />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** RegionTreeSelect speaks `code | undefined`; a Form.Item passes value/onChange/id. */
function JurisdictionField({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
}) {
  const t = useT();
  return (
    <RegionTreeSelect
      id={id}
      value={value}
      onChange={(code) => onChange?.(code)}
      placeholder={t('region.pick')}
    />
  );
}
