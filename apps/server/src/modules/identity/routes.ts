import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import {
  AccountCreated,
  MyPersonalData,
  ActingForBody,
  ChangePasswordBody,
  EnterpriseCreated,
  LoginBody,
  Me,
  OtpBody,
  Problem,
  RegisterEnterpriseBody,
  RegisterPersonBody,
  TotpEnrolment,
} from '@zhengtong/contracts';
import { UnauthenticatedError } from '../../kernel/errors.js';
import type { IdentityApi } from './api.js';
import type { RequestContext } from './service.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const NoContent = Type.Null();

export const context = (req: FastifyRequest): RequestContext => ({
  requestId: req.id,
  ip: req.ip,
  userAgent: req.headers['user-agent'],
});

export const identityRoutes: FastifyPluginAsyncTypebox<{ api: IdentityApi }> = async (
  app,
  { api },
) => {
  const { service } = api;

  app.post(
    '/register/person',
    {
      schema: {
        tags: ['identity'],
        summary: '自然人注册: register a natural person (ID number checked against GB 11643)',
        body: RegisterPersonBody,
        response: { 201: AccountCreated, ...problems },
      },
    },
    async (req, reply) => {
      const created = await service.registerPerson(req.actor, req.body, context(req));
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/register/enterprise',
    {
      schema: {
        tags: ['identity'],
        summary:
          '法人登记: register an enterprise; the signed-in person is its legal representative',
        body: RegisterEnterpriseBody,
        response: { 201: EnterpriseCreated, ...problems },
      },
    },
    async (req, reply) => {
      const created = await service.registerEnterprise(req.actor, req.body, context(req));
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/login',
    {
      schema: {
        tags: ['identity'],
        summary:
          'Log in with ID number or phone (people) or account name (staff); sets the session cookie',
        body: LoginBody,
        response: { 200: Me, ...problems },
      },
    },
    async (req, reply) => {
      const ctx = context(req);
      const result = await api.authenticate({ ...req.body, ...ctx });
      if (!result.ok) {
        throw result.code === 'otp-required'
          ? new UnauthenticatedError('otp-required', 'enter the code from your authenticator')
          : new UnauthenticatedError('invalid-credentials', 'wrong account name or password');
      }
      const actor = await api.startSession(reply, result.accountId, { ...ctx, mfa: result.mfa });
      return service.me(actor);
    },
  );

  app.post(
    '/logout',
    {
      schema: {
        tags: ['identity'],
        summary: 'End this session',
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await service.logout(req.actor, context(req));
      api.clearCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/logout-all',
    {
      schema: {
        tags: ['identity'],
        summary: '退出所有设备: end every session of this account',
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await service.logoutAll(req.actor, context(req));
      api.clearCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'The signed-in account',
        response: { 200: Me, ...problems },
      },
    },
    (req) => service.me(req.actor),
  );

  app.get(
    '/me/personal-data',
    {
      schema: {
        tags: ['identity'],
        summary: "The holder's own ID number and phone, unmasked (本人查看); audited",
        response: { 200: MyPersonalData, ...problems },
      },
    },
    async (req, reply) => {
      // never cached anywhere between the holder and the server
      reply.header('cache-control', 'no-store');
      return service.myPersonalData(req.actor, context(req));
    },
  );

  app.post(
    '/acting-for',
    {
      schema: {
        tags: ['identity'],
        summary: 'Act for an enterprise (legal representative or agent), or for oneself (null)',
        body: ActingForBody,
        response: { 200: Me, ...problems },
      },
    },
    async (req) => {
      await service.setActingFor(req.actor, req.body.enterpriseId, context(req));
      return service.me(await api.refreshActor(req.actor));
    },
  );

  app.post(
    '/mfa/totp',
    {
      schema: {
        tags: ['identity'],
        summary: 'Start TOTP enrolment: a new secret, active once confirmed with a code',
        response: { 200: TotpEnrolment, ...problems },
      },
    },
    (req) => service.startTotp(req.actor, context(req)),
  );

  app.post(
    '/mfa/totp/confirm',
    {
      schema: {
        tags: ['identity'],
        summary: 'Confirm TOTP enrolment with a first code',
        body: OtpBody,
        response: { 200: Me, ...problems },
      },
    },
    async (req) => {
      await service.confirmTotp(req.actor, req.body.otp, context(req));
      return service.me(await api.refreshActor(req.actor));
    },
  );

  app.post(
    '/password',
    {
      schema: {
        tags: ['identity'],
        summary: 'Change the password; every other session ends',
        body: ChangePasswordBody,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await service.changePassword(req.actor, req.body, context(req));
      return reply.status(204).send(null);
    },
  );
};
