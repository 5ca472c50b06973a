import type { Region } from '@zhengtong/contracts';
import { useRegionTree } from '../../shared/directory/useRegionTree';

export interface ProvinceCities {
  province: Region | undefined;
  cities: readonly Region[] | undefined;
  isPending: boolean;
  error: unknown;
}

/** The province (the root region) and its cities, as the portal offers them to choose from. */
export function useProvinceCities(): ProvinceCities {
  const { roots, children } = useRegionTree();
  const province = roots.data?.items[0];
  const cities = province ? children[province.code] : undefined;
  return {
    province,
    cities: province && province.childCount === 0 ? [] : cities,
    isPending: roots.isPending || (province !== undefined && province.childCount > 0 && !cities),
    error: roots.error,
  };
}
