import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { http } from "msw";
import { adminServer, FakeAdminApi, jsonPost } from "../admin/fake-admin-api";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { createRemoteRoot, type RemoteComponent, type RemoteRoot, type RemoteText } from "@remote-ui/core";
import db from "../../app/platform/db.server";
import { action as editorAction } from "../../app/routes/app.offers.$id";
import { action as offerAction } from "../../app/routes/post-purchase.offer";
import { action as acceptAction } from "../../app/routes/post-purchase.accept";
import { action as answerAction } from "../../app/routes/post-purchase.answer";
import { APP_URL as EXTENSION_APP_URL } from "../../extensions/tactful-post-purchase/src/app-url";
import { signInputToken, simInputData, verifyChangesetToken } from "../../demo/checkout/post-purchase-tokens";
import { withCleanDatabase } from "../helpers/db";
import { installShop, TEST_SHOP } from "../helpers/shopify-requests";
import { deliverOrderCreated } from "../helpers/paid-order";
import { crossSell, JACKET, SNEAKERS, SOCKS } from "../admin/fixtures";

/*
 * The real extension module, registered through Shopify's `extend` global,
 * rendered into a remote-ui root as Shopify's checkout host would, talking
 * to the real routes over fetch (MSW hands the extension's requests to the
 * Remix actions). The host API is a stand-in for Shopify's, to its
 * documented shapes: calculateChangeset answers a CalculatedPurchase, and
 * applyChangeset checks our signature as Shopify does before it changes
 * the order.
 */

type Point = "Checkout::PostPurchase::ShouldRender" | "Checkout::PostPurchase::Render";
const registered = new Map<Point, (...args: never[]) => unknown>();

withCleanDatabase();
let api = new FakeAdminApi();
const routes = { offer: offerAction, accept: acceptAction, answer: answerAction };

beforeAll(async () => {
  vi.stubGlobal("self", globalThis);
  vi.stubGlobal("shopify", { extend: (point: Point, fn: (...args: never[]) => unknown) => registered.set(point, fn), reload: () => undefined });
  await import("../../extensions/tactful-post-purchase/src/index");
});
beforeEach(async () => {
  api = new FakeAdminApi();
  for (const p of [SNEAKERS, SOCKS, JACKET]) api.products.set(p.id, p);
  adminServer.resetHandlers(
    ...api.handlers(),
    http.all(`${EXTENSION_APP_URL}/post-purchase/:route`, ({ request, params }) => routes[params.route as keyof typeof routes]({ request }) as Promise<Response>),
  );
  await installShop();
});
afterAll(() => {
  adminServer.close();
  vi.unstubAllGlobals();
});

async function createOffer() {
  const base = crossSell();
  // French copy too: an offer shows only in a language it has words in (decision 0074).
  const content = { ...base.definition.content, fr: { headline: "Pour aller avec", body: "Des chaussettes en mérinos.", accept: "Ajouter", decline: "Non merci" } };
  const offer = { ...base, moments: ["POST_PURCHASE"], definition: { ...base.definition, content } };
  const res = (await editorAction({ request: await jsonPost("/app/offers/new", { intent: "save", offer }), params: { id: "new" }, context: {} })) as Response;
  expect(res.status).toBe(302);
}

let n = 0;
async function inputData(locale = "en") {
  const data = simInputData({
    shop: TEST_SHOP,
    referenceId: `ref-ext-${++n}`,
    currency: "USD",
    locale,
    lines: [{ productId: 1001, productTitle: SNEAKERS.title, variantId: 2001, variantTitle: "42", quantity: 1, total: "100.00" }],
  });
  // The order's orders/create has arrived: the page needs the memory it carried (decision 0087).
  expect(await deliverOrderCreated({ referenceId: data.initialPurchase.referenceId })).toBe(200);
  return { ...data, token: await signInputToken(data, API_SECRET_KEY) };
}

