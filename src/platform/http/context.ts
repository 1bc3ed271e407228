import type { Config } from '../config.js';
import type { Database } from '../db/index.js';
import type { Lang } from '../i18n/index.js';
import type { Access, Actor } from '../policy/index.js';
import type { Mailer } from '../mail/index.js';

/** What a service needs to know about the request it serves. Passed explicitly, never global. */
export interface RequestContext {
  db: Database;
  config: Config;
  mailer: Mailer;
  requestId: string;
  lang: Lang;
  ip: string;
  userAgent: string;
  actor?: Actor;
}

/** A context whose actor is known: services that need a signed-in user take this. */
export type ActorContext = RequestContext & { actor: Actor };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export function requireActor(ctx: RequestContext): ActorContext {
  if (!ctx.actor) throw new Error('service called without a signed-in actor');
  return ctx as ActorContext;
}
