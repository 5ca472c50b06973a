import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ApplicationEvaluationState,
  BundleEvaluationState,
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
  subject: (subject: RatedSubject) => ['evaluations', subject.kind, subject.id] as const,
  stats: (groupBy: StatsGroupBy) => ['evaluations', 'stats', groupBy] as const,
  publicStats: ['evaluations', 'public-stats'] as const,
  cases: (status: CaseStatus | undefined) => ['evaluations', 'cases', status ?? null] as const,
};

/** What 一事一评 rates: an application, or an 一件事 bundle application as a whole. */
export type RatedSubject = { kind: 'application' | 'bundle'; id: string };

const subjectPath = (subject: RatedSubject) =>
  `${base}/${subject.kind === 'bundle' ? 'bundle-applications' : 'applications'}/${enc(subject.id)}`;

/** Whether the applicant may rate it now, and the rating once made. */
export function caseEvaluationQuery(subject: RatedSubject) {
  return queryOptions({
    queryKey: evaluationKeys.subject(subject),
    queryFn: ({ signal }) =>
      apiGet<ApplicationEvaluationState | BundleEvaluationState>(subjectPath(subject), {
        signal,
        silent: true,
      }),
  });
}

/** 一事一评: rate it once; the state is refetched so the card shows the rating. */
export function useRateCase(subject: RatedSubject) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RateBody) =>
      apiPost<Evaluation>(subjectPath(subject), body, { silent: true }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: evaluationKeys.subject(subject) }),
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
