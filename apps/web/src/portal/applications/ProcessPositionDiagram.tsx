import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { processPositionQuery } from '../../shared/api/applications';
import { BpmnDiagram, type DiagramMarker } from '../../shared/bpmn/BpmnDiagram';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { useT } from '../../shared/i18n/LocaleProvider';

/**
 * 办理进度图: the application's process drawn from its BPMN definition, the steps done in green
 * and the steps open now in orange. Loaded on demand (bpmn-js is a chunk of its own).
 */
export function ProcessPositionDiagram({ applicationId }: { applicationId: string }) {
  const t = useT();
  const query = useQuery(processPositionQuery(applicationId));
  const position = query.data;
  const markers = useMemo<DiagramMarker[]>(
    () =>
      position
        ? [
            ...position.completedNodeIds.map((elementId) => ({
              elementId,
              marker: 'zt-bpmn-done',
            })),
            ...position.activeNodeIds.map((elementId) => ({
              elementId,
              marker: 'zt-bpmn-active',
            })),
          ]
        : [],
    [position],
  );
  const badges = useMemo(
    () =>
      (position?.activeNodeIds ?? []).map((elementId) => ({
        elementId,
        text: t('myApplications.position.now'),
      })),
    [position, t],
  );
  if (query.isPending) return <LoadingBlock label={t('myApplications.position.loading')} />;
  if (query.isError) {
    return <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <BpmnDiagram
      compact
      xml={query.data.xml}
      label={t('myApplications.position.label', { process: query.data.definitionName })}
      caption={t('myApplications.position.legend')}
      badges={badges}
      markers={markers}
    />
  );
}
