import { queryOptions } from '@tanstack/react-query';
import type {
  Certificate,
  CertificateAuthorisation,
  CertificateAuthorisationList,
  CertificateMaterialOptions,
  CertificatePage,
  CertificateState,
  CertificateUseList,
  CreateAuthorisationBody,
  CreateSealBody,
  PublishedSealList,
  Seal,
  SealList,
  Verification,
} from '@zhengtong/contracts';
import { apiGet, apiPost } from './client';

// 电子证照: public verification, the holder's wallet (我的证照) with authorised use, and the
// administration of 电子印章. Keys of the wallet carry whose wallet it is (the person's own, or an
// enterprise's), so switching never shows another holder's cached list.

const base = '/api/v1/certificates';
const enc = encodeURIComponent;

export interface WalletFilter {
  /** an enterprise of Me.enterprises; absent for the person's own certificates */
  enterpriseId?: string | undefined;
  state?: CertificateState | undefined;
}

export const certificateKeys = {
  all: ['certificates'] as const,
  verify: (identifier: string) => ['certificates', 'verify', identifier] as const,
  publishedSeals: ['certificates', 'published-seals'] as const,
  wallet: (filter: WalletFilter) =>
    [
      'certificates',
      'wallet',
      { enterpriseId: filter.enterpriseId ?? null, state: filter.state ?? null },
    ] as const,
  certificate: (id: string) => ['certificates', 'certificate', id] as const,
  authorisations: (id: string) => ['certificates', 'certificate', id, 'authorisations'] as const,
  uses: (id: string) => ['certificates', 'certificate', id, 'uses'] as const,
  /** whose wallet is implicit (the session's acting identity): the key names it */
  forList: (listId: string, holder: string) =>
    ['certificates', 'for-list', listId, holder] as const,
  seals: (organisationId: string | undefined) =>
    ['certificates', 'seals', organisationId ?? null] as const,
  allSeals: ['certificates', 'seals'] as const,
};

/** Where a certificate's printable PDF, signed file and public verification page are. */
export const certificateLinks = {
  pdf: (id: string) => `${base}/${enc(id)}/pdf`,
  file: (id: string) => `${base}/${enc(id)}/file`,
  verifyPage: (identifier: string) => `/verify/${enc(identifier)}`,
};

/**
 * 证照核验 (public): the verification of an identifier. Silent: the page shows the outcome, and
 * an unknown identifier is an answer (`unknown`), not a failure.
 */
export function verificationQuery(identifier: string) {
  return queryOptions({
    queryKey: certificateKeys.verify(identifier),
    queryFn: ({ signal }) =>
      apiGet<Verification>(`${base}/verify/${enc(identifier)}`, { signal, silent: true }),
    retry: false,
  });
}

/** The published seals (public keys) for offline verification. */
export function publishedSealsQuery() {
  return queryOptions({
    queryKey: certificateKeys.publishedSeals,
    queryFn: ({ signal }) => apiGet<PublishedSealList>(`${base}/seals`, { signal }),
    staleTime: 5 * 60 * 1000,
  });
}

/** 我的证照: the signed-in person's own certificates, or an enterprise's. */
export function walletQuery(filter: WalletFilter) {
  return queryOptions({
    queryKey: certificateKeys.wallet(filter),
    queryFn: ({ signal }) =>
      apiGet<CertificatePage>(`${base}/mine`, {
        query: { enterpriseId: filter.enterpriseId, state: filter.state },
        signal,
        silent: true,
      }),
  });
}

/**
 * 免提交 on the apply page: for each certificate material of the list, the applicant's valid
 * certificates of its type. `holder` (the enterprise acted for, or the person) keys the cache.
 */
export function certificateOptionsQuery(listId: string, holder: string) {
  return queryOptions({
    queryKey: certificateKeys.forList(listId, holder),
    queryFn: ({ signal }) =>
      apiGet<CertificateMaterialOptions>(`${base}/mine/for-list/${enc(listId)}`, {
        signal,
        silent: true,
      }),
  });
}

export function certificateQuery(id: string) {
  return queryOptions({
    queryKey: certificateKeys.certificate(id),
    queryFn: ({ signal }) => apiGet<Certificate>(`${base}/${enc(id)}`, { signal, silent: true }),
  });
}

/** 用证授权 of a certificate, for its holder. */
export function authorisationsQuery(certificateId: string) {
  return queryOptions({
    queryKey: certificateKeys.authorisations(certificateId),
    queryFn: ({ signal }) =>
      apiGet<CertificateAuthorisationList>(`${base}/${enc(certificateId)}/authorisations`, {
        signal,
        silent: true,
      }),
  });
}

/** 用证记录: who read the certificate, when and for what. */
export function usesQuery(certificateId: string) {
  return queryOptions({
    queryKey: certificateKeys.uses(certificateId),
    queryFn: ({ signal }) =>
      apiGet<CertificateUseList>(`${base}/${enc(certificateId)}/uses`, { signal, silent: true }),
  });
}

export function createAuthorisation(
  certificateId: string,
  body: CreateAuthorisationBody,
): Promise<CertificateAuthorisation> {
  return apiPost<CertificateAuthorisation>(`${base}/${enc(certificateId)}/authorisations`, body, {
    silent: true,
  });
}

export function withdrawAuthorisation(
  certificateId: string,
  authorisationId: string,
): Promise<CertificateAuthorisation> {
  return apiPost<CertificateAuthorisation>(
    `${base}/${enc(certificateId)}/authorisations/${enc(authorisationId)}/withdraw`,
  );
}

// ---------------------------------------------------------------------------------------------
// 电子印章 administration

/** Seals of one organisation, or of every organisation the administrator may see. */
export function sealsQuery(organisationId: string | undefined) {
  return queryOptions({
    queryKey: certificateKeys.seals(organisationId),
    queryFn: ({ signal }) =>
      apiGet<SealList>(`${base}/admin/seals`, { query: { organisationId }, signal, silent: true }),
  });
}

export function createSeal(body: CreateSealBody): Promise<Seal> {
  return apiPost<Seal>(`${base}/admin/seals`, body, { silent: true });
}

export type SealAction = 'suspend' | 'resume' | 'rotate';

/** 暂停 / 恢复 / 轮换 (rotation answers with the new seal). */
export function changeSeal(id: string, action: SealAction): Promise<Seal> {
  return apiPost<Seal>(`${base}/admin/seals/${enc(id)}/${action}`);
}

/** 吊销, with the reason the administrator gives. */
export function revokeSeal(id: string, reason: string): Promise<Seal> {
  return apiPost<Seal>(`${base}/admin/seals/${enc(id)}/revoke`, { reason }, { silent: true });
}
