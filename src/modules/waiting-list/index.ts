import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZMyApplications, ZWaitingList, ZWaitingListQuery } from '../../shared/waiting-list.js';
import * as service from './service.js';

const tags = ['waiting-list'];

/** The waiting list per location (/api/v1/waiting-list) and a parent's own status (/api/v1/me/application). */
export async function waitingListModule(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    `${API_PREFIX}/waiting-list`,
    { config: { access: { permission: 'applications.read' } }, schema: { tags, querystring: ZWaitingListQuery, response: { 200: ZWaitingList } } },
    async (req) => service.getWaitingList(requireActor(req.ctx), req.query),
  );

  app.get(
    `${API_PREFIX}/me/application`,
    { config: { access: { permission: 'applications.own' } }, schema: { tags, response: { 200: ZMyApplications } } },
    async (req) => service.getMyApplications(requireActor(req.ctx)),
  );
}
