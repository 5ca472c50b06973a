import type { OrganisationKind } from '@zhengtong/contracts';
import { Checkbox, Form, Input } from 'antd';
import { FilterBar, SelectFilter } from '../shared/components/FilterBar';
import { useT } from '../shared/i18n/LocaleProvider';
import { organisationKindKey, organisationKinds } from '../shared/directory/labels';
import { RegionTreeSelect } from '../shared/directory/RegionTreeSelect';

export interface OrganisationFilterValues {
  region: string | undefined;
  subtree: boolean;
  kind: OrganisationKind | undefined;
  text: string;
}

interface OrganisationFiltersProps {
  value: OrganisationFilterValues;
  onChange: (next: OrganisationFilterValues) => void;
}

/** Region (with or without its subtree), kind, and a text filter over the loaded list. */
export function OrganisationFilters({ value, onChange }: OrganisationFiltersProps) {
  const t = useT();
  return (
    <FilterBar>
      <Form.Item label={t('organisation.region')} htmlFor="zt-org-region">
        <RegionTreeSelect
          id="zt-org-region"
          className="zt-filter-region"
          value={value.region}
          onChange={(region) => onChange({ ...value, region })}
          placeholder={t('organisation.allRegions')}
        />
      </Form.Item>
      <Form.Item>
        <Checkbox
          checked={value.subtree}
          disabled={!value.region}
          onChange={(event) => onChange({ ...value, subtree: event.target.checked })}
        >
          {t('region.includeSubtree')}
        </Checkbox>
      </Form.Item>
      <SelectFilter<OrganisationKind>
        id="zt-org-kind"
        label={t('organisation.kind')}
        className="zt-filter-kind"
        placeholder={t('organisation.allKinds')}
        value={value.kind}
        onChange={(kind) => onChange({ ...value, kind })}
        options={organisationKinds.map((kind) => ({
          value: kind,
          label: t(organisationKindKey[kind]),
        }))}
      />
      <Form.Item label={t('organisation.search')} htmlFor="zt-org-text">
        <Input
          id="zt-org-text"
          className="zt-filter-text"
          allowClear
          value={value.text}
          placeholder={t('organisation.searchPlaceholder')}
          onChange={(event) => onChange({ ...value, text: event.target.value })}
        />
      </Form.Item>
    </FilterBar>
  );
}
