import { queryOptions } from '@tanstack/react-query';
import type {
  AccountCreated,
  ChangePasswordBody,
  EnterpriseCreated,
  LoginBody,
  Me,
  RegisterEnterpriseBody,
  RegisterPersonBody,
  Role,
  TotpEnrolment,
  MyPersonalData,
} from '@zhengtong/contracts';
import { isApiError } from './ApiError';
import { apiDelete, apiGet, apiPost } from './client';

const base = '/api/v1/identity';
const enc = encodeURIComponent;

/** The signed-in account (`Me`), under the name the web app gives it. */
export type Session = Me;

// Shapes of the staff, agent and OIDC administration APIs. The server keeps their schemas in
// apps/server/src/modules/identity/admin-schemas.ts and oidc/routes.ts until they move to
// packages/contracts; these mirror them.

// TODO(contracts)
export type StaffStatus = 'active' | 'disabled';

// TODO(contracts)
export interface StaffMember {
  accountId: string;
  username: string;
  name: string;
  organisationId: string;
  jurisdiction: string;
  status: StaffStatus;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  mfaEnabled: boolean;
  phoneMasked: string | null;
  roles: Role[];
  createdAt: string;
}

// TODO(contracts)
export interface StaffList {
  items: StaffMember[];
  total: number;
  limit: number;
  offset: number;
}

