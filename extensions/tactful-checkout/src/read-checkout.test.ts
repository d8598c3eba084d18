import { describe, expect, it } from "vitest";
import { encodeCheckoutGroup, encodeStorefrontConfig, pickContent } from "@tactful/engine";
import { heldOutOffers, offeredVariantIds, permalink, readConfig, toCart, usableOffers, type MetafieldEntry } from "./read-checkout";
import { loadMemory } from "./memory";
import { line, offer, storefrontConfig } from "./test-shopify";

const entry = (namespace: string, key: string, value: string): MetafieldEntry => ({ target: { type: "shop", id: "gid://shopify/Shop/1" }, metafield: { namespace, key, value } });

describe("checkout facts", () => {
  it("checkout lines become engine lines in integer minor units, with their offer attributes", () => {
    const cart = toCart([line("1", "110", "111", 19.99, 3), line("2", "222", "221", 16, 1, [{ key: "_tactful_offer", value: "o1" }, { key: "_tactful_variant", value: "b" }])], "USD");
    expect(cart.lines).toEqual([
      { key: "gid://shopify/CartLine/1", productId: "111", variantId: "110", quantity: 3, unitPrice: 1999 },
      { key: "gid://shopify/CartLine/2", productId: "221", variantId: "222", quantity: 1, unitPrice: 1600, offerId: "o1", abVariantId: "b" },
    ]);
  });

  it("the config is read from the Shop's $app:tactful values, with copy for the buyer's language, and the primary locale's only as the fallback some offers allow (0074, 0091)", () => {
    const text = (headline: string) => ({ headline, body: "", accept: "Add", decline: "No" });
    const cfg = storefrontConfig(offer({ id: "o1", content: { en: text("Hi"), fr: text("Salut") } }), offer({ id: "o2", content: { en: text("Only English") } }), offer({ id: "o3", content: { en: text("Allowed") }, fallbackToDefaultLocale: true }));
    const wire = encodeStorefrontConfig(cfg);
    const groups = [encodeCheckoutGroup("en", { en: wire.content.en ?? "" }), encodeCheckoutGroup("en", {}), encodeCheckoutGroup("en", { fr: wire.content.fr ?? "" }), encodeCheckoutGroup("en", {})];
    const entries = [entry("$app:tactful", "config", wire.config), ...groups.map((g, i) => entry("$app:tactful", `content_${i + 1}`, g))];
    const got = readConfig(entries, "fr-CA");
    // The buyer's base language, found in the third group, labelled with the buyer's own locale; the primary's beside it.
    expect(got?.offers[0]?.content).toEqual({ "fr-CA": text("Salut"), en: text("Hi") });
    expect(got?.settings.defaultLocale).toBe("en");
    const pick = (i: number, locale: string) => {
      const o = got?.offers[i];
      return o && pickContent(o, undefined, locale, got.settings.defaultLocale);
    };
    expect(pick(0, "fr-CA")).toEqual({ content: text("Salut") });
    // The English-only offer does not show to a French buyer; the one that allows the fallback shows its English, marked English.
    expect(pick(1, "fr-CA")).toBeUndefined();
    expect(pick(2, "fr-CA")).toEqual({ content: text("Allowed"), contentLocale: "en" });
    // A language nobody wrote: only the primary's text, and only the offer that allows it shows.
    const ja = readConfig(entries, "ja");
    expect(ja?.offers.map((o) => Object.keys(o.content ?? {}))).toEqual([["en"], ["en"], ["en"]]);
    expect(readConfig(entries, "en")?.offers[1]?.content).toEqual({ en: text("Only English") });
    // Only the Shop's app-owned values count: the AppInstallation's namespace is not what checkout serves.
    expect(readConfig(entries.map((e) => ({ ...e, metafield: { ...e.metafield, namespace: "tactful" } })), "en")).toBeNull();
    expect(readConfig(entries.map((e) => ({ ...e, target: { type: "product", id: "gid://shopify/Product/1" } })), "en")).toBeNull();
  });

  it("a malformed or newer config or text group shows nothing", () => {
    const wire = encodeStorefrontConfig(storefrontConfig(offer({ id: "o1" })));
    const good = encodeCheckoutGroup("en", { en: wire.content.en ?? "" });
    const read = (config: string, ...groups: string[]) => readConfig([entry("$app:tactful", "config", config), ...groups.map((g, i) => entry("$app:tactful", `content_${i + 1}`, g))], "en");
    expect(read(wire.config, good)?.offers[0]?.content?.en?.headline).toBe("Keep your feet dry");
    expect(read('{"w":99}', good)).toBeNull();
    expect(read(wire.config, good, "{not json")).toBeNull();
    expect(read(wire.config, good, '{"w":2,"p":"en","c":{}}')).toBeNull();
    expect(read(wire.config, good, '{"w":1,"p":"en","c":{"de":[1]}}')).toBeNull();
    // Groups from two different layouts (primaries disagree): not one publish, so nothing.
    expect(read(wire.config, good, encodeCheckoutGroup("de", {}))).toBeNull();
  });

  it("visitors held out on the storefront stay held out, and rate-dependent offers are dropped in a foreign currency", () => {
    const cfg = storefrontConfig(offer({ id: "pct" }), offer({ id: "fixed", discount: { kind: "FIXED", amount: 100 } }), offer({ id: "bounded", trigger: { match: "ANY", products: ["111"], variants: [], collections: [], tags: [], subtotalMin: 5000 } }));
    const held = heldOutOffers([{ key: "_tactful_ab", value: "pct:holdout,fixed:control" }]);
    expect([...held]).toEqual(["pct"]);
    expect(usableOffers(cfg, true, held).offers.map((o) => o.id)).toEqual(["fixed", "bounded"]);
    expect(usableOffers(cfg, false, new Set()).offers.map((o) => o.id)).toEqual(["pct"]);
  });

  it("only offers for this moment ask for prices", () => {
    const cfg = storefrontConfig(offer({ id: "a", moments: ["CART"] }), offer({ id: "b", items: [{ productId: "9", handle: "h", variantIds: ["91", "92"] }] }));
    expect(offeredVariantIds(cfg, "CHECKOUT")).toEqual(["91"]);
  });

  it("the thank-you permalink carries the offer and A/B variant as Base64 JSON line properties", () => {
    const url = permalink("https://shop.example/", "222", "o1", "b");
    expect(url.startsWith("https://shop.example/cart/222:1?properties=")).toBe(true);
    expect(JSON.parse(atob(decodeURIComponent(url.split("properties=")[1] ?? "")))).toEqual({ _tactful_offer: "o1", _tactful_variant: "b" });
  });

  it("a new checkout starts a new session but keeps dismissals and accepts", async () => {
    const store = new Map<string, unknown>([["tactful:memory", { session: "old", visitor: "v1", memory: { shownThisSession: 3, dismissedAt: { o1: 1000 }, accepted: ["o2"], shownOfferIds: ["o3"] } }]]);
    const storage = { read: async <T,>(k: string) => (store.get(k) ?? null) as T | null, write: async () => {} };
    expect(await loadMemory(storage, "new", 2000)).toEqual({ session: "new", visitor: "v1", memory: { shownThisSession: 0, dismissedAt: { o1: 1000 }, accepted: ["o2"], shownOfferIds: [] } });
    expect((await loadMemory(storage, "old", 2000)).memory.shownThisSession).toBe(3);
    store.set("tactful:memory", { garbage: true });
    expect((await loadMemory(storage, "old", 2000)).memory).toEqual({ shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] });
  });
});
