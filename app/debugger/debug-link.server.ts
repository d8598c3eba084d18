import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/*
 * The session debugger's link (decision record 0090): the admin mints a
 * short-lived token for one shop, the storefront sends it back through the
 * app proxy, and only a token this app signed, for that shop, not yet
 * expired, opens the debug panel. Token = "<expiry s>.<nonce>.<signature>",
 * the signature HMAC-SHA256 with the app's secret over purpose, shop, expiry
 * and nonce, base64url. The expiry leads so the storefront loader can skip a
 * stale token without asking (the app still decides).
 */

/** How long a minted link works. */
export const DEBUG_LINK_TTL_MS = 15 * 60_000;
/** The storefront URL parameter the loader looks for. */
export const DEBUG_PARAM = "tactful_debug";

const PURPOSE = "tactful-session-debugger/v1";

const tokenSchema = z
  .string()
  .max(200, "the token is too long")
  .regex(/^\d{1,12}\.[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{43}$/, "the token is malformed");

const sign = (secret: string, shop: string, expiry: number, nonce: string) =>
  createHmac("sha256", secret).update(`${PURPOSE}\n${shop}\n${expiry}\n${nonce}`).digest("base64url");

export interface DebugLink {
  token: string;
  expiresAt: number;
}

export function mintDebugToken(shop: string, secret: string, now: number, nonce = randomBytes(18).toString("base64url")): DebugLink {
  const expiry = Math.floor((now + DEBUG_LINK_TTL_MS) / 1000);
  return { token: `${expiry}.${nonce}.${sign(secret, shop, expiry, nonce)}`, expiresAt: expiry * 1000 };
}

export type DebugVerdict = { ok: true; expiresAt: number } | { ok: false; status: 400 | 403; message: string };

/** Checks a token for `shop`; every refusal says why, none says which part of the signature differed. */
export function verifyDebugToken(raw: unknown, shop: string, secret: string, now: number): DebugVerdict {
  const parsed = tokenSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, message: `Debug link refused: ${parsed.error.issues[0]?.message ?? "the token is malformed"}` };
  const [exp, nonce, signature] = parsed.data.split(".") as [string, string, string];
  const expiry = Number(exp);
  const expected = Buffer.from(sign(secret, shop, expiry, nonce));
  const given = Buffer.from(signature);
  // A token for another shop fails here too: the shop is part of what is signed.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, status: 403, message: "Debug link refused: not signed by Tactful for this shop" };
  if (expiry * 1000 <= now) return { ok: false, status: 403, message: "Debug link refused: it has expired; create a new one in the Tactful admin" };
  // Signed by us but living longer than we ever mint: refused rather than trusted for longer.
  if (expiry * 1000 > now + DEBUG_LINK_TTL_MS + 60_000) return { ok: false, status: 403, message: "Debug link refused: its expiry is too far away" };
  return { ok: true, expiresAt: expiry * 1000 };
}

/** The storefront page the link opens: the shop's own domain (Shopify redirects to the primary one, query kept), or the demo storefront. */
export function debugLinkUrl(storefront: string, token: string): string {
  const url = new URL(storefront);
  url.searchParams.set(DEBUG_PARAM, token);
  return url.toString();
}
