import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import db, { sqliteFilePath } from "../../app/platform/db.server";
import { action } from "../../app/routes/proxy.events";
import {
  MAX_BEACONS_IN_PROGRESS,
  UNVERIFIED_SHOP,
  beaconsInProgress,
  dropCounter,
  eventWriter,
} from "../../app/analytics/beacon-intake.server";
import { withCleanDatabase } from "../helpers/db";
import { holdWriteLock } from "../helpers/sqlite-lock";
import { installShop, TEST_SHOP } from "../helpers/shopify-requests";
import { beacon, beaconEvent, resetBeaconState, seedBeaconOffers, signedBeaconRequest } from "./proxy-requests";

/*
 * Faults while a beacon is written (issue 9): the answer is 204 only when the
 * events are stored, otherwise 503 with Retry-After and the drop counted, and
 * a resent beacon is stored exactly once. Decision 0047.
 */

withCleanDatabase();
beforeEach(() => seedBeaconOffers());
afterEach(async () => {
  vi.restoreAllMocks();
  await resetBeaconState();
  // Counts held in memory must not leak into the next test's clean tables.
  await dropCounter.flush();
});

const post = (request: Request) => action({ request, params: {}, context: {} } as ActionFunctionArgs);
// Floods here are many shoppers, each behind its own IP as the app proxy forwards it (decision 0059).
let shoppers = 0;
const shopperIp = () => `198.51.${(++shoppers >> 8) & 255}.${shoppers & 255}`;
const send = async (body: string) => post(await signedBeaconRequest(body, { headers: { "X-Forwarded-For": shopperIp() } }));
const storedOf = (ids: string[]) => db.analyticsEvent.count({ where: { shop: TEST_SHOP, id: { in: ids } } });

/** A beacon of `n` events and their ids. */
function beaconOf(n: number) {
  const events = Array.from({ length: n }, () => beaconEvent());
  return { body: JSON.stringify(beacon(events)), ids: events.map((e) => e.id) };
}

const isSqlite = (process.env.DATABASE_URL ?? "").startsWith("file:");

describe.runIf(isSqlite)("SQLite locked by another writer while a beacon is written (SQLite only: the lock is SQLite's)", () => {
  const file = () => sqliteFilePath(process.env.DATABASE_URL ?? "");

  it("a lock released within the busy timeout delays the beacon, which is then stored and answered 204", async () => {
    await installShop();
    const { body, ids } = beaconOf(5);
    const lock = await holdWriteLock(file(), 1_000);
    const res = await send(body);
    await lock.released;
    expect(res.status).toBe(204);
    expect(await storedOf(ids)).toBe(5);
  });

  it("a lock held past the busy timeout gets 503 with Retry-After, stores nothing, counts the drop, and the resent beacon is stored once", async () => {
    await installShop();
    const { body, ids } = beaconOf(5);
    const lock = await holdWriteLock(file());
    const res = await send(body);
    await lock.release();
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("5");
    expect(await storedOf(ids)).toBe(0);
    await dropCounter.flush();
    const drop = await db.ingestDrop.findFirstOrThrow({ where: { shop: TEST_SHOP, reason: "STORE_FAILED" } });
    expect([drop.requests, drop.events]).toEqual([1, 5]);

    expect((await send(body)).status).toBe(204);
    expect((await send(body)).status).toBe(204);
    expect(await storedOf(ids)).toBe(5);
  }, 30_000);
});

// Bound once: after a spy is restored Prisma's client no longer exposes the method through the same property.
const realExecuteRaw = db.$executeRaw.bind(db);

/** Holds every insert until the returned `open` is called. */
function holdInserts() {
  let open = () => undefined as void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  vi.spyOn(db, "$executeRaw").mockImplementation(((...args: Parameters<typeof db.$executeRaw>) => gate.then(() => realExecuteRaw(...args))) as typeof db.$executeRaw);
  return open;
}

