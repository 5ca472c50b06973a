// The process definitions every installation starts with. Implementation lists name them by key
// (processDefinitionKey); an admin may deploy new versions, which new applications then use.
//
// Variables the application module provides: implementingOrganisationId (实施机构),
// acceptingOrganisationId (受理机构, may differ for 跨域通办), consultedOrganisationIds (并联审批).
// The service task 制证 (zt:action issueCertificate, registered by the certificates module)
// issues the item's certificate, when its result is one, on the way to the approved end.
//
// Variables the steps decide: acceptance = accepted | refused (受理 / 不予受理), decision =
// approve | deny | return (准予 / 不予 / 退回: back to review, which then goes to the decision
// again).
//
// The workflow module deploys these at start as a new version whenever the shipped process
// differs from the latest version it deployed itself (see deployStandardDefinitions).

const head = (key: string, name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:zt="https://zhengtong.dev/schema/bpmn"
  id="${key}-definitions" targetNamespace="https://zhengtong.dev/processes">
  <bpmn:process id="${key}" name="${name}" isExecutable="true">`;
const tail = `
  </bpmn:process>
</bpmn:definitions>
`;
const flow = (id: string, source: string, target: string, condition?: string) =>
  condition
    ? `
    <bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>`
    : `
    <bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`;

const accept = (limitDays: number) => `
    <bpmn:userTask id="accept" name="受理" zt:candidateRole="windowOfficer"
      zt:candidateOrganisation="acceptingOrganisationId" zt:limitDays="${limitDays}" />
    <bpmn:exclusiveGateway id="accepted" name="是否受理" default="toRefused" />
    <bpmn:endEvent id="refused" name="不予受理" />`;

/** 制证: the certificate of the item's result, issued before the process ends (approved). */
const issue = `
    <bpmn:serviceTask id="issue" name="制证" zt:action="issueCertificate" />`;

/** 即办件: accepted and decided at the window the same day. */
export const IMMEDIATE_CASE = `${head('immediate-case', '即办件')}
    <bpmn:startEvent id="start" name="申报" />${accept(0)}${issue}
    <bpmn:endEvent id="done" name="办结" />${flow('toAccept', 'start', 'accept')}${flow(
      'toAccepted',
      'accept',
      'accepted',
    )}${flow('toIssue', 'accepted', 'issue', 'acceptance == "accepted"')}${flow(
      'toDone',
      'issue',
      'done',
    )}${flow('toRefused', 'accepted', 'refused')}${tail}`;

/** 承诺件: accept → review (审查) → decide (决定) → complete; 退回 goes back to review. */
export const PROMISED_CASE = `${head('promised-case', '承诺件')}
    <bpmn:startEvent id="start" name="申报" />${accept(1)}
    <bpmn:userTask id="review" name="审查" zt:candidateRole="approver"
      zt:candidateOrganisation="implementingOrganisationId" zt:limitDays="3" />
    <bpmn:userTask id="decide" name="决定" zt:candidateRole="approver"
      zt:candidateOrganisation="implementingOrganisationId" zt:limitDays="1" />
    <bpmn:exclusiveGateway id="decided" name="是否准予" default="toDenied" />${issue}
    <bpmn:endEvent id="approved" name="准予办结" />
    <bpmn:endEvent id="denied" name="不予许可" />${flow('toAccept', 'start', 'accept')}${flow(
      'toAccepted',
      'accept',
      'accepted',
    )}${flow('toReview', 'accepted', 'review', 'acceptance == "accepted"')}${flow(
      'toRefused',
      'accepted',
      'refused',
    )}${flow('toDecide', 'review', 'decide')}${flow('toDecided', 'decide', 'decided')}${flow(
      'toIssue',
      'decided',
      'issue',
      'decision == "approve"',
    )}${flow('toApproved', 'issue', 'approved')}${flow('toReturned', 'decided', 'review', 'decision == "return"')}${flow(
      'toDenied',
      'decided',
      'denied',
    )}${tail}`;

/**
 * 并联审批: after acceptance the implementing department reviews while every consulted
 * department gives its opinion (会签) in parallel; the decision waits for all of them. 退回
 * sends the case back to the implementing department's review only; the opinions stand, so a
 * review done after a return goes straight to the decision (through the join it would wait at
 * for ever).
 */
export const PARALLEL_APPROVAL = `${head('parallel-approval', '并联审批')}
    <bpmn:startEvent id="start" name="申报" />${accept(1)}
    <bpmn:parallelGateway id="fork" name="并联分发" />
    <bpmn:userTask id="review" name="牵头部门审查" zt:candidateRole="approver"
      zt:candidateOrganisation="implementingOrganisationId" zt:limitDays="5" />
    <bpmn:userTask id="opinion" name="部门会签意见" zt:candidateRole="approver"
      zt:candidateOrganisation="consultedOrganisationId" zt:limitDays="5">
      <bpmn:multiInstanceLoopCharacteristics isSequential="false"
        zt:collection="consultedOrganisationIds" zt:elementVariable="consultedOrganisationId" />
    </bpmn:userTask>
    <bpmn:exclusiveGateway id="reviewed" name="是否退回重审" default="reviewDone" />
    <bpmn:parallelGateway id="join" name="意见汇总" />
    <bpmn:userTask id="decide" name="决定" zt:candidateRole="approver"
      zt:candidateOrganisation="implementingOrganisationId" zt:limitDays="1" />
    <bpmn:exclusiveGateway id="decided" name="是否准予" default="toDenied" />${issue}
    <bpmn:endEvent id="approved" name="准予办结" />
    <bpmn:endEvent id="denied" name="不予许可" />${flow('toAccept', 'start', 'accept')}${flow(
      'toAccepted',
      'accept',
      'accepted',
    )}${flow('toFork', 'accepted', 'fork', 'acceptance == "accepted"')}${flow(
      'toRefused',
      'accepted',
      'refused',
    )}${flow('toReview', 'fork', 'review')}${flow('toOpinion', 'fork', 'opinion')}${flow(
      'toReviewed',
      'review',
      'reviewed',
    )}${flow('reviewDone', 'reviewed', 'join')}${flow(
      'reviewedAgain',
      'reviewed',
      'decide',
      'decision == "return"',
    )}${flow('opinionDone', 'opinion', 'join')}${flow('toDecide', 'join', 'decide')}${flow(
      'toDecided',
      'decide',
      'decided',
    )}${flow('toIssue', 'decided', 'issue', 'decision == "approve"')}${flow(
      'toApproved',
      'issue',
      'approved',
    )}${flow(
      'toReturned',
      'decided',
      'review',
      'decision == "return"',
    )}${flow('toDenied', 'decided', 'denied')}${tail}`;

export const STANDARD_DEFINITIONS: readonly { key: string; xml: string }[] = [
  { key: 'immediate-case', xml: IMMEDIATE_CASE },
  { key: 'promised-case', xml: PROMISED_CASE },
  { key: 'parallel-approval', xml: PARALLEL_APPROVAL },
];
