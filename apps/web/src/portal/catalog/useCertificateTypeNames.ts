import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { certificateTypesQuery } from '../../shared/api/catalog';

/**
 * Names of certificate types by code (证照类型代码 → 营业执照). Loaded only when something on the
 * page names a certificate; until then, or if the catalogue cannot be read, the code stands in.
 */
export function useCertificateTypeNames(enabled: boolean): (code: string) => string {
  const { data } = useQuery({ ...certificateTypesQuery(), enabled });
  return useMemo(() => {
    const names = new Map((data?.items ?? []).map((type) => [type.code, type.name]));
    return (code: string) => names.get(code) ?? code;
  }, [data]);
}
