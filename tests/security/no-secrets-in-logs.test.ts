import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
// A hash key that is ours to recognise; set before any app module reads the environment.
const HASH_KEY = vi.hoisted(() => {
  const key = `hashkey-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
  process.env.TACTFUL_HASH_KEY = key;
  return key;
});
// First: MSW must patch fetch before the Shopify library captures it.
import { adminServer, ADMIN_ENDPOINT } from "../admin/fake-admin-api";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { formatWithOptions, promisify } from "node:util";
import path from "node:path";
import { http, HttpResponse } from "msw";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { Session } from "@shopify/shopify-api";
import db, { createPrismaClient } from "../../app/platform/db.server";
import { redactSecrets } from "../../app/platform/env.server";
import { sessionStorage, unauthenticated } from "../../app/shopify.server";
import { retryPolicy } from "../../app/shopify/admin-api.server";
import { syncShop } from "../../app/shopify/sync.server";
import { getShopSettings } from "../../app/offers/settings.server";
import { eventWriter } from "../../app/analytics/beacon-intake.server";
import { EventWriter } from "../../app/analytics/ingest.server";
import { beaconLimiter, clientEventBudget } from "../../app/analytics/rate-limit.server";
import { action as beaconAction } from "../../app/routes/proxy.events";
import * as ordersCreate from "../../app/routes/webhooks.orders.create";
import * as entryServer from "../../app/entry.server";
import * as root from "../../app/root";
import * as offersIndex from "../../app/routes/app.offers._index";
import { signedAdminRequest, signedWebhook, TEST_SHOP } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";
import { beacon, beaconEvent, seedBeaconOffers, signedBeaconRequest } from "../analytics/proxy-requests";

/*
 * "No secret or access token appears in logs or error pages." Each test drives
 * one failure path with every console method and both output streams
 * captured, then looks for the app secret, the shop's access and refresh
 * tokens, the customer-hash key and a database password in everything the
 * app wrote and answered.
 */

withCleanDatabase();

const ACCESS_TOKEN = `shpca_${randomBytes(16).toString("hex")}`;
const REFRESH_TOKEN = `shprt_${randomBytes(16).toString("hex")}`;
const DB_PASSWORD = `Pw${randomBytes(9).toString("hex")}`;
const SECRETS: Record<string, string> = {
  SHOPIFY_API_SECRET: API_SECRET_KEY,
  "access token": ACCESS_TOKEN,
  "refresh token": REFRESH_TOKEN,
  TACTFUL_HASH_KEY: HASH_KEY,
  "DATABASE_URL password": DB_PASSWORD,
};

/* ---------- capture ---------- */

let output: string[] = [];
beforeAll(() => {
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    // Deeper than Node's default so a secret nested in an error's cause or meta is seen.
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void output.push(formatWithOptions({ depth: 8 }, ...args)));
  }
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
      output.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    });
  }
});
afterEach(() => {
  output = [];
  beaconLimiter.reset();
  clientEventBudget.reset();
  adminServer.resetHandlers();
});
afterAll(() => {
  vi.restoreAllMocks();
  adminServer.close();
});

/** Fails naming the secret and where it showed, with a little context. */
function expectNoSecrets(texts: Record<string, string | null | undefined>) {
  const leaks: string[] = [];
  for (const [where, text] of Object.entries(texts)) {
    if (!text) continue;
    for (const [name, value] of Object.entries(SECRETS)) {
      const at = text.indexOf(value);
      if (at >= 0) leaks.push(`${name} in ${where}: …${text.slice(Math.max(0, at - 80), at + value.length + 20)}…`);
    }
  }
  expect(leaks).toEqual([]);
}

const logs = () => ({ logs: output.join("\n") });

/** The shop's offline session, with the tokens the assertions look for. */
async function storeSession(overrides: Partial<Session> = {}) {
  const session = new Session({
    id: `offline_${TEST_SHOP}`,
    shop: TEST_SHOP,
    state: "",
    isOnline: false,
    scope: process.env.SCOPES ?? "",
    accessToken: ACCESS_TOKEN,
    expires: new Date(Date.now() + 3_600_000),
    refreshToken: REFRESH_TOKEN,
    refreshTokenExpires: new Date(Date.now() + 90 * 86_400_000),
  });
  Object.assign(session, overrides);
  await sessionStorage.storeSession(session);
  return session;
}

/* ---------- the failure paths ---------- */

describe("no secret or token in logs or answers", () => {
  it("a webhook with a wrong HMAC: 401, and neither the answer nor the logs carry a secret", async () => {
    await storeSession();
    const request = signedWebhook("orders/create", { id: 1, line_items: [] }, { secret: "not-the-app-secret" });
    const thrown = await ordersCreate.action({ request, params: {}, context: {} }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(401);
    expectNoSecrets({ body: await response.text(), headers: JSON.stringify([...response.headers]), ...logs() });
  });

  it("a failing Admin API sync (401, 5xx, GraphQL errors, no connection): the recorded error, Home's view and the logs carry no token", async () => {
    await storeSession();
    const waits = retryPolicy.sleep;
    retryPolicy.sleep = async () => undefined;
    try {
      const answers: Array<() => Response> = [
        // Shopify's answer to an unknown or expired token.
        () => HttpResponse.json({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }, { status: 401 }),
        () => HttpResponse.json({ errors: "Internal Server Error" }, { status: 500 }),
        () => HttpResponse.json({ errors: [{ message: "Internal error. Looks like something went wrong on our end.", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }),
        () => HttpResponse.error(),
      ];
      for (const answer of answers) {
        const seen: string[] = [];
        adminServer.use(
          http.post(ADMIN_ENDPOINT, ({ request }) => {
            seen.push(request.headers.get("X-Shopify-Access-Token") ?? "");
            return answer();
          }),
        );
        const { admin } = await unauthenticated.admin(TEST_SHOP);
        const result = await syncShop(TEST_SHOP, admin);
        // The request really carried the token: the failure path had it in hand.
        expect(seen[0]).toBe(ACCESS_TOKEN);
        expect(result.ok).toBe(false);
        const view = await getShopSettings(TEST_SHOP);
        expect(view.sync.status).toBe("FAILED");
        const row = await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } });
        expectNoSecrets({ result: JSON.stringify(result), "ShopSettings.syncError": row.syncError, "Home's sync view": JSON.stringify(view.sync), ...logs() });
        adminServer.resetHandlers();
      }
    } finally {
      retryPolicy.sleep = waits;
    }
  });

  it("a beacon whose database write fails (Postgres unreachable, password in the URL): 503, no password or hash key in the answer or the logs", async () => {
    await storeSession();
    await seedBeaconOffers();
    const unreachable = createPrismaClient(`postgresql://tactful:${DB_PASSWORD}@127.0.0.1:9/tactful?connect_timeout=2`);
    const failing = new EventWriter(unreachable);
    const write = vi.spyOn(eventWriter, "write").mockImplementation((rows) => failing.write(rows));
    try {
      const request = await signedBeaconRequest(JSON.stringify(beacon([beaconEvent()])), { customerId: "4242" });
      const response = await beaconAction({ request, params: {}, context: {} });
      expect(response.status).toBe(503);
      expect(write).toHaveBeenCalled();
      // The failure was logged (so an operator can see it) …
      expect(output.join("\n")).toMatch(/beacon ingestion failed/);
      // … without the password, the hash key or the tokens.
      expectNoSecrets({ body: await response.text(), ...logs() });
    } finally {
      write.mockRestore();
      await unreachable.$disconnect();
    }
  });

  it("an invalid environment at startup names the variables, never their values", async () => {
    const run = promisify(execFile);
    const base = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production" as const };
    const cases = [
      // A Postgres URL with a typo in the scheme, and a hash key too short to be accepted.
      { DATABASE_URL: `postgress://tactful:${DB_PASSWORD}@db.internal:5432/tactful`, TACTFUL_HASH_KEY: HASH_KEY.slice(0, 12), SHOPIFY_APP_URL: "not a url" },
      // A good Postgres URL with a password, and one missing variable.
      { DATABASE_URL: `postgresql://tactful:${DB_PASSWORD}@db.internal:5432/tactful`, SHOPIFY_APP_URL: "" },
    ];
    for (const bad of cases) {
      const env = { ...base, SHOPIFY_API_KEY: API_KEY, SHOPIFY_API_SECRET: API_SECRET_KEY, SCOPES: "read_products", ...bad };
      const outcome = await run("npx", ["vite-node", "--config", "vitest.config.ts", path.join("tests", "security", "fixtures", "start-app.ts")], { env, cwd: process.cwd() }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" }),
      );
      expect(outcome.code).not.toBe(0);
      expect(outcome.stdout).not.toMatch(/started/);
      expect(outcome.stderr).toMatch(/Invalid environment/);
      expect(outcome.stderr).toMatch(/SHOPIFY_APP_URL/);
      if (bad.TACTFUL_HASH_KEY) expect(outcome.stderr).toMatch(/DATABASE_URL .*\n[\s\S]*TACTFUL_HASH_KEY/);
      expectNoSecrets({ stdout: outcome.stdout, stderr: outcome.stderr });
    }
  }, 60_000);
});

