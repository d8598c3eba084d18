import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { adminServer, ADMIN_ENDPOINT, FakeAdminApi, useFakeAdmin } from "../admin/fake-admin-api";
import { randomBytes } from "node:crypto";
import { http, HttpResponse } from "msw";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { Session } from "@shopify/shopify-api";
import db from "../../app/platform/db.server";
import { authenticate, sessionStorage, unauthenticated } from "../../app/shopify.server";
import * as dataRequest from "../../app/routes/webhooks.customers.data_request";
import { signedAdminRequest, signedWebhook, TEST_SHOP } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";

/*
 * "Offline access tokens with expiry are refreshed, and the refresh tokens are
 * stored as the session storage expects." shopify.server.ts turns on
 * future.expiringOfflineAccessTokens. In @shopify/shopify-app-remix 6.0.1 the
 * offline session is refreshed (refresh_token grant, 5 minutes before expiry)
 * wherever the library loads it without a merchant present:
 * unauthenticated.admin (the analytics jobs' sync), authenticate.webhook and
 * authenticate.public.appProxy. An embedded admin request carries a session
 * token instead, and an expired offline token is replaced by token exchange
 * (expiring=1), which also returns a refresh token. Shopify's token endpoint
 * is intercepted with MSW; the session row is read back through Prisma.
 */

withCleanDatabase();

const TOKEN_ENDPOINT = `https://${TEST_SHOP}/admin/oauth/access_token`;
const OFFLINE_ID = `offline_${TEST_SHOP}`;
const SCOPES = process.env.SCOPES ?? "";
/** Shopify: an expiring offline access token lives 60 minutes; we answer with its documented fields. */
const EXPIRES_IN = 3600;
const REFRESH_EXPIRES_IN = 90 * 86_400;

const token = (prefix: string) => `${prefix}_${randomBytes(16).toString("hex")}`;

let api: FakeAdminApi;
let tokenRequests: Array<Record<string, unknown>>;
/** The X-Shopify-Access-Token of every Admin API call. */
let adminTokens: string[];

beforeEach(() => {
  api = new FakeAdminApi();
  useFakeAdmin(api);
  tokenRequests = [];
  adminTokens = [];
  adminServer.events.removeAllListeners();
  adminServer.events.on("request:start", ({ request }) => {
    if (request.url === ADMIN_ENDPOINT) adminTokens.push(request.headers.get("X-Shopify-Access-Token") ?? "");
  });
});
afterEach(() => adminServer.resetHandlers());
afterAll(() => adminServer.close());

/** Answers the token endpoint as Shopify does for a refresh_token (or token-exchange) grant. */
function shopifyIssues(tokens: { access: string; refresh: string }) {
  adminServer.use(
    http.post(TOKEN_ENDPOINT, async ({ request }) => {
      tokenRequests.push((await request.json()) as Record<string, unknown>);
      return HttpResponse.json({ access_token: tokens.access, expires_in: EXPIRES_IN, refresh_token: tokens.refresh, refresh_token_expires_in: REFRESH_EXPIRES_IN, scope: SCOPES });
    }),
  );
}

/** The shop's stored offline session. */
async function storeOffline(s: { access: string; expires: Date; refresh?: string; refreshExpires?: Date }) {
  await sessionStorage.storeSession(
    new Session({
      id: OFFLINE_ID,
      shop: TEST_SHOP,
      state: "",
      isOnline: false,
      scope: SCOPES,
      accessToken: s.access,
      expires: s.expires,
      ...(s.refresh ? { refreshToken: s.refresh } : {}),
      ...(s.refreshExpires ? { refreshTokenExpires: s.refreshExpires } : {}),
    }),
  );
}

const row = () => db.session.findUniqueOrThrow({ where: { id: OFFLINE_ID } });
const near = (actual: Date | null, expectedMs: number) => expect(Math.abs((actual?.getTime() ?? 0) - expectedMs)).toBeLessThan(10_000);
const SHOP_QUERY = `#graphql
  query TactfulShopTimezone { shop { ianaTimezone } }`;

