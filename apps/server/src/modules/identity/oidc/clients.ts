import crypto from 'node:crypto';
import type { ClientMetadata } from 'oidc-provider';
import { CLIENT_SCOPES, type Actor } from '../../../kernel/actor.js';
import { recordAudit } from '../../../kernel/audit/record.js';
import type { Drizzle } from '../../../kernel/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthenticatedError,
} from '../../../kernel/errors.js';
import type { FieldCrypto } from '../../../kernel/field-crypto.js';
import * as store from './store.js';

export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';

export interface NewOidcClient {
  /** generated when omitted */
  clientId?: string | undefined;
  name: string;
  redirectUris?: string[] | undefined;
  postLogoutRedirectUris?: string[] | undefined;
  grantTypes: GrantType[];
  /** scopes the client may ask for (space-separated); any configured scope when omitted */
  scope?: string | undefined;
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post' | undefined;
  /**
   * The department a client-credentials client acts for (its tokens issue certificates in this
   * organisation's name, nobody else's)
   */
  organisationId?: string | undefined;
}

export interface OidcClientView {
  clientId: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  grantTypes: string[];
  scope: string | null;
  tokenEndpointAuthMethod: string;
  organisationId: string | null;
  createdBy: string;
  createdAt: string;
  disabledAt: string | null;
}

export interface RequestInfo {
  requestId?: string | undefined;
}

/**
 * Zhengtong's own key in the stored client metadata: the organisation the client acts for.
 * oidc-provider keeps only the metadata it recognises, so it never sees this one.
 */
export const ORGANISATION_KEY = 'zt_organisation_id';

/** The organisation a stored client acts for, if any. */
export function organisationOf(metadata: unknown): string | undefined {
  const v = (metadata as Record<string, unknown>)[ORGANISATION_KEY];
  return typeof v === 'string' ? v : undefined;
}

/** What the client service needs to know of an organisation (directory). */
export type OrganisationLookup = (id: string) => Promise<{ kind: string } | undefined>;

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function view(row: store.OidcClientRow): OidcClientView {
  const m = row.metadata as Record<string, unknown>;
  return {
    clientId: row.clientId,
    name: row.name,
    redirectUris: strings(m.redirect_uris),
    postLogoutRedirectUris: strings(m.post_logout_redirect_uris),
    grantTypes: strings(m.grant_types),
    scope: typeof m.scope === 'string' ? m.scope : null,
    tokenEndpointAuthMethod:
      typeof m.token_endpoint_auth_method === 'string'
        ? m.token_endpoint_auth_method
        : 'client_secret_basic',
    organisationId: organisationOf(m) ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    disabledAt: row.disabledAt?.toISOString() ?? null,
  };
}

/** Registering relying parties is the system administrator's job (三员分立), with MFA passed. */
function assertClientAdmin(actor: Actor): void {
  if (actor.kind === 'system') return;
  if (actor.kind === 'anonymous') {
    throw new UnauthenticatedError('unauthenticated', 'log in first');
  }
  if (!actor.roles.includes('systemAdmin')) {
    throw new ForbiddenError('forbidden', 'only a system administrator manages OIDC clients');
  }
  if (actor.mfa !== true) {
    throw new ForbiddenError('mfa-required', 'this needs a session that passed the second factor');
  }
}

/**
 * OIDC clients (relying parties: department systems, portals). Secrets are generated here,
 * shown once, and kept SM4-sealed; the provider reads clients through the adapter.
 */
export class OidcClientService {
  constructor(
    private readonly db: Drizzle,
    private readonly fieldCrypto: FieldCrypto,
    /** the provider's own metadata validation (redirect URIs, grant/response type pairs, ...) */
    private readonly validate: (metadata: ClientMetadata) => Promise<void>,
    private readonly findOrganisation: OrganisationLookup,
  ) {}

  async list(actor: Actor): Promise<OidcClientView[]> {
    assertClientAdmin(actor);
    return (await store.listClientRows(this.db)).map(view);
  }

