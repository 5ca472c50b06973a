import type {
  Bundle,
  BundleBody,
  CreateImplementationListBody,
  ImplementationList,
  ImportReport,
  RetireBody,
  ReviewBody,
  ServiceItem,
  ServiceItemBody,
  ServiceItemPatch,
  UpdateDraftBody,
} from '@zhengtong/contracts';
import { ApiError } from '../../shared/api/ApiError';
import { apiPost, apiRequest, buildUrl, readErrorBody } from '../../shared/api/client';

// Write side of the catalogue API (事项管理). The reads, staff ones included, are in
// shared/api/catalog.ts; after a write, invalidate `catalogKeys.all` there.

const base = '/api/v1/catalog';
const enc = encodeURIComponent;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---------------------------------------------------------------------------------------------
// Basic catalogue writes

export function createItem(body: ServiceItemBody): Promise<ServiceItem> {
  return apiPost<ServiceItem>(`${base}/items`, body, { silent: true });
}

export function patchItem(code: string, patch: ServiceItemPatch): Promise<ServiceItem> {
  return apiRequest<ServiceItem>('PATCH', `${base}/items/${enc(code)}`, {
    body: patch,
    silent: true,
  });
}

// ---------------------------------------------------------------------------------------------
// Implementation list writes. Failures the pages show in place are silent here.

export function createList(body: CreateImplementationListBody): Promise<ImplementationList> {
  return apiPost<ImplementationList>(`${base}/lists`, body, { silent: true });
}

/** 新建修订: a new draft copied from the published version. */
export function startDraft(id: string): Promise<ImplementationList> {
  return apiPost<ImplementationList>(`${base}/lists/${enc(id)}/draft`);
}

export function saveDraft(id: string, body: UpdateDraftBody): Promise<ImplementationList> {
  return apiRequest<ImplementationList>('PUT', `${base}/lists/${enc(id)}/draft`, {
    body,
    silent: true,
  });
}

export function submitList(id: string): Promise<ImplementationList> {
  return apiPost<ImplementationList>(`${base}/lists/${enc(id)}/submit`, undefined, {
    silent: true,
  });
}

export function publishList(id: string, body: ReviewBody = {}): Promise<ImplementationList> {
  return apiPost<ImplementationList>(`${base}/lists/${enc(id)}/publish`, body, { silent: true });
}

export function rejectList(id: string, body: ReviewBody): Promise<ImplementationList> {
  return apiPost<ImplementationList>(`${base}/lists/${enc(id)}/reject`, body, { silent: true });
}

export function retireList(id: string, body: RetireBody): Promise<ImplementationList> {
  return apiPost<ImplementationList>(`${base}/lists/${enc(id)}/retire`, body, { silent: true });
}

// ---------------------------------------------------------------------------------------------
// Excel export and import: binary bodies, so plain fetch with the client's error reading.

function requestLanguage(): string {
  return document.documentElement.lang || 'zh-CN';
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError({
      kind: 'network',
      status: 0,
      code: 'NETWORK_ERROR',
      title: 'Network error',
      cause,
    });
  }
}

/** The file name a Content-Disposition header gives (RFC 6266 `filename*` first). */
export function dispositionFileName(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // fall through to the plain name
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/.exec(header)?.[1]?.trim();
}

export interface ExportFilter {
  organisation?: string | undefined;
  region?: string | undefined;
}

/** 导出: the lists of the filter as an .xlsx workbook, saved through a temporary link. */
export async function downloadListsWorkbook(
  filter: ExportFilter,
  fallbackName: string,
): Promise<void> {
  const response = await send(buildUrl(`${base}/lists/export`, { ...filter }), {
    headers: {
      Accept: `${xlsxType}, application/problem+json`,
      'Accept-Language': requestLanguage(),
    },
  });
  if (!response.ok) throw await readErrorBody(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download =
      dispositionFileName(response.headers.get('content-disposition')) ?? fallbackName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Revoked after the click has been handled; revoking at once can cancel the download.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/** 导入: uploads an .xlsx workbook; a 422 problem lists every bad cell and nothing is imported. */
export async function importListsWorkbook(file: Blob): Promise<ImportReport> {
  const response = await send(`${base}/lists/import`, {
    method: 'POST',
    headers: {
      'Content-Type': xlsxType,
      Accept: 'application/json, application/problem+json',
      'Accept-Language': requestLanguage(),
    },
    body: file,
  });
  if (!response.ok) throw await readErrorBody(response);
  return (await response.json()) as ImportReport;
}

// ---------------------------------------------------------------------------------------------
// 一件事 bundles

export function createBundle(body: BundleBody): Promise<Bundle> {
  return apiPost<Bundle>(`${base}/bundles`, body, { silent: true });
}

export function updateBundle(code: string, body: BundleBody): Promise<Bundle> {
  return apiRequest<Bundle>('PUT', `${base}/bundles/${enc(code)}`, { body, silent: true });
}
