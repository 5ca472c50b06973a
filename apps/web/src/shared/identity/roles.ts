import { ROLES, type Role } from '@zhengtong/contracts';
import type { MessageKey } from '../i18n/messages';

export const roles = ROLES;

/** Roles a staff member can hold (citizen and enterprise user belong to people). */
export const staffRoles = roles.filter((role) => role !== 'citizen' && role !== 'enterpriseUser');

export function roleLabelKey(role: Role): MessageKey {
  return `role.${role}`;
}
