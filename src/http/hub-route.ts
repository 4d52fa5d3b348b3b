import express, { type RequestHandler, type Router } from 'express';
import { HUB_PATH } from '../config/config.js';
import type { HubEndpoint } from '../websub/hub.js';
import { clientAddress } from './client.js';

/** A subscription request is a small form: anything bigger is no subscription request. */
const FORM_LIMIT = '16kb';

/**
 * POST HUB_PATH: the built-in WebSub hub's subscription requests (websub/hub.ts), form-encoded as the W3C
 * WebSub Recommendation says. Answered 202 when the intent is to be verified, 4xx with a reason otherwise.
 * Never cached. A partner feed's key may come as `Authorization: Bearer <key>`.
 */
export function hubRoute(hub: HubEndpoint): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: 20 });
  const handle: RequestHandler = async (req, res) => {
    const fields = (req.body ?? {}) as Record<string, unknown>;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const answer = await hub.handle({ fields, bearer: match?.[1], client: clientAddress(req) });
    res.set('Cache-Control', 'no-store').status(answer.status).type('text').send(answer.message);
  };
  router.post(HUB_PATH, form, handle);
  return router;
}
