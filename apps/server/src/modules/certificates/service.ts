import type { ValidateFunction } from 'ajv';
import type {
  Certificate,
  CertificateAuthorisation,
  CertificateAuthorisationList,
  CertificatePage,
  CertificateSummary,
  CertificateTypeList,
  CertificateUseList,
  ChangeCertificateBody,
  CreateAuthorisationBody,
  IssueCertificateBody,
  Material,
  ProblemFieldError,
  SignedCertificateFile,
  Verification,
  WalletQuery,
} from '@zhengtong/contracts';
import {
  certificateIdentifierPrefix,
  certificateSerial,
  isValidCreditCode,
  makeCertificateIdentifier,
  maskIdNumber,
  parseCertificateIdentifier,
  parseIdNumber,
} from '@zhengtong/gb';
import { hasScope, type Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import { addCalendarDays, addYears, toShanghaiDate } from '../../kernel/calendar/working-days.js';
import { SM2_DEFAULT_USER_ID, canonicalJson, sm2Sign, sm3 } from '../../kernel/crypto.js';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import type { Sm2Signer } from '../../kernel/sm2-signer.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  UnavailableError,
  UnprocessableError,
} from '../../kernel/errors.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import { newId } from '../../kernel/ids.js';
import { createAjv } from '../../kernel/json-schema.js';
import { identityStore } from '../identity/index.js';
import { CjkFontMissingError, renderCertificatePdf } from './render.js';
import type { SealKeyring } from './seal-keys.js';
import { SealsService, type SealDirectory } from './seals.js';
import { CertificateAuthorisations } from './authorisations.js';
import { CertificateMaterials } from './certificate-materials.js';
import { CertificateVerification, type Payload } from './verification.js';
import * as store from './store.js';

/** The highest 顺序号 of a year (six digits). */
const MAX_SERIAL = 999_999;

export const CERTIFICATE_FORMAT = 'zhengtong-certificate/1';

/** What issuance needs of the directory besides what the seals need. */
export interface CertificatesDirectory extends SealDirectory {
  organisation: (
    id: string,
  ) => Promise<
    | { id: string; name: string; regionCode: string; creditCode: string | null; kind: string }
    | undefined
  >;
}

export interface CertificatesDeps {
  db: Drizzle;
  fieldCrypto: FieldCrypto;
  keyring: SealKeyring;
  /** where signatures are made (kernel.signer: worker threads); inline when absent */
  signer?: Pick<Sm2Signer, 'sign'>;
  directory: CertificatesDirectory;
  /** an application's implementing organisation (an authorisation limited to one application) */
  application?: (id: string) => Promise<{ organisationId: string } | undefined>;
  /** the materials of an implementation list's version in force (免提交 on the apply page) */
  listMaterials?: (listId: string) => Promise<readonly Material[] | undefined>;
  now?: () => Date;
}

/** 签发机关查询: the purpose logged when the issuing organisation's staff read a certificate. */
export const ISSUER_PURPOSE = '签发机关查询';

/** How an actor may read a certificate: as its holder, its issuer or under an authorisation. */
type ReadAccess =
  { as: 'holder' } | { as: 'issuer' } | { as: 'grantee'; authorisation: store.AuthorisationRow };

/** An application whose materials certificates meet (免提交), as the certificates see it. */
export interface ApplicationForCertificates {
  id: string;
  applicationNo: string;
  /** the implementing organisation: the grantee of the authorisations */
  organisationId: string;
  applicantAccountId: string;
  /** the enterprise applied for, or null for a person applying for themselves */
  enterpriseId: string | null;
}

/** The holder of a certificate to issue, as the issuer knows them. */
export type HolderInput =
  | { kind: 'person'; accountId: string | null; name: string; idNumber: string }
  | { kind: 'enterprise'; enterpriseId: string | null; name: string; creditCode: string };

export interface IssueInput {
  actor: Actor;
  typeCode: string;
  issuerOrganisationId: string;
  holder: HolderInput;
  data: Record<string, unknown>;
  validFrom?: string | undefined;
  /** undefined: from the type's validity; null: does not expire */
  validTo?: string | null | undefined;
  /** the application whose completion issues it: issuing twice answers the first */
  applicationId?: string | undefined;
  /** a change (变更): the certificate this one replaces (marked superseded here) */
  supersedes?: store.CertificateRow | undefined;
  requestId?: string | undefined;
  /** JSON-pointer prefix of `data` in problems (e.g. /body/data) */
  dataPath?: string;
}

