import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZActivityPage, ZActivityQuery, ZChangePasswordRequest, ZCsrfResponse, ZProfile, ZRecoveryCodesResponse, ZUpdateProfileRequest } from '../../shared/auth.js';
import { changePassword, disableMfa, regenerateRecoveryCodes } from '../../platform/auth/service.js';
import { setSessionCookie } from '../../platform/auth/sessions.js';
import { requireActor } from '../../platform/http/context.js';
import { listActivity, updateProfile } from './service.js';

const API = '/api/v1/me';
const tags = ['profile'];
const self = { access: { permission: 'profile.self' as const } };

/** The signed-in person's own profile: name, language, password, two-factor, and who used their data (/api/v1/me). */
export async function profileModule(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.patch(
    API,
    { config: self, schema: { tags, summary: 'Change my name or language', body: ZUpdateProfileRequest, response: { 200: ZProfile } } },
    async (req) => updateProfile(requireActor(req.ctx), req.body),
  );

  app.post(
    `${API}/password`,
    { config: self, schema: { tags, summary: 'Change my password (signs out my other sessions)', body: ZChangePasswordRequest, response: { 200: ZCsrfResponse } } },
    async (req, reply) => {
      const session = await changePassword(requireActor(req.ctx), req.body.currentPassword, req.body.newPassword);
      setSessionCookie(req, reply, session.cookieValue);
      return { csrfToken: session.csrfToken };
    },
  );

  app.post(
    `${API}/recovery-codes`,
    { config: self, schema: { tags, summary: 'New recovery codes (the old ones stop working)', response: { 200: ZRecoveryCodesResponse } } },
    async (req) => ({ recoveryCodes: await regenerateRecoveryCodes(requireActor(req.ctx)) }),
  );

  app.delete(
    `${API}/mfa`,
    { config: self, schema: { tags, summary: 'Turn two-factor off (parents and funders only)', response: { 204: z.null().describe('No content') } } },
    async (req, reply) => {
      await disableMfa(requireActor(req.ctx));
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${API}/activity`,
    { config: self, schema: { tags, summary: 'Who did what with my data, newest first', querystring: ZActivityQuery, response: { 200: ZActivityPage } } },
    async (req) => listActivity(requireActor(req.ctx), req.query),
  );
}
