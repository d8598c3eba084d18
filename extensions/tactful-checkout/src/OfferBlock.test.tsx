/** @vitest-environment happy-dom */
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import renderCheckout from "./Checkout";
import { clearFactsCache } from "./OfferBlock";
import renderThankYou from "./ThankYou";
import { encodeMemoryAttribute, parseMemoryAttribute, MEMORY_ATTRIBUTE } from "@tactful/engine";
import { line, offer, storefrontConfig, stubShopify } from "./test-shopify";

const settle = () => new Promise((r) => setTimeout(r, 0));
async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 50; i++) {
    if (check()) return;
    await settle();
  }
  throw new Error(`timed out waiting for ${what}; body: ${document.body.innerHTML}`);
}
const section = () => document.body.querySelector("s-section");
const buttons = (): Element[] => [...document.body.querySelectorAll<Element>("s-button")];
const click = (el: Element | undefined) => el?.dispatchEvent(new Event("click", { bubbles: true }));
const loaded = () => until(() => !document.body.querySelector("s-skeleton-paragraph"), "the skeleton to go");

let sent: { url: string; body: string }[] = [];
beforeEach(() => {
  clearFactsCache();
  sent = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: { body: string }) => {
      sent.push({ url, body: init.body });
      return new Response(null, { status: 204 });
    }),
  );
});
afterEach(() => {
  render(null, document.body);
  vi.unstubAllGlobals();
});

