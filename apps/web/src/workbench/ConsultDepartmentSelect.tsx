import { useQueries } from '@tanstack/react-query';
import { Select } from 'antd';
import { organisationsQuery } from '../shared/api/directory';
import { useT } from '../shared/i18n/LocaleProvider';

interface ConsultDepartmentSelectProps {
  id?: string;
  value?: string[];
  onChange?: (organisationIds: string[]) => void;
  /** the application's region: its departments and the province's are offered */
  regionCode: string;
  /** the implementing organisation, which reviews anyway and is not consulted */
  excludeId: string;
}

/** 会签部门: departments of the application's region and of the province, grouped by region. */
export function ConsultDepartmentSelect({
  id,
  value,
  onChange,
  regionCode,
  excludeId,
}: ConsultDepartmentSelectProps) {
  const t = useT();
  const provinceCode = `${regionCode.slice(0, 2)}0000`;
  const regions = provinceCode === regionCode ? [regionCode] : [regionCode, provinceCode];
  const queries = useQueries({
    queries: regions.map((region) => organisationsQuery({ region, kind: 'department' })),
  });
  const failed = queries.some((query) => query.isError);

  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={t('workbench.accept.consultedPlaceholder')}
      loading={queries.some((query) => query.isPending)}
      status={failed ? 'error' : undefined}
      notFoundContent={failed ? t('workbench.accept.consultedFailed') : undefined}
      value={value}
      onChange={(next) => onChange?.(next)}
      options={queries.map((query, index) => ({
        label: t(
          regions[index] === provinceCode
            ? 'workbench.accept.provinceDepartments'
            : 'workbench.accept.regionDepartments',
        ),
        title: regions[index],
        options: (query.data?.items ?? [])
          .filter((organisation) => organisation.id !== excludeId)
          .map((organisation) => ({ value: organisation.id, label: organisation.name })),
      }))}
    />
  );
}
