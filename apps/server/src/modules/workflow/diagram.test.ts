import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BpmnModdle } from 'bpmn-moddle';
import { ROLES } from '@zhengtong/contracts';
import { compileBpmn, type CompileOptions } from './bpmn.js';
import { withDiagram } from './diagram.js';
import type { CompiledProcess } from './model.js';
import { STANDARD_DEFINITIONS } from './standard-definitions.js';

const OPTIONS: CompileOptions = {
  knownActions: new Set(['notify', 'issueCertificate']),
  knownRoles: new Set(ROLES),
};

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:zt="https://zhengtong.dev/schema/bpmn"
  id="defs" targetNamespace="https://zhengtong.dev/processes">`;

const definition = (body: string, id = 'test-process') => `${HEAD}
  <bpmn:process id="${id}" name="测试流程" isExecutable="true">${body}
  </bpmn:process>
</bpmn:definitions>`;

const task = (id: string, attrs = '') =>
  `<bpmn:userTask id="${id}" zt:candidateRole="approver" ` +
  `zt:candidateOrganisation="implementingOrganisationId"${attrs ? ` ${attrs}` : ''} />`;
const flow = (id: string, source: string, target: string, condition?: string) =>
  condition === undefined
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">` +
      `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression>` +
      `</bpmn:sequenceFlow>`;
const timer = (id: string, attachedTo: string, attrs: string, inner = '') =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" ${attrs}>` +
  `<bpmn:timerEventDefinition>${inner}</bpmn:timerEventDefinition></bpmn:boundaryEvent>`;

/**
 * 补正 loop and timers: a warning (non-interrupting, share of the limit) that notifies, an
 * escalation (interrupting) that ends the case, a timer on the second task that goes back to the
 * first, and a gateway that sends the case back for correction.
 */
const WITH_TIMERS = definition(
  [
    '<bpmn:startEvent id="start" />',
    task('review', 'zt:limitDays="3"'),
    timer('warn', 'review', 'cancelActivity="false" zt:dueShare="0.8"'),
    timer('late', 'review', 'cancelActivity="true"', '<bpmn:timeDuration>P5D</bpmn:timeDuration>'),
    '<bpmn:serviceTask id="notify" zt:action="notify" />',
    '<bpmn:endEvent id="notified" />',
    task('decide'),
    timer('stale', 'decide', '', '<bpmn:timeDuration>PT4H</bpmn:timeDuration>'),
    '<bpmn:exclusiveGateway id="decided" default="back" />',
    '<bpmn:endEvent id="end" />',
    '<bpmn:endEvent id="escalated" />',
    flow('f1', 'start', 'review'),
    flow('f2', 'review', 'decide'),
    flow('f3', 'decide', 'decided'),
    flow('done', 'decided', 'end', 'decision == "approve"'),
    flow('back', 'decided', 'review'),
    flow('toNotify', 'warn', 'notify'),
    flow('toNotified', 'notify', 'notified'),
    flow('toEscalated', 'late', 'escalated'),
    flow('again', 'stale', 'review'),
  ].join('\n    '),
);

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Diagram {
  /** flow element ids of the process by kind */
  nodes: string[];
  flows: string[];
  /** DI elements by the id of their process element */
  shapes: Map<string, Bounds>;
  edges: Map<string, { x: number; y: number }[]>;
  /** flow nodes listing their incoming or outgoing flows */
  linked: string[];
}

type Element = Record<string, unknown> & { $type: string; id?: string };
const list = (value: unknown) => (Array.isArray(value) ? (value as Element[]) : []);

async function read(xml: string): Promise<Diagram> {
  const { rootElement, warnings } = (await new BpmnModdle().fromXML(xml)) as {
    rootElement: Element;
    warnings: unknown[];
  };
  assert.deepEqual(warnings, []);
  const process = list(rootElement.rootElements).find((e) => e.$type === 'bpmn:Process');
  assert.ok(process);
  const elements = list(process.flowElements);
  const result: Diagram = {
    nodes: elements.filter((e) => e.$type !== 'bpmn:SequenceFlow').map((e) => e.id!),
    flows: elements.filter((e) => e.$type === 'bpmn:SequenceFlow').map((e) => e.id!),
    shapes: new Map(),
    edges: new Map(),
    linked: elements
      .filter((e) => list(e.incoming).length > 0 || list(e.outgoing).length > 0)
      .map((e) => e.id!),
  };
  for (const diagram of list(rootElement.diagrams)) {
    const plane = diagram.plane as Element;
    for (const di of list(plane.planeElement)) {
      const id = (di.bpmnElement as Element).id!;
      if (di.$type === 'bpmndi:BPMNShape') {
        assert.ok(!result.shapes.has(id), `two shapes for ${id}`);
        result.shapes.set(id, di.bounds as Bounds);
      } else if (di.$type === 'bpmndi:BPMNEdge') {
        assert.ok(!result.edges.has(id), `two edges for ${id}`);
        result.edges.set(id, list(di.waypoint) as unknown as { x: number; y: number }[]);
      }
    }
  }
  return result;
}

async function compiles(xml: string): Promise<CompiledProcess> {
  const result = await compileBpmn(xml, OPTIONS);
  if (!result.ok) assert.fail(JSON.stringify(result.problems, null, 2));
  return result.process;
}

