import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { organisationsQuery } from '../shared/api/directory';

interface OrganisationSelectProps {
  id?: string;
  value?: string | undefined;
  onChange?: (organisationId: string | undefined) => void;
  placeholder?: string;
  className?: string;
}

/** Picks an organisation of the directory by name. */
export function OrganisationSelect({
  id,
  value,
  onChange,
  placeholder,
  className,
}: OrganisationSelectProps) {
  const query = useQuery(organisationsQuery({}));
  return (
    <Select<string>
      id={id}
      className={className}
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={placeholder}
      loading={query.isPending}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={(query.data?.items ?? []).map((organisation) => ({
        value: organisation.id,
        label: organisation.name,
      }))}
    />
  );
}
