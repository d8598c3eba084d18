import { jwtVerify, SignJWT } from "jose";

/*
 * Shopify's side of the post-purchase tokens, for the simulated checkout and
 * the tests: the input token Shopify hands the extension (HS256 with the
 * app's client secret; iss "shopify", sub = reference id, iat, exp, the input
 * data under `input_data`), and Shopify's check of the app's changeset token
 * before applyChangeset changes the order (iss = the app's API key, a jti,
 * sub = the same reference id, iat not before the purchase completed).
 */

export interface SimPurchaseLine {
  productId: number;
  productTitle: string;
  variantId: number;
  variantTitle: string;
  quantity: number;
  /** Decimal strings, as Shopify's MoneyBag carries them. */
  total: string;
}

export interface SimInputData {
  shop: { id: number; domain: string; metafields: [] };
  initialPurchase: {
    referenceId: string;
    customerId?: number;
    destinationCountryCode?: string;
    totalPriceSet: MoneyBag;
    lineItems: { product: { id: number; title: string; variant: { id: number; title: string; metafields: [] }; metafields: [] }; quantity: number; totalPriceSet: MoneyBag }[];
  };
  locale: string;
  extensionPoint: string;
  version: string;
}

interface MoneyBag {
  shopMoney: { amount: string; currencyCode: string };
  presentmentMoney: { amount: string; currencyCode: string };
}

const bag = (amount: string, currency: string): MoneyBag => ({ shopMoney: { amount, currencyCode: currency }, presentmentMoney: { amount, currencyCode: currency } });

export function simInputData(args: { shop: string; referenceId: string; currency: string; lines: SimPurchaseLine[]; customerId?: number; locale?: string; country?: string }): SimInputData {
  const digits = (args.lines[0]?.total.split(".")[1] ?? "").length;
  const total = args.lines.reduce((s, l) => s + Number(l.total), 0).toFixed(digits);
  return {
    shop: { id: 1, domain: args.shop, metafields: [] },
    initialPurchase: {
      referenceId: args.referenceId,
      ...(args.customerId !== undefined ? { customerId: args.customerId } : {}),
      ...(args.country ? { destinationCountryCode: args.country } : {}),
      totalPriceSet: bag(total, args.currency),
      lineItems: args.lines.map((l) => ({
        product: { id: l.productId, title: l.productTitle, variant: { id: l.variantId, title: l.variantTitle, metafields: [] }, metafields: [] },
        quantity: l.quantity,
        totalPriceSet: bag(l.total, args.currency),
      })),
    },
    locale: args.locale ?? "en",
    extensionPoint: "Checkout::PostPurchase::Render",
    version: "unstable",
  };
}

export async function signInputToken(input: SimInputData, secret: string, opts: { iat?: number; exp?: number; iss?: string; sub?: string } = {}): Promise<string> {
  const iat = opts.iat ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ input_data: input })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(opts.iss ?? "shopify")
    .setSubject(opts.sub ?? input.initialPurchase.referenceId)
    .setIssuedAt(iat)
    .setExpirationTime(opts.exp ?? iat + 60 * 60)
    .sign(new TextEncoder().encode(secret));
}

export interface VerifiedChangeset {
  jti: string;
  changes: { type: string; variantId: number; quantity: number; discount?: { value: number; valueType: string; title: string } }[];
}

/** What Shopify checks before applying a changeset: signature, issuer (the app), subject (this purchase), a jti, iat after the purchase. */
export async function verifyChangesetToken(token: string, args: { secret: string; apiKey: string; referenceId: string; purchasedAt: number }): Promise<VerifiedChangeset> {
  const { payload } = await jwtVerify(token, new TextEncoder().encode(args.secret), { algorithms: ["HS256"], issuer: args.apiKey, subject: args.referenceId, requiredClaims: ["jti", "iat"] });
  if ((payload.iat ?? 0) * 1000 < args.purchasedAt - 1000) throw new Error("changeset signed before the purchase completed");
  if (!Array.isArray(payload.changes)) throw new Error("changeset has no changes");
  return { jti: String(payload.jti), changes: payload.changes as VerifiedChangeset["changes"] };
}