describe("expiring offline access tokens", () => {
  it("an expired access token with a valid refresh token is refreshed before use (unauthenticated.admin), and the row holds the new pair", async () => {
    const old = { access: token("shpca"), refresh: token("shprt") };
    const fresh = { access: token("shpca"), refresh: token("shprt") };
    await storeOffline({ access: old.access, expires: new Date(Date.now() - 60_000), refresh: old.refresh, refreshExpires: new Date(Date.now() + 30 * 86_400_000) });
    shopifyIssues(fresh);

    const { admin, session } = await unauthenticated.admin(TEST_SHOP);
    const refreshedAt = Date.now();
    await admin.graphql(SHOP_QUERY);

    // One refresh_token grant with the stored refresh token and the app's client credentials.
    expect(tokenRequests).toEqual([{ client_id: API_KEY, client_secret: API_SECRET_KEY, refresh_token: old.refresh, grant_type: "refresh_token" }]);
    // The Admin API saw only the new token.
    expect(adminTokens).toEqual([fresh.access]);
    expect(session.accessToken).toBe(fresh.access);
    const stored = await row();
    expect(stored.accessToken).toBe(fresh.access);
    expect(stored.refreshToken).toBe(fresh.refresh);
    near(stored.expires, refreshedAt + EXPIRES_IN * 1000);
    near(stored.refreshTokenExpires, refreshedAt + REFRESH_EXPIRES_IN * 1000);
    expect(stored).toMatchObject({ shop: TEST_SHOP, isOnline: false, scope: SCOPES });
    // Exactly one offline session for the shop: the refresh replaced the row, it did not add one.
    expect(await db.session.count({ where: { shop: TEST_SHOP } })).toBe(1);
  });

  it("a token within five minutes of expiry is refreshed ahead of time; a fresh one is used as stored", async () => {
    const soon = { access: token("shpca"), refresh: token("shprt") };
    const fresh = { access: token("shpca"), refresh: token("shprt") };
    await storeOffline({ access: soon.access, expires: new Date(Date.now() + 2 * 60_000), refresh: soon.refresh, refreshExpires: new Date(Date.now() + 86_400_000) });
    shopifyIssues(fresh);
    await unauthenticated.admin(TEST_SHOP);
    expect(tokenRequests).toHaveLength(1);
    expect((await row()).accessToken).toBe(fresh.access);

    // Now valid for an hour: no further grant, the stored token is used.
    const { admin } = await unauthenticated.admin(TEST_SHOP);
    await admin.graphql(SHOP_QUERY);
    expect(tokenRequests).toHaveLength(1);
    expect(adminTokens).toEqual([fresh.access]);
  });

  it("a webhook for a shop whose token expired refreshes it on the way in (authenticate.webhook)", async () => {
    const old = { access: token("shpca"), refresh: token("shprt") };
    const fresh = { access: token("shpca"), refresh: token("shprt") };
    await storeOffline({ access: old.access, expires: new Date(Date.now() - 60_000), refresh: old.refresh, refreshExpires: new Date(Date.now() + 86_400_000) });
    shopifyIssues(fresh);
    const response = await dataRequest.action({ request: signedWebhook("customers/data_request", { shop_domain: TEST_SHOP, customer: { id: 1 }, orders_requested: [] }), params: {}, context: {} });
    expect(response.status).toBe(200);
    expect(tokenRequests.map((b) => [b.grant_type, b.refresh_token])).toEqual([["refresh_token", old.refresh]]);
    expect(await row()).toMatchObject({ accessToken: fresh.access, refreshToken: fresh.refresh });
  });

  it("an embedded admin request with an expired offline token gets a new expiring token by token exchange, stored with its refresh token", async () => {
    const old = { access: token("shpca"), refresh: token("shprt") };
    const fresh = { access: token("shpca"), refresh: token("shprt") };
    await storeOffline({ access: old.access, expires: new Date(Date.now() - 60_000), refresh: old.refresh, refreshExpires: new Date(Date.now() + 86_400_000) });
    shopifyIssues(fresh);
    const request = await signedAdminRequest("/app");
    const sessionToken = new URL(request.url).searchParams.get("id_token");
    const { session } = await authenticate.admin(request);
    const exchangedAt = Date.now();
    expect(session.accessToken).toBe(fresh.access);
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]).toMatchObject({
      client_id: API_KEY,
      client_secret: API_SECRET_KEY,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: sessionToken,
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
      // Without expiring=1 Shopify would issue a non-expiring token and no refresh token.
      expiring: "1",
    });
    const stored = await row();
    expect(stored).toMatchObject({ accessToken: fresh.access, refreshToken: fresh.refresh });
    near(stored.expires, exchangedAt + EXPIRES_IN * 1000);
    near(stored.refreshTokenExpires, exchangedAt + REFRESH_EXPIRES_IN * 1000);
    // Whatever ran after auth (installation hooks) used the new token, never the expired one.
    expect(adminTokens.every((t) => t === fresh.access)).toBe(true);
  });
});

