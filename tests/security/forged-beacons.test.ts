import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../../app/platform/db.server";
import { action } from "../../app/routes/proxy.events";
import { dropCounter } from "../../app/analytics/beacon-intake.server";
import { utcDay } from "../../app/analytics/day";
import { experimentResults } from "../../app/analytics/experiments.server";
import { getHeadlineFigures, offerFunnel, offerTotals } from "../../app/analytics/figures.server";
import { runAutoPromotions, setAutoPromote } from "../../app/analytics/promotion.server";
import { CLIENT_EVENT_BURST, CLIENT_EVENTS_PER_SECOND } from "../../app/analytics/rate-limit.server";
import { withCleanDatabase } from "../helpers/db";
import { installShop, TEST_SHOP } from "../helpers/shopify-requests";
import { beacon, beaconEvent, resetBeaconState, signedBeaconRequest } from "../analytics/proxy-requests";
import { definition, seedEvents, seedExperimentOrders, seedOffer } from "../analytics/seed";

/*
 * Issue 16, item 1 (decision 0059): a client that mints a fresh visitor id per
 * beacon sent 5,000 "accept" events through the app proxy, all were stored, and
 * the accept rate read 202,533%. Here the same attack goes through the real
 * beacon route, rollup and figures: it may move a figure no more than one
 * client's event budget allows (what one busy real shopper could send), no
 * rate passes 100%, and the A/B winner does not change.
 */

withCleanDatabase();
afterEach(async () => {
  await dropCounter.flush();
  await resetBeaconState();
  vi.restoreAllMocks();
});

const ATTACKER_IP = "203.0.113.7";
const post = (request: Request) => action({ request, params: {}, context: {} } as ActionFunctionArgs);
const send = async (body: unknown, ip: string) => (await post(await signedBeaconRequest(JSON.stringify(body), { headers: { "X-Forwarded-For": ip } }))).status;

const abDefinition = definition({
  holdoutBps: 1000,
  abVariants: [
    { id: "a", weight: 50 },
    { id: "b", weight: 50, discount: { kind: "PERCENT", bps: 1000 } },
  ],
});

/** Real traffic today: b converts 7% against a's 3%, a clear winner; a holdout for incremental revenue. */
async function seedRealExperiment(today: string) {
  await installShop();
  await seedOffer(abDefinition);
  await seedEvents(1000, { arm: "a", variant: "a", day: today });
  await seedEvents(1000, { arm: "b", variant: "b", day: today });
  await seedEvents(500, { arm: "holdout", day: today });
  await seedEvents(40, { type: "ACCEPT", arm: "a", variant: "a", day: today });
  await seedEvents(90, { type: "ACCEPT", arm: "b", variant: "b", day: today });
  await seedExperimentOrders(30, { arm: "control", revenue: 4000, day: today });
  await seedExperimentOrders(70, { arm: "b", revenue: 5000, day: today });
  await seedExperimentOrders(10, { arm: "holdout", revenue: 4000, day: today });
}

async function merchantFigures(today: string) {
  // The headline rolls today up first; the table reads that rollup.
  const headline = await getHeadlineFigures(TEST_SHOP, today, today);
  const [totals] = await offerTotals(db, TEST_SHOP, today, today);
  const experiment = await experimentResults(db, TEST_SHOP, "offer-1", today, today);
  const arm = (id: string) => experiment.arms.find((a) => a.arm === id)?.counts;
  return { headline, totals, experiment, a: arm("a"), b: arm("b"), holdout: arm("holdout") };
}

async function drops(reason: string) {
  await dropCounter.flush();
  const d = await db.ingestDrop.findMany({ where: { shop: TEST_SHOP, reason } });
  return { requests: d.reduce((n, r) => n + r.requests, 0), events: d.reduce((n, r) => n + r.events, 0) };
}

