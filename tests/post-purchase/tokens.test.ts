import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { signChangeset, TokenError, verifyInputToken } from "../../app/post-purchase/tokens.server";
import { signInputToken, simInputData, verifyChangesetToken } from "../../demo/checkout/post-purchase-tokens";

const SECRET = "app-secret-for-post-purchase-tests";
const input = simInputData({
  shop: "tactful-demo.myshopify.com",
  referenceId: "ref-1001",
  currency: "EUR",
  customerId: 42,
  lines: [{ productId: 100, productTitle: "Trail shoes", variantId: 1001, variantTitle: "42", quantity: 1, total: "100.00" }],
});

describe("Shopify's input token", () => {
  it("gives the purchase when it is Shopify's, fresh and this app's", async () => {
    const data = await verifyInputToken(await signInputToken(input, SECRET), SECRET);
    expect(data.referenceId).toBe("ref-1001");
    expect(data.shop.domain).toBe("tactful-demo.myshopify.com");
    expect(data.initialPurchase.customerId).toBe("42");
    expect(data.initialPurchase.lineItems[0]?.product.variant.id).toBe("1001");
  });

  const now = Math.floor(Date.now() / 1000);
  it.each([
    ["missing", async () => undefined, /required/],
    ["signed with another app's secret (a foreign token)", () => signInputToken(input, "someone-elses-secret"), /not signed with this app's secret/],
    ["expired", () => signInputToken(input, SECRET, { iat: now - 7200, exp: now - 3600 }), /expired/],
    ["older than the page's lifetime, whatever its exp", () => signInputToken(input, SECRET, { iat: now - 7200, exp: now + 3600 }), /expired/],
    ["not issued by Shopify", () => signInputToken(input, SECRET, { iss: "someone" }), /not valid/],
    ["about another purchase", () => signInputToken(input, SECRET, { sub: "ref-9999" }), /subject/],
    [
      "tampered (payload changed after signing)",
      async () => {
        const [h, , s] = (await signInputToken(input, SECRET)).split(".");
        const forged = { ...input, initialPurchase: { ...input.initialPurchase, totalPriceSet: { shopMoney: { amount: "9999.00", currencyCode: "EUR" }, presentmentMoney: { amount: "9999.00", currencyCode: "EUR" } } } };
        const body = Buffer.from(JSON.stringify({ input_data: forged, iss: "shopify", sub: "ref-1001", iat: now, exp: now + 60 })).toString("base64url");
        return `${h}.${body}.${s}`;
      },
      /not signed with this app's secret/,
    ],
    [
      "unsigned (alg none)",
      async () => {
        const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
        return `${enc({ alg: "none", typ: "JWT" })}.${enc({ input_data: input, iss: "shopify", sub: "ref-1001", iat: now, exp: now + 60 })}.`;
      },
      /not valid/,
    ],
    [
      "carrying unreadable input data",
      () =>
        new SignJWT({ input_data: { ...input, shop: { id: 1, domain: "evil.example.com" } } })
          .setProtectedHeader({ alg: "HS256" })
          .setIssuer("shopify")
          .setSubject("ref-1001")
          .setIssuedAt()
          .sign(new TextEncoder().encode(SECRET)),
      /myshopify/,
    ],
  ])("is refused with 401 when %s", async (_label, make, message) => {
    const err = await verifyInputToken(await make(), SECRET).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenError);
    expect((err as TokenError).status).toBe(401);
    expect((err as TokenError).message).toMatch(message);
  });
});

describe("our changeset token", () => {
  const changes = [{ type: "add_variant" as const, variantId: 2001, quantity: 1, discount: { value: 10, valueType: "percentage" as const, title: "Tactful" } }];

  it("is what Shopify's check accepts: the app's key as issuer, the purchase as subject, a unique jti", async () => {
    const a = await signChangeset({ referenceId: "ref-1001", changes, apiKey: "app-key", secret: SECRET });
    const b = await signChangeset({ referenceId: "ref-1001", changes, apiKey: "app-key", secret: SECRET });
    expect(a.jti).not.toBe(b.jti);
    const v = await verifyChangesetToken(a.token, { secret: SECRET, apiKey: "app-key", referenceId: "ref-1001", purchasedAt: Date.now() - 5000 });
    expect(v).toEqual({ jti: a.jti, changes });
  });

  it("is refused by Shopify for another purchase, another app, or when signed before the purchase", async () => {
    const { token } = await signChangeset({ referenceId: "ref-1001", changes, apiKey: "app-key", secret: SECRET, now: new Date(Date.now() - 60_000) });
    const base = { secret: SECRET, apiKey: "app-key", referenceId: "ref-1001", purchasedAt: Date.now() - 120_000 };
    await expect(verifyChangesetToken(token, { ...base, referenceId: "ref-2" })).rejects.toThrow();
    await expect(verifyChangesetToken(token, { ...base, apiKey: "other-app" })).rejects.toThrow();
    await expect(verifyChangesetToken(token, { ...base, secret: "other-secret" })).rejects.toThrow();
    await expect(verifyChangesetToken(token, { ...base, purchasedAt: Date.now() })).rejects.toThrow(/before the purchase/);
  });
});
