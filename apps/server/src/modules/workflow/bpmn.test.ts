import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES } from '@zhengtong/contracts';
import {
  MAX_DEFINITION_LENGTH,
  compileBpmn,
  parseIsoDuration,
  type CompileOptions,
  type CompileResult,
} from './bpmn.js';
import type { CompiledProcess, DefinitionProblem, ProcessNode } from './model.js';
import { STANDARD_DEFINITIONS } from './standard-definitions.js';

// ---------------------------------------------------------------------------------------------
// Helpers: a definition from a process body, and the usual elements in one line each

const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const ZT_NS = 'https://zhengtong.dev/schema/bpmn';

const OPTIONS: CompileOptions = {
  // the standard definitions issue the item's certificate (制证) before they end approved
  knownActions: new Set(['issueCertificate']),
  knownRoles: new Set(ROLES),
};

interface DefinitionOptions {
  /** the process id (default `test-process`) */
  id?: string;
  /** namespace declarations on bpmn:definitions (default bpmn, xsi and zt) */
  namespaces?: string;
}

function definition(body: string, { id = 'test-process', namespaces }: DefinitionOptions = {}) {
  const ns = namespaces ?? `xmlns:bpmn="${BPMN_NS}" xmlns:xsi="${XSI_NS}" xmlns:zt="${ZT_NS}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${ns} id="defs" targetNamespace="https://zhengtong.dev/processes">
  <bpmn:process id="${id}" name="测试流程" isExecutable="true">${body}
  </bpmn:process>
</bpmn:definitions>`;
}

const start = (id = 'start', inner = '') =>
  inner
    ? `<bpmn:startEvent id="${id}">${inner}</bpmn:startEvent>`
    : `<bpmn:startEvent id="${id}" />`;
const end = (id = 'end') => `<bpmn:endEvent id="${id}" />`;
/** a user task that compiles: a known role and a parseable organisation expression */
const task = (id: string, attrs = '', inner = '') => {
  const open = `<bpmn:userTask id="${id}" zt:candidateRole="approver" zt:candidateOrganisation="implementingOrganisationId"${attrs ? ` ${attrs}` : ''}`;
  return inner ? `${open}>${inner}</bpmn:userTask>` : `${open} />`;
};
const gateway = (id: string, attrs = '') =>
  `<bpmn:exclusiveGateway id="${id}"${attrs ? ` ${attrs}` : ''} />`;
const flow = (id: string, source: string, target: string, condition?: string) =>
  condition === undefined
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">` +
      `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression>` +
      `</bpmn:sequenceFlow>`;
const timer = (
  id: string,
  attachedTo: string,
  attrs = '',
  inner = '<bpmn:timeDuration>PT4H</bpmn:timeDuration>',
) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"${attrs ? ` ${attrs}` : ''}>` +
  `<bpmn:timerEventDefinition>${inner}</bpmn:timerEventDefinition></bpmn:boundaryEvent>`;

/** start → `node` (with id `middle`) → end */
const around = (node: string, ...more: string[]) =>
  [start(), node, end(), flow('f1', 'start', 'middle'), flow('f2', 'middle', 'end'), ...more].join(
    '',
  );

function show(result: CompileResult): string {
  return result.ok ? 'compiled' : JSON.stringify(result.problems, null, 2);
}

async function compiles(xml: string, options: CompileOptions = OPTIONS): Promise<CompiledProcess> {
  const result = await compileBpmn(xml, options);
  if (!result.ok) assert.fail(`expected to compile, got ${show(result)}`);
  return result.process;
}

/**
 * The definition is refused with a problem on `elementId` whose message matches `fragment`;
 * unless `only` is false, that is the one problem reported.
 */
async function refuses(
  xml: string,
  elementId: string | null,
  fragment: RegExp,
  { only = true, options = OPTIONS }: { only?: boolean; options?: CompileOptions } = {},
): Promise<DefinitionProblem[]> {
  const result = await compileBpmn(xml, options);
  assert.equal(result.ok, false, 'expected the definition to be refused');
  if (result.ok) return [];
  const found = result.problems.some((p) => p.elementId === elementId && fragment.test(p.message));
  assert.ok(found, `no problem on ${String(elementId)} matching ${fragment}: ${show(result)}`);
  if (only)
    assert.equal(result.problems.length, 1, `expected exactly one problem: ${show(result)}`);
  return result.problems;
}