describe("checkout offer block", () => {
  it("shows a loading skeleton, then the qualifying offer with its image, title and discounted price", async () => {
    stubShopify();
    await renderCheckout();
    expect(document.body.querySelector("s-skeleton-paragraph")).not.toBeNull();
    await until(() => section() !== null, "the offer");
    expect(section()?.getAttribute("heading")).toBe("Keep your feet dry");
    expect(document.body.textContent).toContain("Wool socks");
    // 20% off 20.00, formatted by i18n.formatCurrency.
    expect(document.body.textContent).toContain("$16.00 (was $20.00)");
    expect(document.body.querySelector("s-product-thumbnail")?.getAttribute("src")).toBe("https://cdn.example/socks.png");
    expect(buttons().map((b) => b.textContent)).toEqual(["Add socks", "Not now"]);
  });

  it("shows the highest-priority offer when several qualify", async () => {
    const low = offer({ id: "low", priority: 1 });
    const high = offer({ id: "high", priority: 9, items: [{ productId: "331", handle: "insoles", variantIds: ["333"] }], content: { en: { headline: "Walk on clouds", body: "", accept: "Add insoles", decline: "No" } } });
    stubShopify({ config: storefrontConfig(low, high), variants: { "222": { price: "20.0", title: "Wool socks" }, "333": { price: "10.0", title: "Insoles" } } });
    await renderCheckout();
    await until(() => section() !== null, "the offer");
    expect(section()?.getAttribute("heading")).toBe("Walk on clouds");
    expect(document.body.textContent).toContain("Insoles");
  });

  it("an offer triggered only by a collection shows for a line whose product the published membership lists, and not otherwise", async () => {
    const byCollection = offer({ id: "col", trigger: { match: "ANY", products: [], variants: [], collections: ["505"], tags: [] } });
    // Checkout lines carry no collections: the config's collection -> products map is all the block has.
    const cfg = { ...storefrontConfig(byCollection), collections: { "505": ["111", "112"] } };
    stubShopify({ config: cfg, lines: [line("1", "120", "112", 100)] });
    await renderCheckout();
    await until(() => section() !== null, "the offer");
    expect(section()?.getAttribute("heading")).toBe("Keep your feet dry");
    render(null, document.body);
    clearFactsCache();
    stubShopify({ config: cfg, lines: [line("1", "990", "999", 100)] });
    await renderCheckout();
    await loaded();
    expect(document.body.innerHTML).toBe("");
  });

  it("renders nothing when no offer qualifies", async () => {
    stubShopify({ lines: [line("1", "990", "999", 100)] });
    await renderCheckout();
    await loaded();
    expect(document.body.innerHTML).toBe("");
  });

  it("renders nothing when the offer would break the price cap", async () => {
    stubShopify({ variants: { "222": { price: "40.0", title: "Wool socks" } } });
    await renderCheckout();
    await loaded();
    expect(document.body.innerHTML).toBe("");
  });

  it("renders nothing for a malformed config, and nothing for a visitor held out on the storefront", async () => {
    stubShopify({ config: '{"w":1,"o":[{"i":1}]}' });
    await renderCheckout();
    await loaded();
    expect(document.body.innerHTML).toBe("");
    render(null, document.body);
    clearFactsCache();
    stubShopify({ attributes: [{ key: "_tactful_ab", value: "o1:holdout" }] });
    await renderCheckout();
    await loaded();
    expect(document.body.innerHTML).toBe("");
  });

  it("a buyer paying in another currency than the shop's is not shown fixed-amount offers (no rate at checkout)", async () => {
    stubShopify({ config: storefrontConfig(offer({ id: "o1", discount: { kind: "FIXED", amount: 300 } })), currency: "EUR", shopCurrency: "USD", lines: [{ ...line("1", "110", "111", 100), cost: { totalAmount: { amount: 100, currencyCode: "EUR" } } }] });
    await renderCheckout();
    await loaded();
    expect(document.body.innerHTML).toBe("");
  });

  it("adds the offered variant with the _tactful_offer attribute, then confirms", async () => {
    const { apply, storage } = stubShopify();
    await renderCheckout();
    await until(() => section() !== null, "the offer");
    click(buttons()[0]);
    await until(() => apply.mock.calls.length > 0 && document.body.textContent?.includes("Added to your order.") === true, "the add");
    expect(apply).toHaveBeenCalledWith({ type: "addCartLine", merchandiseId: "gid://shopify/ProductVariant/222", quantity: 1, attributes: [{ key: "_tactful_offer", value: "o1" }] });
    await until(() => sent.some((s) => s.body.includes('"accept"')), "the accept event");
    const accept = JSON.parse(sent.find((s) => s.body.includes('"accept"'))?.body ?? "{}");
    expect(accept).toMatchObject({ v: 1, events: [{ type: "accept", offer: "o1", moment: "CHECKOUT", value: 1600, currency: "USD" }] });
    expect(sent[0]?.url).toBe("https://demo.example/apps/tactful/events");
    expect((storage.get("tactful:memory") as { memory: { accepted: string[] } }).memory.accepted).toEqual(["o1"]);
  });

  it("an upsell swaps the trigger line instead of adding a second one", async () => {
    const upsell = offer({
      id: "up",
      type: "UPSELL",
      items: [],
      upgrades: [{ fromProductId: "111", to: { productId: "121", handle: "pro-shoes", variantIds: ["120"] } }],
      content: { en: { headline: "Go pro", body: "", accept: "Upgrade", decline: "Keep mine" } },
    });
    const { apply } = stubShopify({ config: storefrontConfig(upsell), variants: { "120": { price: "120.0", title: "Pro shoes" } } });
    await renderCheckout();
    await until(() => section() !== null, "the offer");
    click(buttons()[0]);
    await until(() => apply.mock.calls.length > 0, "the swap");
    expect(apply).toHaveBeenCalledWith({ type: "updateCartLine", id: "gid://shopify/CartLine/1", merchandiseId: "gid://shopify/ProductVariant/120", attributes: [{ key: "_tactful_offer", value: "up" }] });
  });

  it("an error result is shown politely, without the host's message, and the offer stays", async () => {
    const { apply } = stubShopify({ apply: async () => ({ type: "error", message: "Internal: merchandise not purchasable" }) });
    await renderCheckout();
    await until(() => section() !== null, "the offer");
    click(buttons()[0]);
    await until(() => document.body.querySelector("s-banner") !== null, "the error");
    expect(apply).toHaveBeenCalledTimes(1);
    expect(document.body.querySelector("s-banner")?.getAttribute("tone")).toBe("critical");
    expect(document.body.textContent).toContain("We couldn't add this item. Your order is unchanged.");
    expect(document.body.textContent).not.toContain("Internal");
    expect(section()).not.toBeNull();
  });

  it("a declined offer is gone, and stays gone on the next visit", async () => {
    const storage = new Map<string, unknown>();
    stubShopify({ storage });
    await renderCheckout();
    await until(() => section() !== null, "the offer");
    click(buttons()[1]);
    await until(() => section() === null, "the offer to close");
    await until(() => sent.some((s) => s.body.includes('"decline"')), "the decline event");
    render(null, document.body);
    clearFactsCache();
    stubShopify({ storage });
    await renderCheckout();
    await loaded();
    expect(document.body.innerHTML).toBe("");
  });

  it("on the thank-you page, offers a new order through a cart permalink whose line carries the offer", async () => {
    stubShopify();
    await renderThankYou();
    await until(() => section() !== null, "the offer");
    const href = buttons()[0]?.getAttribute("href") ?? "";
    expect(href.startsWith("https://demo.example/cart/222:1?properties=")).toBe(true);
    const props = JSON.parse(atob(decodeURIComponent(href.split("properties=")[1] ?? "")));
    expect(props).toEqual({ _tactful_offer: "o1" });
    await until(() => sent.some((s) => s.body.includes('"impression"')), "the impression event");
    expect(JSON.parse(sent[0]?.body ?? "{}")).toMatchObject({ events: [{ type: "impression", offer: "o1", moment: "THANK_YOU" }] });
  });
});

