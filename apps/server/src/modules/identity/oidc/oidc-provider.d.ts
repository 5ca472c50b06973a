/**
 * The part of oidc-provider v9 that Zhengtong uses. The package ships no types and
 * @types/oidc-provider is not installed; these follow the library's source (lib/provider.js,
 * lib/models/*). Extend them when you use more of it.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { EventEmitter } from 'node:events';

  export interface AdapterPayload {
    [key: string]: unknown;
    jti?: string;
    uid?: string;
    grantId?: string;
    userCode?: string;
    consumed?: number;
    exp?: number;
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export type AdapterFactory = (model: string) => Adapter;

  export interface ClientMetadata {
    [key: string]: unknown;
    client_id: string;
    client_secret?: string;
    client_name?: string;
    redirect_uris?: string[];
    post_logout_redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
    scope?: string;
  }

  export interface Client {
    clientId: string;
    clientName?: string;
    scope?: string;
    grantTypeAllowed(type: string): boolean;
    clientAuthMethod: string;
    applicationType?: string;
  }

  export interface ClientStatic {
    find(id: string): Promise<Client | undefined>;
    validate(metadata: ClientMetadata): Promise<void>;
  }

  /** An opaque access token of the client-credentials grant (model `ClientCredentials`). */
  export interface ClientCredentials {
    jti: string;
    clientId: string;
    scope?: string;
    /** epoch seconds */
    exp: number;
    readonly isExpired: boolean;
    /** set when a resource indicator bound the token to another resource server */
    aud?: string | string[];
    /** DPoP key thumbprint of a sender-constrained token */
    jkt?: string;
    /** mTLS certificate thumbprint of a sender-constrained token */
    'x5t#S256'?: string;
  }

  export interface ClientCredentialsStatic {
    /** undefined for an unknown, revoked or expired token */
    find(value: string): Promise<ClientCredentials | undefined>;
  }

  export interface PromptDetail {
    name: string;
    reasons: string[];
    details: {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
      [key: string]: unknown;
    };
  }

  export interface InteractionResults {
    login?: {
      accountId: string;
      acr?: string;
      amr?: string[];
      remember?: boolean;
      ts?: number;
    };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
    [key: string]: unknown;
  }

  export interface Interaction {
    uid: string;
    jti: string;
    exp: number;
    returnTo: string;
    prompt: PromptDetail;
    params: Record<string, unknown> & { client_id?: string; scope?: string };
    session?: { uid?: string; accountId?: string; cookie?: string };
    grantId?: string;
    lastSubmission?: InteractionResults;
    result?: InteractionResults;
    save(ttl: number): Promise<string>;
  }

  export interface InteractionStatic {
    find(id: string): Promise<Interaction | undefined>;
  }

  export interface Grant {
    jti: string;
    accountId?: string;
    clientId?: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(ttl?: number): Promise<string>;
  }

  export interface GrantStatic {
    new (properties: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  export interface Session {
    uid: string;
    accountId?: string;
  }

  export interface SessionStatic {
    findByUid(uid: string): Promise<Session | undefined>;
  }

  export interface KoaContextWithOIDC {
    oidc: {
      route?: string;
      client?: Client;
      [key: string]: unknown;
    };
    body: unknown;
    type: string;
    status: number;
    host: string;
    [key: string]: unknown;
  }

  export type AccountClaims = Record<string, unknown> & { sub: string };

  export interface Account {
    accountId: string;
    claims(
      use: string,
      scope: string,
      claims: Record<string, unknown>,
      rejected: string[],
    ): AccountClaims | Promise<AccountClaims>;
  }

  export type FindAccount = (
    ctx: KoaContextWithOIDC,
    sub: string,
    token?: unknown,
  ) => Promise<Account | undefined>;

  export interface JWKS {
    keys: Record<string, unknown>[];
  }

  type TtlFunction = (ctx: KoaContextWithOIDC, token: unknown, client: Client) => number;

  export interface Configuration {
    adapter?: AdapterFactory;
    clients?: ClientMetadata[];
    clientDefaults?: Partial<ClientMetadata>;
    claims?: Record<string, string[] | null>;
    conformIdTokenClaims?: boolean;
    cookies?: {
      keys?: string[];
      names?: Record<string, string>;
      long?: Record<string, unknown>;
      short?: Record<string, unknown>;
    };
    clientBasedCORS?: (ctx: KoaContextWithOIDC, origin: string, client: Client) => boolean;
    features?: Record<string, Record<string, unknown>>;
    findAccount?: FindAccount;
    interactions?: {
      url?: (ctx: KoaContextWithOIDC, interaction: Interaction) => string | Promise<string>;
    };
    issueRefreshToken?: (
      ctx: KoaContextWithOIDC,
      client: Client,
      code: { scopes: Set<string> },
    ) => boolean | Promise<boolean>;
    jwks?: JWKS;
    pkce?: { required?: (ctx: KoaContextWithOIDC, client: Client) => boolean };
    renderError?: (
      ctx: KoaContextWithOIDC,
      out: Record<string, string>,
      error: Error,
    ) => void | Promise<void>;
    responseTypes?: string[];
    rotateRefreshToken?: boolean | ((ctx: KoaContextWithOIDC) => boolean);
    routes?: Record<string, string>;
    scopes?: string[];
    ttl?: Record<string, number | TtlFunction>;
    [key: string]: unknown;
  }

  export class Provider extends EventEmitter {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    readonly Interaction: InteractionStatic;
    readonly Grant: GrantStatic;
    readonly Client: ClientStatic;
    readonly ClientCredentials: ClientCredentialsStatic;
    readonly Session: SessionStatic;
  }

  export const errors: {
    OIDCProviderError: new (status: number, message: string) => Error;
  };
}