function node<K extends ProcessNode['kind']>(
  process: CompiledProcess,
  id: string,
  kind: K,
): Extract<ProcessNode, { kind: K }> {
  const found = process.nodes[id];
  assert.ok(found, `node ${id} missing`);
  assert.equal(found.kind, kind, `node ${id}`);
  return found as Extract<ProcessNode, { kind: K }>;
}

// ---------------------------------------------------------------------------------------------

describe('compileBpmn: the standard definitions', () => {
  for (const { key, xml } of STANDARD_DEFINITIONS) {
    it(`compiles ${key}`, async () => {
      const process = await compiles(xml);
      assert.equal(process.key, key);
      assert.equal(process.startId, 'start');
    });
  }

  it('gives promised-case its nodes, flows, conditions, limits and default', async () => {
    const definition = STANDARD_DEFINITIONS.find((d) => d.key === 'promised-case');
    assert.ok(definition);
    const process = await compiles(definition.xml);
    assert.equal(process.name, '承诺件');
    assert.equal(process.startId, 'start');
    const kinds = Object.fromEntries(Object.values(process.nodes).map((n) => [n.id, n.kind]));
    assert.deepEqual(kinds, {
      start: 'startEvent',
      accept: 'userTask',
      accepted: 'exclusiveGateway',
      refused: 'endEvent',
      review: 'userTask',
      decide: 'userTask',
      decided: 'exclusiveGateway',
      issue: 'serviceTask',
      approved: 'endEvent',
      denied: 'endEvent',
    });
    assert.deepEqual(process.flows, {
      toAccept: { id: 'toAccept', source: 'start', target: 'accept' },
      toAccepted: { id: 'toAccepted', source: 'accept', target: 'accepted' },
      toReview: {
        id: 'toReview',
        source: 'accepted',
        target: 'review',
        condition: 'acceptance == "accepted"',
      },
      toRefused: { id: 'toRefused', source: 'accepted', target: 'refused' },
      toDecide: { id: 'toDecide', source: 'review', target: 'decide' },
      toDecided: { id: 'toDecided', source: 'decide', target: 'decided' },
      toIssue: {
        id: 'toIssue',
        source: 'decided',
        target: 'issue',
        condition: 'decision == "approve"',
      },
      toApproved: { id: 'toApproved', source: 'issue', target: 'approved' },
      toReturned: {
        id: 'toReturned',
        source: 'decided',
        target: 'review',
        condition: 'decision == "return"',
      },
      toDenied: { id: 'toDenied', source: 'decided', target: 'denied' },
    });

    const accept = node(process, 'accept', 'userTask');
    assert.deepEqual(accept, {
      id: 'accept',
      name: '受理',
      kind: 'userTask',
      incoming: ['toAccept'],
      outgoing: ['toAccepted'],
      candidateRole: 'windowOfficer',
      candidateOrganisation: 'acceptingOrganisationId',
      limitDays: 1,
      timers: [],
    });
    assert.equal(node(process, 'review', 'userTask').limitDays, 3);
    assert.equal(node(process, 'review', 'userTask').candidateRole, 'approver');
    assert.equal(node(process, 'decide', 'userTask').limitDays, 1);

    const accepted = node(process, 'accepted', 'exclusiveGateway');
    assert.equal(accepted.default, 'toRefused');
    assert.deepEqual(accepted.incoming, ['toAccepted']);
    assert.deepEqual(accepted.outgoing, ['toReview', 'toRefused']);
    const decided = node(process, 'decided', 'exclusiveGateway');
    assert.equal(decided.default, 'toDenied');
    assert.deepEqual(decided.outgoing, ['toIssue', 'toReturned', 'toDenied']);
    // 制证 between the approval and the end
    const issue = node(process, 'issue', 'serviceTask');
    assert.equal(issue.action, 'issueCertificate');
    assert.deepEqual([issue.incoming, issue.outgoing], [['toIssue'], ['toApproved']]);
    // 退回: the review is reached from acceptance and from the decision
    assert.deepEqual(node(process, 'review', 'userTask').incoming, ['toReview', 'toReturned']);
    assert.deepEqual(node(process, 'start', 'startEvent').incoming, []);
    assert.deepEqual(node(process, 'approved', 'endEvent').incoming, ['toApproved']);
    assert.deepEqual(node(process, 'approved', 'endEvent').outgoing, []);
  });

  it('gives parallel-approval a multi-instance opinion and a join with two incoming', async () => {
    const definition = STANDARD_DEFINITIONS.find((d) => d.key === 'parallel-approval');
    assert.ok(definition);
    const process = await compiles(definition.xml);
    const opinion = node(process, 'opinion', 'userTask');
    assert.deepEqual(opinion.multiInstance, {
      collection: 'consultedOrganisationIds',
      elementVariable: 'consultedOrganisationId',
    });
    assert.equal(opinion.candidateOrganisation, 'consultedOrganisationId');
    assert.equal(opinion.limitDays, 5);
    assert.equal(node(process, 'review', 'userTask').multiInstance, undefined);

    const fork = node(process, 'fork', 'parallelGateway');
    assert.deepEqual(fork.incoming, ['toFork']);
    assert.deepEqual(fork.outgoing, ['toReview', 'toOpinion']);
    const join = node(process, 'join', 'parallelGateway');
    assert.deepEqual(join.incoming, ['reviewDone', 'opinionDone']);
    assert.deepEqual(join.outgoing, ['toDecide']);
    // 退回 goes back to the lead review, which then goes straight to the decision
    assert.deepEqual(node(process, 'review', 'userTask').incoming, ['toReview', 'toReturned']);
    const reviewed = node(process, 'reviewed', 'exclusiveGateway');
    assert.equal(reviewed.default, 'reviewDone');
    assert.deepEqual(reviewed.outgoing, ['reviewDone', 'reviewedAgain']);
    assert.equal(process.flows.reviewedAgain?.condition, 'decision == "return"');
    assert.deepEqual(node(process, 'decide', 'userTask').incoming, ['reviewedAgain', 'toDecide']);
  });
});

