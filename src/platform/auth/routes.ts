import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAcceptedResponse,
  ZAcceptInvitationRequest,
  ZForgotPasswordRequest,
  ZInvitationInfo,
  ZInvitationTokenRequest,
  ZLoginRequest,
  ZLoginResponse,
  ZLogoutEverywhereRequest,
  ZMfaEnrolConfirmRequest,
  ZMfaEnrolConfirmResponse,
  ZMfaEnrolStartResponse,
  ZMfaVerifyRequest,
  ZResetPasswordRequest,
  ZSessionResponse,
} from '../../shared/auth.js';
import { ZSignInLinkConsumeRequest, ZSignInLinkRequest } from '../../shared/portal.js';
import { requireActor } from '../http/context.js';
import * as auth from './service.js';
import { consumeSignInLink, requestSignInLink } from './sign-in-links.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie, type NewSession } from './sessions.js';

const API = '/api/v1/auth';
const tags = ['auth'];
const NoContent = { 204: z.null().describe('No content') };

function startSession(req: FastifyRequest, reply: FastifyReply, s: NewSession) {
  setSessionCookie(req, reply, s.cookieValue);
}

/** Sign-in, two-factor, sign-out, password reset and invitation acceptance (/api/v1/auth). */
export async function authRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    `${API}/session`,
    { config: { access: 'public' }, schema: { tags, summary: 'Who is signed in, and the CSRF token to send', response: { 200: ZSessionResponse } } },
    async (req, reply) => {
      // A cookie that no longer opens a session (expired, revoked, deactivated) is cleared.
      if (req.cookies[SESSION_COOKIE] && !req.ctx.actor) clearSessionCookie(req, reply);
      return auth.sessionInfo(req.ctx);
    },
  );

  app.post(
    `${API}/login`,
    { config: { access: 'public' }, schema: { tags, summary: 'Sign in with email and password', body: ZLoginRequest, response: { 200: ZLoginResponse } } },
    async (req, reply) => {
      const { next, session } = await auth.login(req.ctx, req.body.email, req.body.password);
      startSession(req, reply, session);
      return { next, csrfToken: session.csrfToken };
    },
  );

  app.post(
    `${API}/mfa/verify`,
    { config: { access: 'session' }, schema: { tags, summary: 'Second step: a code from the authenticator app or a recovery code', body: ZMfaVerifyRequest, response: { 200: ZLoginResponse } } },
    async (req, reply) => {
      const session = await auth.verifyMfa(requireActor(req.ctx), req.body.code);
      startSession(req, reply, session);
      return { next: 'done' as const, csrfToken: session.csrfToken };
    },
  );

  app.post(
    `${API}/mfa/enrol/start`,
    { config: { access: 'session' }, schema: { tags, summary: 'Start linking an authenticator app (secret and QR code)', response: { 200: ZMfaEnrolStartResponse } } },
    async (req) => auth.startEnrolment(requireActor(req.ctx)),
  );

  app.post(
    `${API}/mfa/enrol/confirm`,
    { config: { access: 'session' }, schema: { tags, summary: 'Finish linking with a first code; returns 10 recovery codes', body: ZMfaEnrolConfirmRequest, response: { 200: ZMfaEnrolConfirmResponse } } },
    async (req, reply) => {
      const { recoveryCodes, session } = await auth.confirmEnrolment(requireActor(req.ctx), req.body.code);
      startSession(req, reply, session);
      return { recoveryCodes, csrfToken: session.csrfToken };
    },
  );

  app.post(
    `${API}/logout`,
    { config: { access: 'session' }, schema: { tags, summary: 'Sign out (this session)', response: NoContent } },
    async (req, reply) => {
      await auth.logout(requireActor(req.ctx));
      clearSessionCookie(req, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${API}/logout-everywhere`,
    {
      config: { access: { permission: 'profile.self' } },
      schema: { tags, summary: 'Sign out on every device (optionally except this one)', body: ZLogoutEverywhereRequest, response: NoContent },
    },
    async (req, reply) => {
      await auth.logoutEverywhere(requireActor(req.ctx), req.body.keepThisSession);
      if (!req.body.keepThisSession) clearSessionCookie(req, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${API}/password/forgot`,
    { config: { access: 'public' }, schema: { tags, summary: 'Mail a password reset link (same answer for every address)', body: ZForgotPasswordRequest, response: { 202: ZAcceptedResponse } } },
    async (req, reply) => {
      const { mailError } = await auth.forgotPassword(req.ctx, req.body.email);
      if (mailError) req.log.error({ errName: (mailError as Error)?.name, errCode: (mailError as { code?: string })?.code }, 'password reset mail could not be sent');
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    `${API}/password/reset`,
    { config: { access: 'public' }, schema: { tags, summary: 'Choose a new password with the link from the mail', body: ZResetPasswordRequest, response: NoContent } },
    async (req, reply) => {
      await auth.resetPassword(req.ctx, req.body.token, req.body.password);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${API}/sign-in-link`,
    { config: { access: 'public' }, schema: { tags, summary: 'Mail a single-use sign-in link, 15 minutes (parents; same answer for every address)', body: ZSignInLinkRequest, response: { 202: ZAcceptedResponse } } },
    async (req, reply) => {
      const { mailError } = await requestSignInLink(req.ctx, req.body.email);
      if (mailError) req.log.error({ errName: (mailError as Error)?.name, errCode: (mailError as { code?: string })?.code }, 'sign-in link mail could not be sent');
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    `${API}/sign-in-link/consume`,
    { config: { access: 'public' }, schema: { tags, summary: 'Sign in with the link from the mail (once)', body: ZSignInLinkConsumeRequest, response: { 200: ZLoginResponse } } },
    async (req, reply) => {
      const { next, session } = await consumeSignInLink(req.ctx, req.body.token);
      startSession(req, reply, session);
      return { next, csrfToken: session.csrfToken };
    },
  );

  app.post(
    `${API}/invitations/inspect`,
    { config: { access: 'public' }, schema: { tags, summary: 'What an invitation link is for', body: ZInvitationTokenRequest, response: { 200: ZInvitationInfo } } },
    async (req) => auth.inspectInvitation(req.ctx, req.body.token),
  );

  app.post(
    `${API}/invitations/accept`,
    { config: { access: 'public' }, schema: { tags, summary: 'Accept an invitation: choose a password and sign in', body: ZAcceptInvitationRequest, response: { 200: ZLoginResponse } } },
    async (req, reply) => {
      const { next, session } = await auth.acceptInvitation(req.ctx, req.body.token, req.body.password, req.body.displayName);
      startSession(req, reply, session);
      return { next, csrfToken: session.csrfToken };
    },
  );
}
