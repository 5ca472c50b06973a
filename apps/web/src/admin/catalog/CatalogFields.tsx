import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { ImplementationList, ListVersionStatus } from '@zhengtong/contracts';
import { Select, Space, Tag } from 'antd';
import { useDeferredValue, useState } from 'react';
import {
  organisationsQuery,
  regionChildrenQuery,
  serviceWindowsQuery,
} from '../../shared/api/directory';
import { certificateTypesQuery, serviceItemSearchQuery } from '../../shared/api/catalog';
import { RegionTreeSelect } from '../../shared/directory/RegionTreeSelect';
import { useT } from '../../shared/i18n/LocaleProvider';
import { statusColor, statusKey } from './labels';

// Pickers and tags the catalogue admin pages share. Each speaks the Form.Item protocol
// (id, value, onChange) so it can sit inside a form or stand alone in a filter bar.

interface PickerProps<T> {
  id?: string;
  value?: T | undefined;
  onChange?: (value: T | undefined) => void;
  placeholder?: string;
  className?: string;
  disabled?: boolean;
}

/** The province: the root of the region tree. */
export function useProvinceCode(): string | undefined {
  const roots = useQuery(regionChildrenQuery(null));
  return roots.data?.items[0]?.code;
}

/**
 * An organisation that implements or governs items: a department, or with `provinceOnly` a
 * department of the province itself (主管部门 of the basic catalogue).
 */
export function DepartmentSelect({
  id,
  value,
  onChange,
  placeholder,
  className,
  disabled,
  provinceOnly = false,
}: PickerProps<string> & { provinceOnly?: boolean }) {
  const province = useProvinceCode();
  const query = useQuery({
    ...organisationsQuery(provinceOnly ? { region: province, kind: 'department' } : {}),
    enabled: !provinceOnly || province !== undefined,
  });
  const options = (query.data?.items ?? [])
    .filter((organisation) => organisation.kind !== 'serviceHall')
    .map((organisation) => ({ value: organisation.id, label: organisation.name }));
  return (
    <Select<string>
      id={id}
      className={className}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      disabled={disabled}
      loading={query.isFetching}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={options}
    />
  );
}

/** A basic-catalogue item, searched on the server by name, keyword, pinyin or code. */
export function ItemCodeSelect({
  id,
  value,
  onChange,
  placeholder,
  className,
  disabled,
  knownLabel,
}: PickerProps<string> & { knownLabel?: string | undefined }) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const byCode = /^[A-Za-z]{2}\d{11}$/.test(q);
  const query = useQuery({
    ...serviceItemSearchQuery({
      q: q && !byCode ? q : undefined,
      pageSize: 50,
      includeUnpublished: true,
    }),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  const options = items.map((item) => ({
    value: item.code,
    label: `${item.name}（${item.code}）`,
  }));
  if (value && !items.some((item) => item.code === value)) {
    options.unshift({ value, label: knownLabel ? `${knownLabel}（${value}）` : value });
  }
  return (
    <Select<string>
      id={id}
      className={className}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={placeholder ?? t('catalogAdmin.item.pick')}
      disabled={disabled}
      loading={query.isFetching}
      value={value}
      onChange={(next) => {
        setSearch('');
        onChange?.(next ?? undefined);
      }}
      options={
        byCode ? options.filter((option) => option.value.startsWith(q.toUpperCase())) : options
      }
      notFoundContent={query.isFetching ? t('common.loading') : t('catalogAdmin.item.none')}
      popupMatchSelectWidth={false}
    />
  );
}

/** 证照类型 from the certificate catalogue. */
export function CertificateTypeSelect({
  id,
  value,
  onChange,
  placeholder,
  className,
  disabled,
}: PickerProps<string>) {
  const query = useQuery(certificateTypesQuery());
  return (
    <Select<string>
      id={id}
      className={className}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      disabled={disabled}
      loading={query.isPending}
      status={query.isError ? 'error' : undefined}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={(query.data?.items ?? []).map((type) => ({
        value: type.code,
        label: `${type.name}（${type.code}）`,
      }))}
      popupMatchSelectWidth={false}
    />
  );
}

/** RegionTreeSelect speaks `code | undefined`; a Form.Item passes value/onChange/id. */
export function RegionField({ id, value, onChange, placeholder, className }: PickerProps<string>) {
  return (
    <RegionTreeSelect
      id={id}
      className={className}
      value={value}
      onChange={(code) => onChange?.(code)}
      placeholder={placeholder}
    />
  );
}

export function StatusTag({ status }: { status: ListVersionStatus }) {
  const t = useT();
  return <Tag color={statusColor[status]}>{t(statusKey[status])}</Tag>;
}

/** The version in force and the one being worked on, each with its number. */
export function ListStatusTags({
  list,
}: {
  list: Pick<ImplementationList, 'published' | 'pending'>;
}) {
  const t = useT();
  if (!list.published && !list.pending) {
    return <span className="zt-muted">{t('catalogAdmin.lists.noVersion')}</span>;
  }
  return (
    <Space size={[4, 4]} wrap>
      {list.published && (
        <span>
          <StatusTag status={list.published.status} />
          <span className="zt-muted">v{list.published.version}</span>
        </span>
      )}
      {list.pending && (
        <span>
          <StatusTag status={list.pending.status} />
          <span className="zt-muted">v{list.pending.version}</span>
        </span>
      )}
    </Space>
  );
}

export interface RegionWindows {
  /** per service hall, its windows as options */
  groups: { label: string; title: string; options: { value: string; label: string }[] }[];
  /** 窗口号 and name with the hall, by window id */
  labels: ReadonlyMap<string, string>;
  isPending: boolean;
}

/** The windows of the service halls of a region (the halls bound to the region itself). */
export function useRegionWindows(regionCode: string): RegionWindows {
  const halls = useQuery(organisationsQuery({ region: regionCode, kind: 'serviceHall' }));
  const hallList = halls.data?.items ?? [];
  return useQueries({
    queries: hallList.map((hall) => serviceWindowsQuery(hall.id)),
    combine: (results) => {
      const labels = new Map<string, string>();
      const groups = hallList.map((hall, index) => {
        const windows = results[index]?.data?.items ?? [];
        return {
          label: hall.name,
          title: hall.name,
          options: windows.map((window) => {
            const label = `${window.code} ${window.name}`;
            labels.set(window.id, `${hall.name} · ${label}`);
            return { value: window.id, label };
          }),
        };
      });
      return {
        groups,
        labels,
        isPending: halls.isPending || results.some((result) => result.isPending),
      };
    },
  });
}

/** 服务窗口: several windows of the region's service halls. */
export function WindowSelect({
  id,
  value,
  onChange,
  regionCode,
  placeholder,
}: {
  id?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  regionCode: string;
  placeholder?: string;
}) {
  const t = useT();
  const windows = useRegionWindows(regionCode);
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      loading={windows.isPending}
      value={value}
      onChange={(ids) => onChange?.(ids)}
      options={windows.groups}
      notFoundContent={windows.isPending ? t('common.loading') : t('catalogAdmin.windows.none')}
      // ids of windows that no longer exist still show, as their id, so they can be removed
      labelRender={({ value: windowId, label }) => label ?? String(windowId)}
    />
  );
}
