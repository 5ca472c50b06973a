import { useQueryClient } from '@tanstack/react-query';
import { App, Form } from 'antd';
import { useNavigate } from 'react-router';
import { catalogKeys } from '../../shared/api/catalog';
import { FormModal } from '../../shared/components/FormModal';
import { useT } from '../../shared/i18n/LocaleProvider';
import { createList } from './api';
import { DepartmentSelect, ItemCodeSelect } from './CatalogFields';
import { defaultElements } from './elements';

interface CreateListValues {
  itemCode: string;
  organisationId: string;
}

/**
 * 新建实施清单: an item as implemented by one organisation. Starts as draft version 1 with
 * default elements, then opens in the editor.
 */
export function CreateListModal({
  open,
  organisationId,
  onClose,
}: {
  open: boolean;
  /** a department admin creates lists of the own organisation only */
  organisationId: string | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateListValues>();

  return (
    <FormModal
      open={open}
      title={t('catalogAdmin.lists.create')}
      okText={t('catalogAdmin.lists.createSubmit')}
      onCancel={onClose}
      form={form}
      name="createList"
      fields={['itemCode', 'organisationId']}
      initialValues={{ organisationId }}
      submit={(values) => createList({ ...values, elements: defaultElements() })}
      onSubmitted={(list) => {
        void message.success(t('catalogAdmin.lists.createdNote', { name: list.itemName }));
        queryClient.setQueryData(catalogKeys.list(list.id), list);
        void queryClient.invalidateQueries({ queryKey: catalogKeys.all });
        onClose();
        void navigate(`/admin/catalog/lists/${list.id}`);
      }}
    >
      <Form.Item
        name="itemCode"
        label={t('catalogAdmin.lists.item')}
        rules={[{ required: true, message: t('catalogAdmin.required') }]}
      >
        <ItemCodeSelect />
      </Form.Item>
      <Form.Item
        name="organisationId"
        label={t('catalogAdmin.lists.organisation')}
        extra={t('catalogAdmin.lists.organisationHint')}
        rules={[{ required: true, message: t('catalogAdmin.required') }]}
      >
        <DepartmentSelect disabled={organisationId !== undefined} />
      </Form.Item>
      <p className="zt-muted">{t('catalogAdmin.lists.createHint')}</p>
    </FormModal>
  );
}
