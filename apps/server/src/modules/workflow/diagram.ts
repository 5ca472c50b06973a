import { isDeepStrictEqual } from 'node:util';
import { layoutProcess } from 'bpmn-auto-layout';
import { BpmnModdle } from 'bpmn-moddle';
import { MAX_DEFINITION_LENGTH, compileBpmn, type CompileOptions } from './bpmn.js';

// A diagram for definitions deployed without one: BPMN written by hand (or generated) often has
// no diagram interchange (bpmndi), which a modeller or viewer needs to draw it. bpmn-auto-layout
// lays the process out on a grid; the process part comes back as bpmn-moddle writes it (same
// elements and attributes, comments and default-valued attributes such as
// isSequential="false" dropped).
//
// bpmn-auto-layout reads a node's incoming/outgoing references, not the sequence flows'
// sourceRef/targetRef; hand-written XML rarely lists them, and without them it draws every node
// in one column and no edges at all. They are added for the layout and taken out again, so the
// process part lists only what it listed before. Boundary events are placed on the lower edge
// of their task (spread evenly when several) and their flows leave downwards.
//
// The result is used only when it compiles to exactly the model the input compiles to and has
// a shape for every flow node and an edge for every sequence flow; otherwise, and on any error,
// the input is returned as it was: a definition without a diagram still runs.

interface ModdleElement {
  $type: string;
  id?: string;
  get(name: string): unknown;
  [key: string]: unknown;
}

interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement }>;
  toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
}

/** Compiles whatever roles and actions are named: only the structure is compared here. */
class Everything extends Set<string> {
  override has(): boolean {
    return true;
  }
}
const ANY: CompileOptions = { knownActions: new Everything(), knownRoles: new Everything() };

const SEQUENCE_FLOW = 'bpmn:SequenceFlow';

/**
 * The definition with a generated diagram when it has none (no bpmndi:BPMNDiagram with at
 * least one BPMNShape); otherwise, or when no faithful layout can be made, the XML unchanged.
 * Never throws.
 */
export async function withDiagram(xml: string): Promise<string> {
  try {
    return (await layOut(xml)) ?? xml;
  } catch {
    return xml;
  }
}

async function layOut(xml: string): Promise<string | undefined> {
  if (xml.length > MAX_DEFINITION_LENGTH) return undefined;
  const moddle = new BpmnModdle() as unknown as Moddle;
  const { rootElement: definitions } = await moddle.fromXML(xml);
  if (definitions.$type !== 'bpmn:Definitions' || hasShapes(definitions)) return undefined;
  const before = await compileBpmn(xml, ANY);
  if (!before.ok) return undefined;

  const added = link(definitions);
  const laidOut = await layoutProcess((await moddle.toXML(definitions)).xml);
  const { rootElement: result } = await moddle.fromXML(laidOut);
  unlink(result, added);
  const out = (await moddle.toXML(result, { format: true })).xml;

  if (out.length > MAX_DEFINITION_LENGTH || !complete(result)) return undefined;
  const after = await compileBpmn(out, ANY);
  if (!after.ok || !isDeepStrictEqual(after.process, before.process)) return undefined;
  return out;
}

const many = (element: ModdleElement | undefined, name: string): ModdleElement[] => {
  const value = element?.get(name);
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
};

const one = (element: ModdleElement | undefined, name: string): ModdleElement | undefined => {
  const value = element?.get(name);
  return typeof value === 'object' && value !== null ? (value as ModdleElement) : undefined;
};

const processesOf = (definitions: ModdleElement) =>
  many(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process');

const diagramElements = (definitions: ModdleElement) =>
  many(definitions, 'diagrams').flatMap((d) => many(one(d, 'plane'), 'planeElement'));

function hasShapes(definitions: ModdleElement): boolean {
  return diagramElements(definitions).some((e) => e.$type === 'bpmndi:BPMNShape');
}

interface Link {
  node: string;
  side: 'incoming' | 'outgoing';
  flow: string;
}

/** Lists every sequence flow on its source and target nodes; returns what was added. */
function link(definitions: ModdleElement): Link[] {
  const added: Link[] = [];
  for (const process of processesOf(definitions)) {
    for (const flow of many(process, 'flowElements')) {
      if (flow.$type !== SEQUENCE_FLOW) continue;
      for (const [side, end] of [
        ['outgoing', one(flow, 'sourceRef')],
        ['incoming', one(flow, 'targetRef')],
      ] as const) {
        if (!end?.id || !flow.id) continue;
        const list = many(end, side);
        if (list.includes(flow)) continue;
        list.push(flow);
        added.push({ node: end.id, side, flow: flow.id });
      }
    }
  }
  return added;
}

/** Takes the references `link` added out of the laid-out definitions again. */
function unlink(definitions: ModdleElement, added: readonly Link[]): void {
  const nodes = new Map<string, ModdleElement>();
  for (const process of processesOf(definitions)) {
    for (const element of many(process, 'flowElements')) {
      if (element.id) nodes.set(element.id, element);
    }
  }
  for (const { node, side, flow } of added) {
    const list = many(nodes.get(node), side);
    const at = list.findIndex((f) => f.id === flow);
    if (at >= 0) list.splice(at, 1);
  }
}

const finite = (...values: unknown[]) =>
  values.every((v) => typeof v === 'number' && Number.isFinite(v));

/** A shape with bounds for every flow node and an edge with waypoints for every flow. */
function complete(definitions: ModdleElement): boolean {
  const shapes = new Set<string>();
  const edges = new Set<string>();
  for (const di of diagramElements(definitions)) {
    const id = one(di, 'bpmnElement')?.id;
    if (!id) continue;
    if (di.$type === 'bpmndi:BPMNShape') {
      const b = one(di, 'bounds');
      if (b && finite(b.x, b.y, b.width, b.height)) shapes.add(id);
    } else if (di.$type === 'bpmndi:BPMNEdge') {
      const points = many(di, 'waypoint');
      if (points.length >= 2 && points.every((p) => finite(p.x, p.y))) edges.add(id);
    }
  }
  return processesOf(definitions).every((process) =>
    many(process, 'flowElements').every(
      (e) => e.id !== undefined && (e.$type === SEQUENCE_FLOW ? edges : shapes).has(e.id),
    ),
  );
}