describe("forged beacons (issue 16, item 1)", () => {
  let today: string;
  let started: number;
  /** The most one client can get stored: its burst plus what refilled while the attack ran. */
  const oneClientsBudget = () => CLIENT_EVENT_BURST + Math.ceil(((Date.now() - started) / 1000) * CLIENT_EVENTS_PER_SECOND);

  beforeEach(async () => {
    today = utcDay(Date.now());
    await seedRealExperiment(today);
  });

  it("5,000 accepts from fresh visitor ids, one client IP: at most one client's budget is stored, and no accept without an impression counts", async () => {
    const before = await merchantFigures(today);
    expect(before.headline).toMatchObject({ impressions: 2000, accepts: 130, acceptRate: 0.065 });
    started = Date.now();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 5000; i++) {
      const status = await send(beacon([beaconEvent({ type: "accept", variant: "b", bucket: "b", value: 99_999_999, currency: "EUR" })]), ATTACKER_IP);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    const stored = await db.analyticsEvent.count({ where: { shop: TEST_SHOP, type: "ACCEPT", value: 99_999_999 } });
    expect(stored).toBeLessThanOrEqual(oneClientsBudget());
    expect(statuses.get(204)).toBe(stored);
    expect(statuses.get(429)).toBe(5000 - stored);
    // Every refused event is counted, so sent = stored + counted drops.
    expect((await drops("RATE_LIMITED")).events).toBe(5000 - stored);

    const after = await merchantFigures(today);
    // An accept counts only for a visitor session that saw the offer: these saw nothing.
    expect(after.headline).toMatchObject({ impressions: 2000, accepts: 130, acceptRate: 0.065, attributedRevenue: before.headline.attributedRevenue });
    expect(after.totals).toEqual(before.totals);
    expect(after.experiment.verdict).toEqual(before.experiment.verdict);
  }, 180_000);

  it("2,500 impression + accept pairs from fresh visitors (and a forged X-Forwarded-For prefix): figures move by at most one client's budget, rates stay <= 100%, b stays the winner", async () => {
    const before = await merchantFigures(today);
    expect(before.experiment.verdict).toMatchObject({ kind: "WINNER", arm: "b" });
    started = Date.now();
    for (let i = 0; i < 2500; i++) {
      const shown = { offer: "offer-1", variant: "b", bucket: "b", moment: "ADD_TO_CART" };
      // A client may send its own X-Forwarded-For; the proxy appends the address it saw, which is the one that counts.
      const ip = i % 2 ? ATTACKER_IP : `${i % 250}.1.2.3, ${ATTACKER_IP}`;
      await send(beacon([beaconEvent({ ...shown, type: "impression" }), beaconEvent({ ...shown, type: "accept", value: 5000, currency: "EUR" })]), ip);
    }
    const budget = oneClientsBudget();
    const after = await merchantFigures(today);

    // Counts a merchant reads move by no more than one client's budget of events.
    expect(after.headline.impressions - before.headline.impressions).toBeLessThanOrEqual(budget);
    expect(after.headline.accepts - before.headline.accepts).toBeLessThanOrEqual(budget);
    expect(after.headline.acceptRate ?? 0).toBeLessThanOrEqual(1);
    for (const k of ["impressions", "clicks", "accepts", "declines"] as const) expect((after.totals?.[k] ?? 0) - (before.totals?.[k] ?? 0)).toBeLessThanOrEqual(budget);
    expect((after.totals?.accepts ?? 0) / (after.totals?.impressions ?? 1)).toBeLessThanOrEqual(1);
    // Orders and revenue come from orders/create only: untouched.
    expect(after.headline.attributedRevenue).toBe(before.headline.attributedRevenue);
    expect({ orders: after.totals?.orders, revenue: after.totals?.revenue }).toEqual({ orders: before.totals?.orders, revenue: before.totals?.revenue });
    expect({ a: after.a?.conversions, b: after.b?.conversions, holdout: after.holdout?.conversions }).toEqual({ a: 30, b: 70, holdout: 10 });
    // Visitors (the A/B denominator) grow by at most the budget, so the winner holds.
    expect((after.b?.visitors ?? 0) - (before.b?.visitors ?? 0)).toBeLessThanOrEqual(budget);
    expect(after.a?.visitors).toBe(before.a?.visitors);
    expect(after.experiment.verdict).toMatchObject({ kind: "WINNER", arm: "b" });
    // Incremental revenue = treated revenue - holdout revenue per visitor x treated visitors: k forged visitors move it by k x that.
    const holdoutRpv = (before.holdout?.revenue ?? 0) / (before.holdout?.visitors ?? 1);
    expect(Math.abs((after.headline.incrementalRevenue?.value ?? 0) - (before.headline.incrementalRevenue?.value ?? 0))).toBeLessThanOrEqual(holdoutRpv * budget);

    // Automatic promotion reads the same figures: it promotes the real winner.
    await setAutoPromote(db, TEST_SHOP, "offer-1", true);
    expect(await runAutoPromotions(db)).toEqual([{ shop: TEST_SHOP, offerId: "offer-1", arm: "b" }]);

    // The attack does not lock out a real shopper behind another address.
    const shopper = beacon([beaconEvent({ type: "impression" })]);
    expect(await send(shopper, "192.0.2.44")).toBe(204);
    expect(await db.analyticsEvent.count({ where: { shop: TEST_SHOP, visitor: shopper.visitor } })).toBe(1);
  }, 180_000);

  it("an impression, click, accept or decline repeated in one visitor session counts once; accepts never outnumber impressions", async () => {
    const before = await merchantFigures(today);
    const visitor = randomUUID();
    const session = randomUUID();
    const shown = { offer: "offer-1", variant: "a", bucket: "control", moment: "ADD_TO_CART" };
    const events = ["impression", "click", "accept", "decline"].flatMap((type) => Array.from({ length: 10 }, () => beaconEvent({ ...shown, type })));
    expect(await send(beacon(events, { visitor, session }), "192.0.2.9")).toBe(204);
    expect(await db.analyticsEvent.count({ where: { shop: TEST_SHOP, visitor } })).toBe(40);
    const after = await merchantFigures(today);
    expect({
      impressions: after.headline.impressions - before.headline.impressions,
      accepts: after.headline.accepts - before.headline.accepts,
      clicks: (after.totals?.clicks ?? 0) - (before.totals?.clicks ?? 0),
      declines: (after.totals?.declines ?? 0) - (before.totals?.declines ?? 0),
      visitorsA: (after.a?.visitors ?? 0) - (before.a?.visitors ?? 0),
    }).toEqual({ impressions: 1, accepts: 1, clicks: 1, declines: 1, visitorsA: 1 });
  });

  it("a day rolled up before these rules (its raw events pruned) still shows no rate above 100%", async () => {
    const day = "2026-06-01";
    await db.dailyStat.create({ data: { shop: TEST_SHOP, day, offerId: "offer-1", arm: "b", moment: "CART", impressions: 3, clicks: 9, accepts: 6076, declines: 7, visitors: 3, orders: 0, revenue: 0 } });
    expect(await getHeadlineFigures(TEST_SHOP, day, day)).toMatchObject({ impressions: 3, accepts: 3, acceptRate: 1 });
    expect(await offerTotals(db, TEST_SHOP, day, day)).toEqual([expect.objectContaining({ impressions: 3, clicks: 3, accepts: 3, declines: 3 })]);
    const { funnel, series } = await offerFunnel(db, TEST_SHOP, "offer-1", day, day);
    expect(funnel).toMatchObject({ impressions: 3, clicks: 3, accepts: 3, declines: 3 });
    expect(series).toEqual([expect.objectContaining({ impressions: 3, accepts: 3 })]);
  });

  it("events naming an offer that does not exist or is another shop's are dropped and counted as UNKNOWN_OFFER; the rest of the beacon is stored", async () => {
    await db.offer.create({ data: { id: "other-shops-offer", shop: "other-shop.myshopify.com", name: "Theirs", type: "CROSS_SELL", status: "ACTIVE", moments: "CART", definition: definition() } });
    const theirs = beaconEvent({ offer: "other-shops-offer" });
    const madeUp = beaconEvent({ offer: "made-up-offer" });
    const ours = beaconEvent({ offer: "offer-1" });
    expect(await send(beacon([theirs, madeUp, ours]), "192.0.2.10")).toBe(204);
    expect((await db.analyticsEvent.findMany({ where: { id: { in: [theirs.id, madeUp.id, ours.id] } }, select: { id: true } })).map((e) => e.id)).toEqual([ours.id]);
    expect(await drops("UNKNOWN_OFFER")).toEqual({ requests: 1, events: 2 });
  });

  it("a new offer's events are stored at once, without waiting for the shop's remembered offer ids to expire", async () => {
    expect(await send(beacon([beaconEvent({ offer: "offer-1" })]), "192.0.2.11")).toBe(204);
    await seedOffer(abDefinition, "offer-new");
    await new Promise((r) => setTimeout(r, 1100));
    const e = beaconEvent({ offer: "offer-new" });
    expect(await send(beacon([e]), "192.0.2.11")).toBe(204);
    expect(await db.analyticsEvent.count({ where: { id: e.id } })).toBe(1);
  });
});
