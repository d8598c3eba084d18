import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { adminServer, FakeAdminApi, jsonPost, SHOP_ID, useFakeAdmin } from "./fake-admin-api";
import { readFileSync } from "node:fs";
import { Window } from "happy-dom";
import { render } from "preact";
import { action as editorAction } from "../../app/routes/app.offers.$id";
import renderCheckout from "../../extensions/tactful-checkout/src/Checkout";
import { clearFactsCache } from "../../extensions/tactful-checkout/src/OfferBlock";
import { line, shopEntry, stubShopify } from "../../extensions/tactful-checkout/src/test-shopify";
import db from "../../app/platform/db.server";
import { installShop, TEST_SHOP } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";
import { crossSell, SNEAKERS, SOCKS } from "./fixtures";

/*
 * Admin save -> sync -> checkout, with nothing in between: the metafieldsSet
 * inputs the sync sent to the fake Admin API are served to the checkout
 * extension's harness exactly as Shopify would serve them (the Shop's
 * metafields the extension's TOML declares), and the block renders the offer
 * in the buyer's language.
 */

withCleanDatabase();

let api = new FakeAdminApi();
beforeEach(async () => {
  api = new FakeAdminApi();
  // A German shop that also sells in English and Japanese; French is set up but not published.
  api.locales = [
    { locale: "de", name: "German", primary: true, published: true },
    { locale: "en", name: "English", primary: false, published: true },
    { locale: "ja", name: "Japanese", primary: false, published: true },
    { locale: "fr", name: "French", primary: false, published: false },
  ];
  useFakeAdmin(api);
  await installShop();
});
/*
 * The admin runs in Node (Shopify's Admin API client refuses to run where
 * `window` exists), so the block gets a DOM of its own: only `document`,
 * which is all Preact's render needs, installed once the sync is done.
 */
let dom: Window | null = null;
function installDom() {
  dom ??= new Window();
  vi.stubGlobal("document", dom.document);
  return dom.document;
}
afterEach(async () => {
  if (dom) render(null, dom.document.body);
  vi.unstubAllGlobals();
  await dom?.happyDOM.close();
  dom = null;
});
afterAll(() => adminServer.close());

/** The [[extensions.metafields]] the checkout extension declares, read from its TOML. */
function declared(): { namespace: string; key: string }[] {
  const toml = readFileSync("extensions/tactful-checkout/shopify.extension.toml", "utf8");
  return [...toml.matchAll(/\[\[extensions\.metafields\]\]\s*namespace\s*=\s*"([^"]+)"\s*key\s*=\s*"([^"]+)"/g)].map(([, namespace = "", key = ""]) => ({ namespace, key }));
}

type SetInput = { ownerId: string; namespace: string; key: string; type: string; value: string };
/** Every metafieldsSet input the sync sent, in order (a later write of the same key wins, as in Shopify). */
const sentInputs = () => api.calls.filter((c) => c.operation === "TactfulMetafieldsSet").flatMap((c) => c.variables.metafields as SetInput[]);

/** What checkout serves the extension: the latest value of each declared metafield on the Shop, unchanged. */
function servedToCheckout() {
  const wanted = declared();
  const latest = new Map<string, SetInput>();
  for (const m of sentInputs()) if (m.ownerId === SHOP_ID && wanted.some((d) => d.namespace === m.namespace && d.key === m.key)) latest.set(`${m.namespace}|${m.key}`, m);
  return [...latest.values()].map((m) => shopEntry(m));
}

const text = (headline: string) => ({ headline, body: "", accept: `${headline}: add`, decline: `${headline}: no` });

async function publish(id = "new", overrides: { status?: string; version?: number } = {}) {
  const base = crossSell({ name: "Socks at checkout", ...overrides });
  const offer = {
    ...base,
    moments: ["CHECKOUT", "THANK_YOU"],
    definition: { ...base.definition, content: { de: text("Trockene Füße"), en: text("Keep your feet dry"), ja: text("足を乾いたままに"), fr: text("Pieds au sec") } },
  };
  const response = await editorAction({ request: await jsonPost(`/app/offers/${id}`, { intent: "save", offer }), params: { id }, context: {} });
  expect(response instanceof Response ? response.status : 0).toBe(id === "new" ? 302 : 200);
}

