import { describe, expect, it } from "vitest";
import { compile, item, ref } from "../../demo/storefront/demo-config";
import { embedEngine, readBlock, renderEmbed, schemaOf, type EmbedScope } from "../../demo/storefront/embed";
import { storefrontMetafields } from "../../app/offers/offer-compiler";
import { parseStorefrontConfig } from "@tactful/engine/wire";

const engine = embedEngine((n) => `/cdn/${n}`);
const content = (headline: string) => ({ headline, body: "", accept: "Add", decline: "No" });
const config = (over: Record<string, unknown> = {}) =>
  compile([{ id: "o1", type: "CROSS_SELL", moments: ["ADD_TO_CART"], definition: { trigger: { products: [ref("trail-runner")] }, items: [item("merino-socks")], content: { en: content("Hello"), fr: content("Bonjour") }, ...over } }]);
const metafields = (cfg = config()) => Object.fromEntries(storefrontMetafields(cfg).map((m) => [m.key, JSON.parse(m.value)]));
const scope = (over: Partial<EmbedScope> = {}): EmbedScope => ({ metafields: metafields(), locale: "en", root: "/", pageType: "product", currency: "EUR", country: "DE", market: "eu", moneyFormat: "€{{amount}}", allProducts: {}, ...over });
const script = (html: string, id: string) => {
  const m = new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(html);
  if (!m?.[1]) throw new Error(`no #${id}`);
  return JSON.parse(m[1]) as unknown;
};

describe("the app embed block", () => {
  it("targets the body and keeps its schema valid JSON", () => {
    expect(schemaOf()).toMatchObject({ target: "body" });
  });

  it("prints the config, the shopper's-language text, the context and one deferred script, the loader, with the popup module's URL", async () => {
    const html = await renderEmbed(engine, scope({ locale: "fr", root: "/fr/" }));
    const cfg = parseStorefrontConfig(script(html, "tactful-config"), script(html, "tactful-content"));
    // The shopper's language only: no English beside it.
    expect(cfg?.offers[0]?.content).toEqual({ fr: content("Bonjour") });
    expect(script(html, "tactful-context")).toMatchObject({ loggedIn: false, country: "DE", currency: "EUR", locale: "fr", root: "/fr/", pageType: "product", strings: { close: "Fermer" } });
    expect(html.match(/<script src="\/cdn\/tactful\.js" defer><\/script>/g)).toHaveLength(1);
    // The module is fetched by the loader at the first cart moment, never by the page.
    expect(script(html, "tactful-context")).toMatchObject({ module: "/cdn/tactful-popup.js", cart: "/cdn/tactful-cart.js" });
    expect(html.match(/<script\b[^>]*\bsrc=/g)).toHaveLength(1);
  });

  it("prints no other language's text when the shopper's has none, so the offer does not show (0074)", async () => {
    const html = await renderEmbed(engine, scope({ locale: "ar", root: "/ar/" }));
    expect(script(html, "tactful-content")).toBeNull();
    expect(html).not.toContain("Hello");
    const cfg = parseStorefrontConfig(script(html, "tactful-config"), script(html, "tactful-content"));
    expect(cfg?.offers[0]?.content).toBeUndefined();
  });

  it("prints the default locale's text beside the shopper's only when an offer allows it as a fallback (0091)", async () => {
    const cfg = config({ fallbackToDefaultLocale: true });
    const html = await renderEmbed(engine, scope({ metafields: metafields(cfg), locale: "ar", root: "/ar/" }));
    const printed = script(html, "tactful-content") as unknown[];
    expect(printed).toEqual([null, expect.objectContaining({ l: "en" })]);
    const parsed = parseStorefrontConfig(script(html, "tactful-config"), ...printed);
    expect(parsed?.offers[0]).toMatchObject({ fallbackToDefaultLocale: true, content: { en: content("Hello") } });
    // Another offer may lack French, so French shoppers get both; default-locale shoppers need one text, not two.
    const fr = await renderEmbed(engine, scope({ metafields: metafields(cfg), locale: "fr", root: "/fr/" }));
    expect(script(fr, "tactful-content")).toEqual([expect.objectContaining({ l: "fr" }), expect.objectContaining({ l: "en" })]);
    const en = await renderEmbed(engine, scope({ metafields: metafields(cfg), locale: "en" }));
    expect(script(en, "tactful-content")).toMatchObject({ l: "en" });
  });

  it("a regional locale takes its base language's text", async () => {
    const html = await renderEmbed(engine, scope({ locale: "fr-CA", root: "/fr-ca/" }));
    expect(script(html, "tactful-content")).toMatchObject({ l: "fr" });
  });

  it("prints nothing, not even the script, when the app has no config", async () => {
    const html = await renderEmbed(engine, scope({ metafields: {} }));
    expect(html.trim()).toBe("");
  });

  it("escapes merchant text so it cannot close the script element", async () => {
    const cfg = compile([{ id: "x", type: "CROSS_SELL", moments: ["ADD_TO_CART"], definition: { items: [item("merino-socks")], content: { en: content("</script><script>alert(1)</script>") } } }]);
    const html = await renderEmbed(engine, scope({ metafields: metafields(cfg) }));
    expect(html).not.toContain("</script><script>alert(1)");
    expect(JSON.stringify(script(html, "tactful-content"))).toContain("</script><script>alert(1)</script>");
  });

  it("prints stock only for tracked, low-stock variants of offered products, and only when an offer shows low stock", async () => {
    const all = { "merino-socks": { variants: [{ id: 1, inventory_management: "shopify", inventory_policy: "deny", inventory_quantity: 3 }, { id: 2, inventory_management: null, inventory_policy: "deny", inventory_quantity: 0 }, { id: 3, inventory_management: "shopify", inventory_policy: "continue", inventory_quantity: 1 }] } };
    const withUrgency = await renderEmbed(engine, scope({ metafields: metafields(config({ urgency: { lowStockBelow: 5 } })), allProducts: all }));
    expect(script(withUrgency, "tactful-context")).toMatchObject({ inv: { "1": 3 } });
    const without = await renderEmbed(engine, scope({ allProducts: all }));
    expect(script(without, "tactful-context")).toMatchObject({ inv: {} });
  });

  it("prints customer tags only when some offer segments on them", async () => {
    const customer = { tags: ["vip"], orders_count: 2 };
    const plain = script(await renderEmbed(engine, scope({ customer })), "tactful-context") as Record<string, unknown>;
    expect(plain).toMatchObject({ loggedIn: true, returning: true });
    expect(plain.customerTags).toBeUndefined();
    const tagged = script(await renderEmbed(engine, scope({ customer, metafields: metafields(config({ segment: { tagsInclude: ["vip"] } })) })), "tactful-context");
    expect(tagged).toMatchObject({ customerTags: ["vip"] });
  });

  it("passes the theme editor's style only when the merchant chose to override the app's", async () => {
    const off = script(await renderEmbed(engine, scope()), "tactful-context") as Record<string, unknown>;
    expect(off.style).toBeUndefined();
    const on = script(await renderEmbed(engine, scope({ settings: { override_style: true, accent: "#112233", scheme: "dark" } })), "tactful-context");
    expect(on).toMatchObject({ style: { accent: "#112233", radius: 12, position: "center", scheme: "dark" } });
    expect(readBlock().defaults).toMatchObject({ override_style: false, radius: 12 });
  });
});
