// What the pages show of a definition besides its diagram, read from the XML in the browser:
// the user tasks with Zhengtong's extension attributes (zt:candidateRole, zt:limitDays …) and
// their boundary timers. The server has compiled and checked the definition; this only reads.

const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const BPMNDI_NS = 'http://www.omg.org/spec/BPMN/20100524/DI';
/** Zhengtong's extension namespace (apps/server/src/modules/workflow/model.ts) */
const ZT_NS = 'https://zhengtong.dev/schema/bpmn';

/** Largest definition the server accepts, in characters. */
export const MAX_DEFINITION_LENGTH = 1_000_000;

export interface StepTimer {
  id: string;
  name: string;
  /** interrupting timers end the task; the others start a parallel path (a reminder) */
  interrupting: boolean;
  /** an ISO 8601 duration, or a share of the task's working-day limit */
  due: { duration: string } | { share: number } | undefined;
}

export interface Step {
  id: string;
  name: string;
  candidateRole: string;
  /** expression giving the organisation whose officers take the task */
  candidateOrganisation: string;
  limitDays: number | undefined;
  /** parallel multi-instance (会签): the expression giving the items */
  collection: string | undefined;
  timers: StepTimer[];
}

export interface DefinitionOutline {
  /** the process id (the definition key) */
  processId: string | undefined;
  /** whether the XML carries a diagram to draw (a BPMNShape) */
  hasDiagram: boolean;
  steps: Step[];
}

const zt = (element: Element, name: string) => element.getAttributeNS(ZT_NS, name)?.trim() ?? '';

const children = (element: Element, localName: string) =>
  Array.from(element.children).filter(
    (child) => child.namespaceURI === BPMN_NS && child.localName === localName,
  );

function timerOf(event: Element): StepTimer {
  const definition = children(event, 'timerEventDefinition')[0];
  const duration = definition && children(definition, 'timeDuration')[0]?.textContent?.trim();
  const share = Number(zt(event, 'dueShare'));
  const id = event.getAttribute('id') ?? '';
  return {
    id,
    name: event.getAttribute('name') || id,
    interrupting: event.getAttribute('cancelActivity') !== 'false',
    due: duration ? { duration } : zt(event, 'dueShare') && share > 0 ? { share } : undefined,
  };
}

/** The outline of a definition; undefined when the text is not XML. */
export function outlineOf(xml: string): DefinitionOutline | undefined {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return undefined;
  const process = doc.getElementsByTagNameNS(BPMN_NS, 'process')[0];
  const timers = new Map<string, StepTimer[]>();
  for (const event of Array.from(doc.getElementsByTagNameNS(BPMN_NS, 'boundaryEvent'))) {
    if (children(event, 'timerEventDefinition').length === 0) continue;
    const host = event.getAttribute('attachedToRef') ?? '';
    timers.set(host, [...(timers.get(host) ?? []), timerOf(event)]);
  }
  const steps = Array.from(doc.getElementsByTagNameNS(BPMN_NS, 'userTask')).map((task) => {
    const id = task.getAttribute('id') ?? '';
    const limit = zt(task, 'limitDays');
    const loop = children(task, 'multiInstanceLoopCharacteristics')[0];
    return {
      id,
      name: task.getAttribute('name') || id,
      candidateRole: zt(task, 'candidateRole'),
      candidateOrganisation: zt(task, 'candidateOrganisation'),
      limitDays: /^\d{1,3}$/.test(limit) ? Number(limit) : undefined,
      collection: loop ? zt(loop, 'collection') || undefined : undefined,
      timers: timers.get(id) ?? [],
    };
  });
  return {
    processId: process?.getAttribute('id') ?? undefined,
    hasDiagram: doc.getElementsByTagNameNS(BPMNDI_NS, 'BPMNShape').length > 0,
    steps,
  };
}
