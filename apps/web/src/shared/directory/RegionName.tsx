import { useQuery } from '@tanstack/react-query';
import { regionQuery } from '../api/directory';

/** A region's name from its code; the code itself until (or unless) the name is known. */
export function RegionName({ code }: { code: string }) {
  const { data } = useQuery(regionQuery(code));
  return <span title={code}>{data?.name ?? code}</span>;
}
