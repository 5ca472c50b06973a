import { Select } from 'antd';
import { useT } from '../../shared/i18n/LocaleProvider';
import { useProvinceCities } from './useProvinceCities';

interface CitySelectProps {
  id?: string;
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  /** offer the province itself first (the whole province) */
  includeProvince?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  className?: string;
}

/** Picks the province or one of its cities (市): where a citizen will go to apply. */
export function CitySelect({
  id,
  value,
  onChange,
  includeProvince = false,
  allowClear = false,
  placeholder,
  className,
}: CitySelectProps) {
  const t = useT();
  const { province, cities, isPending, error } = useProvinceCities();
  const options = [
    ...(includeProvince && province
      ? [
          {
            value: province.code,
            label: t('catalog.filter.provinceLevel', { name: province.name }),
          },
        ]
      : []),
    ...(cities ?? []).map((city) => ({ value: city.code, label: city.name })),
  ];
  return (
    <Select<string>
      id={id}
      className={className}
      value={value}
      onChange={(code) => onChange(code ?? undefined)}
      options={options}
      loading={isPending}
      status={error ? 'error' : undefined}
      notFoundContent={error ? t('region.loadFailed') : undefined}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      popupMatchSelectWidth={false}
    />
  );
}
