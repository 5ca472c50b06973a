import { useQuery } from '@tanstack/react-query';
import { organisationQuery } from '../api/directory';

/**
 * An organisation's full name from its id. Not the short name: a government's short name is
 * its region's (郑州市), which would read as the place rather than the body.
 */
export function OrganisationName({ id }: { id: string }) {
  const { data, isError } = useQuery(organisationQuery(id));
  if (isError) return <span className="zt-muted">{id}</span>;
  return <span>{data ? data.name : '…'}</span>;
}