/* ---------- error pages in production ---------- */

const BOOM = `Shopify answered 401 for X-Shopify-Access-Token ${ACCESS_TOKEN} (client_secret=${API_SECRET_KEY}, refresh_token=${REFRESH_TOKEN})`;

function assetRoute(id: string, parentId: string | undefined, path: string | undefined, hasLoader: boolean, hasErrorBoundary: boolean) {
  return { id, parentId, path, index: undefined, caseSensitive: undefined, module: `/assets/${id}.js`, imports: [], hasAction: false, hasLoader, hasClientAction: false, hasClientLoader: false, hasErrorBoundary };
}

/*
 * The app's real entry.server and root (with its ErrorBoundary) in a Remix
 * build made by hand and served in production mode: a route whose loader
 * throws an error that quotes credentials, and the real Offers route with its
 * table gone.
 */
function productionBuild(): ServerBuild {
  const boom = { loader: () => Promise.reject(new Error(BOOM)), default: () => null };
  return {
    mode: "production",
    entry: { module: entryServer },
    routes: {
      root: { id: "root", path: "", module: root },
      "routes/boom": { id: "routes/boom", parentId: "root", path: "boom", module: boom },
      "routes/app.offers._index": { id: "routes/app.offers._index", parentId: "root", path: "app/offers", module: offersIndex },
    },
    assets: {
      entry: { module: "/assets/entry.client.js", imports: [] },
      url: "/assets/manifest.js",
      version: "test",
      routes: {
        root: assetRoute("root", undefined, "", false, "ErrorBoundary" in root),
        "routes/boom": assetRoute("routes/boom", "root", "boom", true, false),
        "routes/app.offers._index": assetRoute("routes/app.offers._index", "root", "app/offers", true, false),
      },
    },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: false, v3_singleFetch: false, v3_routeConfig: false },
    isSpaMode: false,
  } as unknown as ServerBuild;
}