describe("one frequency budget with the storefront (decision record 0080)", () => {
  const DAY = 86_400_000;
  const carried = (m: Partial<Parameters<typeof encodeMemoryAttribute>[0]>, at = Date.now()) => [
    { key: MEMORY_ATTRIBUTE, value: encodeMemoryAttribute({ shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [], ...m }, at) },
  ];
  const written = (attributes: { value: { key: string; value: string }[] }) => parseMemoryAttribute(attributes.value.find((a) => a.key === MEMORY_ATTRIBUTE)?.value, ["o1", "o2"], Date.now());

  it("an offer declined in the cart is not offered at checkout within the cooldown", async () => {
    stubShopify({ attributes: carried({ shownThisSession: 1, shownOfferIds: ["o1"], dismissedAt: { o1: Date.now() - DAY } }) });
    await renderCheckout();
    await loaded();
    expect(document.body.innerHTML).toBe("");
  });

  it("the same decline, older than the cooldown, no longer hides it", async () => {
    stubShopify({ attributes: carried({ dismissedAt: { o1: Date.now() - 8 * DAY } }, Date.now() - 8 * DAY) });
    await renderCheckout();
    await until(() => section() !== null, "the offer");
  });

  it("a popup accepted in the cart uses the session's one popup: no other offer at checkout", async () => {
    const config = storefrontConfig(offer({ id: "o2" }));
    config.settings.maxPerSession = 1;
    stubShopify({ config, attributes: carried({ shownThisSession: 1, shownOfferIds: ["o1"], accepted: ["o1"] }) });
    await renderCheckout();
    await loaded();
    expect(document.body.innerHTML).toBe("");
    // With a budget of two, the same carried memory leaves room for this one.
    render(null, document.body);
    clearFactsCache();
    config.settings.maxPerSession = 2;
    stubShopify({ config, attributes: carried({ shownThisSession: 1, shownOfferIds: ["o1"], accepted: ["o1"] }) });
    await renderCheckout();
    await until(() => section() !== null, "the offer");
  });

  it("a hostile attribute value is ignored, never breaking the block", async () => {
    stubShopify({ attributes: [{ key: MEMORY_ATTRIBUTE, value: "1|zz|9|o1|o1|o1:" + "z".repeat(2000) }] });
    await renderCheckout();
    await until(() => section() !== null, "the offer");
  });

  it("a decline at checkout is written back into the cart attribute, keeping what the cart carried, and the thank-you page then offers nothing", async () => {
    // o2 is the shop's too (its trigger is not in this cart), so the carried accept of it is kept.
    const config = storefrontConfig(offer({ id: "o1" }), offer({ id: "o2", trigger: { match: "ANY", products: ["999"], variants: [], collections: [], tags: [] } }));
    const { attributes, applyAttribute } = stubShopify({ config, attributes: carried({ accepted: ["o2"] }) });
    await renderCheckout();
    await until(() => section() !== null, "the offer");
    // The show itself is written back, and does not hide the offer being shown.
    await until(() => applyAttribute.mock.calls.length === 1, "the show written back");
    await settle();
    expect(section()).not.toBeNull();
    expect(written(attributes)).toMatchObject({ shownThisSession: 1, shownOfferIds: ["o1"], accepted: ["o2"] });
    click(buttons()[1]);
    await until(() => applyAttribute.mock.calls.length === 2, "the decline written back");
    const after = written(attributes);
    expect(after).toMatchObject({ shownOfferIds: ["o1"], accepted: ["o2"] });
    expect(Date.now() - (after.dismissedAt.o1 ?? 0)).toBeLessThan(5_000);

    render(null, document.body);
    clearFactsCache();
    // Thank-you: a new extension instance with empty storage, the order's attributes as checkout left them.
    stubShopify({ config, thankYou: true, attributes: attributes.value });
    await renderThankYou();
    await loaded();
    expect(document.body.innerHTML).toBe("");
  });

  it("an accept at checkout is written back too; a checkout that refuses attribute changes is not asked", async () => {
    const { attributes, apply } = stubShopify();
    await renderCheckout();
    await until(() => section() !== null, "the offer");
    click(buttons()[0]);
    await until(() => apply.mock.calls.length === 1 && written(attributes).accepted.length === 1, "the accept written back");
    expect(written(attributes).accepted).toEqual(["o1"]);

    render(null, document.body);
    clearFactsCache();
    const refused = stubShopify({ canUpdateAttributes: false });
    await renderCheckout();
    await until(() => section() !== null, "the offer");
    click(buttons()[1]);
    await until(() => section() === null, "the offer to close");
    expect(refused.applyAttribute).not.toHaveBeenCalled();
  });
});

