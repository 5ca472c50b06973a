import type { CertificateState, VerificationStatus } from '@zhengtong/contracts';
import type { MessageKey } from '../../shared/i18n/messages';

export const certificateStates: readonly CertificateState[] = [
  'valid',
  'expired',
  'revoked',
  'superseded',
];

export const stateKey: Record<CertificateState, MessageKey> = {
  valid: 'certificates.state.valid',
  expired: 'certificates.state.expired',
  revoked: 'certificates.state.revoked',
  superseded: 'certificates.state.superseded',
};

export const stateColor: Record<CertificateState, string> = {
  valid: 'green',
  expired: 'orange',
  revoked: 'red',
  superseded: 'default',
};

export const verificationKey: Record<VerificationStatus, MessageKey> = {
  valid: 'verify.status.valid',
  expired: 'verify.status.expired',
  revoked: 'verify.status.revoked',
  tampered: 'verify.status.tampered',
  unknown: 'verify.status.unknown',
};

/** 证照标识 as the contract defines it (GB/T 36904 style). */
export const identifierPattern = /^1\.2\.156\.[0-9.]{3,80}\.[0-9A-Z]$/;

/**
 * The identifier in what a visitor pasted: the identifier itself, or the verification link a QR
 * code holds (`…/verify/<identifier>`), possibly with a query or fragment after it.
 */
export function identifierFrom(input: string): string {
  const text = input.trim();
  const marker = text.lastIndexOf('/verify/');
  if (marker < 0) return text;
  const rest = text.slice(marker + '/verify/'.length).split(/[?#/]/)[0] ?? '';
  try {
    return decodeURIComponent(rest).trim();
  } catch {
    return rest.trim();
  }
}
