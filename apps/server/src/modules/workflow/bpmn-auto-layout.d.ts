// bpmn-auto-layout ships no types. The part Zhengtong uses:
declare module 'bpmn-auto-layout' {
  /**
   * The BPMN XML with its diagram interchange replaced by a generated layout of the first
   * process. Reads flow nodes' incoming/outgoing references (not sequence flows' source and
   * target), so they must be present.
   */
  export function layoutProcess(xml: string): Promise<string>;
}