describe('compileBpmn: documents it cannot read', () => {
  it('refuses text that is not XML', async () => {
    await refuses('this is not XML at all', null, /不是有效的 BPMN 2\.0 XML/);
  });

  it('refuses XML that is not BPMN', async () => {
    await refuses(
      '<?xml version="1.0"?><html><body><p>hello</p></body></html>',
      null,
      /不是有效的 BPMN 2\.0 XML.*bpmn:Definitions/,
    );
  });

  it('refuses two processes', async () => {
    const other = `<bpmn:process id="other-process">${start('s2')}${end('e2')}${flow('g1', 's2', 'e2')}</bpmn:process>`;
    const xml = definition(around(task('middle'))).replace(
      '</bpmn:definitions>',
      `${other}</bpmn:definitions>`,
    );
    await refuses(xml, null, /应恰好包含一个流程.*实有 2 个/);
  });

  it('refuses zero processes', async () => {
    const xml = `<bpmn:definitions xmlns:bpmn="${BPMN_NS}" id="defs" targetNamespace="x" />`;
    await refuses(xml, null, /应恰好包含一个流程.*实有 0 个/);
  });

  it('refuses a definition longer than MAX_DEFINITION_LENGTH', async () => {
    const valid = definition(around(task('middle')));
    await compiles(valid);
    const padding = `<!--${'x'.repeat(MAX_DEFINITION_LENGTH)}-->`;
    const xml = valid.replace('</bpmn:definitions>', `${padding}</bpmn:definitions>`);
    assert.ok(xml.length > MAX_DEFINITION_LENGTH);
    await refuses(xml, null, new RegExp(`定义超过 ${MAX_DEFINITION_LENGTH} 个字符`));
  });
});