describe("error pages in production", () => {
  it("a loader error that quotes credentials: a plain 500 page without the message or a stack trace, and logs without the credentials", async () => {
    const handle = createRequestHandler(productionBuild(), "production");
    const response = await handle(new Request(`${APP_URL}/boom`, { headers: { "User-Agent": "Mozilla/5.0 Chrome/130" } }));
    const html = await response.text();
    expect(response.status).toBe(500);
    expect(html).toMatch(/<html/);
    // The app's own error page, not React's or Remix's fallback.
    expect(html).toContain("Something went wrong");
    expect(html).not.toContain("Shopify answered 401");
    // No stack frames ("at fn (file:line:col)") and no source paths.
    expect(html).not.toMatch(/\bat [^\s]+ \(|\.tsx?:\d+:\d+|node_modules/);
    // The operator still learns what failed.
    expect(output.join("\n")).toMatch(/Shopify answered 401/);
    expectNoSecrets({ html, ...logs() });
  });

  it("an admin route whose database fails: a plain 500 page, no stack trace, no token", async () => {
    await storeSession();
    await db.$executeRawUnsafe(`ALTER TABLE "Offer" RENAME TO "Offer_unavailable"`);
    try {
      const handle = createRequestHandler(productionBuild(), "production");
      const signed = await signedAdminRequest("/app/offers");
      const response = await handle(new Request(signed.url, { headers: { "User-Agent": "Mozilla/5.0 Chrome/130" } }));
      const html = await response.text();
      expect(response.status).toBe(500);
      expect(html).toContain("Something went wrong");
      expect(html).not.toMatch(/\bat [^\s]+ \(|\.tsx?:\d+:\d+|node_modules|Offer_unavailable|prisma/i);
      expect(output.join("\n")).toMatch(/Offer/);
      expectNoSecrets({ html, ...logs() });
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "Offer_unavailable" RENAME TO "Offer"`);
    }
  });
});

describe("redactSecrets (what handleError logs through)", () => {
  it("masks the app secret, the hash key, the database password in both spellings and Shopify tokens, and keeps the rest", () => {
    const source = { SHOPIFY_API_SECRET: "app-secret-123456", TACTFUL_HASH_KEY: "hash-key-abcdefgh", DATABASE_URL: "postgresql://u:p%40ss-word-99@db:5432/x" };
    const text = `secret app-secret-123456 key hash-key-abcdefgh pw p%40ss-word-99 / p@ss-word-99 token ${ACCESS_TOKEN} refresh ${REFRESH_TOKEN} shop ${TEST_SHOP}`;
    const out = redactSecrets(text, source);
    for (const value of ["app-secret-123456", "hash-key-abcdefgh", "p%40ss-word-99", "p@ss-word-99", ACCESS_TOKEN, REFRESH_TOKEN]) expect(out).not.toContain(value);
    expect(out).toContain(`shop ${TEST_SHOP}`);
    expect(out).toContain("shpca_[redacted]");
  });

  it("leaves short values alone (they would mask ordinary words) and never throws on a malformed URL", () => {
    expect(redactSecrets("the key is abc", { SHOPIFY_API_SECRET: "abc", DATABASE_URL: "postgresql://%zz@" })).toBe("the key is abc");
  });
});
