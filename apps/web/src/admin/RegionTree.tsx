import { Tree, type TreeDataNode } from 'antd';

import { useMemo } from 'react';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { useT } from '../shared/i18n/LocaleProvider';
import { buildRegionNodes, useRegionTree } from '../shared/directory/useRegionTree';

interface RegionTreeProps {
  selected: string | undefined;
  onSelect: (code: string) => void;
}

/** The province's regions, one level loaded per opened node. */
export function RegionTree({ selected, onSelect }: RegionTreeProps) {
  const t = useT();
  const { roots, children, loadChildren } = useRegionTree();

  const treeData = useMemo(
    () =>
      buildRegionNodes<TreeDataNode>(roots.data?.items ?? [], children, (region, nodes) => ({
        key: region.code,
        title: (
          <span>
            {region.name} <span className="zt-muted zt-code">{region.code}</span>
          </span>
        ),
        isLeaf: region.childCount === 0,
        children: nodes,
      })),
    [roots.data, children],
  );

  if (roots.isPending) return <LoadingBlock label={t('region.loading')} />;
  if (roots.isError)
    return <ApiErrorAlert error={roots.error} onRetry={() => void roots.refetch()} />;

  return (
    <Tree
      aria-label={t('region.treeLabel')}
      treeData={treeData}
      loadData={(node) => loadChildren(String(node.key))}
      defaultExpandedKeys={roots.data.items.map((region) => region.code)}
      selectedKeys={selected ? [selected] : []}
      onSelect={(keys) => {
        const [key] = keys;
        if (key !== undefined) onSelect(String(key));
      }}
      showLine
      blockNode
    />
  );
}
