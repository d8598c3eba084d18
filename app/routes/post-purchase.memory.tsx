import { json } from "@remix-run/node";
import { z } from "zod";
import { numericId } from "@tactful/engine/shopify-id";
import { pageAnswerValue } from "../post-purchase/carried-memory.server";
import { readCapped } from "../platform/request-body.server";
import { authenticate } from "../shopify.server";

/*
 * The thank-you block asks what the post-purchase page, shown just before it,
 * asked and heard for this order (decision 0087), so one frequency budget
 * covers both pages. Authorised by the checkout extension's session token
 * (signed with the app's secret, `dest` naming the shop); the answer is a
 * memory value in the cart attribute's encoding, offer ids and times only.
 */

const bodySchema = z.object({ order: z.string().regex(/^gid:\/\/shopify\/(Order|OrderIdentity)\/\d{1,20}$/, { error: "order must be the order confirmation's id" }) });

async function handle(request: Request) {
  // Answers the preflight, and 401 for a missing or invalid token, itself.
  const { sessionToken, cors } = await authenticate.public.checkout(request);
  const shop = new URL(sessionToken.dest).hostname;
  const text = await readCapped(request, 1_024);
  let raw: unknown = null;
  try {
    raw = typeof text === "string" ? JSON.parse(text) : null;
  } catch {
    // Not JSON: the schema refuses it below.
  }
  const body = bodySchema.safeParse(raw);
  if (!body.success) return cors(json({ error: body.error.issues[0]?.message ?? "Body is not valid" }, { status: 400 }));
  return cors(json({ memory: await pageAnswerValue(shop, numericId(body.data.order)) }));
}

export const loader = ({ request }: { request: Request }) => handle(request);
export const action = ({ request }: { request: Request }) => handle(request);