// TODO(contracts)
export interface StaffFilter {
  q?: string | undefined;
  organisationId?: string | undefined;
  role?: Role | undefined;
  status?: StaffStatus | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

// TODO(contracts)
export interface CreateStaffBody {
  username: string;
  name: string;
  organisationId: string;
  /** root of the region subtree; the server defaults it to the organisation's region */
  jurisdiction?: string | undefined;
  initialPassword: string;
  roles: Role[];
}

// TODO(contracts)
export type AgentScope = 'apply' | 'viewCertificates' | 'manageAgents';

// TODO(contracts)
export interface Agent {
  id: string;
  personAccountId: string;
  name: string;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  scope: string[];
  expiresAt: string;
  status: 'active' | 'expired' | 'revoked';
  grantedBy: string;
  createdAt: string;
  revokedAt: string | null;
}

// TODO(contracts)
export interface AgentList {
  items: Agent[];
}

// TODO(contracts)
export interface AuthoriseAgentBody {
  idNumber?: string;
  phone?: string;
  scope: AgentScope[];
  expiresAt: string;
}

// TODO(contracts)
export type OidcGrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';

// TODO(contracts)
export interface OidcClient {
  clientId: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  grantTypes: string[];
  scope: string | null;
  tokenEndpointAuthMethod: string;
  /** the department a client_credentials client acts for (issues certificates) */
  organisationId: string | null;
  createdBy: string;
  createdAt: string;
  disabledAt: string | null;
}

// TODO(contracts)
export interface OidcClientList {
  items: OidcClient[];
}

// TODO(contracts)
export interface CreateOidcClientBody {
  clientId?: string;
  name: string;
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  grantTypes: OidcGrantType[];
  /** space-separated; certificates:issue needs client_credentials and organisationId */
  scope?: string;
  organisationId?: string;
}

// TODO(contracts)
export type OidcClientCreated = OidcClient & { clientSecret: string };

// TODO(contracts)
export interface Interaction {
  uid: string;
  prompt: 'login' | 'consent';
  client: { clientId: string; name: string };
  scopes: string[];
  claims?: string[];
  /** the browser already has a Zhengtong session: `continue` signs in with it */
  signedIn?: { name: string; accountKind: 'person' | 'staff' };
  /** the client insists on fresh credentials: no single sign-on shortcut */
  freshLoginRequired: boolean;
}

// TODO(contracts)
export interface InteractionRedirect {
  redirectTo: string;
}

export const identityKeys = {
  all: ['identity'] as const,
  me: ['identity', 'me'] as const,
  staffList: (filter: StaffFilter) =>
    [
      'identity',
      'staff',
      'list',
      {
        q: filter.q ?? null,
        organisationId: filter.organisationId ?? null,
        role: filter.role ?? null,
        status: filter.status ?? null,
        limit: filter.limit ?? null,
        offset: filter.offset ?? null,
      },
    ] as const,
  staff: ['identity', 'staff'] as const,
  agents: (enterpriseId: string) => ['identity', 'agents', enterpriseId] as const,
  oidcClients: ['identity', 'oidcClients'] as const,
  interaction: (uid: string) => ['identity', 'interaction', uid] as const,
};

/** The signed-in account, or null when nobody is signed in (the server answers 401). */
export function meQuery() {
  return queryOptions({
    queryKey: identityKeys.me,
    queryFn: async ({ signal }): Promise<Session | null> => {
      try {
        return await apiGet<Session>(`${base}/me`, { signal, silent: true });
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    // Sessions expire on the server; a minute-old answer is good enough for the top bar.
    staleTime: 60 * 1000,
  });
}

export function login(body: LoginBody): Promise<Session> {
  return apiPost<Session>(`${base}/login`, body, { silent: true });
}

export function logout(): Promise<void> {
  return apiPost<void>(`${base}/logout`);
}

export function logoutEverywhere(): Promise<void> {
  return apiPost<void>(`${base}/logout-all`);
}

/** The holder's own ID number and phone, unmasked; the server audits every view. */
export function fetchMyPersonalData(): Promise<MyPersonalData> {
  return apiGet<MyPersonalData>(`${base}/me/personal-data`);
}

export function registerPerson(body: RegisterPersonBody): Promise<AccountCreated> {
  return apiPost<AccountCreated>(`${base}/register/person`, body, { silent: true });
}

export function registerEnterprise(body: RegisterEnterpriseBody): Promise<EnterpriseCreated> {
  return apiPost<EnterpriseCreated>(`${base}/register/enterprise`, body, { silent: true });
}

export function setActingFor(enterpriseId: string | null): Promise<Session> {
  return apiPost<Session>(`${base}/acting-for`, { enterpriseId });
}

export function startTotpEnrolment(): Promise<TotpEnrolment> {
  return apiPost<TotpEnrolment>(`${base}/mfa/totp`, undefined, { silent: true });
}

export function confirmTotp(otp: string): Promise<Session> {
  return apiPost<Session>(`${base}/mfa/totp/confirm`, { otp }, { silent: true });
}

export function changePassword(body: ChangePasswordBody): Promise<void> {
  return apiPost<void>(`${base}/password`, body, { silent: true });
}

export function staffListQuery(filter: StaffFilter) {
  return queryOptions({
    queryKey: identityKeys.staffList(filter),
    queryFn: ({ signal }) =>
      apiGet<StaffList>(`${base}/staff`, {
        query: {
          q: filter.q,
          organisationId: filter.organisationId,
          role: filter.role,
          status: filter.status,
          limit: filter.limit,
          offset: filter.offset,
        },
        signal,
      }),
  });
}

export function createStaff(body: CreateStaffBody): Promise<AccountCreated> {
  return apiPost<AccountCreated>(`${base}/staff`, body, { silent: true });
}

export function grantRole(accountId: string, role: Role): Promise<unknown> {
  return apiPost<unknown>(`${base}/staff/${enc(accountId)}/roles`, { role });
}

export function revokeRole(accountId: string, role: Role): Promise<unknown> {
  return apiDelete<unknown>(`${base}/staff/${enc(accountId)}/roles/${enc(role)}`);
}

export function unlockStaff(accountId: string): Promise<unknown> {
  return apiPost<unknown>(`${base}/staff/${enc(accountId)}/unlock`, {});
}

export function disableStaff(accountId: string): Promise<unknown> {
  return apiPost<unknown>(`${base}/staff/${enc(accountId)}/disable`, {});
}

export function enableStaff(accountId: string): Promise<unknown> {
  return apiPost<unknown>(`${base}/staff/${enc(accountId)}/enable`, {});
}

export function agentsQuery(enterpriseId: string) {
  return queryOptions({
    queryKey: identityKeys.agents(enterpriseId),
    queryFn: ({ signal }) =>
      apiGet<AgentList>(`${base}/enterprises/${enc(enterpriseId)}/agents`, { signal }),
  });
}

export function authoriseAgent(enterpriseId: string, body: AuthoriseAgentBody): Promise<Agent> {
  return apiPost<Agent>(`${base}/enterprises/${enc(enterpriseId)}/agents`, body, {
    silent: true,
  });
}

export function revokeAgent(enterpriseId: string, agentId: string): Promise<unknown> {
  return apiDelete<unknown>(`${base}/enterprises/${enc(enterpriseId)}/agents/${enc(agentId)}`);
}

export function oidcClientsQuery() {
  return queryOptions({
    queryKey: identityKeys.oidcClients,
    queryFn: ({ signal }) => apiGet<OidcClientList>(`${base}/oidc-clients`, { signal }),
  });
}

export function createOidcClient(body: CreateOidcClientBody): Promise<OidcClientCreated> {
  return apiPost<OidcClientCreated>(`${base}/oidc-clients`, body, { silent: true });
}

export function disableOidcClient(clientId: string): Promise<OidcClient> {
  return apiDelete<OidcClient>(`${base}/oidc-clients/${enc(clientId)}`);
}

export function interactionQuery(uid: string) {
  return queryOptions({
    queryKey: identityKeys.interaction(uid),
    queryFn: ({ signal }) =>
      apiGet<Interaction>(`${base}/interactions/${enc(uid)}`, { signal, silent: true }),
    // An interaction is used once; refetching it after an answer would find it gone.
    staleTime: Infinity,
    retry: false,
  });
}

export function interactionLogin(uid: string, body: LoginBody): Promise<InteractionRedirect> {
  return apiPost<InteractionRedirect>(`${base}/interactions/${enc(uid)}/login`, body, {
    silent: true,
  });
}

/** 单点登录: satisfies the login step with this browser's Zhengtong session. */
export function interactionContinue(uid: string): Promise<InteractionRedirect> {
  return apiPost<InteractionRedirect>(`${base}/interactions/${enc(uid)}/continue`, undefined, {
    silent: true,
  });
}

export function interactionConfirm(uid: string): Promise<InteractionRedirect> {
  return apiPost<InteractionRedirect>(`${base}/interactions/${enc(uid)}/confirm`);
}

export function interactionAbort(uid: string): Promise<InteractionRedirect> {
  return apiPost<InteractionRedirect>(`${base}/interactions/${enc(uid)}/abort`);
}