/**
 * 电子证照: the type catalogue, issuance (签发) with the issuing organisation's seal, the
 * holder's wallet, public verification, revocation (注销/吊销) and change (变更).
 */
export class CertificatesService {
  readonly seals: SealsService;
  private readonly db: Drizzle;
  readonly now: () => Date;
  private readonly ajv = createAjv({ allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  /**
   * What issue() knew of the rows it made (type and issuer names, seal, data): view() builds a
   * just-issued certificate from them instead of reading back what was written a moment ago.
   * Keyed by the row object, so it lives as long as the row does and no longer.
   */
  private readonly justIssued = new WeakMap<store.CertificateRow, IssuedFacts>();

  private readonly verification: CertificateVerification;
  private readonly lending: CertificateAuthorisations;

  constructor(private readonly deps: CertificatesDeps) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
    this.seals = new SealsService(deps.db, deps.keyring, deps.directory, this.now);
    this.verification = new CertificateVerification({
      db: deps.db,
      fieldCrypto: deps.fieldCrypto,
      directory: deps.directory,
      today: () => this.today(),
    });
    this.lending = new CertificateAuthorisations({
      db: deps.db,
      directory: deps.directory,
      ...(deps.application ? { application: deps.application } : {}),
      now: this.now,
      held: (actor, id) => this.held(actor, id),
    });
  }

  /** The catalogue is public: anyone may learn which certificates exist. */
  async listTypes(_actor: Actor): Promise<CertificateTypeList> {
    return { items: await store.listCertificateTypes(this.db) };
  }

  /** Which of these type codes exist (for other modules' checks). */
  existingTypeCodes(codes: string[]): Promise<Set<string>> {
    return store.existingTypeCodes(this.db, [...new Set(codes)]);
  }

  today(): string {
    return toShanghaiDate(this.now());
  }

  // -------------------------------------------------------------------------------------------
  // Issuance

  /** The type, or a 422 naming it. */
  async typeOf(tx: Executor, code: string): Promise<store.CertificateTypeRow> {
    const type = await store.findCertificateType(tx, code);
    if (!type) {
      throw new UnprocessableError('certificate-type-unknown', `no certificate type ${code}`, [
        { path: '/body/typeCode', message: `无此证照类型：${code}` },
      ]);
    }
    return type;
  }

  /** Problems of `data` against the type's data schema (照面信息), as JSON pointers. */
  dataProblems(
    type: store.CertificateTypeRow,
    data: unknown,
    at = '/body/data',
  ): ProblemFieldError[] {
    const key = JSON.stringify(type.dataSchema);
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(type.dataSchema);
      this.validators.set(key, validate);
    }
    if (validate(data)) return [];
    const errors = validate.errors ?? [];
    // anyOf lists every branch's misses; name each missing property once
    const seen = new Set<string>();
    return errors
      .filter((e) => e.keyword !== 'anyOf')
      .map((e) => {
        const missing = (e.params as { missingProperty?: string }).missingProperty;
        const path = `${at}${e.instancePath}${missing ? `/${missing}` : ''}`;
        const properties = type.dataSchema.properties as
          Record<string, { title?: string }> | undefined;
        const title = missing ? (properties?.[missing]?.title ?? missing) : undefined;
        return { path, message: missing ? `缺少${title}` : (e.message ?? 'invalid') };
      })
      .filter((p) => (seen.has(p.path) ? false : (seen.add(p.path), true)));
  }

