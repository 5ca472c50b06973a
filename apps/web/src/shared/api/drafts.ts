import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Draft, DraftList, SaveDraftBody } from '@zhengtong/contracts';
import { isApiError } from './ApiError';
import { apiDelete, apiGet, apiRequest } from './client';

// 草稿: the signed-in applicant's unfinished forms, one per target (`list:<listId>` or
// `bundle:<code>:<regionCode>`). Every key starts with 'drafts'; failures are shown in place by
// the pages, so every call here is silent.

export { bundleDraftTarget, listDraftTarget, parseDraftTarget } from '@zhengtong/contracts';

const base = '/api/v1/applications/drafts';
const enc = encodeURIComponent;

export const draftKeys = {
  all: ['drafts'] as const,
  mine: ['drafts', 'mine'] as const,
  detail: (target: string) => ['drafts', 'detail', target] as const,
};

/** 我的草稿: the last saved first, without their forms. */
export function myDraftsQuery() {
  return queryOptions({
    queryKey: draftKeys.mine,
    queryFn: ({ signal }) => apiGet<DraftList>(base, { signal, silent: true }),
  });
}

/** My draft of a target, or null when there is none (a 404 is no failure here). */
export function draftQuery(target: string) {
  return queryOptions({
    queryKey: draftKeys.detail(target),
    queryFn: async ({ signal }): Promise<Draft | null> => {
      // the list first: asking for a draft that is not there would be a 404 on every new form
      const mine = await apiGet<DraftList>(base, { signal, silent: true });
      if (!mine.items.some((d) => d.target === target)) return null;
      try {
        return await apiGet<Draft>(`${base}/${enc(target)}`, { signal, silent: true });
      } catch (error) {
        // deleted in another tab meanwhile
        if (isApiError(error) && error.status === 404) return null;
        throw error;
      }
    },
    // what was saved is what is there: no refetch while the form is open
    staleTime: Infinity,
    retry: false,
  });
}

export function saveDraft(target: string, body: SaveDraftBody): Promise<Draft> {
  return apiRequest<Draft>('PUT', `${base}/${enc(target)}`, { body, silent: true });
}

export function deleteDraft(target: string): Promise<void> {
  return apiDelete<void>(`${base}/${enc(target)}`, { silent: true });
}

export function useSaveDraft(target: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveDraftBody) => saveDraft(target, body),
    onSuccess: (draft) => {
      queryClient.setQueryData(draftKeys.detail(target), draft);
      void queryClient.invalidateQueries({ queryKey: draftKeys.mine });
    },
  });
}

export function useDeleteDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (target: string) => deleteDraft(target),
    onSuccess: (_nothing, target) => {
      queryClient.setQueryData(draftKeys.detail(target), null);
      queryClient.setQueryData<DraftList>(draftKeys.mine, (list) =>
        list ? { items: list.items.filter((d) => d.target !== target) } : list,
      );
      void queryClient.invalidateQueries({ queryKey: draftKeys.mine });
    },
  });
}
