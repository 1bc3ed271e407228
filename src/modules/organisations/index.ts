import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZIdParams, ZPage } from '../../shared/common.js';
import {
  ZLocation,
  ZLocationRequest,
  ZMunicipalitiesQuery,
  ZMunicipality,
  ZMunicipalityCodeParams,
  ZOrganisationSettings,
  ZUpdateOrganisationRequest,
  ZWorkAreaEntry,
  ZWorkAreaRequest,
} from '../../shared/organisation.js';
import * as settings from './settings.js';

const read = { access: { permission: 'org.settings.read' as const } };
const manage = { access: { permission: 'org.settings.manage' as const } };
/** The CBS municipality list is public reference data: every signed-in role may read it (a volunteer picks where they can travel). */
const reference = { access: 'session' as const };
const tags = ['organisation'];

/** Organisation settings: locations and work area (/api/v1/organisation), municipalities reference (/api/v1/municipalities). */
export async function organisationsModule(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(`${API_PREFIX}/organisation`, { config: read, schema: { tags, response: { 200: ZOrganisationSettings } } }, async (req) =>
    settings.getSettings(requireActor(req.ctx)),
  );

  app.patch(
    `${API_PREFIX}/organisation`,
    { config: manage, schema: { tags, body: ZUpdateOrganisationRequest, response: { 200: ZOrganisationSettings } } },
    async (req) => settings.updateOrganisation(requireActor(req.ctx), req.body),
  );

  app.post(
    `${API_PREFIX}/organisation/locations`,
    { config: manage, schema: { tags, body: ZLocationRequest, response: { 201: ZLocation } } },
    async (req, reply) => reply.status(201).send(await settings.createLocation(requireActor(req.ctx), req.body.name)),
  );

  app.patch(
    `${API_PREFIX}/organisation/locations/:id`,
    { config: manage, schema: { tags, params: ZIdParams, body: ZLocationRequest, response: { 200: ZLocation } } },
    async (req) => settings.renameLocation(requireActor(req.ctx), req.params.id, req.body.name),
  );

  app.delete(
    `${API_PREFIX}/organisation/locations/:id`,
    { config: manage, schema: { tags, params: ZIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await settings.deleteLocation(requireActor(req.ctx), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    `${API_PREFIX}/organisation/work-area/:code`,
    { config: manage, schema: { tags, params: ZMunicipalityCodeParams, body: ZWorkAreaRequest, response: { 200: ZWorkAreaEntry } } },
    async (req) => settings.putWorkArea(requireActor(req.ctx), req.params.code, req.body),
  );

  app.delete(
    `${API_PREFIX}/organisation/work-area/:code`,
    { config: manage, schema: { tags, params: ZMunicipalityCodeParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await settings.deleteWorkArea(requireActor(req.ctx), req.params.code);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${API_PREFIX}/municipalities`,
    { config: reference, schema: { tags, querystring: ZMunicipalitiesQuery, response: { 200: ZPage(ZMunicipality) } } },
    async (req) => settings.listMunicipalities(requireActor(req.ctx), req.query),
  );
}
