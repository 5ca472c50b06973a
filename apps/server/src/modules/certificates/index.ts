import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Material } from '@zhengtong/contracts';
import { anonymousActor } from '../../kernel/actor.js';
import type { Kernel } from '../../kernel/context.js';
import type { Executor } from '../../kernel/db/database.js';
import { findApplication } from '../applications/index.js';
import { DirectoryService, regionSubtreeCodes } from '../directory/index.js';
import { ISSUE_CERTIFICATE_ACTION, issueCertificateAction } from './issue-action.js';
import { REFERENCE_CERTIFICATE_TYPES } from './reference-certificate-types.js';
import { certificatesRoutes } from './routes.js';
import { SealKeyring } from './seal-keys.js';
import { CertificatesService, type CertificatesDirectory } from './service.js';
import { existingTypeCodes, findCertificate, insertMissingTypes, typeNames } from './store.js';

export {
  CertificatesService,
  CERTIFICATE_FORMAT,
  ISSUER_PURPOSE,
  type ApplicationForCertificates,
} from './service.js';
export { REFERENCE_CERTIFICATE_TYPES } from './reference-certificate-types.js';
export { ISSUE_CERTIFICATE_ACTION } from './issue-action.js';
export { seedDemoSeals } from './demo-seals.js';
export {
  parseSealList,
  parseSignedFile,
  verifyOffline,
  type OfflineVerdict,
} from './offline-verify.js';

declare module 'fastify' {
  interface FastifyInstance {
    certificates: CertificatesService;
  }
}

/** Loads the national certificate types that are missing (reference data, every installation). */
export function loadReferenceCertificateTypes(db: Executor): Promise<number> {
  return insertMissingTypes(db, REFERENCE_CERTIFICATE_TYPES);
}

/** The type-code check the catalogue needs, without the rest of the module (seeding). */
export const certificateTypeLookup = (db: Executor) => ({
  existingTypeCodes: (codes: string[]) => existingTypeCodes(db, [...new Set(codes)]),
});

/** What a message about an issued certificate tells (narrow read for the messaging module). */
export interface CertificateNoticeFacts {
  id: string;
  identifier: string;
  typeName: string;
  holderKind: 'person' | 'enterprise';
  holderAccountId: string | null;
  enterpriseId: string | null;
  holderName: string;
  issuerOrganisationId: string;
  validTo: string | null;
}

export async function findCertificateNoticeFacts(
  db: Executor,
  id: string,
): Promise<CertificateNoticeFacts | undefined> {
  const row = await findCertificate(db, id);
  if (!row) return undefined;
  const names = await typeNames(db, [row.typeCode]);
  return {
    id: row.id,
    identifier: row.identifier,
    typeName: names.get(row.typeCode) ?? row.typeCode,
    holderKind: row.holderKind,
    holderAccountId: row.holderAccountId,
    enterpriseId: row.enterpriseId,
    holderName: row.holderName,
    issuerOrganisationId: row.issuerOrganisationId,
    validTo: row.validTo,
  };
}

/** Demo mode or the embedded database: the seal master key may be generated into the data dir. */
export const mayGenerateSealKey = (kernel: Kernel): boolean =>
  kernel.config.demo || kernel.config.databaseUrl === undefined;

/** The certificates service over the kernel (the module, and the demo seed before the app). */
export function createCertificatesService(
  kernel: Kernel,
  options: {
    mayGenerateKey: boolean;
    /** the materials of a list in force (the catalogue, once the app has it) */
    listMaterials?: (listId: string) => Promise<readonly Material[] | undefined>;
  },
): CertificatesService {
  const db = kernel.db.orm;
  const directory = new DirectoryService(db);
  const lookup: CertificatesDirectory = {
    organisation: async (id) => (await directory.findOrganisationsByIds([id]))[0],
    organisationNames: async (ids) =>
      new Map((await directory.findOrganisationsByIds(ids)).map((o) => [o.id, o.name])),
    regionSubtree: (root) => regionSubtreeCodes(db, root),
  };
  return new CertificatesService({
    db,
    fieldCrypto: kernel.fieldCrypto,
    signer: kernel.signer,
    keyring: new SealKeyring({
      dataDir: kernel.config.dataDir,
      configured: kernel.config.sealMasterKey,
      mayGenerate: options.mayGenerateKey,
    }),
    directory: lookup,
    application: (id) => findApplication(db, id),
    ...(options.listMaterials ? { listMaterials: options.listMaterials } : {}),
  });
}

/**
 * 电子证照 and 电子印章: the type catalogue, seals, issuance (also as the workflow action
 * issueCertificate), the wallet, verification, revocation and change.
 */
export const certificatesModule = fp(
  async (app: FastifyInstance) => {
    const { kernel } = app;
    const service = createCertificatesService(kernel, {
      mayGenerateKey: mayGenerateSealKey(kernel),
      // the catalogue is registered after this module; it is there when a request comes
      listMaterials: async (listId) => {
        const list = await app.catalog.getList(anonymousActor, listId).catch(() => undefined);
        return list?.published?.elements.materials;
      },
    });
    if (!kernel.config.sealMasterKey && !mayGenerateSealKey(kernel)) {
      app.log.warn(
        'ZT_SEAL_MASTER_KEY is not set on a server database: seals cannot be created and ' +
          'certificates cannot be issued until it is',
      );
    }
    app.decorate('certificates', service);
    app.workflow.engine.registerAction(
      ISSUE_CERTIFICATE_ACTION,
      issueCertificateAction({
        certificates: service,
        fieldCrypto: kernel.fieldCrypto,
        application: (tx, id) => findApplication(tx, id),
        // the catalogue is registered after this module; it is there when a process runs
        result: async (versionId) => (await app.catalog.getVersion(versionId))?.elements.result,
      }),
    );
    await app.register(certificatesRoutes, {
      prefix: '/api/v1/certificates',
      service,
      pdf: { publicUrl: kernel.config.publicUrl, fontPath: kernel.config.cjkFont },
      typeDetail: async (code) => {
        const type = (await service.listTypes(anonymousActor)).items.find((t) => t.code === code);
        if (!type) return undefined;
        const lists = await app.catalog.listsIssuingCertificate(code);
        const names = await app.directory.findOrganisationsByIds(
          lists.map((l) => l.organisationId),
        );
        const nameOf = new Map(names.map((o) => [o.id, o.name]));
        return {
          ...type,
          issuingLists: lists.map((l) => ({
            ...l,
            organisationName: nameOf.get(l.organisationId) ?? '',
          })),
        };
      },
    });
  },
  { name: 'certificates', dependencies: ['kernel', 'directory', 'identity', 'workflow'] },
);
