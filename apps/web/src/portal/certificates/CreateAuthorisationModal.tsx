import { useQuery } from '@tanstack/react-query';
import type { AuthorisationScope, CertificateAuthorisation } from '@zhengtong/contracts';
import { DatePicker, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { createAuthorisation } from '../../shared/api/certificates';
import { organisationsQuery } from '../../shared/api/directory';
import { todayInShanghai, toIsoDate } from '../../shared/calendar/dates';
import { FormModal } from '../../shared/components/FormModal';
import { RegionTreeSelect } from '../../shared/directory/RegionTreeSelect';
import { useT } from '../../shared/i18n/LocaleProvider';

interface AuthorisationValues {
  granteeOrganisationId: string;
  scope: AuthorisationScope;
  purpose: string;
  expiresAt: Dayjs;
}

interface CreateAuthorisationModalProps {
  certificateId: string;
  open: boolean;
  onClose: () => void;
  onCreated: (authorisation: CertificateAuthorisation) => void;
}

/** The end of a Beijing calendar day as an instant: an authorisation runs through its last day. */
function endOfShanghaiDay(day: Dayjs): string {
  return new Date(`${toIsoDate(day)}T23:59:59+08:00`).toISOString();
}

/** 新建授权: a department (picked within a region), the scope, the purpose and the last day. */
export function CreateAuthorisationModal({
  certificateId,
  open,
  onClose,
  onCreated,
}: CreateAuthorisationModalProps) {
  const t = useT();
  const [form] = Form.useForm<AuthorisationValues>();
  const [region, setRegion] = useState<string>();
  const departments = useQuery({
    ...organisationsQuery({ region, kind: 'department' }),
    enabled: open && region !== undefined,
  });
  const today = todayInShanghai();

  return (
    <FormModal<AuthorisationValues, CertificateAuthorisation>
      open={open}
      title={t('authorisations.create')}
      okText={t('authorisations.submit')}
      onCancel={onClose}
      form={form}
      name="createAuthorisation"
      fields={['granteeOrganisationId', 'scope', 'purpose', 'expiresAt']}
      initialValues={{ scope: 'summary', expiresAt: today.add(30, 'day') }}
      submit={(values) =>
        createAuthorisation(certificateId, {
          granteeOrganisationId: values.granteeOrganisationId,
          scope: values.scope,
          purpose: values.purpose.trim(),
          expiresAt: endOfShanghaiDay(values.expiresAt),
        })
      }
      onSubmitted={onCreated}
    >
      <Form.Item
        label={t('authorisations.region')}
        htmlFor="createAuthorisation_region"
        extra={t('authorisations.regionHint')}
      >
        <RegionTreeSelect
          id="createAuthorisation_region"
          value={region}
          onChange={(code) => {
            setRegion(code);
            form.setFieldValue('granteeOrganisationId', undefined);
          }}
        />
      </Form.Item>
      <Form.Item
        name="granteeOrganisationId"
        label={t('authorisations.department')}
        rules={[{ required: true, message: t('authorisations.departmentRequired') }]}
      >
        <Select<string>
          showSearch={{ optionFilterProp: 'label' }}
          disabled={region === undefined}
          placeholder={region === undefined ? t('authorisations.departmentPickRegion') : undefined}
          loading={departments.isFetching}
          status={departments.isError ? 'error' : undefined}
          notFoundContent={departments.isError ? t('authorisations.departmentsFailed') : undefined}
          options={(departments.data?.items ?? []).map((organisation) => ({
            value: organisation.id,
            label: organisation.name,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="scope"
        label={t('authorisations.scope')}
        rules={[{ required: true, message: t('authorisations.scope') }]}
      >
        <Radio.Group
          options={[
            { value: 'summary', label: t('authorisations.scope.summary') },
            { value: 'full', label: t('authorisations.scope.full') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="purpose"
        label={t('authorisations.purpose')}
        rules={[
          { required: true, whitespace: true, message: t('authorisations.purposeRequired') },
          { min: 2, max: 200, message: t('authorisations.purposeRequired') },
        ]}
      >
        <Input maxLength={200} placeholder={t('authorisations.purposePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="expiresAt"
        label={t('authorisations.expiresAt')}
        extra={t('authorisations.expiresHint')}
        rules={[{ required: true, message: t('authorisations.expiresRequired') }]}
      >
        <DatePicker allowClear={false} disabledDate={(day) => day.isBefore(today, 'day')} />
      </Form.Item>
    </FormModal>
  );
}