describe("an expired refresh token", () => {
  /** Shopify refuses the grant; the body follows OAuth 2.0's error response (RFC 6749 §5.2). */
  function shopifyRefuses() {
    adminServer.use(
      http.post(TOKEN_ENDPOINT, async ({ request }) => {
        tokenRequests.push((await request.json()) as Record<string, unknown>);
        return HttpResponse.json({ error: "invalid_grant", error_description: "The refresh token has expired." }, { status: 400 });
      }),
    );
  }

  it("unauthenticated.admin fails with a 500 Response, no Admin API call is made with the stale token, the row is left as it was; the next embedded request re-authenticates by token exchange", async () => {
    const old = { access: token("shpca"), refresh: token("shprt") };
    const expiredAt = new Date(Date.now() - 60_000);
    await storeOffline({ access: old.access, expires: expiredAt, refresh: old.refresh, refreshExpires: new Date(Date.now() - 1_000) });
    shopifyRefuses();

    const outcome = await unauthenticated.admin(TEST_SHOP).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).status).toBe(500);
    expect(tokenRequests.map((b) => b.grant_type)).toEqual(["refresh_token"]);
    expect(adminTokens).toEqual([]);
    expect(await row()).toMatchObject({ accessToken: old.access, refreshToken: old.refresh, expires: expiredAt });

    // A webhook meanwhile is answered 500, so Shopify retries it later; nothing crashes.
    const webhook = await dataRequest
      .action({ request: signedWebhook("customers/data_request", { shop_domain: TEST_SHOP, customer: { id: 1 }, orders_requested: [] }), params: {}, context: {} })
      .catch((e: unknown) => e);
    expect(webhook).toBeInstanceOf(Response);
    expect((webhook as Response).status).toBe(500);
    expect(adminTokens).toEqual([]);

    // The merchant opens the app: the session token is exchanged for a new expiring token and refresh token.
    adminServer.resetHandlers(...api.handlers());
    tokenRequests = [];
    const fresh = { access: token("shpca"), refresh: token("shprt") };
    shopifyIssues(fresh);
    const { session } = await authenticate.admin(await signedAdminRequest("/app"));
    expect(session.accessToken).toBe(fresh.access);
    expect(tokenRequests.map((b) => b.grant_type)).toEqual(["urn:ietf:params:oauth:grant-type:token-exchange"]);
    expect(await row()).toMatchObject({ accessToken: fresh.access, refreshToken: fresh.refresh });
    const { admin } = await unauthenticated.admin(TEST_SHOP);
    await admin.graphql(SHOP_QUERY);
    expect(adminTokens.at(-1)).toBe(fresh.access);
    expect(adminTokens).not.toContain(old.access);
  });
});
