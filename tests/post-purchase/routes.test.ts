import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { adminServer, FakeAdminApi, jsonPost, useFakeAdmin } from "../admin/fake-admin-api";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import db from "../../app/platform/db.server";
import { action as editorAction } from "../../app/routes/app.offers.$id";
import { action as offerAction, loader as offerLoader } from "../../app/routes/post-purchase.offer";
import { action as acceptAction } from "../../app/routes/post-purchase.accept";
import { action as answerAction } from "../../app/routes/post-purchase.answer";
import { signInputToken, simInputData, verifyChangesetToken } from "../../demo/checkout/post-purchase-tokens";
import { withCleanDatabase } from "../helpers/db";
import { installShop, TEST_SHOP } from "../helpers/shopify-requests";
import { crossSell, JACKET, SNEAKERS, SOCKS } from "../admin/fixtures";
import { deliverOrderCreated } from "../helpers/paid-order";
import { signedWebhook } from "../helpers/shopify-requests";
import { encodeMemoryAttribute, MEMORY_ATTRIBUTE, parseMemoryAttribute } from "@tactful/engine/frequency";
import { SignJWT } from "jose";
import { action as memoryAction } from "../../app/routes/post-purchase.memory";
import { CARRIED_WAIT_MS } from "../../app/post-purchase/carried-memory.server";
import { action as orderCreatedAction } from "../../app/routes/webhooks.orders.create";

/*
 * The post-purchase routes as Shopify's checkout calls them: a cross-origin
 * POST with Shopify's input token, signed with the app's secret. The offer
 * is created through the editor's own action, so the decision runs over what
 * a merchant really saves.
 */

