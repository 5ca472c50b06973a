import type { AcceptBody, Application } from '@zhengtong/contracts';
import { Alert, Form, Select } from 'antd';
import { FormModal } from '../shared/components/FormModal';
import { useT } from '../shared/i18n/LocaleProvider';
import { acceptApplication } from './api';
import { ConsultDepartmentSelect } from './ConsultDepartmentSelect';
import { PARALLEL_APPROVAL } from './labels';
import type { StepModalProps } from './stepModal';

interface AcceptValues {
  pendingMaterials?: string[];
  consultedOrganisationIds?: string[];
}

const fields = ['pendingMaterials', 'consultedOrganisationIds'];

/**
 * 受理: starts the clock. Where the list allows 容缺受理, the materials the applicant will bring
 * later; on a 并联审批 process, the departments consulted (会签).
 */
export function AcceptModal({ open, application, version, onClose, onDone }: StepModalProps) {
  const t = useT();
  const [form] = Form.useForm<AcceptValues>();
  const elements = version?.elements;
  const allowsPending = elements?.allowsPendingMaterials ?? false;
  const parallel = elements?.processDefinitionKey === PARALLEL_APPROVAL;

  return (
    <FormModal<AcceptValues, Application>
      open={open}
      title={t('workbench.accept.title', { no: application.applicationNo })}
      okText={t('workbench.accept.submit')}
      onCancel={onClose}
      form={form}
      name="acceptApplication"
      fields={fields}
      width={640}
      submit={(values) => {
        const body: AcceptBody = {};
        if (values.pendingMaterials?.length) body.pendingMaterials = values.pendingMaterials;
        if (values.consultedOrganisationIds?.length) {
          body.consultedOrganisationIds = values.consultedOrganisationIds;
        }
        return acceptApplication(application.id, body);
      }}
      onSubmitted={(updated) => {
        form.resetFields();
        onDone(updated);
      }}
    >
      <Alert
        className="zt-note"
        type="info"
        showIcon
        title={
          elements
            ? t('workbench.accept.clock', {
                promised: elements.promisedLimitDays,
                statutory: elements.statutoryLimitDays,
              })
            : t('workbench.accept.clockUnknown')
        }
      />
      {allowsPending && (
        <Form.Item
          name="pendingMaterials"
          label={t('workbench.accept.pendingMaterials')}
          extra={t('workbench.accept.pendingMaterialsHint')}
        >
          <Select<string[]>
            mode="multiple"
            allowClear
            optionFilterProp="label"
            placeholder={t('workbench.accept.pendingMaterialsPlaceholder')}
            options={(elements?.materials ?? []).map((material) => ({
              value: material.key,
              label: material.name,
            }))}
          />
        </Form.Item>
      )}
      {parallel && (
        <Form.Item
          name="consultedOrganisationIds"
          label={t('workbench.accept.consulted')}
          extra={t('workbench.accept.consultedHint')}
        >
          <ConsultDepartmentSelect
            regionCode={application.regionCode}
            excludeId={application.organisationId}
          />
        </Form.Item>
      )}
      {!allowsPending && !parallel && (
        <p className="zt-alert-text">{t('workbench.accept.confirm')}</p>
      )}
    </FormModal>
  );
}
