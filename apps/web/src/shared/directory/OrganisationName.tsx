import { useQuery } from '@tanstack/react-query';
import { organisationQuery } from '../api/directory';

/** An organisation's name from its id. */
export function OrganisationName({ id }: { id: string }) {
  const { data, isError } = useQuery(organisationQuery(id));
  if (isError) return <span className="zt-muted">{id}</span>;
  return <span>{data ? (data.shortName ?? data.name) : '…'}</span>;
}
