import { BpmnModdle } from 'bpmn-moddle';
import { parseExpression } from './expressions.js';
import {
  ZT_NAMESPACE,
  type BoundaryTimer,
  type CompiledProcess,
  type DefinitionProblem,
  type Flow,
  type MultiInstance,
  type ProcessNode,
} from './model.js';

// BPMN 2.0 XML → CompiledProcess, refusing with every reason what the engine cannot run:
// unsupported elements, dangling or missing flows, gateways without a way out, conditions that
// do not parse, nodes that cannot be reached from the start or cannot reach an end.

export interface CompileOptions {
  /** names of the built-in service-task actions */
  knownActions: ReadonlySet<string>;
  /** roles a user task may name */
  knownRoles: ReadonlySet<string>;
}

export type CompileResult =
  { ok: true; process: CompiledProcess } | { ok: false; problems: DefinitionProblem[] };

/** Largest definition accepted, in characters of XML. */
export const MAX_DEFINITION_LENGTH = 1_000_000;

interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, string>;
  [key: string]: unknown;
}

const SUPPORTED = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:CallActivity',
  'bpmn:SequenceFlow',
  'bpmn:BoundaryEvent',
]);

const KINDS: Record<string, ProcessNode['kind']> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:CallActivity': 'callActivity',
};

/** Prefixes an element binds to the Zhengtong namespace, and those it binds elsewhere. */
function bindings(element: ModdleElement | undefined): { ours: string[]; others: string[] } {
  const ours: string[] = [];
  const others: string[] = [];
  for (const [name, value] of Object.entries(element?.$attrs ?? {})) {
    if (!name.startsWith('xmlns:')) continue;
    (value === ZT_NAMESPACE ? ours : others).push(name.slice('xmlns:'.length));
  }
  return { ours, others };
}

/**
 * A zt: extension attribute, under whatever prefix the document bound the Zhengtong namespace
 * to on the element itself or an enclosing element (`scopes`, innermost first). A prefix bound
 * to another namespace nearer the element is never read as Zhengtong's.
 */
function ztAttr(
  element: ModdleElement,
  name: string,
  scopes: readonly (ModdleElement | undefined)[],
): string | undefined {
  const ours = new Set<string>();
  const shadowed = new Set<string>();
  for (const scope of [element, ...scopes]) {
    const b = bindings(scope);
    for (const p of b.ours) if (!shadowed.has(p)) ours.add(p);
    for (const p of b.others) if (!ours.has(p)) shadowed.add(p);
  }
  const attrs = element.$attrs ?? {};
  for (const prefix of ours) {
    const value = attrs[`${prefix}:${name}`];
    if (value !== undefined) return value.trim();
  }
  return undefined;
}

/** A whole number of days written as plain digits (not "", "1e1" or "0x10"). */
const DIGITS = /^\d{1,3}$/;

/** ISO 8601 duration (PnDTnHnMnS, days as 24 h) in milliseconds; undefined when malformed. */
export function parseIsoDuration(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const [, d, h, min, s] = m;
  const ms =
    ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 +
    Number(s ?? 0) * 1000;
  return ms > 0 ? ms : undefined;
}

const idOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string'
    ? value.id
    : undefined;

