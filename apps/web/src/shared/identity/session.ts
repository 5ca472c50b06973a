import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@zhengtong/contracts';
import { identityKeys, logout, meQuery, type Session } from '../api/identity';

export interface SessionState {
  /** the signed-in account; null when signed out, undefined while not yet known */
  me: Session | null | undefined;
  isPending: boolean;
  error: unknown;
  refetch: () => void;
}

/** 当前登录: who is signed in, from the `me` query (a 401 means nobody). */
export function useSession(): SessionState {
  const query = useQuery(meQuery());
  return {
    me: query.data,
    isPending: query.isPending,
    error: query.error,
    refetch: () => void query.refetch(),
  };
}

/** Puts a fresh `me` answer (after login, acting-for) into the cache without a refetch. */
export function useSetSession(): (me: Session | null) => void {
  const queryClient = useQueryClient();
  return (me) => {
    queryClient.setQueryData(identityKeys.me, me);
  };
}

/** 退出登录; drops every identity answer cached for the account that left. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.removeQueries({ queryKey: identityKeys.all });
      queryClient.setQueryData(identityKeys.me, null);
    },
  });
}

export function hasAnyRole(me: Session | null | undefined, roles: readonly Role[]): boolean {
  return !!me && me.roles.some((role) => roles.includes(role));
}

/**
 * Who may open which admin page. Only for hiding what would fail anyway: the server checks
 * every call itself.
 */
export const adminSectionRoles = {
  // who may read staff accounts (auditAdmin reviews privileges: 权限审查)
  staff: ['departmentAdmin', 'provinceAdmin', 'systemAdmin', 'securityAdmin', 'auditAdmin'],
  oidcClients: ['systemAdmin'],
  // 电子印章: the province and department administrators manage their organisations' seals
  seals: ['provinceAdmin', 'departmentAdmin'],
  // 好差评统计: any staff member of an organisation may read its figures; the nav offers them to
  // those who answer for them (a province admin sees the whole province)
  evaluations: ['departmentHead', 'departmentAdmin', 'provinceAdmin', 'dataAdmin', 'auditAdmin'],
  // 统一消息: templates for the province, webhooks for a department, deliveries for ops
  messagingTemplates: ['provinceAdmin'],
  messagingWebhooks: ['departmentAdmin'],
  messagingDeliveries: ['ops', 'systemAdmin'],
  // 非税收入: a department's officers and heads read its revenue (a province admin any)
  revenue: ['windowOfficer', 'approver', 'departmentHead', 'departmentAdmin', 'provinceAdmin'],
  // 对账: operations and the province's administrators
  reconciliation: ['ops', 'provinceAdmin', 'systemAdmin'],
  // who maintains implementation lists (the catalogue itself is public to read)
  catalogLists: ['departmentAdmin', 'provinceAdmin'],
  // staff read process definitions; the province admin deploys them
  workflow: [
    'windowOfficer',
    'approver',
    'departmentHead',
    'departmentAdmin',
    'provinceAdmin',
    'dataAdmin',
    'ops',
    'systemAdmin',
    'securityAdmin',
    'auditAdmin',
  ],
} as const satisfies Record<string, readonly Role[]>;

/**
 * 三员分立 as the server applies it, for showing only the buttons that can work: the system
 * admin operates accounts but grants nothing, the security admin grants but operates nothing.
 */
const operatesOn: Partial<Record<Role, readonly Role[]>> = {
  departmentAdmin: ['windowOfficer', 'approver'],
  provinceAdmin: ['windowOfficer', 'approver', 'departmentHead', 'departmentAdmin', 'dataAdmin'],
  systemAdmin: [
    'windowOfficer',
    'approver',
    'departmentHead',
    'departmentAdmin',
    'provinceAdmin',
    'dataAdmin',
    'ops',
  ],
};
const separatedRoles: readonly Role[] = ['systemAdmin', 'securityAdmin', 'auditAdmin'];
const granters: Partial<Record<Role, readonly Role[]>> = {
  windowOfficer: ['departmentAdmin', 'provinceAdmin', 'securityAdmin'],
  approver: ['departmentAdmin', 'provinceAdmin', 'securityAdmin'],
  departmentHead: ['provinceAdmin', 'securityAdmin'],
  departmentAdmin: ['provinceAdmin', 'securityAdmin'],
  dataAdmin: ['provinceAdmin', 'securityAdmin'],
  provinceAdmin: ['securityAdmin'],
  ops: ['securityAdmin'],
  systemAdmin: ['securityAdmin'],
};

export interface StaffAdminCapabilities {
  /** create accounts */
  operate: boolean;
  /** unlock, disable, enable this account: all its roles are ones the actor operates on */
  operatesOn: (targetRoles: readonly Role[]) => boolean;
  /** roles this account may grant and revoke */
  grantable: Role[];
  /** whether anything may be granted to this account (三员 hold no other role) */
  mayGrantTo: (targetRoles: readonly Role[]) => boolean;
}

export function staffAdminCapabilities(me: Session | null | undefined): StaffAdminCapabilities {
  const held = me?.roles ?? [];
  const grantable = (Object.keys(granters) as Role[]).filter((role) =>
    granters[role]?.some((granter) => held.includes(granter)),
  );
  const operable = new Set(held.flatMap((role) => operatesOn[role] ?? []));
  return {
    operate: operable.size > 0,
    operatesOn: (targetRoles) => operable.size > 0 && targetRoles.every((r) => operable.has(r)),
    grantable,
    mayGrantTo: (targetRoles) =>
      !targetRoles.some((role) => separatedRoles.includes(role)) &&
      grantable.some((role) => !targetRoles.includes(role)),
  };
}