describe('compileBpmn: the process', () => {
  it('refuses a process id with capitals', async () => {
    await refuses(
      definition(around(task('middle')), { id: 'PromisedCase' }),
      'PromisedCase',
      /流程 id “PromisedCase”/,
    );
  });

  it('refuses a process id with spaces (bpmn-moddle cannot even read the process)', async () => {
    const problems = await refuses(
      definition(around(task('middle')), { id: 'promised case' }),
      null,
      /无法解析的内容.*<bpmn:process>/,
      { only: false },
    );
    assert.ok(problems.every((p) => p.elementId === null));
  });

  for (const [type, xml] of [
    ['ScriptTask', '<bpmn:scriptTask id="middle" scriptFormat="js" />'],
    ['IntermediateThrowEvent', '<bpmn:intermediateThrowEvent id="middle" />'],
    ['InclusiveGateway', '<bpmn:inclusiveGateway id="middle" />'],
    ['SubProcess', `<bpmn:subProcess id="middle">${start('inner')}</bpmn:subProcess>`],
  ] as const) {
    it(`refuses the unsupported element ${type}`, async () => {
      const problems = await refuses(
        definition(around(xml)),
        'middle',
        new RegExp(`不支持的元素 ${type}`),
        { only: false },
      );
      // besides, only the flows that touch it dangle
      for (const p of problems.filter((p) => p.elementId !== 'middle')) {
        assert.match(`${p.elementId} ${p.message}`, /^f[12] .*middle/);
      }
    });
  }

  it('refuses a start event with an incoming flow', async () => {
    const body = [
      start(),
      gateway('gw', 'default="back"'),
      end(),
      flow('f1', 'start', 'gw'),
      flow('out', 'gw', 'end', 'done == true'),
      flow('back', 'gw', 'start'),
    ].join('');
    await refuses(definition(body), 'start', /开始事件不能有入口/);
  });

  it('refuses two start events', async () => {
    const body = [
      start('s1'),
      start('s2'),
      task('middle'),
      end(),
      flow('f1', 's1', 'middle'),
      flow('f1b', 's2', 'middle'),
      flow('f2', 'middle', 'end'),
    ].join('');
    await refuses(definition(body), null, /应恰有一个开始事件，实有 2 个/);
  });

  it('refuses a start event with a timer definition', async () => {
    const timerStart = start(
      'start',
      '<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>',
    );
    const body = [
      timerStart,
      task('middle'),
      end(),
      flow('f1', 'start', 'middle'),
      flow('f2', 'middle', 'end'),
    ];
    await refuses(definition(body.join('')), 'start', /不支持带事件定义的开始事件/);
  });
});

