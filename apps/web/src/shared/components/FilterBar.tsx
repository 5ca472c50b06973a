import { Form, Input, Select } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/LocaleProvider';

/** The filters above a list: one line of labelled fields, a search landmark. */
export function FilterBar({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <Form layout="inline" className="zt-filters" role="search" aria-label={t('common.filters')}>
      {children}
    </Form>
  );
}

/** Words to search for, applied on Enter or the search button; blank means none. */
export function SearchFilter({
  id,
  label,
  placeholder,
  value,
  onSearch,
}: {
  id: string;
  label: string;
  placeholder: string;
  /** the words when the page opens (the field is not controlled) */
  value: string | undefined;
  onSearch: (q: string | undefined) => void;
}) {
  return (
    <Form.Item label={label} htmlFor={id}>
      <Input.Search
        id={id}
        className="zt-filter-text"
        allowClear
        defaultValue={value}
        placeholder={placeholder}
        onSearch={(q) => onSearch(q.trim() || undefined)}
      />
    </Form.Item>
  );
}

/** One of a few values, or all of them when cleared. */
export function SelectFilter<Value extends string>({
  id,
  label,
  className,
  placeholder,
  searchable,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  className: string;
  /** says what an empty choice means, such as 全部类型 */
  placeholder: string;
  /** to narrow a long list by typing */
  searchable?: boolean;
  value: Value | undefined;
  onChange: (value: Value | undefined) => void;
  options: { value: Value; label: string }[];
}) {
  return (
    <Form.Item label={label} htmlFor={id}>
      <Select<Value>
        id={id}
        className={className}
        allowClear
        {...(searchable ? { showSearch: { optionFilterProp: 'label' } } : {})}
        placeholder={placeholder}
        value={value}
        onChange={(next) => onChange(next ?? undefined)}
        options={options}
      />
    </Form.Item>
  );
}
