// The executable form of a BPMN process: what the engine runs, compiled once at deployment and
// stored beside the XML. Only the elements Zhengtong supports appear here; anything else is
// refused when deploying (see bpmn.ts).

/** The namespace of Zhengtong's extension attributes in BPMN XML (`xmlns:zt="…"`). */
export const ZT_NAMESPACE = 'https://zhengtong.dev/schema/bpmn';

export interface Flow {
  id: string;
  source: string;
  target: string;
  /** condition source as written; compiled again on load (the parser is pure and fast) */
  condition?: string;
}

export interface BoundaryTimer {
  id: string;
  name: string;
  /** interrupting timers cancel the task; non-interrupting ones start a parallel path */
  cancelActivity: boolean;
  /** elapsed time in milliseconds (timeDuration), or a share of the task's working-day limit */
  due: { afterMs: number } | { shareOfLimit: number };
}

export interface MultiInstance {
  /** expression giving the array to run one task per element of */
  collection: string;
  /** the variable each task sees its element under */
  elementVariable: string;
}

interface NodeBase {
  id: string;
  name: string;
  incoming: string[];
  outgoing: string[];
}

export type ProcessNode =
  | (NodeBase & { kind: 'startEvent' })
  | (NodeBase & { kind: 'endEvent' })
  | (NodeBase & {
      kind: 'userTask';
      /** role an officer needs to see and take the task */
      candidateRole: string;
      /** expression giving the organisation whose officers may take it */
      candidateOrganisation: string;
      /** working days the step may take (办理时限), when set */
      limitDays?: number;
      multiInstance?: MultiInstance;
      timers: BoundaryTimer[];
    })
  | (NodeBase & {
      kind: 'serviceTask';
      /** a named built-in action (issue certificate, notify, …) */
      action: string;
    })
  | (NodeBase & { kind: 'exclusiveGateway'; default?: string })
  | (NodeBase & { kind: 'parallelGateway' })
  | (NodeBase & {
      /** a timer on a user task (its configuration is in the task's `timers`) */
      kind: 'boundaryTimer';
      attachedTo: string;
    })
  | (NodeBase & {
      kind: 'callActivity';
      /** the key of the process definition started as a child */
      calledElement: string;
    });

export type NodeKind = ProcessNode['kind'];

export interface CompiledProcess {
  /** the BPMN process id: the definition key */
  key: string;
  name: string;
  startId: string;
  nodes: Record<string, ProcessNode>;
  flows: Record<string, Flow>;
}

/** Why a definition was refused: the element and the reason. */
export interface DefinitionProblem {
  elementId: string | null;
  message: string;
}