describe('compileBpmn: gateways, flows and reachability', () => {
  it('refuses an exclusive gateway without outgoing flow', async () => {
    const body = [start(), gateway('gw'), end(), flow('f1', 'start', 'gw')].join('');
    await refuses(definition(body), 'gw', /网关 gw 没有出口/);
  });

  it('refuses a second outgoing flow with neither condition nor default', async () => {
    const body = [
      start(),
      gateway('gw'),
      end('a'),
      end('b'),
      flow('f1', 'start', 'gw'),
      flow('toA', 'gw', 'a', 'decision == "approve"'),
      flow('toB', 'gw', 'b'),
    ].join('');
    await refuses(definition(body), 'toB', /既无条件也不是默认出口/);
  });

  it('refuses a default that is not one of the gateway’s flows', async () => {
    const body = [
      start(),
      task('middle'),
      gateway('gw', 'default="f1"'),
      end(),
      flow('f1', 'start', 'middle'),
      flow('f2', 'middle', 'gw'),
      flow('f3', 'gw', 'end'),
    ].join('');
    await refuses(definition(body), 'gw', /默认出口 f1 不是该网关的出口/);
  });

  it('refuses an unreachable end event', async () => {
    await refuses(
      definition(around(task('middle'), end('orphan'))),
      'orphan',
      /结束事件 orphan 不可达/,
    );
  });

  it('refuses tasks that cannot reach any end (a cycle with no exit)', async () => {
    const body = [
      start(),
      gateway('gw', 'default="toA"'),
      task('a'),
      task('b'),
      end(),
      flow('f1', 'start', 'gw'),
      flow('toEnd', 'gw', 'end', 'skip == true'),
      flow('toA', 'gw', 'a'),
      flow('ab', 'a', 'b'),
      flow('ba', 'b', 'a'),
    ].join('');
    const problems = await refuses(definition(body), 'a', /a 无法到达任何结束事件/, {
      only: false,
    });
    assert.deepEqual(
      problems.map((p) => p.elementId),
      ['a', 'b'],
    );
  });

  it('refuses a condition that does not parse', async () => {
    const body = [
      start(),
      gateway('gw', 'default="toB"'),
      end('a'),
      end('b'),
      flow('f1', 'start', 'gw'),
      flow('toA', 'gw', 'a', 'decision =='),
      flow('toB', 'gw', 'b'),
    ].join('');
    await refuses(definition(body), 'toA', /条件 表达式无法解析/);
  });

  it('refuses a condition on a flow leaving a user task', async () => {
    const body = [
      start(),
      task('middle'),
      end(),
      flow('f1', 'start', 'middle'),
      flow('f2', 'middle', 'end', 'decision == "approve"'),
    ].join('');
    await refuses(definition(body), 'f2', /只有排他网关的出口可以带条件/);
  });

  it('refuses a task with two outgoing flows', async () => {
    await refuses(
      definition(around(task('middle'), end('other'), flow('f3', 'middle', 'other'))),
      'middle',
      /应恰有一条出口（分支请用网关），实有 2 条/,
    );
  });
});

describe('compileBpmn: user tasks', () => {
  it('refuses a user task without candidateRole', async () => {
    const xml =
      '<bpmn:userTask id="middle" zt:candidateOrganisation="implementingOrganisationId" />';
    await refuses(definition(around(xml)), 'middle', /缺少 zt:candidateRole/);
  });

  it('refuses an unknown role', async () => {
    const xml =
      '<bpmn:userTask id="middle" zt:candidateRole="wizard" zt:candidateOrganisation="implementingOrganisationId" />';
    await refuses(definition(around(xml)), 'middle', /未知的办理角色 wizard/);
  });

  it('refuses a candidateOrganisation expression that does not parse', async () => {
    const xml =
      '<bpmn:userTask id="middle" zt:candidateRole="approver" zt:candidateOrganisation="implementingOrganisationId ==" />';
    await refuses(definition(around(xml)), 'middle', /zt:candidateOrganisation 表达式无法解析/);
  });

  for (const limit of ['abc', '-1']) {
    it(`refuses zt:limitDays "${limit}"`, async () => {
      await refuses(
        definition(around(task('middle', `zt:limitDays="${limit}"`))),
        'middle',
        new RegExp(`zt:limitDays 应为 0–365 的整数，实为 “${limit}”`),
      );
    });
  }

  // each of these reads as a number to Number() ('' as 0 days): refused, not guessed
  for (const limit of ['', '1e1', '0x10']) {
    it(`refuses zt:limitDays "${limit}"`, async () => {
      await refuses(
        definition(around(task('middle', `zt:limitDays="${limit}"`))),
        'middle',
        /zt:limitDays 应为 0–365 的整数/,
      );
    });
  }

  it('accepts zt:limitDays 0 and 365', async () => {
    for (const limit of [0, 365]) {
      const process = await compiles(definition(around(task('middle', `zt:limitDays="${limit}"`))));
      assert.equal(node(process, 'middle', 'userTask').limitDays, limit);
    }
  });

  it('refuses a sequential multi-instance', async () => {
    const loop =
      '<bpmn:multiInstanceLoopCharacteristics isSequential="true" zt:collection="ids" zt:elementVariable="id" />';
    await refuses(definition(around(task('middle', '', loop))), 'middle', /只支持并行多实例/);
  });
});