/** Everything the shopper can read, in tree order. */
function texts(node: RemoteRoot | RemoteComponent<never, never>): string[] {
  return (node.children as readonly (RemoteComponent<never, never> | RemoteText<never>)[]).flatMap((c) => ("text" in c ? [c.text] : texts(c as RemoteComponent<never, never>)));
}
function find(node: RemoteRoot | RemoteComponent<never, never>, type: string, label?: string): RemoteComponent<never, never> | undefined {
  for (const c of node.children as readonly RemoteComponent<never, never>[]) {
    if (!("type" in c)) continue;
    if (c.type === type && (label === undefined || texts(c).join("").includes(label) || (c.props as { label?: string }).label === label)) return c;
    const inner = find(c, type, label);
    if (inner) return inner;
  }
  return undefined;
}
function props<T>(c: RemoteComponent<never, never> | undefined): T {
  expect(c).toBeDefined();
  return c?.props as unknown as T;
}
const settle = () => new Promise((r) => setTimeout(r, 0));
async function until(what: () => boolean) {
  // Progress, not time: each turn lets the page's fetches and the host's answers resolve.
  for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(what()).toBe(true);
}

function host(input: Awaited<ReturnType<typeof inputData>>, initialData: unknown) {
  const applied: unknown[] = [];
  const done = vi.fn(async () => undefined);
  return {
    applied,
    done,
    api: {
      inputData: input,
      storage: { initialData, update: async () => undefined },
      done,
      async calculateChangeset(changeset: { changes: { variantId: number; quantity: number; discount?: { value: number } }[] }) {
        const c = changeset.changes[0];
        const unit = 12 * (1 - (c?.discount?.value ?? 0) / 100);
        const line = (unit * (c?.quantity ?? 0)).toFixed(2);
        const tax = (Number(line) * 0.1).toFixed(2);
        const bag = (amount: string) => ({ shopMoney: { amount, currencyCode: "USD" }, presentmentMoney: { amount, currencyCode: "USD" } });
        return {
          status: "processed" as const,
          errors: [],
          calculatedPurchase: {
            subtotalPriceSet: bag((100 + Number(line)).toFixed(2)),
            totalPriceSet: bag((100 + Number(line) + Number(tax)).toFixed(2)),
            addedTaxLines: [{ priceSet: bag(tax), rate: 0.1, title: "VAT" }],
            addedShippingLines: [],
            updatedLineItems: [{ variantId: c?.variantId ?? 0, productId: 1002, quantity: c?.quantity ?? 0, productHandle: "merino-socks", priceSet: bag(unit.toFixed(2)), totalPriceSet: bag(line) }],
            totalOutstandingSet: bag((Number(line) + Number(tax)).toFixed(2)),
          },
        };
      },
      async applyChangeset(token: string) {
        const v = await verifyChangesetToken(token, { secret: API_SECRET_KEY, apiKey: API_KEY, referenceId: input.initialPurchase.referenceId, purchasedAt: Date.now() - 60_000 });
        applied.push(v.changes);
        return { status: "processed" as const, errors: [], changesetApplicationsRemaining: 0 };
      },
    },
  };
}

async function shouldRender(input: Awaited<ReturnType<typeof inputData>>) {
  let stored: unknown;
  const r = await (registered.get("Checkout::PostPurchase::ShouldRender") as unknown as (a: object) => Promise<{ render: boolean }>)({
    inputData: input,
    storage: { initialData: undefined, update: async (d: unknown) => void (stored = d) },
  });
  return { render: r.render, stored };
}

function render(h: ReturnType<typeof host>) {
  const root = createRemoteRoot(() => undefined);
  (registered.get("Checkout::PostPurchase::Render") as unknown as (r: RemoteRoot, a: object) => void)(root, h.api);
  return root;
}

