import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ENTERPRISE_LIFE_EVENTS,
  PERSON_LIFE_EVENTS,
  type ApplicantKind,
  type Bundle,
  type BundleBody,
} from '@zhengtong/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { bundlesQuery, catalogKeys } from '../../shared/api/catalog';
import { FormModal } from '../../shared/components/FormModal';
import { PageHeading } from '../../shared/components/PageHeading';
import { QueryTable } from '../../shared/components/QueryTable';
import { useT } from '../../shared/i18n/LocaleProvider';
import { useSession } from '../../shared/identity/session';
import { createBundle, updateBundle } from './api';
import { ItemCodeSelect } from './CatalogFields';
import { applicantKindKey, lifeEventKey, listKindKey, optionsOf } from './labels';
import { catalogCapabilities } from './permissions';

const fields = [
  'code',
  'name',
  'description',
  'applicantKind',
  'lifeEvents',
  'listKind',
  'members',
] as const satisfies readonly (keyof BundleBody)[];

/** 一件事: bundles of items applied for together; the province admin keeps the list. */
export function BundlesAdminPage() {
  const t = useT();
  const { me } = useSession();
  const can = catalogCapabilities(me);
  const queryClient = useQueryClient();
  const query = useQuery(bundlesQuery());
  const [editing, setEditing] = useState<Bundle | 'new'>();

  const columns: TableColumnsType<Bundle> = [
    {
      title: t('catalogAdmin.bundle.name'),
      dataIndex: 'name',
      render: (name: string, bundle) => (
        <>
          <Link to={`/services/bundles/${bundle.code}`}>{name}</Link>
          <span className="zt-subline zt-muted zt-code">{bundle.code}</span>
        </>
      ),
    },
    {
      title: t('catalogAdmin.bundle.applicantKind'),
      dataIndex: 'applicantKind',
      render: (kind: ApplicantKind) => <Tag>{t(applicantKindKey[kind])}</Tag>,
    },
    {
      title: t('catalogAdmin.bundle.listKind'),
      dataIndex: 'listKind',
      render: (kind: BundleBody['listKind']) => t(listKindKey[kind]),
    },
    {
      title: t('catalogAdmin.bundle.members'),
      key: 'members',
      render: (_value, bundle) => (
        <ol className="zt-plain-list">
          {bundle.members.map((member, index) => (
            <li key={member.itemCode}>
              <Tag color="blue">{t('catalogAdmin.bundle.stageShort', { stage: member.stage })}</Tag>
              {bundle.memberNames[index] ?? member.itemCode}
            </li>
          ))}
        </ol>
      ),
    },
    {
      title: t('catalogAdmin.el.lifeEvents'),
      dataIndex: 'lifeEvents',
      render: (events: Bundle['lifeEvents']) => (
        <Space size={[4, 4]} wrap>
          {events.map((event) => (
            <Tag key={event}>{t(lifeEventKey[event])}</Tag>
          ))}
        </Space>
      ),
    },
    ...(can.manageBundles
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_value: unknown, bundle: Bundle) => (
              <Button size="small" onClick={() => setEditing(bundle)}>
                {t('catalogAdmin.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeading
        title={t('catalogAdmin.bundles.title')}
        description={t('catalogAdmin.bundles.description')}
        extra={
          can.manageBundles && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setEditing('new')}
            >
              {t('catalogAdmin.bundles.create')}
            </Button>
          )
        }
      />
      {!can.manageBundles && (
        <Alert
          className="zt-note"
          type="info"
          showIcon
          title={t('catalogAdmin.bundles.provinceOnly')}
        />
      )}
      <Card className="zt-card">
        <QueryTable<Bundle>
          query={query}
          rowKey="code"
          columns={columns}
          caption={t('catalogAdmin.bundles.title')}
          emptyText={t('catalogAdmin.bundles.none')}
        />
      </Card>
      {can.manageBundles && (
        <BundleModal
          bundle={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => void queryClient.invalidateQueries({ queryKey: catalogKeys.all })}
        />
      )}
    </>
  );
}

function toValues(bundle: Bundle): BundleBody {
  return {
    code: bundle.code,
    name: bundle.name,
    description: bundle.description,
    applicantKind: bundle.applicantKind,
    lifeEvents: bundle.lifeEvents,
    listKind: bundle.listKind,
    members: bundle.members,
  };
}

function BundleModal({
  bundle,
  onClose,
  onSaved,
}: {
  bundle: Bundle | 'new' | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<BundleBody>();
  const editing = bundle !== undefined && bundle !== 'new' ? bundle : undefined;
  const applicantKind = Form.useWatch('applicantKind', form);
  const lifeEvents = applicantKind === 'enterprise' ? ENTERPRISE_LIFE_EVENTS : PERSON_LIFE_EVENTS;

  // The form instance outlives the modal's content, and a remounted <Form> keeps what its store
  // holds over new initial values: start each opening from this bundle's values.
  useEffect(() => {
    if (bundle !== undefined) form.resetFields();
  }, [form, bundle]);

  return (
    <FormModal
      open={bundle !== undefined}
      title={
        editing
          ? t('catalogAdmin.bundles.editTitle', { name: editing.name })
          : t('catalogAdmin.bundles.create')
      }
      okText={t('catalogAdmin.save')}
      onCancel={onClose}
      width={760}
      form={form}
      formKey={editing?.code ?? 'new'}
      name="bundle"
      fields={fields}
      initialValues={
        editing
          ? toValues(editing)
          : {
              applicantKind: 'person',
              listKind: 'overall',
              lifeEvents: [],
              description: '',
              members: [{ stage: 1 }, { stage: 1 }],
            }
      }
      submit={(values) => {
        const body: BundleBody = {
          ...values,
          code: values.code.trim(),
          name: values.name.trim(),
          description: values.description?.trim() ?? '',
          lifeEvents: values.lifeEvents ?? [],
        };
        return editing ? updateBundle(editing.code, body) : createBundle(body);
      }}
      onSubmitted={(saved) => {
        void message.success(t('catalogAdmin.bundles.saved', { name: saved.name }));
        onSaved();
        onClose();
      }}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="name"
            label={t('catalogAdmin.bundle.name')}
            rules={[
              { required: true, whitespace: true, message: t('catalogAdmin.required') },
              { min: 2, message: t('catalogAdmin.minLength', { min: 2 }) },
            ]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="code"
            label={t('catalogAdmin.bundle.code')}
            extra={t('catalogAdmin.bundle.codeHint')}
            rules={[
              { required: true, message: t('catalogAdmin.required') },
              {
                pattern: /^[a-z][a-z0-9-]{2,63}$/,
                message: t('catalogAdmin.bundle.codeFormat'),
              },
            ]}
          >
            <Input className="zt-code" maxLength={64} disabled={!!editing} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('catalogAdmin.bundle.description')}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="applicantKind"
            label={t('catalogAdmin.bundle.applicantKind')}
            rules={[{ required: true, message: t('catalogAdmin.required') }]}
          >
            <Radio.Group
              optionType="button"
              onChange={() => form.setFieldValue('lifeEvents', [])}
              options={optionsOf(['person', 'enterprise'], applicantKindKey, t)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="listKind"
            label={t('catalogAdmin.bundle.listKind')}
            rules={[{ required: true, message: t('catalogAdmin.required') }]}
          >
            <Select options={optionsOf(['overall', 'annual', 'local'], listKindKey, t)} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="lifeEvents" label={t('catalogAdmin.el.lifeEvents')}>
        <Select mode="multiple" maxCount={10} options={optionsOf(lifeEvents, lifeEventKey, t)} />
      </Form.Item>
      <Form.List
        name="members"
        rules={[
          {
            validator: async (_rule, members: BundleBody['members'] | undefined) => {
              if (!members || members.length < 2) {
                throw new Error(t('catalogAdmin.bundle.membersMin'));
              }
              const codes = members.map((member) => member?.itemCode).filter(Boolean);
              if (new Set(codes).size !== codes.length) {
                throw new Error(t('catalogAdmin.bundle.membersDuplicate'));
              }
            },
          },
        ]}
      >
        {(memberFields, { add, remove }, { errors }) => (
          <div role="group" aria-labelledby="zt-bundle-members">
            <div className="zt-field-label" id="zt-bundle-members">
              {t('catalogAdmin.bundle.members')}
            </div>
            <p className="zt-muted">{t('catalogAdmin.bundle.membersHint')}</p>
            {memberFields.map((field, index) => (
              <Row key={field.key} gutter={8} align="top" wrap={false}>
                <Col flex="auto">
                  <Form.Item
                    name={[field.name, 'itemCode']}
                    label={t('catalogAdmin.bundle.member', { n: index + 1 })}
                    rules={[{ required: true, message: t('catalogAdmin.required') }]}
                  >
                    <ItemCodeSelect knownLabel={editing?.memberNames[field.name]} />
                  </Form.Item>
                </Col>
                <Col flex="120px">
                  <Form.Item
                    name={[field.name, 'stage']}
                    label={t('catalogAdmin.bundle.stage')}
                    tooltip={t('catalogAdmin.bundle.stageHint')}
                    rules={[{ required: true, message: t('catalogAdmin.required') }]}
                  >
                    <InputNumber min={1} max={10} precision={0} />
                  </Form.Item>
                </Col>
                <Col flex="40px">
                  <Form.Item
                    label={<span className="zt-visually-hidden">{t('common.actions')}</span>}
                  >
                    <Button
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t('catalogAdmin.editor.remove', {
                        entry: t('catalogAdmin.bundle.member', { n: index + 1 }),
                      })}
                      onClick={() => remove(field.name)}
                    />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              disabled={memberFields.length >= 20}
              onClick={() => add({ stage: 1 })}
            >
              {t('catalogAdmin.bundle.addMember')}
            </Button>
          </div>
        )}
      </Form.List>
    </FormModal>
  );
}
