import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ApplicationEvaluationState,
  CaseStatus,
  Evaluation,
  EvaluationStats,
  PublicStats,
  RateBody,
  RectificationCaseList,
  StatsGroupBy,
} from '@zhengtong/contracts';
import { apiGet, apiPost } from './client';

// 好差评: the applicant's 一事一评 of an application, the staff's statistics and 差评整改 cases,
// and the figures published to everyone (结果公开).

const base = '/api/v1/evaluations';
const enc = encodeURIComponent;

export const evaluationKeys = {
  all: ['evaluations'] as const,
  application: (applicationId: string) => ['evaluations', 'application', applicationId] as const,
  stats: (groupBy: StatsGroupBy) => ['evaluations', 'stats', groupBy] as const,
  publicStats: ['evaluations', 'public-stats'] as const,
  cases: (status: CaseStatus | undefined) => ['evaluations', 'cases', status ?? null] as const,
};

/** Whether the applicant may rate the application now, and the rating once made. */
export function applicationEvaluationQuery(applicationId: string) {
  return queryOptions({
    queryKey: evaluationKeys.application(applicationId),
    queryFn: ({ signal }) =>
      apiGet<ApplicationEvaluationState>(`${base}/applications/${enc(applicationId)}`, {
        signal,
        silent: true,
      }),
  });
}

/** 一事一评: rate the application once; the state is refetched so the card shows the rating. */
export function useRateApplication(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RateBody) =>
      apiPost<Evaluation>(`${base}/applications/${enc(applicationId)}`, body, { silent: true }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: evaluationKeys.application(applicationId) }),
  });
}

/** Figures by organisation, item, region or channel, within the staff member's scope. */
export function evaluationStatsQuery(groupBy: StatsGroupBy) {
  return queryOptions({
    queryKey: evaluationKeys.stats(groupBy),
    queryFn: ({ signal }) =>
      apiGet<EvaluationStats>(`${base}/stats`, { signal, query: { groupBy } }),
  });
}

/** 结果公开: volume and rates per organisation, for everyone. */
export function publicStatsQuery() {
  return queryOptions({
    queryKey: evaluationKeys.publicStats,
    queryFn: ({ signal }) => apiGet<PublicStats>(`${base}/public-stats`, { signal }),
    staleTime: 5 * 60 * 1000,
  });
}

/** 差评整改 cases of the staff member's organisation (a province admin: all). */
export function rectificationCasesQuery(status?: CaseStatus) {
  return queryOptions({
    queryKey: evaluationKeys.cases(status),
    queryFn: ({ signal }) =>
      apiGet<RectificationCaseList>(`${base}/cases`, { signal, query: { status } }),
  });
}
