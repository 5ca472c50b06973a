import { CaretDownFilled } from '@ant-design/icons';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useT } from '../i18n/LocaleProvider';
import { buildRegionNodes, useRegionTree } from './useRegionTree';

interface RegionOption {
  value: string;
  title: string;
  isLeaf: boolean;
  children?: RegionOption[] | undefined;
}

interface RegionTreeSelectProps {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  id?: string;
  placeholder?: string;
  className?: string;
}

/** Pick a region (行政区划) from the lazily loaded tree of the province. */
export function RegionTreeSelect({
  value,
  onChange,
  id,
  placeholder,
  className,
}: RegionTreeSelectProps) {
  const t = useT();
  const { roots, children, loadChildren } = useRegionTree();

  const treeData = useMemo(
    () =>
      buildRegionNodes<RegionOption>(roots.data?.items ?? [], children, (region, nodes) => ({
        value: region.code,
        title: region.name,
        isLeaf: region.childCount === 0,
        children: nodes,
      })),
    [roots.data, children],
  );

  return (
    <TreeSelect<string>
      id={id}
      className={className}
      value={value}
      onChange={(code) => onChange(code ?? undefined)}
      treeData={treeData}
      loadData={(node) => loadChildren(String(node.value))}
      loading={roots.isPending}
      status={roots.isError ? 'error' : undefined}
      placeholder={placeholder ?? t('region.pick')}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll={false}
      notFoundContent={roots.isError ? t('region.loadFailed') : undefined}
      popupMatchSelectWidth={false}
      // antd's own icon is announced by name ("caret-down") before every region
      switcherIcon={<CaretDownFilled aria-hidden />}
    />
  );
}