  async create(
    actor: Actor,
    input: NewOidcClient,
    info: RequestInfo = {},
    /** demo seed only: a fixed secret instead of a generated one */
    fixedSecret?: string,
  ): Promise<OidcClientView & { clientSecret: string }> {
    assertClientAdmin(actor);
    const clientId = input.clientId ?? `zt-${crypto.randomBytes(9).toString('base64url')}`;
    const clientSecret = fixedSecret ?? crypto.randomBytes(32).toString('base64url');
    const grantTypes = [...new Set(input.grantTypes)];
    const interactive = grantTypes.includes('authorization_code');
    if (grantTypes.includes('refresh_token') && !interactive) {
      throw new InputError('invalid-client-metadata', 'refresh_token needs authorization_code', [
        { path: '/body/grantTypes', message: 'refresh_token needs authorization_code' },
      ]);
    }
    if (interactive && (input.redirectUris ?? []).length === 0) {
      throw new InputError('invalid-client-metadata', 'authorization_code needs redirect URIs', [
        { path: '/body/redirectUris', message: 'at least one redirect URI is needed' },
      ]);
    }
    await this.checkMachineAccess(grantTypes, input.scope, input.organisationId);
    const metadata: ClientMetadata = {
      client_id: clientId,
      client_name: input.name,
      grant_types: grantTypes,
      response_types: interactive ? ['code'] : [],
      redirect_uris: interactive ? (input.redirectUris ?? []) : [],
      post_logout_redirect_uris: interactive ? (input.postLogoutRedirectUris ?? []) : [],
      token_endpoint_auth_method: input.tokenEndpointAuthMethod ?? 'client_secret_basic',
      ...(input.scope === undefined ? {} : { scope: input.scope }),
    };
    try {
      await this.validate({ ...metadata, client_secret: clientSecret });
    } catch (err) {
      const message = (err as { error_description?: string }).error_description;
      throw new InputError('invalid-client-metadata', message ?? 'invalid client metadata');
    }
    const stored = {
      ...metadata,
      client_secret: this.fieldCrypto.encrypt(clientSecret),
      ...(input.organisationId === undefined ? {} : { [ORGANISATION_KEY]: input.organisationId }),
    };
    const row = await this.db.transaction(async (tx) => {
      const inserted = await store.insertClientRow(tx, {
        clientId,
        name: input.name,
        metadata: stored,
        createdBy: actor.id,
      });
      if (!inserted) throw new ConflictError('client-exists', `client ${clientId} exists`);
      await recordAudit(tx, {
        actor,
        action: 'identity.oidc-client.create',
        targetType: 'oidc_client',
        targetId: clientId,
        summary: {
          name: input.name,
          grantTypes,
          redirectUris: metadata.redirect_uris,
          scope: input.scope ?? null,
          organisationId: input.organisationId ?? null,
        },
        requestId: info.requestId,
      });
      return store.findClientRow(tx, clientId);
    });
    if (!row) throw new Error('client vanished after insert');
    return { ...view(row), clientSecret };
  }

  /**
   * An API scope (certificates:issue) is for a department system calling by itself: it needs
   * the client-credentials grant and the department it acts for; that department must exist.
   */
  private async checkMachineAccess(
    grantTypes: GrantType[],
    scope: string | undefined,
    organisationId: string | undefined,
  ): Promise<void> {
    const machine = grantTypes.includes('client_credentials');
    const apiScopes = (scope ?? '')
      .split(' ')
      .filter((s) => (CLIENT_SCOPES as readonly string[]).includes(s));
    const refuse = (path: string, message: string): never => {
      throw new InputError('invalid-client-metadata', message, [{ path, message }]);
    };
    if (apiScopes.length > 0 && !machine) {
      refuse('/body/scope', `${apiScopes.join(' ')} needs the client_credentials grant`);
    }
    if (apiScopes.length > 0 && organisationId === undefined) {
      refuse('/body/organisationId', `${apiScopes.join(' ')} needs the organisation it acts for`);
    }
    if (organisationId === undefined) return;
    if (!machine) refuse('/body/organisationId', 'only client_credentials clients act for one');
    const organisation = await this.findOrganisation(organisationId);
    if (organisation?.kind !== 'department') {
      refuse('/body/organisationId', 'no such department');
    }
  }

  /** Disables a client and drops the grants, codes and tokens it holds. */
  async disable(actor: Actor, clientId: string, info: RequestInfo = {}): Promise<OidcClientView> {
    assertClientAdmin(actor);
    return this.db.transaction(async (tx) => {
      const row = await store.disableClientRow(tx, clientId);
      if (!row) {
        const existing = await store.findClientRow(tx, clientId);
        if (existing) return view(existing);
        throw new NotFoundError('client-not-found', `no client ${clientId}`);
      }
      const revoked = await store.deletePayloadsOfClient(tx, clientId);
      await recordAudit(tx, {
        actor,
        action: 'identity.oidc-client.disable',
        targetType: 'oidc_client',
        targetId: clientId,
        summary: { revokedArtifacts: revoked },
        requestId: info.requestId,
      });
      return view(row);
    });
  }

  /** Whether a client id is registered (enabled or not); the seed uses it. */
  async exists(clientId: string): Promise<boolean> {
    return (await store.findClientRow(this.db, clientId)) !== undefined;
  }
}
