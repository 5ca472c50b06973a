import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  Application,
  ApplicationFile,
  ApplicationFileList,
  ApplicationPage,
  ApplicationPageQuery,
  ApplicationStatus,
  Prefill,
  PrefillQuery,
  Progress,
  ResubmitBody,
  SubmitApplicationBody,
  ProcessPosition,
  ResultDocument,
} from '@zhengtong/contracts';
import { ApiError, parseProblem } from './ApiError';
import {
  apiDelete,
  apiGet,
  apiPost,
  buildUrl,
  documentLanguage,
  networkError,
  postWithIdempotencyKey,
} from './client';

// 办件 as the applicant and the public see them: applying (申报), my applications, 补正,
// material files, withdrawal and the public progress query (办件查询). Every key starts with
// 'applications', so one invalidation after a write refreshes everything cached about them.
// Failures are shown in place by the pages, so every call here is silent.

const base = '/api/v1/applications';
const enc = encodeURIComponent;

/** `GET /mine` filters; every field optional, as in the URL of the page. */
export type MyApplicationsFilter = {
  [K in keyof ApplicationPageQuery]?: ApplicationPageQuery[K] | undefined;
};

/** Key parts in a fixed order with absent fields as null, so equal filters share a cache entry. */
function normaliseMine(filter: MyApplicationsFilter) {
  return {
    status: filter.status ?? null,
    page: filter.page ?? 1,
    pageSize: filter.pageSize ?? 20,
  };
}

export const applicationKeys = {
  all: ['applications'] as const,
  mine: ['applications', 'mine'] as const,
  minePage: (filter: MyApplicationsFilter) =>
    ['applications', 'mine', normaliseMine(filter)] as const,
  detail: (id: string) => ['applications', 'detail', id] as const,
  files: (id: string) => ['applications', 'files', id] as const,
  progress: (no: string, name: string) => ['applications', 'progress', no, name] as const,
  position: (id: string) => ['applications', 'position', id] as const,
  result: (id: string) => ['applications', 'result', id] as const,
};

/** The statuses in which the applicant may still change materials, resubmit or withdraw. */
export const openApplicationStatuses: readonly ApplicationStatus[] = [
  'submitted',
  'supplementRequested',
];

export function isOpenApplication(status: ApplicationStatus): boolean {
  return openApplicationStatuses.includes(status);
}

// ---------------------------------------------------------------------------------------------
// Reads

/** One application with its timeline: the applicant's own, or one an officer works on. */
export function applicationQuery(id: string) {
  return queryOptions({
    queryKey: applicationKeys.detail(id),
    queryFn: ({ signal }) => apiGet<Application>(`${base}/${enc(id)}`, { signal, silent: true }),
  });
}

/** 我的办件: the signed-in applicant's applications, newest first. */
export function myApplicationsQuery(filter: MyApplicationsFilter) {
  const key = applicationKeys.minePage(filter);
  return queryOptions({
    queryKey: key,
    queryFn: ({ signal }) =>
      apiGet<ApplicationPage>(`${base}/mine`, { query: { ...key[2] }, signal, silent: true }),
  });
}

/** 办理进度图: the process diagram with the steps done and open (none for a waiting member). */
export function processPositionQuery(id: string) {
  return queryOptions({
    queryKey: applicationKeys.position(id),
    queryFn: ({ signal }) =>
      apiGet<ProcessPosition>(`${base}/${enc(id)}/position`, { signal, silent: true }),
  });
}

/** 办理结果文书 of a decided application (404 before the decision). */
export function resultDocumentQuery(id: string) {
  return queryOptions({
    queryKey: applicationKeys.result(id),
    queryFn: ({ signal }) =>
      apiGet<ResultDocument>(`${base}/${enc(id)}/result`, { signal, silent: true }),
    retry: false,
  });
}

/** The application's material files, oldest first. */
export function applicationFilesQuery(id: string) {
  return queryOptions({
    queryKey: applicationKeys.files(id),
    queryFn: ({ signal }) =>
      apiGet<ApplicationFileList>(`${base}/${enc(id)}/files`, { signal, silent: true }),
  });
}

/** 办件查询 (public): by 办件编号 and the applicant's name; a 404 whichever of them is wrong. */
export function progressQuery(no: string, name: string) {
  return queryOptions({
    queryKey: applicationKeys.progress(no, name),
    queryFn: ({ signal }) =>
      apiGet<Progress>(`${base}/progress`, { query: { no, name }, signal, silent: true }),
    // a stranger's 404 does not get better by asking again
    retry: false,
  });
}

/**
 * 预填: values from the signed-in applicant's identity for the form of a list (`listId`) or a
 * bundle in a region (`bundle`, `region`). The answer holds unmasked personal data and each
 * fetch is an audited view: it is asked for once, never refetched, and dropped from the cache as
 * soon as the page leaves. Its key does not start with 'applications' so that invalidating
 * applications after a write does not show the data again.
 */
