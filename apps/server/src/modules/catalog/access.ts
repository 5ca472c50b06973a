import type { Actor } from '../../kernel/actor.js';

/**
 * Who may change the catalogue. Reads of published content are public. Writes: the province
 * admin within their jurisdiction, and a department admin for what their own organisation
 * owns (the lists it implements, the items it is the competent department of). Bundles span
 * departments and are the province admin's.
 */

/** Something with a place: an implementation list (organisation + region). */
export interface Owned {
  organisationId: string;
  regionCode: string;
}

/** The platform itself (seed, CLI) acts province-wide. */
const isSystem = (actor: Actor): boolean => actor.kind === 'system';

export const isProvinceAdmin = (actor: Actor): boolean =>
  isSystem(actor) || actor.roles.includes('provinceAdmin');
export const isDepartmentAdmin = (actor: Actor): boolean => actor.roles.includes('departmentAdmin');
export const isCatalogAdmin = (actor: Actor): boolean =>
  isProvinceAdmin(actor) || isDepartmentAdmin(actor);

/**
 * Whether the actor may write a list. `ancestors` are the list region and its ancestors
 * (nearest first): the actor's jurisdiction must be among them.
 */
export function mayWriteList(actor: Actor, list: Owned, ancestors: readonly string[]): boolean {
  if (isSystem(actor)) return true;
  if (!actor.jurisdiction || !ancestors.includes(actor.jurisdiction)) return false;
  if (isProvinceAdmin(actor)) return true;
  return isDepartmentAdmin(actor) && actor.organisationId === list.organisationId;
}

/** Whether the actor may write a basic-catalogue item whose competent department is given. */
export function mayWriteItem(actor: Actor, competentOrganisationId: string): boolean {
  if (isProvinceAdmin(actor)) return true;
  return isDepartmentAdmin(actor) && actor.organisationId === competentOrganisationId;
}

export const mayWriteBundles = isProvinceAdmin;

/**
 * What lists an admin sees in the staff list view: a province admin those in the region subtree
 * of their jurisdiction, a department admin their organisation's. Undefined: none.
 */
export function listScope(
  actor: Actor,
): { jurisdiction: string; organisationId?: string } | undefined {
  if (!actor.jurisdiction) return undefined;
  if (isProvinceAdmin(actor)) return { jurisdiction: actor.jurisdiction };
  if (isDepartmentAdmin(actor) && actor.organisationId) {
    return { jurisdiction: actor.jurisdiction, organisationId: actor.organisationId };
  }
  return undefined;
}