describe('compileBpmn: service tasks', () => {
  const service = '<bpmn:serviceTask id="middle" zt:action="issueCertificate" />';

  it('refuses an unknown action', async () => {
    await refuses(definition(around(service)), 'middle', /未知的内置动作 issueCertificate/, {
      options: { ...OPTIONS, knownActions: new Set() },
    });
  });

  it('accepts a known action', async () => {
    const process = await compiles(definition(around(service)), {
      ...OPTIONS,
      knownActions: new Set(['issueCertificate']),
    });
    assert.equal(node(process, 'middle', 'serviceTask').action, 'issueCertificate');
  });

  it('refuses a multi-instance service task', async () => {
    const loop =
      '<bpmn:multiInstanceLoopCharacteristics isSequential="false" zt:collection="ids" zt:elementVariable="id" />';
    await refuses(
      definition(
        around(
          `<bpmn:serviceTask id="middle" zt:action="issueCertificate">${loop}</bpmn:serviceTask>`,
        ),
      ),
      'middle',
      /多实例/,
      { options: { ...OPTIONS, knownActions: new Set(['issueCertificate']) } },
    );
  });
});

describe('compileBpmn: boundary timers', () => {
  const withTimer = (attrs: string, inner?: string, taskAttrs = '') =>
    definition(
      around(
        task('middle', taskAttrs),
        timer('late', 'middle', attrs, inner),
        end('escalated'),
        flow('f3', 'late', 'escalated'),
      ),
    );

  it('compiles timeDuration and dueShare timers onto their task', async () => {
    let process = await compiles(withTimer('', '<bpmn:timeDuration>P1DT2H</bpmn:timeDuration>'));
    assert.deepEqual(node(process, 'middle', 'userTask').timers, [
      { id: 'late', name: 'late', cancelActivity: true, due: { afterMs: 26 * 3600_000 } },
    ]);
    assert.equal(node(process, 'late', 'boundaryTimer').attachedTo, 'middle');
    assert.deepEqual(node(process, 'late', 'boundaryTimer').outgoing, ['f3']);

    process = await compiles(
      withTimer('cancelActivity="false" zt:dueShare="0.5"', '', 'zt:limitDays="4"'),
    );
    assert.deepEqual(node(process, 'middle', 'userTask').timers, [
      { id: 'late', name: 'late', cancelActivity: false, due: { shareOfLimit: 0.5 } },
    ]);
  });

  it('refuses a boundary event on a service task', async () => {
    const body = around(
      '<bpmn:serviceTask id="middle" zt:action="notify" />',
      timer('late', 'middle'),
    );
    await refuses(definition(body), 'late', /边界事件只能附着在用户任务上/, {
      options: { ...OPTIONS, knownActions: new Set(['notify']) },
    });
  });

  it('refuses a boundary event that is not a timer', async () => {
    const message =
      '<bpmn:boundaryEvent id="late" attachedToRef="middle"><bpmn:messageEventDefinition /></bpmn:boundaryEvent>';
    await refuses(definition(around(task('middle'), message)), 'late', /只支持定时边界事件/);
  });

  it('refuses a timeDuration that is not ISO 8601', async () => {
    await refuses(
      withTimer('', '<bpmn:timeDuration>tomorrow</bpmn:timeDuration>'),
      'late',
      /timeDuration “tomorrow” 不是 ISO 8601 时长/,
    );
  });

  it('refuses zt:dueShare without zt:limitDays on the task', async () => {
    await refuses(
      withTimer('zt:dueShare="0.5"', ''),
      'late',
      /zt:dueShare 需要所附任务设置 zt:limitDays/,
    );
  });

  for (const share of ['0', '6']) {
    it(`refuses zt:dueShare ${share}`, async () => {
      await refuses(
        withTimer(`zt:dueShare="${share}"`, '', 'zt:limitDays="3"'),
        'late',
        new RegExp(`zt:dueShare 应在 \\(0, 5\\] 之内，实为 “${share}”`),
      );
    });
  }
});

