import { MinusSquareOutlined, PlusSquareOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Tree, type TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { regionQuery } from '../shared/api/directory';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { useT } from '../shared/i18n/LocaleProvider';
import { buildRegionNodes, useRegionTree } from '../shared/directory/useRegionTree';

interface RegionTreeProps {
  selected: string | undefined;
  onSelect: (code: string) => void;
}

/**
 * The province's regions, one level loaded per opened node. Selecting a region also opens it,
 * so picking a city shows its counties; a linked region opens with its parent.
 */
export function RegionTree({ selected, onSelect }: RegionTreeProps) {
  const t = useT();
  const { roots, children, loadChildren } = useRegionTree();
  const selectedRegion = useQuery({ ...regionQuery(selected ?? ''), enabled: !!selected });
  // Until the reader opens or closes a node: the province, and the parent of a linked region.
  const [openedKeys, setOpenedKeys] = useState<readonly string[]>();

  const initialKeys = useMemo(() => {
    const keys = (roots.data?.items ?? []).map((region) => region.code);
    const parent = selectedRegion.data?.parentCode;
    return parent && !keys.includes(parent) ? [...keys, parent] : keys;
  }, [roots.data, selectedRegion.data]);
  const expandedKeys = openedKeys ?? initialKeys;

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
      expandedKeys={[...expandedKeys]}
      onExpand={(keys) => setOpenedKeys(keys.map(String))}
      selectedKeys={selected ? [selected] : []}
      onSelect={(_keys, { node }) => {
        const code = String(node.key);
        // A click on the selected node keeps it selected (antd would clear the selection).
        onSelect(code);
        if (!node.isLeaf && !expandedKeys.includes(code)) setOpenedKeys([...expandedKeys, code]);
      }}
      // The icons only draw the +/−; the tree item already says whether it is open.
      switcherIcon={({ expanded }) =>
        expanded ? <MinusSquareOutlined aria-hidden /> : <PlusSquareOutlined aria-hidden />
      }
      showLine
      blockNode
    />
  );
}