withCleanDatabase();
let api = new FakeAdminApi();
beforeEach(async () => {
  api = new FakeAdminApi();
  for (const p of [SNEAKERS, SOCKS, JACKET]) api.products.set(p.id, p);
  useFakeAdmin(api);
  await installShop();
});
afterAll(() => adminServer.close());

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${APP_URL}${path}`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "Content-Type": "application/json", Origin: "https://checkout.shopify.com", ...headers } });
const call = async (action: typeof offerAction, path: string, body: unknown) => {
  const res = (await action(args(post(path, body)))) as Response;
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
};

async function createOffer(over: Parameters<typeof crossSell>[0] & { moments?: string[]; definition?: Record<string, unknown> } = {}) {
  const base = crossSell(over);
  const offer = { ...base, moments: over.moments ?? ["POST_PURCHASE"], definition: { ...base.definition, ...over.definition } };
  const res = (await editorAction(args(await jsonPost("/app/offers/new", { intent: "save", offer }), { id: "new" }))) as Response;
  expect(res.status).toBe(302);
  return db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP }, orderBy: { createdAt: "desc" } });
}

let refs = 0;
/** Shopify's input token for a paid purchase; unless `order` is false, orders/create for it has already arrived (carrying `memory`, if any). */
async function token(opts: { customerId?: number; total?: string; shop?: string; secret?: string; referenceId?: string; order?: false; memory?: unknown; country?: string } = {}) {
  const referenceId = opts.referenceId ?? `ref-${++refs}`;
  if (opts.order !== false) expect(await deliverOrderCreated({ referenceId, customerId: opts.customerId, memory: opts.memory })).toBe(200);
  const input = simInputData({
    shop: opts.shop ?? TEST_SHOP,
    referenceId,
    currency: "USD",
    customerId: opts.customerId,
    country: opts.country,
    lines: [{ productId: 1001, productTitle: SNEAKERS.title, variantId: 2001, variantTitle: "42", quantity: 1, total: opts.total ?? "100.00" }],
  });
  return { token: await signInputToken(input, opts.secret ?? API_SECRET_KEY), referenceId };
}

describe("the post-purchase offer", () => {
  it("answers the checkout's CORS preflight", async () => {
    const res = (await offerLoader(args(new Request(`${APP_URL}/post-purchase/offer`, { method: "OPTIONS" })))) as Response;
    expect(res.status).toBe(204);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Access-Control-Allow-Methods")).toContain("POST");
  });

  it("offers a POST_PURCHASE cross-sell for a paid order holding its trigger, priced from the Admin API", async () => {
    const row = await createOffer();
    const r = await call(offerAction, "/post-purchase/offer", await token());
    expect(r.status).toBe(200);
    expect(r.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const offer = r.body.offer as { offerId: string; items: { title: string; variants: { id: string; price: number; discountedPrice: number; maxQuantity: number }[] }[]; discountPercent: number };
    expect(offer.offerId).toBe(row.id);
    expect(offer.items).toHaveLength(1);
    expect(offer.items[0]?.title).toBe("Merino socks");
    // 12.00 with the fixture's 10% off; the 25% cap on 100.00 allows two at 10.80.
    expect(offer.items[0]?.variants[0]).toMatchObject({ id: "2002", price: 1200, discountedPrice: 1080, maxQuantity: 2 });
  });

  it("shows nothing for an offer at other moments, or an order without the trigger", async () => {
    await createOffer({ moments: ["ADD_TO_CART"] });
    expect((await call(offerAction, "/post-purchase/offer", await token())).body.offer).toBeNull();
  });

  it("shows nothing when the cap leaves no room on a small order", async () => {
    await createOffer();
    // 25% of 40.00 is 10.00; the socks cost 10.80 after the discount.
    expect((await call(offerAction, "/post-purchase/offer", await token({ total: "40.00" }))).body.offer).toBeNull();
  });

  it("signs one changeset per order that Shopify's check accepts, and refuses a second", async () => {
    const row = await createOffer();
    const t = await token();
    await call(offerAction, "/post-purchase/offer", t);
    const accept = await call(acceptAction, "/post-purchase/accept", { token: t.token, offerId: row.id, variantId: "2002", quantity: 2 });
    expect(accept.status).toBe(200);
    const verified = await verifyChangesetToken(accept.body.token as string, { secret: API_SECRET_KEY, apiKey: API_KEY, referenceId: t.referenceId, purchasedAt: Date.now() - 10_000 });
    expect(verified.changes).toEqual([
      { type: "add_variant", variantId: 2002, quantity: 2, discount: { value: 10, valueType: "percentage", title: "Complete the look" } },
      // The link orders/edited reads back to credit this order's row (decision 0078).
      { type: "set_metafield", namespace: "tactful", key: "post_purchase", valueType: "json_string", value: JSON.stringify({ referenceId: t.referenceId, offerId: row.id, changesetId: verified.jti }) },
    ]);
    const stored = await db.postPurchaseOffer.findUniqueOrThrow({ where: { shop_referenceId: { shop: TEST_SHOP, referenceId: t.referenceId } } });
    expect(stored).toMatchObject({ status: "SHOWN", changesetId: verified.jti, valueMinor: 2160n, currency: "USD", variantId: "2002", quantity: 2, orderId: null });

    const again = await call(acceptAction, "/post-purchase/accept", { token: t.token, offerId: row.id, variantId: "2002", quantity: 1 });
    expect(again.status).toBe(422);
    expect(again.body.error).toMatch(/already accepted/);
  });

  it.each([
    ["more than the cap allows", { variantId: "2002", quantity: 3 }, /At most 2/],
    ["a variant the offer does not hold", { variantId: "2003", quantity: 1 }, /not part of the offer/],
  ])("refuses to sign %s", async (_label, pick, message) => {
    const row = await createOffer();
    const t = await token();
    await call(offerAction, "/post-purchase/offer", t);
    const r = await call(acceptAction, "/post-purchase/accept", { token: t.token, offerId: row.id, ...pick });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatch(message);
    expect((await db.postPurchaseOffer.findFirstOrThrow()).changesetId).toBeNull();
  });

  it("asks once per order: after an answer the page is skipped", async () => {
    await createOffer();
    const t = await token();
    expect((await call(offerAction, "/post-purchase/offer", t)).body.offer).not.toBeNull();
    // ShouldRender then Render: the same offer again while unanswered.
    expect((await call(offerAction, "/post-purchase/offer", t)).body.offer).not.toBeNull();
    expect((await call(answerAction, "/post-purchase/answer", { token: t.token, answer: "DECLINED" })).body.recorded).toBe(true);
    expect((await call(offerAction, "/post-purchase/offer", t)).body.offer).toBeNull();
  });

  it("does not ask a customer again within the cooldown after a decline, and does after it", async () => {
    await createOffer();
    const first = await token({ customerId: 7 });
    await call(offerAction, "/post-purchase/offer", first);
    await call(answerAction, "/post-purchase/answer", { token: first.token, answer: "DECLINED" });
    expect((await call(offerAction, "/post-purchase/offer", await token({ customerId: 7 }))).body.offer).toBeNull();
    expect((await call(offerAction, "/post-purchase/offer", await token({ customerId: 8 }))).body.offer).not.toBeNull();
    // Eight days later (the default cooldown is seven), the first customer may be asked again.
    await db.postPurchaseOffer.updateMany({ where: { status: "DECLINED" }, data: { answeredAt: new Date(Date.now() - 8 * 86_400_000) } });
    expect((await call(offerAction, "/post-purchase/offer", await token({ customerId: 7 }))).body.offer).not.toBeNull();
  });

  it.each([
    ["no token", {}, 400, /token/],
    ["a token signed by another app", "foreign", 401, /not signed with this app's secret/],
    ["a token for a shop that has not installed the app", "uninstalled", 401, /not installed/],
    ["a body that is not JSON", "not json", 400, /not JSON/],
  ])("answers %s with a clear error and no page", async (_label, kind, status, message) => {
    await createOffer();
    const body =
      kind === "foreign"
        ? await token({ secret: "another-apps-secret" })
        : kind === "uninstalled"
          ? await token({ shop: "elsewhere.myshopify.com" })
          : kind === "not json"
            ? "{oops"
            : kind;
    const r = await call(offerAction, "/post-purchase/offer", body);
    expect(r.status).toBe(status);
    expect(r.body.error).toMatch(message);
    expect(r.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await db.postPurchaseOffer.count()).toBe(0);
  });
});

/*
 * One frequency budget after payment (decision 0087): the memory the cart
 * carried into the order (`_tactful_memory`, delivered by orders/create) is
 * merged into the page's own before deciding, and a purchase whose memory the
 * app has not seen, or cannot read, gets no page.
 */
describe("the post-purchase page under the cart's frequency memory", () => {
  const MIN = 60_000;
  const offerOf = async (t: { token: string }) => (await call(offerAction, "/post-purchase/offer", t)).body.offer as { offerId: string } | null;

  it("shows no page after a decline of the offer in the cart within the cooldown; the same order without the memory gets it", async () => {
    const row = await createOffer({ moments: ["CART", "POST_PURCHASE"] });
    const declined = encodeMemoryAttribute({ shownThisSession: 0, shownOfferIds: [], accepted: [], dismissedAt: { [row.id]: Date.now() - 2 * 86_400_000 } }, Date.now() - 2 * 86_400_000);
    expect(await offerOf(await token({ memory: declined }))).toBeNull();
    expect(await db.postPurchaseOffer.count()).toBe(1);
    expect((await offerOf(await token({ memory: "" })))?.offerId).toBe(row.id);
  });

  it("asks again once the cooldown (seven days by default) has passed since the cart's decline", async () => {
    const row = await createOffer({ moments: ["CART", "POST_PURCHASE"] });
    const longAgo = Date.now() - 8 * 86_400_000;
    expect((await offerOf(await token({ memory: encodeMemoryAttribute({ shownThisSession: 0, shownOfferIds: [], accepted: [], dismissedAt: { [row.id]: longAgo } }, longAgo) })))?.offerId).toBe(row.id);
  });

  it("after an accept in the cart, no more offers this session: no page within 30 minutes of it, a page after", async () => {
    const cartOffer = await createOffer({ name: "Cart socks", moments: ["CART"] });
    const row = await createOffer();
    // The shopper accepted the cart's offer (shown, so it used the session's one popup).
    const accepted = (at: number) => encodeMemoryAttribute({ shownThisSession: 1, shownOfferIds: [cartOffer.id], accepted: [cartOffer.id], dismissedAt: {} }, at);
    expect(await offerOf(await token({ memory: accepted(Date.now() - 10 * MIN) }))).toBeNull();
    expect((await offerOf(await token({ memory: accepted(Date.now() - 40 * MIN) })))?.offerId).toBe(row.id);
  });

  it("shows no page when orders/create never arrived for the purchase, after waiting for it", async () => {
    await createOffer();
    const started = Date.now();
    expect(await offerOf(await token({ order: false }))).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(CARRIED_WAIT_MS - 200);
    // Not decided, so not counted: no row, no impression.
    expect(await db.postPurchaseOffer.count()).toBe(0);
    expect(await db.analyticsEvent.count()).toBe(0);
  });

  it("waits for an orders/create that lands after ShouldRender asked", async () => {
    const row = await createOffer();
    const t = await token({ order: false });
    const asked = call(offerAction, "/post-purchase/offer", t);
    await new Promise((r) => setTimeout(r, 300));
    expect(await deliverOrderCreated({ referenceId: t.referenceId })).toBe(200);
    expect(((await asked).body.offer as { offerId: string }).offerId).toBe(row.id);
  });

  it("matches the reference id against the order's token as well as its checkout token", async () => {
    const row = await createOffer();
    const t = await token({ order: false });
    expect(await deliverOrderCreated({ referenceId: t.referenceId, tokenField: "token" })).toBe(200);
    expect((await offerOf(t))?.offerId).toBe(row.id);
  });

  it.each([
    ["another version", "2|abc|0|||"],
    ["a value longer than the encoder writes", `1|abc|0|${"x,".repeat(600)}||`],
    ["not a string", { shown: 0 }],
    ["a stray character", "1|abc|0|<script>|| "],
  ])("shows no page when the carried memory is unreadable: %s", async (_label, memory) => {
    await createOffer();
    expect(await offerOf(await token({ memory }))).toBeNull();
    expect(await db.postPurchaseOffer.count()).toBe(0);
  });

  it("shows no page when the order carried the memory twice", async () => {
    await createOffer();
    const t = await token({ order: false });
    const id = 6_200_000_001;
    const payload = { id, currency: "USD", checkout_token: t.referenceId, token: "tok-twice", line_items: [], note_attributes: [{ name: MEMORY_ATTRIBUTE, value: "" }, { name: MEMORY_ATTRIBUTE, value: "1|abc|0|||" }] };
    expect(((await orderCreatedAction({ request: signedWebhook("orders/create", payload), params: {}, context: {} })) as Response).status).toBe(200);
    expect(await offerOf(t)).toBeNull();
  });

  it("a forged memory can only hide offers: zero shows, unknown offers and old times grant nothing more than no memory", async () => {
    await createOffer();
    const plain = await offerOf(await token({ memory: "" }));
    const forged = await offerOf(await token({ memory: `1|${Math.floor(Date.now() / 1000).toString(36)}|0|other-offer|other-offer|other-offer:1` }));
    expect(plain).not.toBeNull();
    expect({ ...forged, referenceId: "" }).toEqual({ ...plain, referenceId: "" });
    // A dismissal stamped in the future counts as now: hidden for the cooldown, not granted anything.
    const row = await db.offer.findFirstOrThrow();
    expect(await offerOf(await token({ memory: `1|zzzzzzzzz|0|||${row.id}:zzzzzzzzz` }))).toBeNull();
  });

  it("the accept route re-reads the memory: without it nothing is signed", async () => {
    const row = await createOffer();
    const t = await token();
    expect(await offerOf(t)).not.toBeNull();
    await db.carriedMemory.deleteMany();
    const r = await call(acceptAction, "/post-purchase/accept", { token: t.token, offerId: row.id, variantId: "2002", quantity: 1 });
    expect(r.status).toBe(422);
    expect((await db.postPurchaseOffer.findFirstOrThrow()).changesetId).toBeNull();
  });

  it("orders/create stores each order's memory once, whatever the redeliveries", async () => {
    await deliverOrderCreated({ referenceId: "ref-once", orderId: 6_300_000_001, memory: "1|abc|0|||" });
    await deliverOrderCreated({ referenceId: "ref-once", orderId: 6_300_000_001, memory: "1|abc|0|||" });
    expect(await db.carriedMemory.findMany({ select: { orderId: true, checkoutToken: true, memory: true } })).toEqual([{ orderId: "6300000001", checkoutToken: "ref-once", memory: "1|abc|0|||" }]);
  });
});

/*
 * The offer's rules on this page, as on every surface (issue 17: trigger
 * products, segment, market and schedule): decided by the same engine over
 * what Shopify's input token says. What the token cannot say (customer tags,
 * the order's Shopify Market, whether the customer ordered before) fails
 * closed: an offer that needs it does not show here.
 */
describe("the offer's rules after payment", () => {
  const DAY = 86_400_000;
  const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  const shown = async (t: { token: string }) => (await call(offerAction, "/post-purchase/offer", t)).body.offer !== null;
  const segment = (s: Record<string, unknown>) => ({ segment: { customer: "ANY", tagsInclude: [], tagsExclude: [], history: "ANY", countries: [], markets: [], locales: [], ...s } });

  it("segment: logged-in customers only shows for an order with a customer, not for a guest's", async () => {
    await createOffer({ definition: segment({ customer: "LOGGED_IN" }) });
    expect(await shown(await token())).toBe(false);
    expect(await shown(await token({ customerId: 41 }))).toBe(true);
  });

  it("segment: countries match the order's shipping destination", async () => {
    await createOffer({ definition: segment({ countries: ["DE"] }) });
    expect(await shown(await token({ country: "US" }))).toBe(false);
    expect(await shown(await token({ country: "DE" }))).toBe(true);
  });

  it.each([
    ["customer tags", { tagsInclude: ["vip"] }],
    ["a Shopify Market", { markets: ["europe"] }],
    ["new customers", { history: "NEW" }],
  ])("fails closed on what the token cannot tell: %s", async (_label, rule) => {
    await createOffer({ definition: segment(rule) });
    expect(await shown(await token({ customerId: 42, country: "DE" }))).toBe(false);
  });

  it("schedule: nothing before the start or after the end; within it the page shows, with the end date for honest urgency", async () => {
    const now = Date.now();
    const timezone = "UTC";
    await createOffer({ definition: { timezone, startsAtLocal: local(now + DAY), endsAtLocal: local(now + 2 * DAY) } });
    expect(await shown(await token())).toBe(false);
    await db.offer.deleteMany();
    await createOffer({ definition: { timezone, startsAtLocal: local(now - 2 * DAY), endsAtLocal: local(now - DAY) } });
    expect(await shown(await token())).toBe(false);
    await db.offer.deleteMany();
    await createOffer({ definition: { timezone, startsAtLocal: local(now - DAY), endsAtLocal: local(now + DAY), urgency: { showEndDate: true } } });
    const offer = (await call(offerAction, "/post-purchase/offer", await token())).body.offer as { endsAt: number | null };
    expect(offer.endsAt).not.toBeNull();
  });
});

/*
 * The thank-you block's question (decision 0087): what did the post-purchase
 * page, just before it, ask and hear for this order? Authorised by the
 * checkout extension's session token, answered as a memory value the block
 * merges, so a decline on the page is a decline on the thank-you page too.
 */
describe("the post-purchase page's answer, for the thank-you block", () => {
  const sessionToken = async (opts: { shop?: string; secret?: string } = {}) => {
    const shop = opts.shop ?? TEST_SHOP;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ dest: `https://${shop}`, sid: "s-1" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(`https://${shop}/admin`)
      .setAudience(API_KEY)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 60)
      .setJti(`jti-${now}-${Math.random()}`)
      .sign(new TextEncoder().encode(opts.secret ?? API_SECRET_KEY));
  };
  const ask = async (order: string, bearer?: string) => {
    // Remix answers a thrown Response (the library's 401) as it answers a returned one.
    const res = await memoryAction(args(post("/post-purchase/memory", { order }, { Authorization: `Bearer ${bearer ?? (await sessionToken())}` }))).catch((e: unknown) => e as Response);
    return { status: res.status, body: (await res.json().catch(() => null)) as { memory?: string; error?: string } | null, headers: res.headers };
  };

  it("names the offer the page showed, and its decline, so the thank-you block does not ask again", async () => {
    const row = await createOffer();
    const t = await token({ order: false });
    const orderId = 6_400_000_001;
    expect(await deliverOrderCreated({ referenceId: t.referenceId, orderId })).toBe(200);
    expect((await ask(`gid://shopify/OrderIdentity/${orderId}`)).body).toEqual({ memory: "" });

    expect((await call(offerAction, "/post-purchase/offer", t)).body.offer).not.toBeNull();
    const shown = parseMemoryAttribute((await ask(`gid://shopify/OrderIdentity/${orderId}`)).body?.memory, [row.id], Date.now());
    expect(shown).toMatchObject({ shownOfferIds: [row.id], shownThisSession: 1, accepted: [], dismissedAt: {} });

    await call(answerAction, "/post-purchase/answer", { token: t.token, answer: "DECLINED" });
    const answered = await ask(`gid://shopify/Order/${orderId}`);
    expect(answered.status).toBe(200);
    expect(answered.headers.get("Access-Control-Allow-Origin")).toBeTruthy();
    const declined = parseMemoryAttribute(answered.body?.memory, [row.id], Date.now());
    expect(declined.dismissedAt[row.id]).toBeGreaterThan(Date.now() - 60_000);
  });

  it("counts a signed changeset as accepted", async () => {
    const row = await createOffer();
    const t = await token({ order: false });
    const orderId = 6_400_000_002;
    expect(await deliverOrderCreated({ referenceId: t.referenceId, orderId })).toBe(200);
    await call(offerAction, "/post-purchase/offer", t);
    expect((await call(acceptAction, "/post-purchase/accept", { token: t.token, offerId: row.id, variantId: "2002", quantity: 1 })).status).toBe(200);
    expect(parseMemoryAttribute((await ask(`gid://shopify/OrderIdentity/${orderId}`)).body?.memory, [row.id], Date.now()).accepted).toEqual([row.id]);
  });

  it("answers 401 without a session token signed with the app's secret, 400 for a body that is not an order", async () => {
    expect((await ask("gid://shopify/OrderIdentity/1", await sessionToken({ secret: "another-apps-secret" }))).status).toBe(401);
    const res = await memoryAction(args(post("/post-purchase/memory", { order: "1" }))).catch((e: unknown) => e as Response);
    expect(res.status).toBe(401);
    const bad = await ask("order 1");
    expect(bad.status).toBe(400);
    expect(bad.body?.error).toMatch(/order confirmation's id/);
  });

  it("answers only for the token's own shop", async () => {
    await createOffer();
    const t = await token({ order: false });
    const orderId = 6_400_000_003;
    expect(await deliverOrderCreated({ referenceId: t.referenceId, orderId })).toBe(200);
    await call(offerAction, "/post-purchase/offer", t);
    expect((await ask(`gid://shopify/OrderIdentity/${orderId}`, await sessionToken({ shop: "elsewhere.myshopify.com" }))).body).toEqual({ memory: "" });
  });
});
