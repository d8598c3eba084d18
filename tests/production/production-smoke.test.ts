import { readdirSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY, API_SECRET_KEY, APP_URL, getHmac, getJwt, RequestType, setUpValidRequest, TEST_SHOP_NAME } from "@shopify/shopify-api/test-helpers";
import type { PrismaClient } from "@prisma/client";
import { FakeAdminApi } from "../../demo/admin-api/fake-admin-api";
import { EMBED_ENABLED_SETTINGS_DATA } from "../../demo/admin-api/catalog";
import { crossSell, JACKET, SNEAKERS, SOCKS } from "../admin/fixtures";
import { beacon, beaconEvent, signedBeaconRequest } from "../analytics/proxy-requests";
import { MERCHANT_USER_AGENT } from "../helpers/chromium";
import { signedWebhook, TEST_SHOP, uninstalledPayload } from "../helpers/shopify-requests";
import { signInputToken, simInputData } from "../../demo/checkout/post-purchase-tokens";
import { appProxyUrl } from "../../demo/checkout/app-proxy";
import { DEBUG_LINK_TTL_MS, mintDebugToken } from "../../app/debugger/debug-link.server";
import { buildApp, buildDirectory, migrate, serveFakeAdmin, startProductionServer, type FakeAdminHttp, type ProductionServer } from "./production-server";

/*
 * The production smoke suite (decision 0051): the app built by `npm run build`
 * and served by `npm start`'s command (server.mjs, decision 0060) with NODE_ENV=production,
 * driven over HTTP the way the embedded admin, the app proxy and Shopify's
 * webhooks call it. Every other suite runs the app under Vite, whose globals
 * differ from the production server's: a route that works there and fails here must fail
 * this suite.
 */

const BUILD_CAP_MS = 12 * 60_000;
const START_CAP_MS = 120_000;

const api = new FakeAdminApi();
for (const p of [SNEAKERS, SOCKS, JACKET]) api.products.set(p.id, p);
api.settingsData = EMBED_ENABLED_SETTINGS_DATA;

