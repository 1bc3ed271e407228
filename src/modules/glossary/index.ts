import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { notFound } from '../../platform/http/errors.js';
import { GLOSSARY, glossaryTerm, searchGlossary, toGlossaryEntry, ZGlossaryEntry, ZGlossaryEntryQuery, ZGlossaryIdParams, ZGlossaryList, ZGlossaryQuery } from '../../shared/glossary.js';

const tags = ['glossary'];
// Public reference text, the same for everyone: no personal data, so no session and no audit.
const publicAccess = { access: 'public' as const };
// The answer depends only on the code and the language (which may come from the signed-in user's
// profile), so the browser may keep it a while, shared caches not.
const CACHE = 'private, max-age=300';

/** The jargon help (woordenlijst): search the youth-care terms, or read one by its id (slug). */
export async function glossaryModule(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    `${API_PREFIX}/glossary`,
    {
      config: publicAccess,
      schema: { tags, summary: 'Search the glossary (term, forms and explanation; accents and case ignored; best match first)', querystring: ZGlossaryQuery, response: { 200: ZGlossaryList } },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? req.ctx.lang;
      reply.header('cache-control', CACHE).header('vary', 'accept-language');
      return { lang, items: searchGlossary(req.query.q ?? '', lang, GLOSSARY).map((t) => toGlossaryEntry(t, lang)) };
    },
  );

  app.get(
    `${API_PREFIX}/glossary/:id`,
    { config: publicAccess, schema: { tags, summary: 'One glossary term by its id', params: ZGlossaryIdParams, querystring: ZGlossaryEntryQuery, response: { 200: ZGlossaryEntry } } },
    async (req, reply) => {
      const term = glossaryTerm(req.params.id);
      if (!term) throw notFound();
      reply.header('cache-control', CACHE).header('vary', 'accept-language');
      return toGlossaryEntry(term, req.query.lang ?? req.ctx.lang);
    },
  );
}
