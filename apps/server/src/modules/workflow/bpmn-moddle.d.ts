// bpmn-moddle ships its types under "bpmn-moddle/types", which its package.json "exports" does
// not map for the main entry under NodeNext resolution. The part Zhengtong uses:
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(
      xml: string,
      typeName?: string,
    ): Promise<{
      rootElement: unknown;
      warnings: { message: string }[];
      references: unknown[];
      elementsById: Record<string, unknown>;
    }>;
  }
}
