import { describe, expect, it } from "vitest";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { DEBUG_LINK_TTL_MS, debugLinkUrl, mintDebugToken, verifyDebugToken } from "../../app/debugger/debug-link.server";
import { loader } from "../../app/routes/proxy.debug";
import { appProxyUrl } from "../../demo/checkout/app-proxy";
import { TEST_SHOP } from "../helpers/shopify-requests";

const SECRET = "app-secret-for-this-test";
const SHOP = "a-shop.myshopify.com";
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

describe("the session debugger's link (decision record 0090)", () => {
  it("a minted token verifies for its shop until it expires, 15 minutes on", () => {
    const { token, expiresAt } = mintDebugToken(SHOP, SECRET, NOW);
    expect(expiresAt).toBe(NOW + DEBUG_LINK_TTL_MS);
    expect(token).toMatch(/^\d+\.[\w-]+\.[\w-]{43}$/);
    expect(verifyDebugToken(token, SHOP, SECRET, NOW)).toEqual({ ok: true, expiresAt });
    expect(verifyDebugToken(token, SHOP, SECRET, expiresAt - 1).ok).toBe(true);
    expect(verifyDebugToken(token, SHOP, SECRET, expiresAt)).toEqual({ ok: false, status: 403, message: expect.stringContaining("expired") });
  });

  it("two links are never the same token (a fresh nonce each)", () => {
    expect(mintDebugToken(SHOP, SECRET, NOW).token).not.toBe(mintDebugToken(SHOP, SECRET, NOW).token);
  });

  it("refuses another shop's token, a token signed with another secret, and any tampered part", () => {
    const { token } = mintDebugToken(SHOP, SECRET, NOW);
    const [exp, nonce, sig] = token.split(".") as [string, string, string];
    const refused = (t: string, shop = SHOP, secret = SECRET) => verifyDebugToken(t, shop, secret, NOW);
    expect(refused(token, "other-shop.myshopify.com")).toEqual({ ok: false, status: 403, message: expect.stringContaining("not signed by Tactful for this shop") });
    expect(refused(token, SHOP, "another-secret").ok).toBe(false);
    // A later expiry with the old signature: the expiry is signed.
    expect(refused(`${Number(exp) + 600}.${nonce}.${sig}`).ok).toBe(false);
    expect(refused(`${exp}.${nonce.replace(/^./, (c) => (c === "A" ? "B" : "A"))}.${sig}`).ok).toBe(false);
    expect(refused(`${exp}.${nonce}.${sig.replace(/^./, (c) => (c === "A" ? "B" : "A"))}`).ok).toBe(false);
  });

  it("refuses a token this app signed whose life is longer than any it mints", () => {
    const far = mintDebugToken(SHOP, SECRET, NOW + 60 * 60_000);
    expect(verifyDebugToken(far.token, SHOP, SECRET, NOW)).toEqual({ ok: false, status: 403, message: expect.stringContaining("too far") });
  });

  it.each([[""], ["abc"], ["1.2.3"], [null], [42], ["x".repeat(500)], ["1700000000.AAAAAAAAAAAAAAAAAAAA.short"]])("answers 400 with a reason for a malformed token: %j", (raw) => {
    const v = verifyDebugToken(raw, SHOP, SECRET, NOW);
    expect(v).toEqual({ ok: false, status: 400, message: expect.stringMatching(/^Debug link refused: /) });
  });

  it("opens the storefront with the token as tactful_debug, keeping the page asked for", () => {
    expect(debugLinkUrl("https://a-shop.myshopify.com/", "1.abc.def")).toBe("https://a-shop.myshopify.com/?tactful_debug=1.abc.def");
    expect(debugLinkUrl("http://127.0.0.1:4000/products/x?variant=1", "t")).toBe("http://127.0.0.1:4000/products/x?variant=1&tactful_debug=t");
  });
});

describe("GET /proxy/debug, behind Shopify's app proxy", () => {
  const get = async (url: string) => {
    const res = await loader({ request: new Request(url), params: {}, context: {} } as LoaderFunctionArgs);
    return { status: res.status, body: (await res.json()) as { ok: boolean; message?: string; expiresAt?: number }, cache: res.headers.get("cache-control") };
  };
  const signed = (token: string, shop = TEST_SHOP) =>
    appProxyUrl("https://app.example.com", "debug", { shop, secret: API_SECRET_KEY, query: new URLSearchParams({ token }), now: Date.now() });

  it("answers 200 for a valid token signed into the query by the app proxy", async () => {
    const { token, expiresAt } = mintDebugToken(TEST_SHOP, API_SECRET_KEY, Date.now());
    expect(await get(signed(token))).toEqual({ status: 200, body: { ok: true, expiresAt }, cache: "no-store" });
  });

  it("answers 401 to a request the app proxy did not sign, or whose signature was altered, even with a valid token", async () => {
    const { token } = mintDebugToken(TEST_SHOP, API_SECRET_KEY, Date.now());
    expect((await get(`https://app.example.com/proxy/debug?shop=${TEST_SHOP}&token=${token}`)).status).toBe(401);
    const forged = new URL(signed(token));
    forged.searchParams.set("shop", "other-shop.myshopify.com");
    const r = await get(forged.toString());
    expect(r).toMatchObject({ status: 401, body: { ok: false, message: "Request is not signed by the app proxy" } });
  });

  it("answers 403 for an expired token, another shop's token, and 400 for a missing one", async () => {
    const expired = mintDebugToken(TEST_SHOP, API_SECRET_KEY, Date.now() - DEBUG_LINK_TTL_MS - 1000).token;
    expect(await get(signed(expired))).toMatchObject({ status: 403, body: { ok: false, message: expect.stringContaining("expired") } });
    const foreign = mintDebugToken("other-shop.myshopify.com", API_SECRET_KEY, Date.now()).token;
    expect(await get(signed(foreign))).toMatchObject({ status: 403, body: { ok: false } });
    expect(await get(signed(""))).toMatchObject({ status: 400, body: { ok: false, message: expect.stringMatching(/^Debug link refused/) } });
  });
});
