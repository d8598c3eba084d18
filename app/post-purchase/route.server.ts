import { json } from "@remix-run/node";
import { z } from "zod";
import { env } from "../platform/env.server";
import { readCapped } from "../platform/request-body.server";
import type { AdminGraphql } from "../shopify/admin-api.server";
import { unauthenticated } from "../shopify.server";
import { OfferRefusedError } from "./offer.server";
import { TokenError, verifyInputToken, type InputData } from "./tokens.server";

/*
 * The post-purchase page calls the app from Shopify's checkout, a sandboxed
 * worker on another origin, with Shopify's input token in the body (no
 * cookies, no session token: decision 0077). So every route answers CORS
 * preflights for any origin, trusts only the token, and fails closed: any
 * error is a 4xx/5xx the extension reads as "no page".
 */

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Max-Age": "600",
  Vary: "Origin",
};

/** Tokens carry the whole order; a few hundred lines stay well under this. */
const MAX_BODY_BYTES = 131_072;

export interface PostPurchaseRequest<T> {
  shop: string;
  input: InputData & { referenceId: string };
  body: T;
  admin: AdminGraphql;
}

const fail = (status: number, message: string) => json({ error: message }, { status, headers: CORS });

export function postPurchaseAction<S extends z.ZodType<{ token: string }>>(schema: S, handle: (r: PostPurchaseRequest<z.output<S>>) => Promise<unknown>) {
  return async ({ request }: { request: Request }) => {
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
    if (request.method !== "POST") return fail(405, "Use POST");
    const text = await readCapped(request, MAX_BODY_BYTES);
    if (text === null) return json({ error: `Body is larger than ${MAX_BODY_BYTES} bytes` }, { status: 413, headers: { ...CORS, Connection: "close" } });
    if (text === undefined) return fail(400, "Body is not UTF-8");
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return fail(400, "Body is not JSON");
    }
    const body = schema.safeParse(raw);
    if (!body.success) return fail(400, body.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
    try {
      const input = await verifyInputToken(body.data.token, env().SHOPIFY_API_SECRET);
      const shop = input.shop.domain;
      let admin: AdminGraphql;
      try {
        ({ admin } = await unauthenticated.admin(shop));
      } catch {
        // Signed with our secret but for a shop without an offline session: not installed (or uninstalled since).
        return fail(401, "The shop has not installed the app");
      }
      return json(await handle({ shop, input, body: body.data, admin }), { headers: CORS });
    } catch (e) {
      if (e instanceof TokenError) return fail(401, e.message);
      if (e instanceof OfferRefusedError) return fail(422, e.message);
      console.error("post-purchase request failed", e);
      return fail(500, "The offer could not be prepared");
    }
  };
}

/** GET or a preflight to the loader: only OPTIONS is meaningful. */
export function postPurchaseLoader({ request }: { request: Request }) {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
  return fail(405, "Use POST");
}