export function prefillQuery(target: PrefillQuery) {
  const key = {
    listId: target.listId ?? null,
    bundle: target.bundle ?? null,
    region: target.region ?? null,
  };
  return queryOptions({
    queryKey: ['prefill', key] as const,
    queryFn: ({ signal }) =>
      apiGet<Prefill>(`${base}/prefill`, { query: { ...key }, signal, silent: true }),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** Where a material file's bytes are (an attachment); a plain link downloads it. */
export function applicationFileContentUrl(id: string, fileId: string): string {
  return `${base}/${enc(id)}/files/${enc(fileId)}/content`;
}

// ---------------------------------------------------------------------------------------------
// Writes

/**
 * 申报. The Idempotency-Key makes a retry (after a network failure, say) answer with the
 * application the first attempt created instead of filing a second one.
 */
export function submitApplication(
  body: SubmitApplicationBody,
  idempotencyKey: string,
): Promise<Application> {
  return postWithIdempotencyKey<Application>(base, body, idempotencyKey);
}

/** 补正后重新提交: the corrected form. */
export function resubmitApplication(id: string, body: ResubmitBody): Promise<Application> {
  return apiPost<Application>(`${base}/${enc(id)}/resubmit`, body, { silent: true });
}

/** 撤回: before acceptance only. */
export function withdrawApplication(id: string): Promise<Application> {
  return apiPost<Application>(`${base}/${enc(id)}/withdraw`, undefined, { silent: true });
}

export function deleteApplicationFile(id: string, fileId: string): Promise<void> {
  return apiDelete<void>(`${base}/${enc(id)}/files/${enc(fileId)}`, { silent: true });
}

export interface UploadOptions {
  /** percent sent, 0–100 */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/**
 * Uploads one file for one material (multipart, one part named `file`). XMLHttpRequest rather
 * than fetch, for the progress of the upload.
 */
export function uploadMaterialFile(
  id: string,
  materialKey: string,
  file: Blob,
  options: UploadOptions = {},
): Promise<ApplicationFile> {
  const { onProgress, signal } = options;
  const aborted = () =>
    signal?.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError');
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(`${base}/${enc(id)}/materials/${enc(materialKey)}/files`));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', documentLanguage());
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) {
        onProgress(Math.round((event.loaded / event.total) * 100));
      }
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body !== undefined) {
        resolve(body as ApplicationFile);
        return;
      }
      const problem = parseProblem(body);
      reject(
        problem
          ? ApiError.fromProblem(problem)
          : new ApiError({
              kind: 'http',
              status: xhr.status,
              code: `HTTP_${xhr.status}`,
              title: xhr.statusText || `HTTP ${xhr.status}`,
              requestId: xhr.getResponseHeader('x-request-id') ?? undefined,
            }),
      );
    };
    xhr.onerror = () => reject(networkError(undefined));
    xhr.onabort = () => reject(aborted());
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file instanceof File ? file.name : 'file');
    xhr.send(form);
  });
}

// ---------------------------------------------------------------------------------------------
// Mutations with their cache updates

/** After a change of one application: its new state in place, lists and files refetched. */
function useApplicationChanged() {
  const queryClient = useQueryClient();
  return (application: Application) => {
    queryClient.setQueryData(applicationKeys.detail(application.id), application);
    void queryClient.invalidateQueries({ queryKey: applicationKeys.mine });
    void queryClient.invalidateQueries({ queryKey: ['applications', 'progress'] });
  };
}

export function useSubmitApplication() {
  const changed = useApplicationChanged();
  return useMutation({
    mutationFn: ({
      body,
      idempotencyKey,
    }: {
      body: SubmitApplicationBody;
      idempotencyKey: string;
    }) => submitApplication(body, idempotencyKey),
    onSuccess: changed,
  });
}

export function useResubmitApplication(id: string) {
  const changed = useApplicationChanged();
  return useMutation({
    mutationFn: (body: ResubmitBody) => resubmitApplication(id, body),
    onSuccess: changed,
  });
}

export function useWithdrawApplication(id: string) {
  const changed = useApplicationChanged();
  return useMutation({
    mutationFn: () => withdrawApplication(id),
    onSuccess: changed,
  });
}

export function useUploadMaterialFile(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      materialKey,
      file,
      ...options
    }: { materialKey: string; file: Blob } & UploadOptions) =>
      uploadMaterialFile(id, materialKey, file, options),
    onSuccess: (uploaded) => {
      queryClient.setQueryData<ApplicationFileList>(applicationKeys.files(id), (list) =>
        list ? { items: [...list.items.filter((f) => f.id !== uploaded.id), uploaded] } : list,
      );
      void queryClient.invalidateQueries({ queryKey: applicationKeys.files(id) });
    },
  });
}

export function useDeleteApplicationFile(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fileId: string) => deleteApplicationFile(id, fileId),
    onSuccess: (_nothing, fileId) => {
      queryClient.setQueryData<ApplicationFileList>(applicationKeys.files(id), (list) =>
        list ? { items: list.items.filter((f) => f.id !== fileId) } : list,
      );
      void queryClient.invalidateQueries({ queryKey: applicationKeys.files(id) });
    },
  });
}
