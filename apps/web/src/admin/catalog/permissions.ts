import type { ImplementationList, ServiceItem } from '@zhengtong/contracts';
import type { Session } from '../../shared/api/identity';

/**
 * What the signed-in administrator may do in 事项管理, as the server decides it: the province
 * admin within the jurisdiction (the list endpoint already returns only that), a department
 * admin for the items and lists of the own organisation. Only for hiding buttons that would
 * fail; the server checks every call.
 */
export interface CatalogCapabilities {
  provinceAdmin: boolean;
  departmentAdmin: boolean;
  /** the organisation a department admin acts for */
  organisationId: string | null;
  createItem: boolean;
  editItem: (item: Pick<ServiceItem, 'competentOrganisationId'>) => boolean;
  createList: boolean;
  writeList: (list: Pick<ImplementationList, 'organisationId'>) => boolean;
  /** publish or return a submitted version: a writer who did not submit it */
  reviewList: (list: Pick<ImplementationList, 'organisationId' | 'pending'>) => boolean;
  manageBundles: boolean;
}

export function catalogCapabilities(me: Session | null | undefined): CatalogCapabilities {
  const roles = me?.roles ?? [];
  const provinceAdmin = roles.includes('provinceAdmin');
  const departmentAdmin = roles.includes('departmentAdmin');
  const organisationId = me?.organisationId ?? null;
  const ownOrganisation = (id: string) => departmentAdmin && organisationId === id;
  const writeList = (list: Pick<ImplementationList, 'organisationId'>) =>
    provinceAdmin || ownOrganisation(list.organisationId);
  return {
    provinceAdmin,
    departmentAdmin,
    organisationId,
    createItem: provinceAdmin || departmentAdmin,
    editItem: (item) => provinceAdmin || ownOrganisation(item.competentOrganisationId),
    createList: provinceAdmin || departmentAdmin,
    writeList,
    reviewList: (list) =>
      writeList(list) &&
      list.pending?.status === 'submitted' &&
      list.pending.submittedBy !== me?.accountId,
    manageBundles: provinceAdmin,
  };
}
