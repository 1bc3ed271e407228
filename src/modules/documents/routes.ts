import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { ZId, ZIdParams } from '../../shared/common.js';
import {
  DOCUMENT_MAX_BYTES,
  ZDocument,
  ZDocumentList,
  ZDocumentUploadQuery,
  ZExportQuery,
  ZLetter,
  ZLetterList,
  ZLetterRequest,
  ZLetterSave,
  ZLetterTemplateList,
  ZLetterVersionList,
} from '../../shared/documents.js';
import { ZTrajectoryAccessQuery } from '../../shared/trajectories.js';
import * as service from './service.js';
import { parentDocumentRoutes } from './parent.js';

const read = { access: { permission: 'trajectories.read' as const } };
const write = { access: { permission: 'trajectories.write' as const } };
const tags = ['documents'];
const ZDocParams = z.strictObject({ id: ZId, docId: ZId });
const ZLetterParams = z.strictObject({ id: ZId, letterId: ZId });

const tooLarge = () => new AppError('document_too_large', 413);

/** The raw file of an upload, read up to the limit; a longer body stops with 413 (nothing is stored). */
async function uploadScope(fastify: FastifyInstance): Promise<void> {
  fastify.addContentTypeParser('application/octet-stream', (_req, payload, done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (err: Error | null, body?: Buffer) => {
      if (finished) return;
      finished = true;
      done(err, body);
    };
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DOCUMENT_MAX_BYTES) {
        payload.removeAllListeners('data');
        payload.resume(); // drain the rest without keeping it
        finish(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => finish(null, Buffer.concat(chunks)));
    payload.on('error', (err) => finish(err));
  });

  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    `${API_PREFIX}/trajectories/:id/documents`,
    {
      config: write,
      // Refused by its declared length before a byte is read.
      onRequest: async (req) => {
        const length = Number(req.headers['content-length'] ?? 0);
        if (length > DOCUMENT_MAX_BYTES) throw tooLarge();
      },
      schema: {
        tags,
        description: `The raw file as the body (Content-Type: application/octet-stream), at most ${DOCUMENT_MAX_BYTES} bytes. Its type is detected from the bytes: PDF, PNG, JPEG or DOCX.`,
        consumes: ['application/octet-stream'],
        params: ZIdParams,
        querystring: ZDocumentUploadQuery,
        response: { 201: ZDocument },
      },
    },
    async (req, reply) => {
      // Any other body type (JSON, or none) is not a file.
      if (req.body !== undefined && !Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', 415);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const { reason, ...meta } = req.query;
      return reply.status(201).send(await service.uploadDocument(requireActor(req.ctx), req.params.id, { ...meta, reason }, body));
    },
  );
}

/**
 * Documents and letters (issue 5), under /api/v1/trajectories/:id/…. `reason` (query): break-the-glass.
 * Another family's document or letter reads as 404; changes on an ended trajectory are 409.
 */
export async function documentRoutes(fastify: FastifyInstance): Promise<void> {
  await fastify.register(uploadScope);
  await parentDocumentRoutes(fastify); // issue 6: share with the parent; the parent's own downloads
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = `${API_PREFIX}/trajectories/:id`;

  app.get(
    `${base}/documents`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, response: { 200: ZDocumentList } } },
    async (req) => service.listDocuments(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.get(
    `${base}/documents/:docId/download`,
    { config: read, schema: { tags, description: 'The file itself (decrypted), as an attachment.', params: ZDocParams, querystring: ZTrajectoryAccessQuery } },
    async (req, reply) => {
      const file = await service.downloadDocument(requireActor(req.ctx), req.params.id, req.params.docId, req.query.reason);
      return reply.type(file.mimeType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.bytes);
    },
  );
  app.delete(
    `${base}/documents/:docId`,
    { config: write, schema: { tags, params: ZDocParams, querystring: ZTrajectoryAccessQuery, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.deleteDocument(requireActor(req.ctx), req.params.id, req.params.docId, req.query.reason);
      return reply.status(204).send(null);
    },
  );

  // ---- letters (brieven) written with the parent from templates
  app.get(
    `${API_PREFIX}/letter-templates`,
    { config: { access: 'session' }, schema: { tags, response: { 200: ZLetterTemplateList } } },
    async () => ({ items: service.listTemplates() }),
  );
  app.get(
    `${base}/letters`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, response: { 200: ZLetterList } } },
    async (req) => service.listLetters(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.post(
    `${base}/letters`,
    { config: write, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, body: ZLetterRequest, response: { 201: ZLetter } } },
    async (req, reply) => reply.status(201).send(await service.createLetter(requireActor(req.ctx), req.params.id, req.body.template, req.query.reason)),
  );
  app.get(
    `${base}/letters/:letterId`,
    { config: read, schema: { tags, params: ZLetterParams, querystring: ZTrajectoryAccessQuery, response: { 200: ZLetter } } },
    async (req) => service.getLetter(requireActor(req.ctx), req.params.id, req.params.letterId, req.query.reason),
  );
  app.put(
    `${base}/letters/:letterId`,
    { config: write, schema: { tags, params: ZLetterParams, querystring: ZTrajectoryAccessQuery, body: ZLetterSave, response: { 200: ZLetter } } },
    async (req) => service.saveLetter(requireActor(req.ctx), req.params.id, req.params.letterId, req.body, req.query.reason),
  );
  app.get(
    `${base}/letters/:letterId/versions`,
    { config: read, schema: { tags, params: ZLetterParams, querystring: ZTrajectoryAccessQuery, response: { 200: ZLetterVersionList } } },
    async (req) => service.listVersions(requireActor(req.ctx), req.params.id, req.params.letterId, req.query.reason),
  );
  app.post(
    `${base}/letters/:letterId/finalise`,
    { config: write, schema: { tags, params: ZLetterParams, querystring: ZTrajectoryAccessQuery, response: { 200: ZLetter } } },
    async (req) => service.finaliseLetter(requireActor(req.ctx), req.params.id, req.params.letterId, req.query.reason),
  );
  app.get(
    `${base}/letters/:letterId/export`,
    { config: read, schema: { tags, description: 'The letter as DOCX or PDF (attachment).', params: ZLetterParams, querystring: ZExportQuery } },
    async (req, reply) => {
      const file = await service.exportLetter(requireActor(req.ctx), req.params.id, req.params.letterId, req.query.format, req.query.reason);
      return reply.type(file.mimeType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.bytes);
    },
  );
}
