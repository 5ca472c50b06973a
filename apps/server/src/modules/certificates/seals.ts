import type {
  CreateSealBody,
  PublishedSeal,
  PublishedSealList,
  Seal,
  SealList,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import { generateSm2KeyPair } from '../../kernel/crypto.js';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import { uniqueViolation } from '../../kernel/db/errors.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { keyIdOf, sm2PublicKeyPem, type SealKeyring } from './seal-keys.js';
import * as store from './store.js';

/** What the seals need of the directory. */
export interface SealDirectory {
  organisation: (
    id: string,
  ) => Promise<{ id: string; name: string; regionCode: string } | undefined>;
  organisationNames: (ids: string[]) => Promise<Map<string, string>>;
  /** region codes of the subtree under `root` */
  regionSubtree: (root: string) => Promise<string[]>;
}

const isSystem = (a: Actor) => a.kind === 'system';
const isSealAdmin = (a: Actor) =>
  isSystem(a) || a.roles.includes('provinceAdmin') || a.roles.includes('departmentAdmin');

/**
 * 电子印章: one SM2 key pair per seal, the private key sealed under the master key. A province
 * admin manages the seals of organisations in their jurisdiction, a department admin those of
 * their own organisation; anyone else learns nothing (404).
 */
export class SealsService {
  constructor(
    private readonly db: Drizzle,
    private readonly keyring: SealKeyring,
    private readonly directory: SealDirectory,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Organisation ids the actor administers seals of; undefined: all. */
  private async scope(
    actor: Actor,
  ): Promise<{ all: true } | { regions: Set<string>; org?: string }> {
    if (actor.kind === 'anonymous') throw new UnauthenticatedError('unauthenticated', 'sign in');
    if (!isSealAdmin(actor)) throw new ForbiddenError('not-seal-admin', 'seals are for admins');
    if (isSystem(actor)) return { all: true };
    if (!actor.jurisdiction) return { regions: new Set() };
    const regions = new Set(await this.directory.regionSubtree(actor.jurisdiction));
    if (actor.roles.includes('provinceAdmin')) return { regions };
    return { regions, ...(actor.organisationId ? { org: actor.organisationId } : {}) };
  }

  private async mayManage(actor: Actor, organisationId: string): Promise<boolean> {
    const scope = await this.scope(actor);
    if ('all' in scope) return true;
    const org = await this.directory.organisation(organisationId);
    if (!org || !scope.regions.has(org.regionCode)) return false;
    return scope.org === undefined || scope.org === organisationId;
  }

  async list(actor: Actor, organisationId: string | undefined): Promise<SealList> {
    const scope = await this.scope(actor);
    let rows: store.SealRow[];
    if (organisationId !== undefined) {
      rows = (await this.mayManage(actor, organisationId))
        ? await store.listSeals(this.db, [organisationId])
        : [];
    } else if ('all' in scope) {
      rows = await store.listSeals(this.db, undefined);
    } else {
      const all = await store.listSeals(this.db, undefined);
      const orgs = [...new Set(all.map((s) => s.organisationId))];
      const allowed = new Set<string>();
      for (const id of orgs) if (await this.mayManage(actor, id)) allowed.add(id);
      rows = all.filter((s) => allowed.has(s.organisationId));
    }
    return { items: await this.views(rows) };
  }

  async get(actor: Actor, id: string): Promise<Seal> {
    const row = await store.findSeal(this.db, id);
    if (!row || !(await this.mayManage(actor, row.organisationId))) throw sealNotFound(id);
    return (await this.views([row]))[0]!;
  }

  async create(actor: Actor, body: CreateSealBody, requestId?: string): Promise<Seal> {
    if (!(await this.mayManage(actor, body.organisationId))) {
      throw new NotFoundError('organisation-not-found', `no organisation ${body.organisationId}`);
    }
    const id = await this.db.transaction(async (tx) => {
      const sealId = await this.insertNew(tx, body.organisationId, body.name);
      await this.audit(tx, actor, 'certificates.seal.create', sealId, requestId);
      return sealId;
    });
    return this.get(actor, id);
  }

  /** A new active seal with a fresh key pair (the caller's transaction). */
  async insertNew(tx: Executor, organisationId: string, name: string): Promise<string> {
    const pair = generateSm2KeyPair();
    const id = newId();
    try {
      // a savepoint, so a duplicate leaves the caller's transaction usable for the 409
      await tx.transaction(async (sp) => {
        await store.insertSeal(sp, {
          id,
          organisationId,
          name,
          keyId: keyIdOf(pair.publicKey),
          publicKey: pair.publicKey,
          privateKeySealed: this.keyring.seal(pair.privateKey),
          status: 'active',
          validFrom: this.now(),
        });
      });
    } catch (err) {
      if (uniqueViolation(err) === 'seal_one_active_per_organisation') {
        throw new ConflictError(
          'seal-already-active',
          'the organisation has an active seal: rotate it, or revoke it first',
        );
      }
      throw err;
    }
    return id;
  }

  async suspend(actor: Actor, id: string, requestId?: string): Promise<Seal> {
    return this.transition(actor, id, 'certificates.seal.suspend', requestId, async (tx, row) => {
      if (row.status !== 'active') throw notIn(row.status, 'suspended');
      await store.updateSeal(tx, id, { status: 'suspended' });
      return id;
    });
  }

  async resume(actor: Actor, id: string, requestId?: string): Promise<Seal> {
    return this.transition(actor, id, 'certificates.seal.resume', requestId, async (tx, row) => {
      if (row.status !== 'suspended') throw notIn(row.status, 'resumed');
      try {
        await tx.transaction((sp) => store.updateSeal(sp, id, { status: 'active' }));
      } catch (err) {
        if (uniqueViolation(err) === 'seal_one_active_per_organisation') {
          throw new ConflictError(
            'seal-already-active',
            'the organisation has another active seal',
          );
        }
        throw err;
      }
      return id;
    });
  }

  async revoke(actor: Actor, id: string, reason: string, requestId?: string): Promise<Seal> {
    return this.transition(actor, id, 'certificates.seal.revoke', requestId, async (tx, row) => {
      if (row.status !== 'active' && row.status !== 'suspended') {
        throw notIn(row.status, 'revoked');
      }
      await store.updateSeal(tx, id, {
        status: 'revoked',
        validTo: this.now(),
        revokeReason: reason,
      });
      return id;
    });
  }

  /** 轮换: a new key pair takes over; the old seal is retired and stays published. */
  async rotate(actor: Actor, id: string, requestId?: string): Promise<Seal> {
    return this.transition(actor, id, 'certificates.seal.rotate', requestId, async (tx, row) => {
      if (row.status !== 'active' && row.status !== 'suspended') {
        throw notIn(row.status, 'rotated');
      }
      await store.updateSeal(tx, id, { status: 'retired', validTo: this.now() });
      const next = await this.insertNew(tx, row.organisationId, row.name);
      await store.updateSeal(tx, id, { replacedBy: next });
      await this.audit(tx, actor, 'certificates.seal.create', next, requestId);
      return next;
    });
  }

  /** Every seal's public key: what verifiers (and `zhengtong cert verify`) need. Public. */
  async published(): Promise<PublishedSealList> {
    const rows = await store.listSeals(this.db, undefined);
    const names = await this.directory.organisationNames(rows.map((r) => r.organisationId));
    return { items: rows.map((r) => publishedView(r, names.get(r.organisationId) ?? '')) };
  }

  private async transition(
    actor: Actor,
    id: string,
    action: string,
    requestId: string | undefined,
    fn: (tx: Executor, row: store.SealRow) => Promise<string>,
  ): Promise<Seal> {
    const before = await store.findSeal(this.db, id);
    if (!before || !(await this.mayManage(actor, before.organisationId))) throw sealNotFound(id);
    const resultId = await this.db.transaction(async (tx) => {
      const row = await store.lockSeal(tx, id);
      if (!row) throw sealNotFound(id);
      const out = await fn(tx, row);
      await this.audit(tx, actor, action, id, requestId);
      return out;
    });
    return this.get(actor, resultId);
  }

  private async audit(
    tx: Executor,
    actor: Actor,
    action: string,
    sealId: string,
    requestId: string | undefined,
  ) {
    const row = await store.findSeal(tx, sealId);
    await recordAudit(tx, {
      actor,
      action,
      targetType: 'seal',
      targetId: sealId,
      // public facts only: never the private key, sealed or not
      summary: {
        organisationId: row?.organisationId,
        keyId: row?.keyId,
        status: row?.status,
        ...(row?.revokeReason ? { reason: row.revokeReason } : {}),
        ...(row?.replacedBy ? { replacedBy: row.replacedBy } : {}),
      },
      requestId,
    });
  }

  private async views(rows: store.SealRow[]): Promise<Seal[]> {
    const names = await this.directory.organisationNames(rows.map((r) => r.organisationId));
    return rows.map((r) => ({
      id: r.id,
      ...publishedView(r, names.get(r.organisationId) ?? ''),
      revokeReason: r.revokeReason,
      replacedBy: r.replacedBy,
    }));
  }
}

export function publishedView(r: store.SealRow, organisationName: string): PublishedSeal {
  return {
    keyId: r.keyId,
    organisationId: r.organisationId,
    organisationName,
    name: r.name,
    status: r.status,
    publicKeyPem: sm2PublicKeyPem(r.publicKey),
    publicKeyHex: r.publicKey,
    validFrom: r.validFrom.toISOString(),
    validTo: r.validTo ? r.validTo.toISOString() : null,
  };
}

const sealNotFound = (id: string) => new NotFoundError('seal-not-found', `no seal ${id}`);
const notIn = (status: string, wanted: string) =>
  new ConflictError('seal-state', `a seal that is ${status} cannot be ${wanted}`);
