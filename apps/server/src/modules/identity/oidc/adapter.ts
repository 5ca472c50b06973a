import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import type { Executor } from '../../../kernel/db/database.js';
import type { FieldCrypto } from '../../../kernel/field-crypto.js';
import {
  consumePayload,
  deletePayload,
  deletePayloadsOfGrant,
  findClientRow,
  findPayload,
  findPayloadByUid,
  findPayloadByUserCode,
  upsertPayload,
  type PayloadRow,
} from './store.js';

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function toPayload(row: PayloadRow | undefined): AdapterPayload | undefined {
  if (!row) return undefined;
  const payload = row.payload as AdapterPayload;
  if (row.consumedAt === null) return payload;
  return { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) };
}

/**
 * oidc-provider's persistence in PostgreSQL: every model (Session, Interaction, Grant,
 * AuthorizationCode, AccessToken, RefreshToken, ClientCredentials, ...) is a row of
 * `oidc_payload`, so sessions and tokens survive a restart and are shared by every instance.
 * An expired row is never returned; the `oidc.purge-expired` job deletes them later.
 */
class PayloadAdapter implements Adapter {
  constructor(
    private readonly db: Executor,
    private readonly model: string,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    await upsertPayload(this.db, {
      model: this.model,
      id,
      payload,
      grantId: text(payload.grantId),
      userCode: text(payload.userCode),
      uid: text(payload.uid),
      expiresAt:
        typeof expiresIn === 'number' && Number.isFinite(expiresIn)
          ? new Date(Date.now() + expiresIn * 1000)
          : null,
    });
  }

  async find(id: string) {
    return toPayload(await findPayload(this.db, this.model, id));
  }

  async findByUid(uid: string) {
    return toPayload(await findPayloadByUid(this.db, this.model, uid));
  }

  async findByUserCode(userCode: string) {
    return toPayload(await findPayloadByUserCode(this.db, this.model, userCode));
  }

  async consume(id: string): Promise<void> {
    await consumePayload(this.db, this.model, id);
  }

  async destroy(id: string): Promise<void> {
    await deletePayload(this.db, this.model, id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await deletePayloadsOfGrant(this.db, this.model, grantId);
  }
}

/** Client metadata as stored in `oidc_client.metadata`: the secret is SM4-sealed. */
export function openClientMetadata(
  metadata: Record<string, unknown>,
  crypto: FieldCrypto,
): AdapterPayload {
  const sealed = metadata.client_secret;
  if (typeof sealed !== 'string') return metadata;
  return { ...metadata, client_secret: crypto.decrypt(sealed) };
}

/**
 * Relying parties come from `oidc_client`, registered through the admin API (dynamic
 * registration is off). A disabled client is unknown to the provider.
 */
class ClientAdapter implements Adapter {
  constructor(
    private readonly db: Executor,
    private readonly crypto: FieldCrypto,
  ) {}

  async find(id: string) {
    const row = await findClientRow(this.db, id);
    if (!row || row.disabledAt !== null) return undefined;
    return openClientMetadata(row.metadata as Record<string, unknown>, this.crypto);
  }

  private readOnly(): never {
    throw new Error('OIDC clients are managed through /api/v1/identity/oidc-clients');
  }

  async upsert(): Promise<void> {
    this.readOnly();
  }
  async findByUid() {
    return undefined;
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(): Promise<void> {
    this.readOnly();
  }
  async destroy(): Promise<void> {
    this.readOnly();
  }
  async revokeByGrantId(): Promise<void> {
    this.readOnly();
  }
}

export function createAdapterFactory(db: Executor, crypto: FieldCrypto): AdapterFactory {
  return (model) =>
    model === 'Client' ? new ClientAdapter(db, crypto) : new PayloadAdapter(db, model);
}