  /**
   * Issues (签发) a certificate in the caller's transaction: numbered, signed with the issuing
   * organisation's active seal, sealed at rest, announced (certificate.issued) and audited.
   */
  async issue(tx: Executor, input: IssueInput): Promise<store.CertificateRow> {
    if (input.applicationId) {
      await store.lockApplicationIssue(tx, input.applicationId);
      const existing = await store.findByApplication(tx, input.applicationId);
      if (existing) return existing;
    }
    const type = await this.typeOf(tx, input.typeCode);
    const problems = this.dataProblems(type, input.data, input.dataPath);
    if (problems.length > 0) {
      throw new UnprocessableError(
        'certificate-data-invalid',
        `the data does not make a complete ${type.name}`,
        problems,
      );
    }
    const organisation = await this.deps.directory.organisation(input.issuerOrganisationId);
    if (!organisation) {
      throw new UnprocessableError(
        'issuer-unknown',
        `no organisation ${input.issuerOrganisationId}`,
      );
    }
    const seal = await store.activeSealOf(tx, organisation.id);
    if (!seal) {
      throw new ConflictError(
        'no-active-seal',
        `${organisation.name} has no active seal (电子印章) to sign certificates with`,
      );
    }
    const privateKey = this.deps.keyring.unseal(seal.privateKeySealed, seal.publicKey);

    const holder = this.holderFacts(input.holder);
    const issuedAt = this.now();
    const today = toShanghaiDate(issuedAt);
    const validFrom = input.validFrom ?? today;
    const validTo =
      input.validTo !== undefined
        ? input.validTo
        : type.validityYears
          ? addCalendarDays(addYears(validFrom, type.validityYears), -1)
          : null;
    if (validTo !== null && validTo < validFrom) {
      throw new UnprocessableError('validity-invalid', 'validTo is before validFrom', [
        { path: '/body/validTo', message: '有效期截止日期早于起始日期' },
      ]);
    }
    const previous = input.supersedes;
    const identifier = previous
      ? nextVersion(previous.identifier)
      : await this.nextIdentifier(
          tx,
          type.code,
          organisation.creditCode ?? organisation.regionCode,
          today,
        );

    const payload: Payload = {
      format: CERTIFICATE_FORMAT,
      identifier,
      type: { code: type.code, name: type.name },
      holder: { kind: input.holder.kind, name: input.holder.name, id: holder.id },
      issuer: { organisationId: organisation.id, name: organisation.name, keyId: seal.keyId },
      validFrom,
      validTo,
      issuedAt: issuedAt.toISOString(),
      version: previous ? previous.version + 1 : 1,
      supersedes: previous?.identifier ?? null,
      data: input.data,
    };
    const text = canonicalJson(payload);
    const signature = this.deps.signer
      ? await this.deps.signer.sign(text, privateKey, seal.publicKey)
      : sm2Sign(text, privateKey, seal.publicKey);
    const id = newId();
    const row: store.CertificateRow = {
      id,
      identifier,
      typeCode: type.code,
      holderKind: input.holder.kind,
      holderAccountId: input.holder.kind === 'person' ? input.holder.accountId : null,
      enterpriseId: input.holder.kind === 'enterprise' ? input.holder.enterpriseId : null,
      holderName: input.holder.name,
      holderIdHash: holder.hash,
      holderIdMasked: holder.masked,
      issuerOrganisationId: organisation.id,
      sealId: seal.id,
      payloadSealed: this.deps.fieldCrypto.encrypt(text),
      digest: sm3(text).toString('hex'),
      signature,
      status: 'valid',
      validFrom,
      validTo,
      applicationId: input.applicationId ?? null,
      supersedes: previous?.id ?? null,
      version: payload.version,
      issuedAt,
      revokedAt: null,
      revokeReason: null,
      createdAt: issuedAt,
      updatedAt: issuedAt,
    };
    if (previous) await store.updateCertificate(tx, previous.id, { status: 'superseded' });
    await store.insertCertificate(tx, row);
    await publishEvent(
      tx,
      'certificate.issued',
      {
        certificateId: id,
        identifier,
        typeCode: type.code,
        issuerOrganisationId: organisation.id,
        holderKind: input.holder.kind,
        holderAccountId: row.holderAccountId,
        enterpriseId: row.enterpriseId,
        applicationId: row.applicationId,
        supersedes: row.supersedes,
      },
      input.requestId,
    );
    await recordAudit(tx, {
      actor: input.actor,
      action: previous ? 'certificates.change' : 'certificates.issue',
      targetType: 'certificate',
      targetId: id,
      summary: {
        identifier,
        typeCode: type.code,
        holderIdMasked: holder.masked,
        keyId: seal.keyId,
        ...(previous ? { supersedes: previous.identifier } : {}),
        ...(row.applicationId ? { applicationId: row.applicationId } : {}),
      },
      requestId: input.requestId,
    });
    this.justIssued.set(row, {
      typeName: type.name,
      issuerName: organisation.name,
      keyId: seal.keyId,
      data: input.data,
    });
    return row;
  }

  private holderFacts(holder: HolderInput): { id: string; hash: string; masked: string } {
    if (holder.kind === 'person') {
      const id = holder.idNumber.toUpperCase();
      return { id, hash: this.deps.fieldCrypto.lookupHash(id), masked: maskIdNumber(id) };
    }
    const id = holder.creditCode.toUpperCase();
    return {
      id,
      hash: this.deps.fieldCrypto.lookupHash(id),
      masked: `${id.slice(0, 8)}******${id.slice(-4)}`,
    };
  }

