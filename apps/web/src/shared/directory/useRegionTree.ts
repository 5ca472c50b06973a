import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Region } from '@zhengtong/contracts';
import { useCallback, useState } from 'react';
import { regionChildrenQuery } from '../api/directory';

export type RegionChildren = Readonly<Record<string, readonly Region[]>>;

/**
 * The region tree, loaded one level at a time: the root (the province) and its children first,
 * so the tree opens on the cities, then the children of whatever node is opened.
 */
export function useRegionTree() {
  const queryClient = useQueryClient();
  const roots = useQuery(regionChildrenQuery(null));
  const [openedCodes, setOpenedCodes] = useState<readonly string[]>([]);

  const rootCodes = (roots.data?.items ?? [])
    .filter((region) => region.childCount > 0)
    .map((region) => region.code);
  const codes = [...new Set([...rootCodes, ...openedCodes])];

  const children = useQueries({
    queries: codes.map((code) => regionChildrenQuery(code)),
    combine: (results): RegionChildren =>
      Object.fromEntries(
        results.flatMap((result, index) => {
          const code = codes[index];
          return code !== undefined && result.data ? [[code, result.data.items]] : [];
        }),
      ),
  });

  const loadChildren = useCallback(
    async (code: string) => {
      // A rejection reaches the tree, which folds the node again so it can be retried.
      await queryClient.fetchQuery(regionChildrenQuery(code));
      setOpenedCodes((previous) => (previous.includes(code) ? previous : [...previous, code]));
    },
    [queryClient],
  );

  return { roots, children, loadChildren };
}

interface RegionNodeShape<Node> {
  (region: Region, children: Node[] | undefined): Node;
}

/** Turns the loaded part of the tree into whatever node shape a component wants. */
export function buildRegionNodes<Node>(
  regions: readonly Region[],
  children: RegionChildren,
  toNode: RegionNodeShape<Node>,
): Node[] {
  return regions.map((region) => {
    const loaded = children[region.code];
    return toNode(region, loaded ? buildRegionNodes(loaded, children, toNode) : undefined);
  });
}