export async function compileBpmn(xml: string, options: CompileOptions): Promise<CompileResult> {
  if (xml.length > MAX_DEFINITION_LENGTH) {
    return {
      ok: false,
      problems: [{ elementId: null, message: `定义超过 ${MAX_DEFINITION_LENGTH} 个字符` }],
    };
  }
  let parsed: { rootElement: ModdleElement; warnings: { message: string }[] };
  try {
    parsed = (await new BpmnModdle().fromXML(xml)) as unknown as typeof parsed;
  } catch (e) {
    return {
      ok: false,
      problems: [{ elementId: null, message: `不是有效的 BPMN 2.0 XML：${(e as Error).message}` }],
    };
  }
  const problems: DefinitionProblem[] = [];
  const problem = (elementId: string | null, message: string) =>
    problems.push({ elementId, message });
  for (const w of parsed.warnings) {
    const lines = w.message.split('\n').map((l) => l.trim());
    const cause = lines.find((l) => l.startsWith('nested error:'));
    problem(null, `无法解析的内容：${[lines[0], cause].filter(Boolean).join('；')}`);
  }
  const definitions = parsed.rootElement;
  const processes = ((definitions.rootElements as ModdleElement[] | undefined) ?? []).filter(
    (e) => e.$type === 'bpmn:Process',
  );
  if (processes.length !== 1) {
    problem(null, `应恰好包含一个流程（process），实有 ${processes.length} 个`);
    return { ok: false, problems };
  }
  const proc = processes[0]!;
  const scopes = [proc, definitions];
  const key = proc.id ?? '';
  if (!/^[a-z][a-z0-9-]{1,63}$/.test(key)) {
    problem(key || null, `流程 id “${key}” 应为小写字母开头的 2–64 位小写字母、数字或连字符`);
  }

  const elements = (proc.flowElements as ModdleElement[] | undefined) ?? [];
  const nodes: Record<string, ProcessNode> = {};
  const flows: Record<string, Flow> = {};
  const boundaries: ModdleElement[] = [];

  for (const el of elements) {
    const id = el.id ?? '';
    if (!SUPPORTED.has(el.$type)) {
      problem(id || null, `不支持的元素 ${el.$type.replace('bpmn:', '')}`);
      continue;
    }
    if (el.$type === 'bpmn:SequenceFlow') {
      const source = idOf(el.sourceRef);
      const target = idOf(el.targetRef);
      if (!source || !target) {
        problem(id, '顺序流缺少起点或终点');
        continue;
      }
      const body = (el.conditionExpression as { body?: string } | undefined)?.body?.trim();
      flows[id] = { id, source, target, ...(body ? { condition: body } : {}) };
      continue;
    }
    if (el.$type === 'bpmn:BoundaryEvent') {
      boundaries.push(el);
      continue;
    }
    const base = { id, name: el.name ?? id, incoming: [] as string[], outgoing: [] as string[] };
    const kind = KINDS[el.$type]!;
    const definitionsOf = (el.eventDefinitions as ModdleElement[] | undefined) ?? [];
    if ((kind === 'startEvent' || kind === 'endEvent') && definitionsOf.length > 0) {
      problem(id, `不支持带事件定义的${kind === 'startEvent' ? '开始' : '结束'}事件`);
    }
    if (kind !== 'userTask' && el.loopCharacteristics) {
      problem(id, '多实例只支持用户任务');
    }
    switch (kind) {
      case 'userTask': {
        const candidateRole = ztAttr(el, 'candidateRole', scopes) ?? '';
        const candidateOrganisation = ztAttr(el, 'candidateOrganisation', scopes) ?? '';
        if (!candidateRole) problem(id, '用户任务缺少 zt:candidateRole（办理角色）');
        else if (!options.knownRoles.has(candidateRole)) {
          problem(id, `未知的办理角色 ${candidateRole}`);
        }
        if (!candidateOrganisation) {
          problem(id, '用户任务缺少 zt:candidateOrganisation（办理机构表达式）');
        } else checkExpression(id, 'zt:candidateOrganisation', candidateOrganisation);
        const limit = ztAttr(el, 'limitDays', scopes);
        let limitDays: number | undefined;
        if (limit !== undefined) {
          limitDays = DIGITS.test(limit) ? Number(limit) : NaN;
          if (!(limitDays >= 0 && limitDays <= 365)) {
            problem(id, `zt:limitDays 应为 0–365 的整数，实为 “${limit}”`);
            limitDays = undefined;
          }
        }
        let multiInstance: MultiInstance | undefined;
        const loop = el.loopCharacteristics as ModdleElement | undefined;
        if (loop) {
          if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics' || loop.isSequential) {
            problem(id, '只支持并行多实例（isSequential="false"）');
          } else {
            const collection = ztAttr(loop, 'collection', [el, ...scopes]) ?? '';
            const elementVariable = ztAttr(loop, 'elementVariable', [el, ...scopes]) ?? '';
            if (!collection) problem(id, '多实例缺少 zt:collection');
            else checkExpression(id, 'zt:collection', collection);
            if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(elementVariable)) {
              problem(id, '多实例的 zt:elementVariable 应为变量名');
            }
            multiInstance = { collection, elementVariable };
          }
        }
        nodes[id] = {
          ...base,
          kind,
          candidateRole,
          candidateOrganisation,
          ...(limitDays !== undefined ? { limitDays } : {}),
          ...(multiInstance ? { multiInstance } : {}),
          timers: [],
        };
        break;
      }
      case 'serviceTask': {
        const action = ztAttr(el, 'action', scopes) ?? '';
        if (!action) problem(id, '服务任务缺少 zt:action');
        else if (!options.knownActions.has(action)) problem(id, `未知的内置动作 ${action}`);
        nodes[id] = { ...base, kind, action };
        break;
      }
      case 'exclusiveGateway': {
        const fallback = idOf(el.default);
        nodes[id] = { ...base, kind, ...(fallback ? { default: fallback } : {}) };
        break;
      }
      case 'callActivity': {
        const calledElement = typeof el.calledElement === 'string' ? el.calledElement : '';
        if (!calledElement) problem(id, '调用活动缺少 calledElement');
        nodes[id] = { ...base, kind, calledElement };
        break;
      }
      default:
        nodes[id] = { ...base, kind } as ProcessNode;
    }
  }

  function checkExpression(elementId: string, what: string, source: string): void {
    const parsed = parseExpression(source);
    if (!parsed.ok) problem(elementId, `${what} 表达式无法解析：${parsed.message}`);
  }

  // boundary timers hang off user tasks
  for (const el of boundaries) {
    const id = el.id ?? '';
    const host = nodes[idOf(el.attachedToRef) ?? ''];
    if (!host || host.kind !== 'userTask') {
      problem(id, '边界事件只能附着在用户任务上');
      continue;
    }
    const defs = (el.eventDefinitions as ModdleElement[] | undefined) ?? [];
    const timer = defs[0];
    if (defs.length !== 1 || timer?.$type !== 'bpmn:TimerEventDefinition') {
      problem(id, '只支持定时边界事件');
      continue;
    }
    const share = ztAttr(el, 'dueShare', scopes);
    const duration = (timer.timeDuration as { body?: string } | undefined)?.body;
    let due: BoundaryTimer['due'] | undefined;
    if (share !== undefined && duration !== undefined) {
      problem(id, '定时边界事件只能用 timeDuration 或 zt:dueShare 之一');
    } else if (share !== undefined) {
      const value = Number(share);
      if (!(value > 0 && value <= 5)) problem(id, `zt:dueShare 应在 (0, 5] 之内，实为 “${share}”`);
      else if (host.limitDays === undefined)
        problem(id, 'zt:dueShare 需要所附任务设置 zt:limitDays');
      else due = { shareOfLimit: value };
    } else if (duration !== undefined) {
      const ms = parseIsoDuration(duration);
      if (ms === undefined) problem(id, `timeDuration “${duration}” 不是 ISO 8601 时长`);
      else due = { afterMs: ms };
    } else {
      problem(id, '定时边界事件需要 timeDuration 或 zt:dueShare');
    }
    // its outgoing flows are collected below like any node's
    nodes[id] = {
      id,
      name: el.name ?? id,
      incoming: [],
      outgoing: [],
      kind: 'boundaryTimer',
      attachedTo: host.id,
    };
    if (due) {
      host.timers.push({
        id,
        name: el.name ?? id,
        cancelActivity: el.cancelActivity !== false,
        due,
      });
    }
  }

  for (const flow of Object.values(flows)) {
    const source = nodes[flow.source];
    const target = nodes[flow.target];
    if (!source) problem(flow.id, `顺序流的起点 ${flow.source} 不存在`);
    if (!target) problem(flow.id, `顺序流的终点 ${flow.target} 不存在`);
    source?.outgoing.push(flow.id);
    target?.incoming.push(flow.id);
    if (flow.condition !== undefined) {
      if (source?.kind !== 'exclusiveGateway') {
        problem(flow.id, '只有排他网关的出口可以带条件');
      } else checkExpression(flow.id, '条件', flow.condition);
    }
  }
  for (const node of Object.values(nodes)) checkNode(node);

  function checkNode(node: ProcessNode): void {
    const { id, incoming, outgoing } = node;
    switch (node.kind) {
      case 'startEvent':
        if (incoming.length > 0) problem(id, '开始事件不能有入口');
        if (outgoing.length !== 1) problem(id, '开始事件应恰有一条出口');
        break;
      case 'endEvent':
        if (outgoing.length > 0) problem(id, '结束事件不能有出口');
        break;
      case 'userTask':
      case 'serviceTask':
      case 'callActivity':
        if (outgoing.length !== 1) {
          problem(id, `${node.name} 应恰有一条出口（分支请用网关），实有 ${outgoing.length} 条`);
        }
        break;
      case 'exclusiveGateway': {
        if (outgoing.length === 0) problem(id, `网关 ${node.name} 没有出口`);
        if (node.default && !outgoing.includes(node.default)) {
          problem(id, `默认出口 ${node.default} 不是该网关的出口`);
        }
        if (outgoing.length > 1) {
          for (const f of outgoing) {
            if (f !== node.default && flows[f]?.condition === undefined) {
              problem(f, `排他网关 ${node.name} 的出口 ${f} 既无条件也不是默认出口`);
            }
          }
        }
        break;
      }
      case 'parallelGateway':
        if (outgoing.length === 0) problem(id, `网关 ${node.name} 没有出口`);
        if (incoming.length === 0) problem(id, `网关 ${node.name} 没有入口`);
        break;
      case 'boundaryTimer':
        if (outgoing.length !== 1) problem(id, '定时边界事件应恰有一条出口');
        if (incoming.length > 0) problem(id, '边界事件不能有入口');
        break;
    }
  }

  const starts = Object.values(nodes).filter((n) => n.kind === 'startEvent');
  if (starts.length !== 1) problem(null, `应恰有一个开始事件，实有 ${starts.length} 个`);
  const ends = Object.values(nodes).filter((n) => n.kind === 'endEvent');
  if (ends.length === 0) problem(null, '没有结束事件');

  // reachability: forward from the start (timers count as reachable from their task), backward
  // from the ends
  const start = starts[0];
  if (start && problems.length === 0) {
    const next = (n: ProcessNode): string[] => [
      ...n.outgoing.map((f) => flows[f]!.target),
      ...(n.kind === 'userTask' ? n.timers.map((t) => t.id) : []),
    ];
    const forward = walk(start.id, (id) => next(nodes[id]!));
    const previous = new Map<string, string[]>();
    for (const n of Object.values(nodes)) {
      for (const m of next(n)) previous.set(m, [...(previous.get(m) ?? []), n.id]);
    }
    const backward = new Set<string>();
    for (const e of ends)
      for (const id of walk(e.id, (x) => previous.get(x) ?? [])) backward.add(id);
    for (const n of Object.values(nodes)) {
      if (!forward.has(n.id)) {
        problem(
          n.id,
          n.kind === 'endEvent' ? `结束事件 ${n.name} 不可达` : `${n.name} 从开始事件不可达`,
        );
      } else if (!backward.has(n.id)) problem(n.id, `${n.name} 无法到达任何结束事件`);
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    process: { key, name: proc.name ?? key, startId: start!.id, nodes, flows },
  };
}

function walk(from: string, next: (id: string) => string[]): Set<string> {
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const n of next(id)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}
