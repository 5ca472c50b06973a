import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CompleteTaskBody,
  DeployDefinitionBody,
  Problem,
  ProcessDefinition,
  ProcessDefinitionDetail,
  ProcessDefinitionKey,
  ProcessDefinitionList,
  ProcessInstanceView,
  TaskCandidateList,
  TaskComment,
  TaskCommentBody,
  TaskCommentList,
  TaskCommentQuery,
  TransferTaskBody,
  WorkflowTask,
  WorkflowTaskPage,
  WorkflowTaskQuery,
} from '@zhengtong/contracts';
import type { WorkflowService } from './service.js';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
const tags = ['workflow'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** 工作流 under /api/v1/workflow: definitions (province admin deploys), tasks (officers). */
export const workflowRoutes: FastifyPluginAsyncTypebox<{ service: WorkflowService }> = async (
  app,
  { service },
) => {
  const ctx = (req: { id: string }) => ({ requestId: req.id });

  app.get(
    '/definitions',
    {
      schema: {
        tags,
        summary: 'The latest version of every process definition',
        response: { 200: ProcessDefinitionList, ...problems },
      },
    },
    (req) => service.listDefinitions(req.actor),
  );

  app.post(
    '/definitions',
    {
      schema: {
        tags,
        summary:
          'Deploy a BPMN 2.0 definition as the next version of its key (422 names every problem)',
        body: DeployDefinitionBody,
        response: { 201: ProcessDefinition, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.deploy(req.actor, req.body.xml, ctx(req))),
  );

  app.get(
    '/definitions/:key',
    {
      schema: {
        tags,
        summary: 'The latest version of a definition with its XML',
        params: Type.Object({ key: ProcessDefinitionKey }),
        response: { 200: ProcessDefinitionDetail, ...problems },
      },
    },
    (req) => service.getDefinition(req.actor, req.params.key),
  );

  app.get(
    '/tasks',
    {
      schema: {
        tags,
        summary:
          "Your organisation's tasks for your roles, by deadline (待办); scope=escalated: its escalated tasks, for the department head (督办)",
        querystring: WorkflowTaskQuery,
        response: { 200: WorkflowTaskPage, ...problems },
      },
    },
    (req) => service.listTasks(req.actor, req.query),
  );

  app.get(
    '/tasks/:id',
    {
      schema: {
        tags,
        summary: 'One task',
        params: Id,
        response: { 200: WorkflowTask, ...problems },
      },
    },
    (req) => service.getTask(req.actor, req.params.id),
  );

  app.post(
    '/tasks/:id/claim',
    {
      schema: {
        tags,
        summary: 'Take a task for yourself (认领)',
        params: Id,
        response: { 200: WorkflowTask, ...problems },
      },
    },
    (req) => service.claim(req.actor, req.params.id, ctx(req)),
  );

  app.post(
    '/tasks/:id/release',
    {
      schema: {
        tags,
        summary: 'Give a task you claimed back to its candidates (释放); held by another: 409',
        params: Id,
        response: { 200: WorkflowTask, ...problems },
      },
    },
    (req) => service.release(req.actor, req.params.id, ctx(req)),
  );

  app.post(
    '/tasks/:id/transfer',
    {
      schema: {
        tags,
        summary:
          'Hand a task to a colleague of its organisation holding its role (转办); anyone else: 422',
        params: Id,
        body: TransferTaskBody,
        response: { 200: WorkflowTask, ...problems },
      },
    },
    (req) => service.transfer(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.get(
    '/tasks/:id/candidates',
    {
      schema: {
        tags,
        summary: 'The colleagues a task may be transferred to',
        params: Id,
        response: { 200: TaskCandidateList, ...problems },
      },
    },
    (req) => service.candidates(req.actor, req.params.id),
  );

  app.post(
    '/tasks/:id/comments',
    {
      schema: {
        tags,
        summary: 'Note on an open task (办理意见 / 备注), for officers only',
        params: Id,
        body: TaskCommentBody,
        response: { 201: TaskComment, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.comment(req.actor, req.params.id, req.body, ctx(req))),
  );

  app.get(
    '/comments',
    {
      schema: {
        tags,
        summary:
          'The officers’ notes on the processes of an application (those of instances you may read)',
        querystring: TaskCommentQuery,
        response: { 200: TaskCommentList, ...problems },
      },
    },
    (req) => service.listComments(req.actor, req.query),
  );

  app.post(
    '/tasks/:id/complete',
    {
      schema: {
        tags,
        summary: 'Complete a task with its outcome; a task no longer open is a 409',
        params: Id,
        body: CompleteTaskBody,
        response: { 200: WorkflowTask, ...problems },
      },
    },
    (req) => service.complete(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.get(
    '/instances/:id',
    {
      schema: {
        tags,
        summary: 'A process instance: where it waits, its tasks and history',
        params: Id,
        response: { 200: ProcessInstanceView, ...problems },
      },
    },
    (req) => service.getInstance(req.actor, req.params.id),
  );
};
