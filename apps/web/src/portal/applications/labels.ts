import type { ApplicationStatus, SuspendBody } from '@zhengtong/contracts';
import { APPLICATION_STATUSES } from '@zhengtong/contracts';
import type { MessageKey } from '../../shared/i18n/messages';

// Names and colours of an application's states, and the small formats the pages share.

export const applicationStatuses: readonly ApplicationStatus[] = APPLICATION_STATUSES;

export const statusKey: Record<ApplicationStatus, MessageKey> = {
  submitted: 'myApplications.status.submitted',
  supplementRequested: 'myApplications.status.supplementRequested',
  accepted: 'myApplications.status.accepted',
  refused: 'myApplications.status.refused',
  approved: 'myApplications.status.approved',
  denied: 'myApplications.status.denied',
  withdrawn: 'myApplications.status.withdrawn',
  waiting: 'myApplications.status.waiting',
  cancelled: 'myApplications.status.cancelled',
};

/** Tag colours: waiting is blue, the applicant's turn orange, ends green, red or grey. */
export const statusColor: Record<ApplicationStatus, string> = {
  submitted: 'blue',
  supplementRequested: 'orange',
  accepted: 'cyan',
  refused: 'red',
  approved: 'success',
  denied: 'volcano',
  withdrawn: 'default',
  waiting: 'default',
  cancelled: 'default',
};

/** 特别程序: why the clock of an accepted application stands still. */
export const suspensionKindKey: Record<SuspendBody['kind'], MessageKey> = {
  siteInspection: 'myApplications.suspension.siteInspection',
  expertReview: 'myApplications.suspension.expertReview',
  hearing: 'myApplications.suspension.hearing',
  other: 'myApplications.suspension.other',
};

/** The 20-digit 办件编号. */
export const applicationNoPattern = /^[0-9]{20}$/;

/** Upload limits of a material when it names none (as the server applies them). */
export const defaultAcceptedTypes: readonly string[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
];
export const defaultMaxBytes = 10_485_760;

const typeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/tiff': 'TIFF',
  'application/zip': 'ZIP',
  'application/msword': 'DOC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.ms-excel': 'XLS',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.ms-excel.sheet.macroEnabled.12': 'XLSM',
};

/** A media type as people know it (PDF, JPG); unknown ones as they are. */
export function mediaTypeName(type: string): string {
  return typeNames[type.trim().toLowerCase()] ?? type;
}

/** The file picker's `accept`: the media types and their usual extensions. */
export function acceptAttribute(types: readonly string[]): string {
  const extensions: Record<string, string[]> = {
    'application/pdf': ['.pdf'],
    'image/jpeg': ['.jpg', '.jpeg'],
    'image/png': ['.png'],
  };
  return types.flatMap((type) => [type, ...(extensions[type] ?? [])]).join(',');
}

/** 10 MB, 512 KB, 15 B: binary units as the server's messages use them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_048_576) return `${trim(bytes / 1_048_576)} MB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KB`;
  return `${bytes} B`;
}

function trim(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Whether an application ended with a decision that has a result document (办理结果文书). */
export function hasResult(status: ApplicationStatus): boolean {
  return status === 'approved' || status === 'denied' || status === 'refused';
}
