import { describe, expect, it } from "vitest";
import { encodeStorefrontConfig } from "../../../app/engine";
import { heldOutOffers, offeredVariantIds, permalink, readConfig, toCart, usableOffers, type MetafieldEntry } from "./checkout-facts";
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

  it("the config is read under either namespace, with copy for the buyer's language and the shop default", () => {
    const cfg = storefrontConfig(offer({ id: "o1", content: { en: { headline: "Hi", body: "", accept: "Add", decline: "No" }, fr: { headline: "Salut", body: "", accept: "Ajouter", decline: "Non" } } }));
    const wire = encodeStorefrontConfig(cfg);
    for (const ns of ["tactful", "$app:tactful"]) {
      const got = readConfig([entry(ns, "config", wire.config), entry(ns, "content_fr", wire.content.fr ?? ""), entry(ns, "content_en", wire.content.en ?? "")], "fr-CA");
      expect(got?.offers[0]?.content?.fr?.headline).toBe("Salut");
      expect(got?.offers[0]?.content?.en?.headline).toBe("Hi");
    }
    expect(readConfig([entry("someone-else", "config", wire.config)], "en")).toBeNull();
    expect(readConfig([entry("tactful", "config", '{"w":99}')], "en")).toBeNull();
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
