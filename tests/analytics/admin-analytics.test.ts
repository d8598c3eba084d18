import { describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { FakeAdminApi, formPost, useFakeAdmin } from "../admin/fake-admin-api";
import db from "../../app/platform/db.server";
import { loader as indexLoader } from "../../app/routes/app.analytics._index";
import { action as offerAction, loader as offerLoader } from "../../app/routes/app.analytics.$offerId";
import { utcDay } from "../../app/analytics/day";
import { withCleanDatabase } from "../helpers/db";
import { installShop, signedAdminRequest } from "../helpers/shopify-requests";
import { definition, seedEvents, seedExperimentOrders, seedOffer } from "./seed";

withCleanDatabase();

const today = utcDay(Date.now());
const abDefinition = definition({
  abVariants: [
    { id: "a", weight: 50 },
    { id: "b", weight: 50, discount: { kind: "PERCENT", bps: 1000 } },
  ],
});
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

async function thrown(p: Promise<unknown>): Promise<Response> {
  const r = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(r instanceof Response)) throw new Error("expected a thrown Response");
  return r;
}

describe("analytics admin", () => {
  it("the analytics page shows the period's figures and per-offer totals, with today's beacons included", async () => {
    await installShop();
    await seedOffer(abDefinition);
    await seedEvents(8, { arm: "a", variant: "a", day: today });
    await seedEvents(2, { type: "ACCEPT", arm: "a", variant: "a", day: today });
    useFakeAdmin(new FakeAdminApi());
    const data = await indexLoader(args(await signedAdminRequest("/app/analytics?period=7")));
    expect(data.figures).toMatchObject({ impressions: 8, accepts: 2, acceptRate: 0.25 });
    expect(data.rows).toEqual([expect.objectContaining({ offerId: "offer-1", name: "Socks", impressions: 8, accepts: 2 })]);
    // Amounts on the page use the shop's own money format (the fake shop sells in euros).
    expect(data.shopMoney).toEqual({ currency: "EUR", moneyFormat: "€{{amount_with_comma_separator}}" });
  });

  it("an unknown offer's analytics answer 404", async () => {
    await installShop();
    const res = await thrown(offerLoader(args(await signedAdminRequest("/app/analytics/nope"), { offerId: "nope" })));
    expect(res.status).toBe(404);
  });

  it("the offer page reports the funnel, the series and the A/B arms", async () => {
    await installShop();
    await seedOffer(abDefinition);
    await seedEvents(5, { arm: "b", variant: "b", day: today });
    await seedExperimentOrders(2, { arm: "b", day: today });
    const data = await offerLoader(args(await signedAdminRequest("/app/analytics/offer-1?period=7"), { offerId: "offer-1" }));
    expect(data.funnel.impressions).toBe(5);
    expect(data.series).toHaveLength(7);
    expect(data.results.arms.map((a) => [a.arm, a.counts.visitors, a.counts.conversions])).toEqual([
      ["a", 0, 0],
      ["b", 5, 2],
    ]);
    expect(data.results.verdict.kind).toBe("NOT_ENOUGH_DATA");
  });

  it("promoting a variant publishes the new config, and undo restores the experiment", async () => {
    const api = new FakeAdminApi();
    useFakeAdmin(api);
    await installShop();
    await seedOffer(abDefinition);
    const promote = await offerAction(args(await formPost("/app/analytics/offer-1", { intent: "promote", arm: "b" }), { offerId: "offer-1" }));
    expect(promote.status).toBe(200);
    expect(await promote.json()).toMatchObject({ ok: true, syncError: null });
    expect(api.calls.some((c) => c.operation === "metafieldsSet" || /metafield/i.test(c.operation))).toBe(true);
    const promotion = await db.promotion.findFirstOrThrow();
    const undo = await offerAction(args(await formPost("/app/analytics/offer-1", { intent: "undo", promotionId: promotion.id }), { offerId: "offer-1" }));
    expect(await undo.json()).toMatchObject({ ok: true });
    const def = (await db.offer.findUniqueOrThrow({ where: { id: "offer-1" } })).definition as { abVariants: unknown[] };
    expect(def.abVariants).toHaveLength(2);
  });

  it("a malformed action gets 400 with a message, and auto-promote can be switched on", async () => {
    await installShop();
    await seedOffer(abDefinition);
    const bad = await offerAction(args(await formPost("/app/analytics/offer-1", { intent: "promote", arm: "NOT VALID" }), { offerId: "offer-1" }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: "Choose a variant to promote" });
    const on = await offerAction(args(await formPost("/app/analytics/offer-1", { intent: "autoPromote", enabled: "on" }), { offerId: "offer-1" }));
    expect(on.status).toBe(200);
    expect((await db.experimentSettings.findFirstOrThrow()).autoPromote).toBe(true);
  });
});
