import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Application, SupplementItem } from '@zhengtong/contracts';
import { Alert, Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { ApiError, isApiError } from '../shared/api/ApiError';
import { FormModal } from '../shared/components/FormModal';
import { useT } from '../shared/i18n/LocaleProvider';
import { translateFieldMessage } from '../shared/identity/formErrors';
import { requestSupplement } from './api';
import { formFieldsOf } from './formSchema';
import type { StepModalProps } from './stepModal';

interface ItemValues {
  materialKey?: string;
  field?: string;
  reason?: string;
}

interface SupplementValues {
  items: ItemValues[];
}

const fields = ['items'];
const MAX_ITEMS = 50;
const itemPath = /^\/body\/items\/(\d+)(?:\/(materialKey|field|reason))?$/;

/**
 * 补正 (一次性告知): every missing or defective material and form entry in ONE notice, sent in
 * one request. A problem the server finds with an item shows on that item.
 */
export function SupplementModal({ open, application, version, onClose, onDone }: StepModalProps) {
  const t = useT();
  const [form] = Form.useForm<SupplementValues>();
  const materials = version?.elements.materials ?? [];
  const formFields = formFieldsOf(version?.elements.form.schema);

  const submit = async (values: SupplementValues): Promise<Application> => {
    const items = values.items.map((item) => {
      const next: SupplementItem = { reason: (item.reason ?? '').trim() };
      if (item.materialKey) next.materialKey = item.materialKey;
      const field = item.field?.trim();
      if (field) next.field = field;
      return next;
    });
    try {
      return await requestSupplement(application.id, { items });
    } catch (error) {
      throw showItemErrors(error);
    }
  };

  /** Puts `/body/items/<n>/<part>` problems on the item; the rest go on to the modal. */
  const showItemErrors = (error: unknown): unknown => {
    if (!isApiError(error)) return error;
    const byName = new Map<string, { name: [string, number, string]; errors: string[] }>();
    const rest = error.fieldErrors.filter((fieldError) => {
      const match = itemPath.exec(fieldError.path);
      if (!match) return true;
      const name: [string, number, string] = ['items', Number(match[1]), match[2] ?? 'reason'];
      const entry = byName.get(name.join('/')) ?? { name, errors: [] };
      entry.errors.push(translateFieldMessage(fieldError.message, t));
      byName.set(name.join('/'), entry);
      return false;
    });
    if (byName.size === 0) return error;
    form.setFields(
      [...byName.values()].map(({ name, errors }) => ({ name: name as never, errors })),
    );
    // what is shown on the items is not repeated above the form; the problem's title still is
    return new ApiError({
      kind: error.kind,
      status: error.status,
      code: error.code,
      title: error.title,
      type: error.type,
      detail: error.detail,
      requestId: error.requestId,
      fieldErrors: rest,
      cause: error,
    });
  };

  return (
    <FormModal<SupplementValues, Application>
      open={open}
      title={t('workbench.supplement.title', { no: application.applicationNo })}
      okText={t('workbench.supplement.submit')}
      onCancel={onClose}
      form={form}
      name="requestSupplement"
      fields={fields}
      width={760}
      initialValues={{ items: [{}] }}
      submit={submit}
      onSubmitted={(updated) => {
        form.resetFields();
        onDone(updated);
      }}
    >
      <Alert
        className="zt-note"
        type="warning"
        showIcon
        title={t('workbench.supplement.onceTitle')}
        description={t('workbench.supplement.onceDetail')}
      />
      {application.supplementCount > 0 && (
        <Alert
          className="zt-note"
          type="error"
          showIcon
          title={t('workbench.supplement.repeated', { count: application.supplementCount })}
        />
      )}
      <Form.List name="items">
        {(listFields, { add, remove }, { errors }) => (
          <>
            {listFields.map((listField, index) => (
              <Card
                key={listField.key}
                size="small"
                className="zt-note"
                title={t('workbench.supplement.item', { index: index + 1 })}
                extra={
                  <Button
                    type="text"
                    danger
                    size="small"
                    icon={<DeleteOutlined />}
                    disabled={listFields.length <= 1}
                    aria-label={t('workbench.supplement.removeItem', { index: index + 1 })}
                    onClick={() => remove(listField.name)}
                  />
                }
              >
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={[listField.name, 'materialKey']}
                      label={t('workbench.supplement.material')}
                    >
                      <Select<string>
                        allowClear
                        showSearch
                        optionFilterProp="label"
                        placeholder={t('workbench.supplement.materialPlaceholder')}
                        options={materials.map((material) => ({
                          value: material.key,
                          label: material.name,
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={[listField.name, 'field']}
                      label={t('workbench.supplement.field')}
                    >
                      {formFields.length > 0 ? (
                        <Select<string>
                          allowClear
                          showSearch
                          optionFilterProp="label"
                          placeholder={t('workbench.supplement.fieldPlaceholder')}
                          options={formFields.map((field) => ({
                            value: field.name,
                            label: field.title,
                          }))}
                        />
                      ) : (
                        <Input maxLength={100} />
                      )}
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item
                  name={[listField.name, 'reason']}
                  label={t('workbench.supplement.reason')}
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      message: t('workbench.supplement.reasonRequired'),
                    },
                    { min: 2, message: t('workbench.supplement.reasonRequired') },
                  ]}
                >
                  <Input.TextArea rows={2} maxLength={500} showCount />
                </Form.Item>
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              disabled={listFields.length >= MAX_ITEMS}
              onClick={() => add({})}
            >
              {t('workbench.supplement.addItem')}
            </Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