describe("the post-purchase extension", () => {
  it("registers both of Shopify's extension points", () => {
    expect([...registered.keys()].sort()).toEqual(["Checkout::PostPurchase::Render", "Checkout::PostPurchase::ShouldRender"]);
  });

  it("asks for no page when the order has no offer, and on any server error", async () => {
    expect((await shouldRender(await inputData())).render).toBe(false);
    await createOffer();
    const forged = { ...(await inputData()), token: "not-a-token" };
    expect((await shouldRender(forged)).render).toBe(false);
  });

  it("shows the offer with its totals, then accepts it in one click: the signed changeset is applied and the answer recorded", async () => {
    await createOffer();
    const input = await inputData();
    const should = await shouldRender(input);
    expect(should.render).toBe(true);
    const h = host(input, should.stored);
    const root = render(h);
    await until(() => texts(root).some((t) => t.includes("Pay now")) && !texts(root).join(" ").includes("…"));
    const shown = texts(root).join(" | ");
    expect(shown).toContain("Complete the look");
    expect(shown).toContain("Merino socks");
    expect(shown).toContain("$12.00");
    expect(shown).toContain("$10.80");
    expect(shown).toContain("10% off");
    // Tax from calculateChangeset, and the button states what will be charged.
    expect(shown).toContain("$1.08");
    expect(shown).toContain("Pay now · $11.88");
    expect(shown).toContain("Decline this offer");
    // The cap allows two at 10.80 on a 100.00 order.
    expect(props<{ options: unknown[] }>(find(root, "Select", "Quantity")).options).toHaveLength(2);

    props<{ onPress: () => void }>(find(root, "Button", "Pay now")).onPress();
    await until(() => h.done.mock.calls.length === 1);
    const row = await db.postPurchaseOffer.findFirstOrThrow();
    expect(h.applied).toEqual([
      [
        { type: "add_variant", variantId: 2002, quantity: 1, discount: { value: 10, valueType: "percentage", title: "Complete the look" } },
        { type: "set_metafield", namespace: "tactful", key: "post_purchase", valueType: "json_string", value: JSON.stringify({ referenceId: input.initialPurchase.referenceId, offerId: row.offerId, changesetId: row.changesetId }) },
      ],
    ]);
    expect(row.status).toBe("ACCEPTED");
    await settle();
  });

  it("shows the product's image, a variant picker, and the offer's end date as its only urgency", async () => {
    const large = { id: "gid://shopify/ProductVariant/2003", title: "Large", price: "12.00" };
    api.products.set(SOCKS.id, { ...SOCKS, image: { url: "https://cdn.example/socks.png", altText: "Grey merino socks" }, variants: [...SOCKS.variants, large] });
    const base = crossSell({ items: [{ productId: SOCKS.id, handle: SOCKS.handle, title: SOCKS.title, variantIds: [SOCKS.variants[0]?.id, large.id] }] });
    const ends = new Date(Date.now() + 5 * 86_400_000);
    const offer = { ...base, moments: ["POST_PURCHASE"], definition: { ...base.definition, timezone: "UTC", endsAtLocal: ends.toISOString().slice(0, 16), urgency: { showEndDate: true } } };
    expect(((await editorAction({ request: await jsonPost("/app/offers/new", { intent: "save", offer }), params: { id: "new" }, context: {} })) as Response).status).toBe(302);

    const input = await inputData();
    const should = await shouldRender(input);
    expect(should.render).toBe(true);
    const root = render(host(input, should.stored));
    await until(() => texts(root).some((t) => t.includes("Pay now")));
    expect(props<{ source: string; description: string }>(find(root, "Image"))).toMatchObject({ source: "https://cdn.example/socks.png", description: "Grey merino socks" });
    expect(props<{ options: { label: string }[] }>(find(root, "Select", "Option")).options.map((o) => o.label)).toEqual(["Default Title", "Large"]);
    const shown = texts(root).join(" | ");
    // Schedules run whole shop days (decision 0055): the offer ends when the day after its last one begins.
    const endInstant = Date.UTC(ends.getUTCFullYear(), ends.getUTCMonth(), ends.getUTCDate() + 1);
    expect(shown).toContain(`Offer ends ${new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(endInstant)}`);
    // No countdown, no "only n left": the end date is the one urgency the page states.
    expect(shown).not.toMatch(/left|hurry|minutes/i);
  });

  it("declines in one tap: the page ends and the order is not asked again", async () => {
    await createOffer();
    const input = await inputData("fr");
    const should = await shouldRender(input);
    const h = host(input, should.stored);
    const root = render(h);
    await until(() => find(root, "Button", "Refuser cette offre") !== undefined);
    props<{ onPress: () => void }>(find(root, "Button", "Refuser cette offre")).onPress();
    await until(() => h.done.mock.calls.length === 1);
    expect(h.applied).toEqual([]);
    expect((await db.postPurchaseOffer.findFirstOrThrow()).status).toBe("DECLINED");
    expect((await shouldRender(input)).render).toBe(false);
  });
});