/** Lays the definition out and checks the diagram is whole and the model unchanged. */
async function laysOut(xml: string): Promise<{ out: string; diagram: Diagram }> {
  const before = await read(xml);
  assert.equal(before.shapes.size, 0, 'the input should have no diagram');
  const out = await withDiagram(xml);
  assert.notEqual(out, xml);
  const diagram = await read(out);
  assert.deepEqual(diagram.nodes, before.nodes, 'the same flow nodes in the same order');
  assert.deepEqual(diagram.flows, before.flows, 'the same sequence flows in the same order');
  assert.deepEqual([...diagram.shapes.keys()].sort(), [...before.nodes].sort());
  assert.deepEqual([...diagram.edges.keys()].sort(), [...before.flows].sort());
  for (const [id, points] of diagram.edges) assert.ok(points.length >= 2, `edge ${id}`);
  assert.deepEqual(diagram.linked, before.linked, 'incoming/outgoing listed as before');
  assert.deepEqual(await compiles(out), await compiles(xml));
  return { out, diagram };
}

describe('withDiagram: definitions without a diagram', () => {
  for (const { key, xml } of STANDARD_DEFINITIONS) {
    it(`lays out ${key}: a shape per flow node, an edge per flow, the same model`, async () => {
      const { out } = await laysOut(xml);
      // keeps the Zhengtong attributes and multi-instance configuration
      assert.match(out, /zt:candidateRole="windowOfficer"/);
      assert.match(out, /<bpmndi:BPMNDiagram /);
    });
  }

  it('places boundary timers on the lower edge of their task and draws their flows', async () => {
    const { diagram } = await laysOut(WITH_TIMERS);
    for (const [timerId, hostId] of [
      ['warn', 'review'],
      ['late', 'review'],
      ['stale', 'decide'],
    ] as const) {
      const t = diagram.shapes.get(timerId)!;
      const host = diagram.shapes.get(hostId)!;
      assert.equal(t.y + t.height / 2, host.y + host.height, `${timerId} centred on the edge`);
      const centre = t.x + t.width / 2;
      assert.ok(centre > host.x && centre < host.x + host.width, `${timerId} within its task`);
    }
    // two timers on one task do not overlap
    const [warn, late] = [diagram.shapes.get('warn')!, diagram.shapes.get('late')!];
    assert.notEqual(warn.x, late.x);
    // a timer's flow starts at the timer
    const first = diagram.edges.get('toNotify')![0]!;
    assert.equal(first.x, warn.x + warn.width / 2);
  });

  it('keeps incoming/outgoing a definition lists and adds none', async () => {
    const xml = definition(
      [
        '<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>',
        task('middle'),
        '<bpmn:endEvent id="end" />',
        flow('f1', 'start', 'middle'),
        flow('f2', 'middle', 'end'),
      ].join(''),
    );
    const { out, diagram } = await laysOut(xml);
    assert.deepEqual(diagram.linked, ['start']);
    assert.equal(out.match(/<bpmn:(incoming|outgoing)>/g)?.length, 1);
  });

  it('reads the Zhengtong namespace under another prefix or bound on the process', async () => {
    const xml = `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"
      targetNamespace="x"><process id="scoped" xmlns:z="https://zhengtong.dev/schema/bpmn">
      <startEvent id="start" /><userTask id="middle" z:candidateRole="approver"
      z:candidateOrganisation="implementingOrganisationId" z:limitDays="2" /><endEvent id="end" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="middle" />
      <sequenceFlow id="f2" sourceRef="middle" targetRef="end" /></process></definitions>`;
    const { out } = await laysOut(xml);
    const model = await compiles(out);
    assert.equal(model.nodes.middle?.kind === 'userTask' && model.nodes.middle.limitDays, 2);
  });

  it('lays out a definition whose diagram has no shapes', async () => {
    const xml = definition(
      '<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />' + flow('f', 'start', 'end'),
    ).replace(
      '</bpmn:definitions>',
      '<bpmndi:BPMNDiagram xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" id="dd">' +
        '<bpmndi:BPMNPlane id="pl" bpmnElement="test-process" /></bpmndi:BPMNDiagram>' +
        '</bpmn:definitions>',
    );
    const out = await withDiagram(xml);
    const diagram = await read(out);
    assert.deepEqual([...diagram.shapes.keys()].sort(), ['end', 'start']);
    assert.deepEqual([...diagram.edges.keys()], ['f']);
  });
});

describe('withDiagram: returned unchanged', () => {
  it('returns a definition that has a diagram byte for byte', async () => {
    for (const { xml } of STANDARD_DEFINITIONS) {
      const laidOut = await withDiagram(xml);
      // with odd spacing and a comment, which a round trip through moddle would lose
      const edited = laidOut.replace('<bpmn:process ', '<!-- 手工调整 -->\n  <bpmn:process  ');
      assert.equal(await withDiagram(laidOut), laidOut);
      assert.equal(await withDiagram(edited), edited);
    }
  });

  it('returns anything it cannot lay out as it was, without throwing', async () => {
    const garbage = [
      '',
      'not xml at all',
      '<bpmn:definitions',
      '<?xml version="1.0"?><root />',
      `${HEAD}</bpmn:definitions>`,
      '<a><b></a>',
      '\u0000\uFFFF',
      definition(flow('f1', 'start', 'nowhere')),
      // refused by compileBpmn: a script task
      definition(
        '<bpmn:startEvent id="start" /><bpmn:scriptTask id="s" /><bpmn:endEvent id="end" />' +
          flow('f1', 'start', 's') +
          flow('f2', 's', 'end'),
      ),
      definition(
        '<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />' + flow('f', 'start', 'end'),
      ).repeat(2),
      'x'.repeat(1_000_001),
    ];
    for (const xml of garbage) assert.equal(await withDiagram(xml), xml);
  });
});