  /** 顺序号: six digits a year per type and issuer (see packages/gb certificate-identifier). */
  private async nextIdentifier(
    tx: Executor,
    typeCode: string,
    issuer: string,
    today: string,
  ): Promise<string> {
    const year = Number(today.slice(0, 4));
    const prefix = `${certificateIdentifierPrefix(typeCode, issuer)}${certificateSerial(year, 0).slice(0, 4)}`;
    const sequence = await store.nextSerial(tx, prefix, MAX_SERIAL, async (p) => {
      const max = await store.maxIdentifier(tx, p);
      const last = max ? parseCertificateIdentifier(max) : undefined;
      return last?.ok ? last.value.sequence : 0;
    });
    if (sequence === undefined) {
      throw new ConflictError('identifier-exhausted', 'no sequence left for this type this year');
    }
    return makeCertificateIdentifier({ typeCode, issuer, year, sequence, version: 1 });
  }

  /** POST /certificates: a department system (or its issuing staff) issues one. */
  async issueByApi(actor: Actor, body: IssueCertificateBody, requestId?: string) {
    if (actor.kind === 'anonymous') throw new UnauthenticatedError('unauthenticated', 'sign in');
    // a department system: client-credentials token with the scope, for its own organisation
    if (actor.kind === 'client') {
      if (!hasScope(actor, 'certificates:issue')) {
        throw new ForbiddenError('insufficient-scope', 'the token lacks scope certificates:issue');
      }
      if (actor.organisationId !== body.issuerOrganisationId) {
        throw new ForbiddenError(
          'wrong-issuer',
          'this client issues only for the organisation it is registered for',
        );
      }
    }
    const allowed =
      actor.kind === 'client' ||
      actor.kind === 'system' ||
      (actor.kind === 'staff' &&
        actor.organisationId === body.issuerOrganisationId &&
        actor.roles.includes('approver'));
    if (!allowed) {
      throw new ForbiddenError('not-issuer', 'only the issuing organisation’s approvers issue');
    }
    const holder = await this.holderFromNumbers(body.holder);
    const row = await this.db.transaction((tx) =>
      this.issue(tx, {
        actor,
        typeCode: body.typeCode,
        issuerOrganisationId: body.issuerOrganisationId,
        holder,
        data: body.data,
        validFrom: body.validFrom,
        validTo: body.validTo,
        requestId,
      }),
    );
    return this.view(row);
  }

  private async holderFromNumbers(h: IssueCertificateBody['holder']): Promise<HolderInput> {
    if (h.kind === 'person') {
      const parsed = parseIdNumber(h.idNumber ?? '');
      if (!parsed.ok) {
        throw new UnprocessableError('id-number-invalid', 'not a valid ID number', [
          { path: '/body/holder/idNumber', message: '公民身份号码无效' },
        ]);
      }
      const idNumber = parsed.value.idNumber;
      const accountId = await identityStore.findPersonIdByHash(
        this.db,
        'idNumber',
        this.deps.fieldCrypto.lookupHash(idNumber),
      );
      return { kind: 'person', accountId: accountId ?? null, name: h.name, idNumber };
    }
    const creditCode = (h.creditCode ?? '').toUpperCase();
    if (!isValidCreditCode(creditCode)) {
      throw new UnprocessableError('credit-code-invalid', 'not a valid credit code', [
        { path: '/body/holder/creditCode', message: '统一社会信用代码无效' },
      ]);
    }
    const enterprise = await identityStore.findEnterpriseByCreditCode(this.db, creditCode);
    return { kind: 'enterprise', enterpriseId: enterprise?.id ?? null, name: h.name, creditCode };
  }

  /** A person account's holder facts (for the workflow action and the wallet). */
  async personHolder(tx: Executor, accountId: string): Promise<HolderInput | undefined> {
    const profile = await identityStore.findPersonProfile(tx, accountId);
    if (!profile) return undefined;
    return {
      kind: 'person',
      accountId,
      name: profile.name,
      idNumber: this.deps.fieldCrypto.decrypt(profile.idNumberCipher),
    };
  }

  /** The enterprise `personAccountId` acts for, as a holder. */
  async enterpriseHolder(
    tx: Executor,
    personAccountId: string,
    enterpriseId: string,
  ): Promise<HolderInput | undefined> {
    const e = await identityStore.findActingEnterprise(tx, personAccountId, enterpriseId);
    if (!e) return undefined;
    return { kind: 'enterprise', enterpriseId: e.id, name: e.name, creditCode: e.creditCode };
  }

