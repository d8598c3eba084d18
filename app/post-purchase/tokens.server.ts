import { randomUUID } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import type { AddVariantChange } from "@tactful/engine/post-purchase";

/*
 * The post-purchase page's two tokens (shopify.dev, "JWT specification" for
 * post-purchase extensions; decision 0077). Both are HS256 JWTs keyed with
 * the app's client secret:
 * - Shopify's input token (`inputData.token`): iss "shopify", sub = the
 *   initial purchase's reference id, iat, exp, and the input data itself
 *   under `input_data`. It is the only source of truth about the order: the
 *   page's request body is a claim, the token's payload is the fact.
 * - Our changeset token: iss = the app's API key, a fresh jti, iat, sub =
 *   the reference id, and `changes`. Shopify refuses a changeset signed
 *   before the purchase completed, or with a jti it has seen.
 */

/** Shopify signs input tokens for the page's lifetime; older ones are refused even without exp. */
export const INPUT_TOKEN_MAX_AGE_S = 60 * 60;

const money = z.object({ amount: z.string().regex(/^-?\d+(\.\d+)?$/), currencyCode: z.string().regex(/^[A-Z]{3}$/) });
const moneyBag = z.object({ shopMoney: money, presentmentMoney: money });
const numericId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

const lineItemSchema = z.object({
  product: z.object({ id: numericId, title: z.string(), variant: z.object({ id: numericId, title: z.string() }) }),
  quantity: z.number().int().positive(),
  totalPriceSet: moneyBag,
});

export const inputDataSchema = z.object({
  shop: z.object({ id: z.number().int(), domain: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "shop.domain must be a myshopify.com domain") }),
  initialPurchase: z.object({
    referenceId: z.string().min(1).max(255),
    customerId: numericId.optional(),
    destinationCountryCode: z.string().regex(/^[A-Z]{2}$/).optional(),
    totalPriceSet: moneyBag,
    // A checkout has at most a few hundred lines; a bigger claim is not Shopify's.
    lineItems: z.array(lineItemSchema).min(1).max(500),
  }),
  locale: z.string().min(2).max(35),
});

export type InputData = z.output<typeof inputDataSchema>;

export class TokenError extends Error {
  readonly status = 401;
}

const key = (secret: string) => new TextEncoder().encode(secret);

/** Verifies Shopify's input token and returns its input data; throws TokenError (401) on anything else. */
export async function verifyInputToken(token: unknown, secret: string, now: Date = new Date()): Promise<InputData & { referenceId: string }> {
  if (typeof token !== "string" || token.length > 64_000) throw new TokenError("A Shopify post-purchase token is required");
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key(secret), {
      algorithms: ["HS256"],
      issuer: "shopify",
      requiredClaims: ["iat", "sub"],
      maxTokenAge: INPUT_TOKEN_MAX_AGE_S,
      currentDate: now,
    }));
  } catch (e) {
    if (e instanceof errors.JWTExpired) throw new TokenError("The post-purchase token has expired");
    if (e instanceof errors.JWSSignatureVerificationFailed) throw new TokenError("The post-purchase token is not signed with this app's secret");
    if (e instanceof errors.JOSEError) throw new TokenError(`The post-purchase token is not valid: ${e.message}`);
    throw e;
  }
  const parsed = inputDataSchema.safeParse(payload.input_data);
  if (!parsed.success) throw new TokenError(`The post-purchase token's input data is not readable: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  if (parsed.data.initialPurchase.referenceId !== payload.sub) throw new TokenError("The post-purchase token's subject is not its purchase");
  return { ...parsed.data, referenceId: parsed.data.initialPurchase.referenceId };
}

/** Signs the changeset Shopify's applyChangeset takes, as the JWT specification requires. */
export async function signChangeset(args: { referenceId: string; changes: AddVariantChange[]; apiKey: string; secret: string; now?: Date }): Promise<{ token: string; jti: string }> {
  const jti = randomUUID();
  const iat = Math.floor((args.now ?? new Date()).getTime() / 1000);
  const token = await new SignJWT({ changes: args.changes })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(args.apiKey)
    .setJti(jti)
    .setIssuedAt(iat)
    .setSubject(args.referenceId)
    .sign(key(args.secret));
  return { token, jti };
}