describe("overload: too many beacons in progress", () => {
  it("past the admission cap a beacon gets 503 with Retry-After before it is read, counted as OVERLOADED under the unverified shop; those in progress are stored", async () => {
    await installShop();
    const open = holdInserts();
    const admitted = Array.from({ length: MAX_BEACONS_IN_PROGRESS }, () => beaconOf(2));
    const answers = admitted.map(async (b) => send(b.body));
    await vi.waitFor(() => expect(beaconsInProgress()).toBe(MAX_BEACONS_IN_PROGRESS), { timeout: 10_000 });

    const shed = beaconOf(2);
    const res = await send(shed.body);
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("5");

    open();
    expect(new Set((await Promise.all(answers)).map((r) => r.status))).toEqual(new Set([204]));
    expect(beaconsInProgress()).toBe(0);
    expect(await db.analyticsEvent.count({ where: { shop: TEST_SHOP } })).toBe(MAX_BEACONS_IN_PROGRESS * 2);
    expect(await storedOf(shed.ids)).toBe(0);
    await dropCounter.flush();
    // The shop parameter of a shed beacon is not verified, so nothing is counted against the shop.
    const drops = await db.ingestDrop.findMany({ where: { reason: "OVERLOADED" } });
    expect(drops.map((d) => [d.shop, d.requests, d.events])).toEqual([[UNVERIFIED_SHOP, 1, 0]]);

    expect((await send(shed.body)).status).toBe(204);
    expect(await storedOf(shed.ids)).toBe(2);
  });
});

describe("overload: the event writer's queue is full", () => {
  it("a beacon past the writer's cap gets 503 with Retry-After at once, the drop is counted as OVERLOADED, and everything queued before it is stored", async () => {
    await installShop();
    // Hold the first insert, so every later beacon waits in the writer's queue.
    const open = holdInserts();

    const perBeacon = 50;
    const fit = eventWriter.maxQueuedRows / perBeacon;
    // The writer's cap must be reachable within the admission cap, or it could never act.
    expect(fit).toBeLessThan(MAX_BEACONS_IN_PROGRESS);
    const queued = Array.from({ length: fit }, () => beaconOf(perBeacon));
    const answers = queued.map(async (b) => send(b.body));
    await vi.waitFor(() => expect(eventWriter.queuedRows).toBe(eventWriter.maxQueuedRows), { timeout: 10_000 });

    const shed = beaconOf(perBeacon);
    const res = await send(shed.body);
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("5");
    expect(await res.text()).toMatch(/overloaded/);

    open();
    expect(new Set((await Promise.all(answers)).map((r) => r.status))).toEqual(new Set([204]));
    expect(eventWriter.queuedRows).toBe(0);
    expect(await storedOf(shed.ids)).toBe(0);
    // Only the queued beacons' events are in the table (a count by id would pass too many bound values).
    expect(await db.analyticsEvent.count({ where: { shop: TEST_SHOP } })).toBe(fit * perBeacon);
    await dropCounter.flush();
    const drop = await db.ingestDrop.findFirstOrThrow({ where: { shop: TEST_SHOP, reason: "OVERLOADED" } });
    expect([drop.requests, drop.events]).toEqual([1, perBeacon]);

    // Once the queue has drained the same beacon is taken.
    expect((await send(shed.body)).status).toBe(204);
    expect(await storedOf(shed.ids)).toBe(perBeacon);
  });

  it("a database failure answers every beacon of the failed batch 503 and counts each as STORE_FAILED; none is stored", async () => {
    await installShop();
    let open = () => undefined as void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    vi.spyOn(db, "$executeRaw").mockImplementation((() => gate.then(() => Promise.reject(new Error("connection terminated")))) as typeof db.$executeRaw);
    const beacons = [beaconOf(3), beaconOf(4), beaconOf(2)];
    const answers = beacons.map(async (b) => send(b.body));
    await vi.waitFor(() => expect(eventWriter.queuedRows).toBe(9));
    open();
    expect((await Promise.all(answers)).map((r) => r.status)).toEqual([503, 503, 503]);
    vi.restoreAllMocks();
    expect(await storedOf(beacons.flatMap((b) => b.ids))).toBe(0);
    await dropCounter.flush();
    const drop = await db.ingestDrop.findFirstOrThrow({ where: { shop: TEST_SHOP, reason: "STORE_FAILED" } });
    expect([drop.requests, drop.events]).toEqual([3, 9]);
  });
});
