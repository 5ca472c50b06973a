import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ProcessDefinition,
  ProcessDefinitionDetail,
  ProcessDefinitionList,
  Role,
} from '@zhengtong/contracts';
import { isApiError } from '../../shared/api/ApiError';
import { apiGet, apiPost } from '../../shared/api/client';
import type { Session } from '../../shared/api/identity';
import { hasAnyRole } from '../../shared/identity/session';

// 流程定义: the process definitions of the workflow module. Any signed-in staff member reads
// them; only the province admin deploys (the server checks every call).

const base = '/api/v1/workflow';
const enc = encodeURIComponent;

export const workflowKeys = {
  all: ['workflow'] as const,
  definitions: ['workflow', 'definitions'] as const,
  definitionList: () => ['workflow', 'definitions', 'list'] as const,
  definition: (key: string) => ['workflow', 'definitions', 'detail', key] as const,
};

/** The latest version of every definition. */
export function processDefinitionsQuery() {
  return queryOptions({
    queryKey: workflowKeys.definitionList(),
    queryFn: ({ signal }) => apiGet<ProcessDefinitionList>(`${base}/definitions`, { signal }),
  });
}

/** The latest version of a definition with its XML and versions; a 404 is shown in place. */
export function processDefinitionQuery(key: string) {
  return queryOptions({
    queryKey: workflowKeys.definition(key),
    queryFn: ({ signal }) =>
      apiGet<ProcessDefinitionDetail>(`${base}/definitions/${enc(key)}`, {
        signal,
        silent: true,
      }),
  });
}

/** Deploys BPMN XML as the next version of its key; failures are shown in place. */
export function deployDefinition(xml: string): Promise<ProcessDefinition> {
  return apiPost<ProcessDefinition>(`${base}/definitions`, { xml }, { silent: true });
}

/** 部署: the mutation, refreshing every cached definition once deployed. */
export function useDeployDefinition(onDeployed: (definition: ProcessDefinition) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deployDefinition,
    onSuccess: async (definition) => {
      await queryClient.invalidateQueries({ queryKey: workflowKeys.definitions });
      onDeployed(definition);
    },
  });
}

const deployRoles: readonly Role[] = ['provinceAdmin'];

/** Whether the signed-in account may deploy definitions (to show the buttons). */
export function mayDeploy(me: Session | null | undefined): boolean {
  return hasAnyRole(me, deployRoles);
}

export interface DefinitionProblem {
  /** the element the problem is on; null for the definition as a whole */
  elementId: string | null;
  message: string;
}

/**
 * The problems of a refused definition (a 422 naming each as `/definition/<elementId>`); empty
 * for any other failure.
 */
export function definitionProblems(error: unknown): DefinitionProblem[] {
  if (!isApiError(error) || error.status !== 422) return [];
  const prefix = '/definition/';
  return error.fieldErrors.map(({ path, message }) => ({
    elementId: path.startsWith(prefix) ? path.slice(prefix.length) || null : null,
    message,
  }));
}

/** Saves text as a file through a temporary link. */
export function downloadText(text: string, fileName: string, type = 'application/xml'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Revoked after the click has been handled; revoking at once can cancel the download.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