describe("the thank-you page after the post-purchase page (decision record 0087)", () => {
  const withPage = storefrontConfig(offer({ id: "o1", moments: ["CHECKOUT", "THANK_YOU", "POST_PURCHASE"] }));
  const answering = (respond: () => Response | Promise<Response>) => {
    const asked: { url: string; headers: Record<string, string>; body: string }[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init: { body: string; headers: Record<string, string> }) => {
        if (!url.endsWith("/post-purchase/memory")) {
          sent.push({ url, body: init.body });
          return new Response(null, { status: 204 });
        }
        asked.push({ url, headers: init.headers, body: init.body });
        return respond();
      }),
    );
    return asked;
  };
  const memory = (m: Partial<Parameters<typeof encodeMemoryAttribute>[0]>) => encodeMemoryAttribute({ shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [], ...m }, Date.now());

  it("does not offer again what the shopper declined on the post-purchase page, and asks the app with the session token for this order", async () => {
    const asked = answering(() => Response.json({ memory: memory({ shownThisSession: 1, shownOfferIds: ["o1"], dismissedAt: { o1: Date.now() - 5_000 } }) }));
    stubShopify({ config: withPage, thankYou: true });
    await renderThankYou();
    await loaded();
    expect(document.body.innerHTML).toBe("");
    expect(asked).toHaveLength(1);
    expect(asked[0]?.url).toMatch(/^https:\/\/[^/]+\/post-purchase\/memory$/);
    expect(asked[0]?.headers.Authorization).toBe("Bearer checkout-session-token");
    expect(JSON.parse(asked[0]?.body ?? "{}")).toEqual({ order: "gid://shopify/OrderIdentity/1" });
  });

  it("offers it when the page showed nothing", async () => {
    answering(() => Response.json({ memory: "" }));
    stubShopify({ config: withPage, thankYou: true });
    await renderThankYou();
    await until(() => section() !== null, "the offer");
  });

  it.each([
    ["the app fails", () => new Response("no", { status: 500 })],
    ["the answer is not a memory", () => Response.json({ memory: 7 })],
  ])("shows nothing when %s", async (_label, respond) => {
    answering(respond);
    stubShopify({ config: withPage, thankYou: true });
    await renderThankYou();
    await loaded();
    expect(document.body.innerHTML).toBe("");
  });

  it("does not ask when the shop has no post-purchase offer", async () => {
    const asked = answering(() => Response.json({ memory: "" }));
    stubShopify({ thankYou: true });
    await renderThankYou();
    await until(() => section() !== null, "the offer");
    expect(asked).toHaveLength(0);
  });
});