let server: ProductionServer;
let fakeAdmin: FakeAdminHttp;
let db: PrismaClient;
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  const dbDir = mkdtempSync(path.join(os.tmpdir(), "tactful-production-"));
  cleanups.push(() => rmSync(dbDir, { recursive: true, force: true }));
  const databaseUrl = `file:${path.join(dbDir, "production.sqlite")}`;
  const build = buildDirectory();
  cleanups.push(build.remove);
  await Promise.all([buildApp(build.dir), migrate(databaseUrl)]);

  // The seeded shop: its offline session, stored by the app's own session storage.
  process.env.DATABASE_URL = databaseUrl;
  const { installShop } = await import("../helpers/shopify-requests");
  await installShop();
  db = (await import("../../app/platform/db.server")).default;
  cleanups.push(() => db.$disconnect());

  fakeAdmin = await serveFakeAdmin(api);
  cleanups.push(fakeAdmin.close);
  server = await startProductionServer({ buildDir: build.dir, databaseUrl, adminApiUrl: fakeAdmin.url, capMs: START_CAP_MS });
  cleanups.push(server.stop);
}, BUILD_CAP_MS + START_CAP_MS + 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A fetch from the embedded admin: App Bridge adds a fresh session token as a bearer header. */
async function adminFetch(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
  const { token } = await getJwt(TEST_SHOP_NAME, API_KEY, API_SECRET_KEY);
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${token}`);
  // The library answers a bot's user agent with 410 before authenticating; the merchant's browser is no bot.
  headers.set("User-Agent", MERCHANT_USER_AGENT);
  return fetch(`${server.url}${pathAndQuery}`, { ...init, headers, redirect: "manual" });
}

/** A Remix client data request for one route's loader or action (`?_data=`), as the admin's navigation and forms send it. */
const data = (pathname: string, routeId: string, init?: RequestInit & { index?: boolean }) =>
  adminFetch(`${pathname}${pathname.includes("?") ? "&" : "?"}${init?.index ? "index&" : ""}_data=${encodeURIComponent(routeId)}`, init);

const postJson = (pathname: string, routeId: string, body: unknown, index = false) =>
  data(pathname, routeId, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" }, index });

function postForm(pathname: string, routeId: string, form: Record<string, string | string[]>, index = false) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) (Array.isArray(v) ? v : [v]).forEach((x) => body.append(k, x));
  return data(pathname, routeId, { method: "POST", body, index });
}

/** The embedded admin's first document load (shop, host and id_token in the URL), server-rendered. */
async function documentLoad(pathname: string): Promise<Response> {
  const signed = await setUpValidRequest(
    { type: RequestType.Admin, store: TEST_SHOP_NAME, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
    new Request(`${APP_URL}${pathname}`),
  );
  const url = new URL(signed.url);
  return fetch(`${server.url}${url.pathname}${url.search}`, { headers: { "User-Agent": MERCHANT_USER_AGENT }, redirect: "manual" });
}

/** A request built by Shopify's test helpers (signed for APP_URL), sent to the production server. */
async function send(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const body = request.method === "GET" ? undefined : await request.text();
  return fetch(`${server.url}${url.pathname}${url.search}`, { method: request.method, headers: request.headers, body, redirect: "manual" });
}

/** The status, with the body and the server's log when it is not the expected one, so a failure names the server's error. */
async function expectStatus(response: Response, status: number) {
  if (response.status === status) return;
  const body = (await response.clone().text()).slice(0, 2000);
  expect({ status: response.status, body, serverLog: server.output().slice(-3000) }).toEqual({ status, body: "", serverLog: "" });
}

const abOffer = () => ({
  ...crossSell({ name: "Socks A/B" }),
  definition: {
    ...crossSell().definition,
    abVariants: [
      { id: "a", name: "Control", weight: 50 },
      { id: "b", name: "10% off", weight: 50, discount: { kind: "PERCENT", bps: 1000 } },
    ],
  },
});

let offerId = "";
let secondOfferId = "";

// A cap per request sequence, not an estimate: on a saturated 2-core machine one save has taken seconds.
describe("the production build under npm start", { timeout: 120_000 }, () => {
  it("answers HTTP with NODE_ENV=production and the fake Admin API behind it", async () => {
    const landing = await fetch(`${server.url}/`);
    await expectStatus(landing, 200);
    expect(await landing.text()).toContain("Tactful");
  });

  it("the login page renders 200", async () => {
    const response = await fetch(`${server.url}/auth/login`, { headers: { "User-Agent": MERCHANT_USER_AGENT } });
    await expectStatus(response, 200);
    expect(await response.text()).toContain("Shop domain");
  });

  it.each(["/demo", "/demo/session-token", "/demo/app-bridge.js"])("demo mode's %s does not exist in production (404)", async (pathname) => {
    await expectStatus(await fetch(`${server.url}${pathname}`, { headers: { "User-Agent": MERCHANT_USER_AGENT }, redirect: "manual" }), 404);
  });

  describe("admin document loads (server-rendered)", () => {
    it.each(["/app", "/app/offers", "/app/offers/new", "/app/settings", "/app/analytics", "/app/recommendations"])("%s renders 200", async (pathname) => {
      const response = await documentLoad(pathname);
      await expectStatus(response, 200);
      expect(response.headers.get("content-type")).toContain("text/html");
    });
  });

  describe("the offer editor", () => {
    it("a valid new offer is saved and the action redirects to it; the sync published it", async () => {
      const response = await postJson("/app/offers/new", "routes/app.offers.$id", { intent: "save", offer: abOffer() });
      await expectStatus(response, 204);
      const target = response.headers.get("X-Remix-Redirect") ?? "";
      expect(target).toMatch(/\/app\/offers\/[\w-]+$/);
      offerId = target.split("/").pop() ?? "";
      expect(await db.offer.findUnique({ where: { id: offerId } })).toMatchObject({ name: "Socks A/B", version: 1 });
      expect(api.count("TactfulMetafieldsSet")).toBeGreaterThan(0);
    });

    it("its loader answers 200 with the stored offer, as data and as a document", async () => {
      const response = await data(`/app/offers/${offerId}`, "routes/app.offers.$id");
      await expectStatus(response, 200);
      expect(JSON.stringify(await response.json())).toContain("Socks A/B");
      await expectStatus(await documentLoad(`/app/offers/${offerId}`), 200);
    });

    it("a valid edit at the loaded version answers 200 with the next version", async () => {
      const response = await postJson(`/app/offers/${offerId}`, "routes/app.offers.$id", { intent: "save", offer: { ...abOffer(), name: "Socks A/B v2", version: 1 } });
      await expectStatus(response, 200);
      expect(await response.json()).toMatchObject({ ok: true, version: 2, syncError: null });
    });

    it("an invalid offer answers 400 with field errors", async () => {
      const response = await postJson(`/app/offers/${offerId}`, "routes/app.offers.$id", { intent: "save", offer: { ...abOffer(), name: "", version: 2 } });
      await expectStatus(response, 400);
      expect(await response.json()).toMatchObject({ ok: false, errors: { name: "Name is required" } });
    });

    it("an edit at a stale version answers 409 and changes nothing", async () => {
      const response = await postJson(`/app/offers/${offerId}`, "routes/app.offers.$id", { intent: "save", offer: { ...abOffer(), name: "Lost edit", version: 1 } });
      await expectStatus(response, 409);
      expect(await response.json()).toMatchObject({ ok: false, conflict: { currentVersion: 2 } });
      expect(await db.offer.findUnique({ where: { id: offerId } })).toMatchObject({ name: "Socks A/B v2", version: 2 });
    });

    it("duplicate redirects to the copy", async () => {
      const response = await postJson(`/app/offers/${offerId}`, "routes/app.offers.$id", { intent: "duplicate" });
      await expectStatus(response, 204);
      secondOfferId = (response.headers.get("X-Remix-Redirect") ?? "").split("/").pop() ?? "";
      expect(await db.offer.findUnique({ where: { id: secondOfferId } })).toMatchObject({ status: "DRAFT" });
    });
  });

  describe("the live preview", () => {
    const cart = [{ productId: SNEAKERS.id, variantId: SNEAKERS.variants[0]?.id, quantity: 1 }];

    it("a valid offer answers 200 with the decision and the popup", async () => {
      const response = await postJson("/app/preview", "routes/app.preview", { offer: crossSell(), cart });
      await expectStatus(response, 200);
      expect(await response.json()).toMatchObject({ ok: true, show: true });
    });

    it("an invalid offer answers 400", async () => {
      const response = await postJson("/app/preview", "routes/app.preview", { offer: { ...crossSell(), moments: [] }, cart });
      await expectStatus(response, 400);
      expect(await response.json()).toMatchObject({ ok: false });
    });
  });

  describe("the offers list", () => {
    it("its loader answers 200 with both offers", async () => {
      const response = await data("/app/offers", "routes/app.offers._index", { index: true });
      await expectStatus(response, 200);
      const body = JSON.stringify(await response.json());
      expect(body).toContain(offerId);
      expect(body).toContain(secondOfferId);
    });

    it.each([
      ["pause", "1 offer paused"],
      ["activate", "1 offer activated"],
      ["archive", "1 offer archived"],
      ["duplicate", "Offer duplicated as a draft"],
      ["delete", "1 offer deleted"],
    ])("bulk %s answers 200", async (intent, message) => {
      const response = await postForm("/app/offers", "routes/app.offers._index", { intent, ids: [secondOfferId] }, true);
      await expectStatus(response, 200);
      expect(await response.json()).toMatchObject({ ok: true, message });
    });

    it("a bulk action without a selection answers 400", async () => {
      const response = await postForm("/app/offers", "routes/app.offers._index", { intent: "pause" }, true);
      await expectStatus(response, 400);
      expect(await response.json()).toMatchObject({ ok: false, error: "Select at least one offer" });
    });
  });

  describe("settings", () => {
    const valid = {
      capBps: 2000,
      maxPerSession: 2,
      cooldownDays: 14,
      paused: false,
      defaultLocale: "en",
      style: { accent: "#008060", radius: 8, position: "bottom", scheme: "dark" },
      texts: { en: { headline: "Goes well with", body: "", accept: "Add", decline: "No thanks" } },
    };

    it("its loader answers 200", async () => {
      await expectStatus(await data("/app/settings", "routes/app.settings"), 200);
    });

    it("valid settings answer 200 and are stored", async () => {
      const response = await postJson("/app/settings", "routes/app.settings", valid);
      await expectStatus(response, 200);
      expect(await response.json()).toMatchObject({ ok: true, syncError: null });
      expect(await db.shopSettings.findUnique({ where: { shop: TEST_SHOP } })).toMatchObject({ maxPerSession: 2 });
    });

    it("invalid settings answer 400", async () => {
      const response = await postJson("/app/settings", "routes/app.settings", { ...valid, capBps: 50 });
      await expectStatus(response, 400);
      expect(await response.json()).toMatchObject({ ok: false });
    });
  });

  describe("home", () => {
    it("its loader answers 200", async () => {
      await expectStatus(await data("/app", "routes/app._index", { index: true }), 200);
    });
  });

  describe("analytics", () => {
    it("the overview loader answers 200", async () => {
      await expectStatus(await data("/app/analytics", "routes/app.analytics._index", { index: true }), 200);
    });

    it("the offer page loader answers 200, as data and as a document", async () => {
      await expectStatus(await data(`/app/analytics/${offerId}`, "routes/app.analytics.$offerId"), 200);
      await expectStatus(await documentLoad(`/app/analytics/${offerId}?period=7`), 200);
    });

    it("turning auto-promote on answers 200", async () => {
      const response = await postForm(`/app/analytics/${offerId}`, "routes/app.analytics.$offerId", { intent: "autoPromote", enabled: "on" });
      await expectStatus(response, 200);
      expect(await response.json()).toMatchObject({ ok: true, message: "Auto-promote is on" });
    });

    let promotionId = "";
    it("promoting a variant answers 200, and undoing it answers 200", async () => {
      const promoted = await postForm(`/app/analytics/${offerId}`, "routes/app.analytics.$offerId", { intent: "promote", arm: "b" });
      await expectStatus(promoted, 200);
      expect(await promoted.json()).toMatchObject({ ok: true, message: "Variant promoted" });
      promotionId = (await db.promotion.findFirstOrThrow({ where: { offerId } })).id;
      const undone = await postForm(`/app/analytics/${offerId}`, "routes/app.analytics.$offerId", { intent: "undo", promotionId });
      await expectStatus(undone, 200);
      expect(await undone.json()).toMatchObject({ ok: true, message: "Promotion undone" });
    });

    it("undoing it again answers 409; an unknown intent answers 400", async () => {
      await expectStatus(await postForm(`/app/analytics/${offerId}`, "routes/app.analytics.$offerId", { intent: "undo", promotionId }), 409);
      await expectStatus(await postForm(`/app/analytics/${offerId}`, "routes/app.analytics.$offerId", { intent: "explode" }), 400);
    });
  });

  describe("storefront and Shopify callers", () => {
    it("an app-proxy beacon signed as Shopify signs it is stored (204)", async () => {
      const event = beaconEvent({ offer: offerId });
      const response = await send(await signedBeaconRequest(JSON.stringify(beacon([event]))));
      await expectStatus(response, 204);
      expect(await db.analyticsEvent.findUnique({ where: { shop_id: { shop: TEST_SHOP, id: event.id } } })).not.toBeNull();
    });

    it("the session debugger's gate (decision 0090): a valid token through the app proxy (200), unsigned (401), expired (403)", async () => {
      const gate = (token: string) =>
        new Request(appProxyUrl(APP_URL, "debug", { shop: TEST_SHOP, secret: API_SECRET_KEY, query: new URLSearchParams({ token }), now: Date.now() }));
      const valid = await send(gate(mintDebugToken(TEST_SHOP, API_SECRET_KEY, Date.now()).token));
      await expectStatus(valid, 200);
      expect(await valid.json()).toMatchObject({ ok: true });
      await expectStatus(await send(new Request(`${APP_URL}/proxy/debug?shop=${TEST_SHOP}&token=1.2.3`)), 401);
      await expectStatus(await send(gate(mintDebugToken(TEST_SHOP, API_SECRET_KEY, Date.now() - DEBUG_LINK_TTL_MS - 60_000).token)), 403);
    });

    it("the post-purchase page's calls: a CORS preflight (204), a foreign token (401), an order without an offer (200, no page)", async () => {
      const url = `${APP_URL}/post-purchase/offer`;
      const preflight = await send(new Request(url, { method: "OPTIONS", headers: { Origin: "https://checkout.shopify.com", "Access-Control-Request-Method": "POST" } }));
      await expectStatus(preflight, 204);
      expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
      const input = simInputData({
        shop: TEST_SHOP,
        referenceId: "ref-production",
        currency: "EUR",
        lines: [{ productId: 1001, productTitle: "Trail sneakers", variantId: 2001, variantTitle: "42", quantity: 1, total: "100.00" }],
      });
      const post = async (secret: string) =>
        send(new Request(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token: await signInputToken(input, secret) }) }));
      const foreign = await post("another-apps-secret");
      await expectStatus(foreign, 401);
      const none = await post(API_SECRET_KEY);
      await expectStatus(none, 200);
      expect(await none.json()).toEqual({ offer: null });
    });

    it("the access log names a proxy request by its path only: no query string, no customer id (decision 0060)", async () => {
      const customerId = "12345";
      const logLines = () => server.output().split("\n");
      const proxyLines = () => logLines().filter((line) => /^POST \/proxy\/events\b/.test(line));
      const before = proxyLines().length;
      const event = beaconEvent({ offer: offerId });
      await expectStatus(await send(await signedBeaconRequest(JSON.stringify(beacon([event])), { customerId })), 204);
      // The line is written when the response finishes, which the client can see first.
      for (let waited = 0; proxyLines().length === before && waited < 5_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      const line = proxyLines()[before];
      expect(line).toMatch(/^POST \/proxy\/events 204 \S+ - \d+\.\d{3} ms$/);
      expect(line).not.toContain("?");
      expect(logLines().filter((l) => new RegExp(`\\b${customerId}\\b|logged_in_customer_id|signature=`).test(l))).toEqual([]);
      // The beacon was stored with the customer, as a hash only.
      const stored = await db.analyticsEvent.findUniqueOrThrow({ where: { shop_id: { shop: TEST_SHOP, id: event.id } } });
      expect(stored.customerHash).toMatch(/^[0-9a-f]{64}$/);
    });

    // Last, in this order: app/uninstalled and shop/redact remove the shop's session and data.
    const webhooks: Array<[string, unknown]> = [
      ["app/scopes_update", { id: 1, previous: ["read_products"], current: ["read_products", "read_orders"] }],
      ["orders/create", { id: 820982911946154500, line_items: [], currency: "EUR", presentment_currency: "EUR", created_at: new Date().toISOString() }],
      // An edit adding a line to an order the fake Admin API does not hold: read from Shopify, credited to nothing.
      ["orders/edited", { order_edit: { id: 1, order_id: 820982911946154500, app_id: null, created_at: new Date().toISOString(), line_items: { additions: [{ id: 1, delta: 1 }], removals: [] } } }],
      ["customers/data_request", { shop_domain: TEST_SHOP, customer: { id: 1 }, orders_requested: [] }],
      ["customers/redact", { shop_domain: TEST_SHOP, customer: { id: 1 }, orders_to_redact: [] }],
      ["collections/update", { id: 841564295, handle: "outdoor", title: "Outdoor", updated_at: new Date().toISOString() }],
      ["collections/delete", { id: 841564296, published_scope: "web" }],
      // Shopify's sample payload: an operation this shop never started for its backfill, acknowledged untouched (0094).
      ["bulk_operations/finish", { admin_graphql_api_id: "gid://shopify/BulkOperation/147595010", completed_at: new Date().toISOString(), created_at: new Date().toISOString(), error_code: null, status: "completed", type: "query" }],
      ["app/uninstalled", uninstalledPayload()],
      ["shop/redact", { shop_id: 1, shop_domain: TEST_SHOP }],
    ];

    describe("webhook headers are claims, under the production server (decision 0057)", () => {
      const withHeaders = (request: Request, headers: Record<string, string>, url = request.url) => {
        const next = new Headers(request.headers);
        for (const [k, v] of Object.entries(headers)) next.set(k, v);
        return new Request(url, { method: "POST", headers: next, body: request.body, duplex: "half" } as RequestInit);
      };

      it("a signed shop/redact resent with another shop's header is refused (400) and erases nothing", async () => {
        const offers = await db.offer.count({ where: { shop: TEST_SHOP } });
        const forged = withHeaders(signedWebhook("shop/redact", { shop_id: 1, shop_domain: "attacker.myshopify.com" }), {});
        await expectStatus(await send(forged), 400);
        expect(await db.offer.count({ where: { shop: TEST_SHOP } })).toBe(offers);
      });

      it("a signed orders/create body posted to the app/uninstalled route is refused (400); the shop stays signed in", async () => {
        const order = signedWebhook("orders/create", { id: 1, line_items: [], currency: "EUR" });
        await expectStatus(await send(withHeaders(order, {}, order.url.replace("orders/create", "app/uninstalled"))), 400);
        expect(await db.session.count({ where: { shop: TEST_SHOP } })).toBeGreaterThan(0);
      });

      it("malformed JSON with a valid HMAC answers 400; a body over 1 MB answers 413 and its connection is not reused", async () => {
        const body = '{"id": 1, "line_items": [';
        const signed = signedWebhook("orders/create", {});
        const malformed = new Request(signed.url, { method: "POST", headers: withHeaders(signed, { "X-Shopify-Hmac-Sha256": getHmac(body, API_SECRET_KEY) }).headers, body });
        await expectStatus(await send(malformed), 400);
        const big = JSON.stringify({ id: 2, note: "x".repeat(2 * 1024 * 1024) });
        const large = new Request(signed.url, { method: "POST", headers: withHeaders(signed, { "X-Shopify-Hmac-Sha256": getHmac(big, API_SECRET_KEY) }).headers, body: big });
        await expectStatus(await send(large), 413);
        // The refused body was never read: the server closes that connection, and the next delivery gets a fresh one.
        await expectStatus(await send(signedWebhook("customers/data_request", { shop_domain: TEST_SHOP, customer: { id: 1 }, orders_requested: [] })), 200);
      });
    });

    it("every webhook route has a topic here", () => {
      const routes = readdirSync(path.resolve(__dirname, "../../app/routes"))
        .filter((f) => f.startsWith("webhooks."))
        .map((f) => f.replace(/^webhooks\./, "").replace(/\.tsx?$/, "").replace(".", "/"));
      expect(routes.sort()).toEqual(webhooks.map(([topic]) => topic).sort());
    });

    it.each(webhooks)("webhook %s signed with the app secret answers 200", async (topic, payload) => {
      const request = signedWebhook(topic, payload);
      const eventId = request.headers.get("X-Shopify-Event-Id") ?? "";
      await expectStatus(await send(request), 200);
      expect(await db.processedWebhook.findUnique({ where: { shop_eventId: { shop: TEST_SHOP, eventId } } })).not.toBeNull();
    });
  });

  it("asked Shopify only what the fake Admin API answers, and the server logged no error", () => {
    expect(fakeAdmin.unhandled).toEqual([]);
    expect(server.output()).not.toMatch(/Response\.json is not a function|TypeError|ReferenceError/);
  });
});