async function checkoutHeading(locale: string): Promise<string | null> {
  const document = installDom();
  render(null, document.body);
  clearFactsCache();
  // The block's beacons (after the Admin API calls are done: they go through the real fetch MSW patches).
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 204 })));
  stubShopify({
    entries: servedToCheckout(),
    locale,
    lines: [line("1", SNEAKERS.variants[0]?.id.split("/").pop() ?? "", SNEAKERS.id.split("/").pop() ?? "", 100)],
    variants: { [SOCKS.variants[0]?.id.split("/").pop() ?? ""]: { price: "12.0", title: SOCKS.title } },
  });
  await renderCheckout();
  for (let i = 0; i < 100 && document.body.querySelector("s-skeleton-paragraph"); i++) await new Promise((r) => setTimeout(r, 0));
  return document.body.querySelector("s-section")?.getAttribute("heading") ?? null;
}

describe("checkout reads what the sync writes", () => {
  it("the extension declares few enough metafields, and every one of them is written on the Shop", async () => {
    const wanted = declared();
    // Shopify's cap on [[extensions.metafields]] per checkout UI extension (decision record 0052).
    expect(wanted.length).toBeLessThanOrEqual(8);
    expect(wanted.every((d) => d.namespace === "$app:tactful")).toBe(true);
    await publish();
    expect(servedToCheckout().map((e) => e.metafield.key).sort()).toEqual(wanted.map((d) => d.key).sort());
    // Within Shopify's 128 KB per json value, and only published locales: the unpublished French text is not shipped.
    for (const e of servedToCheckout()) expect(Buffer.byteLength(e.metafield.value)).toBeLessThanOrEqual(131_072);
    expect(servedToCheckout().some((e) => e.metafield.value.includes("Pieds au sec"))).toBe(false);
    // The theme's copy on the AppInstallation is still written.
    expect(sentInputs().some((m) => m.ownerId === api.installationId && m.namespace === "tactful" && m.key === "config")).toBe(true);
  });

  it("renders the offer in the shop's primary locale and in published locales outside en/fr/ar, and shows none in a language it has no copy in", async () => {
    await publish();
    expect(await checkoutHeading("de")).toBe("Trockene Füße");
    expect(await checkoutHeading("ja")).toBe("足を乾いたままに");
    // The offered socks at 10% off 12.00, and the Japanese accept label.
    expect(dom?.document.body.textContent).toContain("Merino socks");
    expect(dom?.document.body.textContent).toContain("$10.80");
    expect(dom?.document.body.textContent).toContain("足を乾いたままに: add");
    expect(await checkoutHeading("en-GB")).toBe("Keep your feet dry");
    // Not published, or no copy in the shopper's language: no offer, never another language's words
    // (decision 0074, superseding 0052's fallback to the primary locale).
    expect(await checkoutHeading("fr")).toBeNull();
    expect(await checkoutHeading("pt-BR")).toBeNull();
  });

  it("every publish rewrites the Shop's copy: a paused offer is gone from checkout", async () => {
    await publish();
    expect(await checkoutHeading("ja")).toBe("足を乾いたままに");
    const { id } = await db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP } });
    await publish(id, { status: "PAUSED", version: 1 });
    expect(await checkoutHeading("ja")).toBeNull();
    expect(dom?.document.body.innerHTML).toBe("");
  });

  it("a shop that has not granted read_locales still gets its offers at checkout, in the locales they are written in", async () => {
    api.canReadLocales = false;
    await publish();
    expect(await checkoutHeading("ja")).toBe("足を乾いたままに");
    // English copy reaches an English checkout; a language the offer has no copy in gets no offer (decision 0074).
    expect(await checkoutHeading("en")).toBe("Keep your feet dry");
    expect(await checkoutHeading("pt-BR")).toBeNull();
  });
});