describe('compileBpmn: several problems at once', () => {
  it('reports every fault, not just the first', async () => {
    const body = [
      start(),
      '<bpmn:userTask id="a" zt:candidateRole="wizard" zt:candidateOrganisation="implementingOrganisationId" />',
      task('b', 'zt:limitDays="abc"'),
      '<bpmn:serviceTask id="c" zt:action="launchRocket" />',
      gateway('gw', 'default="toEnd"'),
      end(),
      end('other'),
      flow('f1', 'start', 'a'),
      flow('f2', 'a', 'b'),
      flow('f3', 'b', 'c'),
      flow('f4', 'c', 'gw'),
      flow('toOther', 'gw', 'other', 'decision =='),
      flow('toEnd', 'gw', 'end'),
    ].join('');
    const result = await compileBpmn(definition(body), OPTIONS);
    assert.equal(result.ok, false);
    if (result.ok) return;
    const expected: [string, RegExp][] = [
      ['a', /未知的办理角色 wizard/],
      ['b', /zt:limitDays/],
      ['c', /未知的内置动作 launchRocket/],
      ['toOther', /条件 表达式无法解析/],
    ];
    assert.ok(result.problems.length >= expected.length, show(result));
    for (const [elementId, fragment] of expected) {
      assert.ok(
        result.problems.some((p) => p.elementId === elementId && fragment.test(p.message)),
        `${elementId} ${fragment}: ${show(result)}`,
      );
    }
  });
});

describe('compileBpmn: the Zhengtong namespace', () => {
  it('reads the extension attributes under another prefix bound to it', async () => {
    const namespaces = `xmlns:bpmn="${BPMN_NS}" xmlns:xsi="${XSI_NS}" xmlns:z="${ZT_NS}"`;
    const body = around(
      '<bpmn:userTask id="middle" z:candidateRole="windowOfficer" z:candidateOrganisation="acceptingOrganisationId" z:limitDays="2">' +
        '<bpmn:multiInstanceLoopCharacteristics isSequential="false" z:collection="ids" z:elementVariable="id" />' +
        '</bpmn:userTask>',
    );
    const process = await compiles(definition(body, { namespaces }));
    const middle = node(process, 'middle', 'userTask');
    assert.equal(middle.candidateRole, 'windowOfficer');
    assert.equal(middle.candidateOrganisation, 'acceptingOrganisationId');
    assert.equal(middle.limitDays, 2);
    assert.deepEqual(middle.multiInstance, { collection: 'ids', elementVariable: 'id' });
  });

  it('reads the extension attributes when the namespace is declared on the process', async () => {
    const body = around(
      '<bpmn:userTask id="middle" z:candidateRole="approver" z:candidateOrganisation="implementingOrganisationId" />',
    );
    const xml = definition(body, {
      namespaces: `xmlns:bpmn="${BPMN_NS}" xmlns:xsi="${XSI_NS}"`,
    }).replace('<bpmn:process ', `<bpmn:process xmlns:z="${ZT_NS}" `);
    const process = await compiles(xml);
    assert.equal(node(process, 'middle', 'userTask').candidateRole, 'approver');
  });

  it('ignores zt: attributes when zt is bound to another namespace', async () => {
    const namespaces = `xmlns:bpmn="${BPMN_NS}" xmlns:xsi="${XSI_NS}" xmlns:zt="https://example.com/other"`;
    await refuses(
      definition(around(task('middle')), { namespaces }),
      'middle',
      /缺少 zt:candidateRole/,
      {
        only: false,
      },
    );
  });
});

describe('parseIsoDuration', () => {
  it('reads days, hours, minutes, seconds and combinations', () => {
    assert.equal(parseIsoDuration('P1D'), 24 * 3600_000);
    assert.equal(parseIsoDuration('PT4H'), 4 * 3600_000);
    assert.equal(parseIsoDuration('PT30M'), 30 * 60_000);
    assert.equal(parseIsoDuration('PT1S'), 1000);
    assert.equal(parseIsoDuration('P1DT2H'), 26 * 3600_000);
  });

  it('gives undefined for malformed durations', () => {
    for (const text of ['P', 'PT', '1D', 'P1H', '']) {
      assert.equal(parseIsoDuration(text), undefined, JSON.stringify(text));
    }
  });
});