  /** The holder's valid certificate of a type, if any (newest first). */
  async currentOf(
    tx: Executor,
    holder: HolderInput,
    typeCode: string,
  ): Promise<store.CertificateRow | undefined> {
    const facts = this.holderFacts(holder);
    const rows = await store.listWallet(tx, {
      ...(holder.kind === 'person'
        ? { person: { accountId: holder.accountId ?? '', idNumberHash: facts.hash } }
        : {
            enterprise: {
              enterpriseId: holder.enterpriseId ?? '00000000-0000-0000-0000-000000000000',
              creditCodeHash: facts.hash,
            },
          }),
      state: 'valid',
      today: this.today(),
    });
    return rows.find((r) => r.typeCode === typeCode);
  }

  /** The signed payload's data items of a stored certificate (for a change). */
  dataOf(row: store.CertificateRow): Record<string, unknown> {
    return this.verification.openPayload(row)?.data ?? {};
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  /**
   * A certificate for its holder, the issuing organisation's staff, or the staff of a department
   * the holder authorised (用证授权: `summary` hides the data items). Every read by someone other
   * than the holder is logged as a use (用证记录) in the same request.
   */
  async get(actor: Actor, id: string): Promise<Certificate> {
    const row = await store.findCertificate(this.db, id);
    const access = row ? await this.access(actor, row) : undefined;
    if (!row || !access) throw notFound(id);
    const view = scoped(await this.view(row), access);
    await this.logUse(actor, row, access);
    return view;
  }

  /**
   * The printable PDF (same readers as `get`), with the QR code pointing at the public
   * verification page. Without a CJK font it is a 503 `cjk-font-missing`: the installation
   * lacks a font, the request is fine.
   */
  async pdf(
    actor: Actor,
    id: string,
    options: { publicUrl: string; fontPath?: string | undefined },
  ): Promise<{ identifier: string; pdf: Buffer }> {
    const row = await store.findCertificate(this.db, id);
    const access = row ? await this.access(actor, row) : undefined;
    if (!row || !access) throw notFound(id);
    const [view, seal, type] = await Promise.all([
      this.view(row),
      store.findSeal(this.db, row.sealId),
      store.findCertificateType(this.db, row.typeCode),
    ]);
    const properties = (type?.dataSchema.properties ?? {}) as Record<string, { title?: unknown }>;
    const titles = Object.fromEntries(
      Object.entries(properties).flatMap(([key, p]) =>
        typeof p?.title === 'string' ? [[key, p.title]] : [],
      ),
    );
    let pdf: Buffer;
    try {
      pdf = await renderCertificatePdf({
        certificate: scoped(view, access),
        verifyUrl: `${options.publicUrl}/verify/${encodeURIComponent(row.identifier)}`,
        sealName: seal?.name ?? '',
        fontPath: options.fontPath,
        titles,
      });
    } catch (e) {
      if (e instanceof CjkFontMissingError) throw new UnavailableError(e.code, e.message);
      throw e;
    }
    await this.logUse(actor, row, access);
    return { identifier: row.identifier, pdf };
  }

  /** How the actor may read the certificate, if at all. */
  private async access(actor: Actor, row: store.CertificateRow): Promise<ReadAccess | undefined> {
    if (actor.kind === 'anonymous') throw new UnauthenticatedError('unauthenticated', 'sign in');
    if (actor.kind === 'staff') {
      if (!actor.organisationId) return undefined;
      if (actor.organisationId === row.issuerOrganisationId) return { as: 'issuer' };
      const [authorisation] = await store.activeAuthorisations(this.db, {
        certificateId: row.id,
        organisationId: actor.organisationId,
        now: this.now(),
      });
      return authorisation ? { as: 'grantee', authorisation } : undefined;
    }
    return (await this.mayRead(actor, row, { staff: false })) ? { as: 'holder' } : undefined;
  }

  /** 用证记录: a read by someone other than the holder. */
  /** (also for certificate-materials.ts) */
  async logUse(
    actor: Actor,
    row: store.CertificateRow,
    access: ReadAccess,
    db: Executor = this.db,
  ): Promise<void> {
    if (access.as === 'holder') return;
    const authorisation = access.as === 'grantee' ? access.authorisation : undefined;
    await store.insertUse(db, {
      id: newId(),
      certificateId: row.id,
      authorisationId: authorisation?.id ?? null,
      actorId: actor.id,
      organisationId: actor.organisationId ?? null,
      applicationId: authorisation?.applicationId ?? null,
      purpose: authorisation?.purpose ?? ISSUER_PURPOSE,
      at: this.now(),
    });
  }

  /** The certificate if the actor holds it (the person, or for an enterprise who may see its). */
  private async held(actor: Actor, id: string): Promise<store.CertificateRow> {
    const row = await store.findCertificate(this.db, id);
    if (!row || !(await this.mayRead(actor, row, { staff: false }))) throw notFound(id);
    return row;
  }

  // -------------------------------------------------------------------------------------------
  // 用证授权 and 用证记录: see authorisations.ts

  authorisations(actor: Actor, id: string): Promise<CertificateAuthorisationList> {
    return this.lending.authorisations(actor, id);
  }

  authorise(
    actor: Actor,
    id: string,
    body: CreateAuthorisationBody,
    requestId?: string,
  ): Promise<CertificateAuthorisation> {
    return this.lending.authorise(actor, id, body, requestId);
  }

  /** (also for certificate-materials.ts) */
  grant(...args: Parameters<CertificateAuthorisations['grant']>) {
    return this.lending.grant(...args);
  }

  withdrawAuthorisation(
    actor: Actor,
    id: string,
    authorisationId: string,
    requestId?: string,
  ): Promise<CertificateAuthorisation> {
    return this.lending.withdrawAuthorisation(actor, id, authorisationId, requestId);
  }

  uses(actor: Actor, id: string): Promise<CertificateUseList> {
    return this.lending.uses(actor, id);
  }

  // -------------------------------------------------------------------------------------------
  // 免提交: see certificate-materials.ts

  private get materials() {
    return (this.materialsPart ??= new CertificateMaterials(this, this.deps));
  }
  private materialsPart: CertificateMaterials | undefined;

  forList(...args: Parameters<CertificateMaterials['forList']>) {
    return this.materials.forList(...args);
  }

  attachToApplication(...args: Parameters<CertificateMaterials['attachToApplication']>) {
    return this.materials.attachToApplication(...args);
  }

  applicationMaterials(...args: Parameters<CertificateMaterials['applicationMaterials']>) {
    return this.materials.applicationMaterials(...args);
  }

  async file(actor: Actor, id: string): Promise<SignedCertificateFile> {
    const row = await store.findCertificate(this.db, id);
    if (!row || !(await this.mayRead(actor, row, { staff: false }))) throw notFound(id);
    const seal = await store.findSeal(this.db, row.sealId);
    return {
      format: CERTIFICATE_FORMAT,
      identifier: row.identifier,
      payload: this.deps.fieldCrypto.decrypt(row.payloadSealed),
      signature: signatureOf(row, seal),
    };
  }

  /** 我的证照: the person's own, or an enterprise's they represent or are an agent for. */
  async mine(actor: Actor, query: WalletQuery): Promise<CertificatePage> {
    if (actor.kind === 'anonymous') throw new UnauthenticatedError('unauthenticated', 'sign in');
    if (actor.accountKind !== 'person') {
      throw new ForbiddenError('not-a-person', 'a wallet belongs to a person or an enterprise');
    }
    const today = this.today();
    let rows: store.CertificateRow[];
    if (query.enterpriseId) {
      const e = await this.readableEnterprise(actor, query.enterpriseId);
      if (!e)
        throw new NotFoundError('enterprise-not-found', `no enterprise ${query.enterpriseId}`);
      rows = await store.listWallet(this.db, {
        enterprise: {
          enterpriseId: e.id,
          creditCodeHash: this.deps.fieldCrypto.lookupHash(e.creditCode),
        },
        ...(query.state ? { state: query.state } : {}),
        today,
      });
    } else {
      const profile = await identityStore.findPersonProfile(this.db, actor.id);
      rows = await store.listWallet(this.db, {
        person: { accountId: actor.id, idNumberHash: profile?.idNumberHash },
        ...(query.state ? { state: query.state } : {}),
        today,
      });
    }
    const items = await this.summaries(rows);
    return { items, total: items.length };
  }

  /** An enterprise the person may see the certificates of (legal rep, or viewCertificates). */
  private async readableEnterprise(actor: Actor, enterpriseId: string) {
    const e = await identityStore.findActingEnterprise(this.db, actor.id, enterpriseId);
    if (!e) return undefined;
    const ok =
      e.relation === 'legalRepresentative' ||
      e.scope.includes('*') ||
      e.scope.includes('viewCertificates');
    return ok ? e : undefined;
  }

  private async mayRead(
    actor: Actor,
    row: store.CertificateRow,
    options: { staff: boolean },
  ): Promise<boolean> {
    if (actor.kind === 'anonymous') throw new UnauthenticatedError('unauthenticated', 'sign in');
    if (options.staff && actor.kind === 'staff') {
      return actor.organisationId === row.issuerOrganisationId;
    }
    if (actor.accountKind !== 'person') return false;
    if (row.holderKind === 'person') {
      if (row.holderAccountId === actor.id) return true;
      const profile = await identityStore.findPersonProfile(this.db, actor.id);
      return profile !== undefined && profile.idNumberHash === row.holderIdHash;
    }
    const all = await identityStore.listActingEnterprises(this.db, actor.id);
    return all.some(
      (e) =>
        (e.id === row.enterpriseId ||
          this.deps.fieldCrypto.lookupHash(e.creditCode) === row.holderIdHash) &&
        (e.relation === 'legalRepresentative' ||
          e.scope.includes('*') ||
          e.scope.includes('viewCertificates')),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Verification: see verification.ts

  /** GET /verify/{identifier}: public, and says only what the face of a certificate says. */
  verify(identifier: string): Promise<Verification> {
    return this.verification.verify(identifier);
  }

  // -------------------------------------------------------------------------------------------
  // Revocation and change

  private async mayAdminister(actor: Actor, row: store.CertificateRow): Promise<boolean> {
    if (actor.kind === 'anonymous') throw new UnauthenticatedError('unauthenticated', 'sign in');
    if (actor.kind === 'system') return true;
    if (actor.kind !== 'staff' || actor.organisationId !== row.issuerOrganisationId) {
      // the holder may read it, but learns nothing about who may revoke
      if (await this.mayRead(actor, row, { staff: false })) {
        throw new ForbiddenError('not-issuer', 'only the issuing organisation revokes or changes');
      }
      return false;
    }
    if (actor.roles.includes('approver') || actor.roles.includes('departmentAdmin')) return true;
    throw new ForbiddenError('not-issuer', 'approvers and the department admin revoke or change');
  }

  async revoke(actor: Actor, id: string, reason: string, requestId?: string): Promise<Certificate> {
    const found = await store.findCertificate(this.db, id);
    if (!found || !(await this.mayAdminister(actor, found))) throw notFound(id);
    await this.db.transaction(async (tx) => {
      const row = await store.lockCertificate(tx, id);
      if (!row) throw notFound(id);
      if (row.status !== 'valid') {
        throw new ConflictError(
          'certificate-state',
          `a ${row.status} certificate cannot be revoked`,
        );
      }
      await store.updateCertificate(tx, id, {
        status: 'revoked',
        revokedAt: this.now(),
        revokeReason: reason,
      });
      await publishEvent(
        tx,
        'certificate.revoked',
        { certificateId: id, identifier: row.identifier, reason },
        requestId,
      );
      await recordAudit(tx, {
        actor,
        action: 'certificates.revoke',
        targetType: 'certificate',
        targetId: id,
        summary: { identifier: row.identifier, reason },
        requestId,
      });
    });
    // the issuer's own change, not a read to log as a use
    const revoked = await store.findCertificate(this.db, id);
    if (!revoked) throw notFound(id);
    return this.view(revoked);
  }

  /** 变更: a new version with the changed data replaces the certificate, in one transaction. */
  async change(
    actor: Actor,
    id: string,
    body: ChangeCertificateBody,
    requestId?: string,
  ): Promise<Certificate> {
    const found = await store.findCertificate(this.db, id);
    if (!found || !(await this.mayAdminister(actor, found))) throw notFound(id);
    const next = await this.db.transaction(async (tx) => {
      const row = await store.lockCertificate(tx, id);
      if (!row) throw notFound(id);
      if (row.status !== 'valid') {
        throw new ConflictError(
          'certificate-state',
          `a ${row.status} certificate cannot be changed`,
        );
      }
      const payload = this.verification.openPayload(row);
      if (!payload)
        throw new ConflictError('certificate-tampered', 'the certificate does not open');
      const holder: HolderInput =
        row.holderKind === 'person'
          ? {
              kind: 'person',
              accountId: row.holderAccountId,
              name: row.holderName,
              idNumber: payload.holder.id,
            }
          : {
              kind: 'enterprise',
              enterpriseId: row.enterpriseId,
              name: row.holderName,
              creditCode: payload.holder.id,
            };
      const issued = await this.issue(tx, {
        actor,
        typeCode: row.typeCode,
        issuerOrganisationId: row.issuerOrganisationId,
        holder,
        // the changed items over the current ones
        data: { ...payload.data, ...body.data },
        validFrom: this.today(),
        validTo: row.validTo,
        supersedes: row,
        requestId,
      });
      await recordAudit(tx, {
        actor,
        action: 'certificates.supersede',
        targetType: 'certificate',
        targetId: row.id,
        summary: {
          identifier: row.identifier,
          supersededBy: issued.identifier,
          reason: body.reason,
        },
        requestId,
      });
      return issued;
    });
    return this.view(next);
  }

  // -------------------------------------------------------------------------------------------
  // Views

  private stateOf(row: store.CertificateRow): CertificateSummary['state'] {
    if (row.status !== 'valid') return row.status;
    return row.validTo !== null && row.validTo < this.today() ? 'expired' : 'valid';
  }

  /** (also for certificate-materials.ts) */
  async summaries(rows: store.CertificateRow[]): Promise<CertificateSummary[]> {
    const [orgs, types] = await Promise.all([
      this.deps.directory.organisationNames(rows.map((r) => r.issuerOrganisationId)),
      store.typeNames(
        this.db,
        rows.map((r) => r.typeCode),
      ),
    ]);
    return rows.map((r) =>
      this.summaryOf(r, types.get(r.typeCode) ?? '', orgs.get(r.issuerOrganisationId) ?? ''),
    );
  }

  private summaryOf(
    r: store.CertificateRow,
    typeName: string,
    issuerName: string,
  ): CertificateSummary {
    return {
      id: r.id,
      identifier: r.identifier,
      typeCode: r.typeCode,
      typeName,
      holderKind: r.holderKind,
      holderName: r.holderName,
      holderIdMasked: r.holderIdMasked,
      issuerOrganisationId: r.issuerOrganisationId,
      issuerName,
      state: this.stateOf(r),
      validFrom: r.validFrom,
      validTo: r.validTo,
      issuedAt: r.issuedAt.toISOString(),
      version: r.version,
    };
  }

  async view(row: store.CertificateRow): Promise<Certificate> {
    const issued = this.justIssued.get(row);
    if (issued) return this.issuedView(row, issued);
    const [summary] = await this.summaries([row]);
    const [seal, next] = await Promise.all([
      store.findSeal(this.db, row.sealId),
      store.findSuccessor(this.db, row.id),
    ]);
    return this.fullView(
      summary!,
      row,
      this.verification.openPayload(row)?.data ?? {},
      seal,
      next?.id ?? null,
    );
  }

  /** A certificate issue() has just made: nothing succeeds it yet, and the rest is known. */
  private issuedView(row: store.CertificateRow, issued: IssuedFacts): Certificate {
    const summary = this.summaryOf(row, issued.typeName, issued.issuerName);
    return this.fullView(summary, row, issued.data, { keyId: issued.keyId }, null);
  }

  private fullView(
    summary: CertificateSummary,
    row: store.CertificateRow,
    data: Record<string, unknown>,
    seal: Pick<store.SealRow, 'keyId'> | undefined,
    supersededBy: string | null,
  ): Certificate {
    return {
      ...summary,
      data,
      applicationId: row.applicationId,
      supersedes: row.supersedes,
      supersededBy,
      revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
      revokeReason: row.revokeReason,
      signature: signatureOf(row, seal),
    };
  }
}

/** What issue() knew of a certificate it made (see CertificatesService.justIssued). */
interface IssuedFacts {
  typeName: string;
  issuerName: string;
  keyId: string;
  data: Record<string, unknown>;
}

function signatureOf(row: store.CertificateRow, seal: Pick<store.SealRow, 'keyId'> | undefined) {
  return {
    algorithm: 'SM2-with-SM3' as const,
    signerId: SM2_DEFAULT_USER_ID,
    keyId: seal?.keyId ?? '',
    digest: row.digest,
    value: row.signature,
  };
}

/** A verification status as the applicant reads it in a 422. */
export const STATUS_TEXT: Record<Verification['status'], string> = {
  valid: '有效',
  expired: '已过期',
  revoked: '已注销',
  tampered: '签名无效',
  unknown: '无此证照',
};

/** What an authorisation of `summary` scope shows: the face without the data items. */
function scoped(view: Certificate, access: ReadAccess): Certificate {
  return access.as === 'grantee' && access.authorisation.scope === 'summary'
    ? { ...view, data: {} }
    : view;
}

const notFound = (id: string) => new NotFoundError('certificate-not-found', `no certificate ${id}`);

/** The same serial with the next version (变更 keeps the number, counts the version up). */
function nextVersion(identifier: string): string {
  const parsed = parseCertificateIdentifier(identifier);
  if (!parsed.ok) throw new ConflictError('identifier-invalid', `bad identifier ${identifier}`);
  const { identifier: _ignored, ...parts } = parsed.value;
  return makeCertificateIdentifier({ ...parts, version: parts.version + 1 });
}
