import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import type { ActionFunctionArgs } from "@remix-run/node";
import { action } from "../../app/routes/proxy.events";
import { installShop } from "../helpers/shopify-requests";
import { beaconLimiter, clientEventBudget } from "../../app/analytics/rate-limit.server";
import { signedBeaconRequest } from "./proxy-requests";

const post = (request: Request) => action({ request, params: {}, context: {} } as ActionFunctionArgs);

const moment = fc.constantFrom("ADD_TO_CART", "CART", "PRE_CHECKOUT", "CHECKOUT", "THANK_YOU", "LANDING", "");
const eventArb = fc.record(
  {
    id: fc.oneof(fc.uuid(), fc.string({ maxLength: 80 }), fc.integer()),
    type: fc.oneof(fc.constantFrom("impression", "click", "accept", "decline"), fc.string()),
    offer: fc.oneof(fc.string({ minLength: 1, maxLength: 70 }), fc.constant(null)),
    variant: fc.string({ maxLength: 10 }),
    bucket: fc.constantFrom("holdout", "control", "b", ""),
    moment,
    ts: fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.double(), fc.constant(-1)),
    value: fc.oneof(fc.integer({ min: -10, max: 10_000_000 }), fc.double()),
    currency: fc.constantFrom("EUR", "USD", "eur", "EURO"),
  },
  { requiredKeys: [] },
);
const beaconLike = fc.record(
  {
    v: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 3 }), fc.string()),
    visitor: fc.oneof(fc.uuid(), fc.string({ maxLength: 80 })),
    session: fc.oneof(fc.uuid(), fc.string({ maxLength: 80 })),
    events: fc.array(eventArb, { maxLength: 60 }),
  },
  { requiredKeys: [] },
);

const validEvent = fc.record(
  {
    id: fc.uuid(),
    type: fc.constantFrom("impression", "click", "accept", "decline"),
    offer: fc.string({ minLength: 1, maxLength: 64 }),
    moment: fc.constantFrom("ADD_TO_CART", "CART", "PRE_CHECKOUT", "CHECKOUT", "THANK_YOU"),
    ts: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    variant: fc.stringMatching(/^[a-z0-9]{1,8}$/),
    bucket: fc.constantFrom("holdout", "control", "b"),
    value: fc.integer({ min: 0, max: 10_000_000 }),
    currency: fc.constantFrom("EUR", "USD", "JPY"),
  },
  { requiredKeys: ["id", "type", "offer", "moment", "ts"] },
);
const validBeacon = fc.record({ v: fc.constant(1), visitor: fc.uuid(), session: fc.uuid(), events: fc.array(validEvent, { minLength: 1, maxLength: 12 }) });

/** Bodies a browser, a bot or an attacker might send: near-valid beacons, any JSON, any text, any bytes. */
const body = fc.oneof(
  validBeacon.map((b) => JSON.stringify(b)),
  beaconLike.map((b) => JSON.stringify(b)),
  fc.json().map(String),
  fc.anything().map((x) => {
    try {
      return JSON.stringify(x) ?? "";
    } catch {
      return "";
    }
  }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.uint8Array({ maxLength: 400 }),
  fc.integer({ min: 16_000, max: 20_000 }).map((n) => "a".repeat(n)),
);

describe("beacon route fuzz", () => {
  beforeAll(async () => {
    await installShop();
    // 10,000 requests log one info line each in Shopify's library; keep the output readable.
    vi.spyOn(console, "log").mockImplementation(() => undefined);
  });
  afterAll(() => vi.restoreAllMocks());

  it("10,000 random bodies, JSON and otherwise, each get a 4xx or 204, never a 5xx", async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        beaconLimiter.reset();
        clientEventBudget.reset();
        const res = await post(await signedBeaconRequest(b as BodyInit));
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        return res.status === 204 || (res.status >= 400 && res.status < 500);
      }),
      { numRuns: 10_000 },
    );
    // The generators must reach both sides of the parser, or the property proves little.
    expect(seen.get(204) ?? 0).toBeGreaterThan(50);
    expect(seen.get(400) ?? 0).toBeGreaterThan(5_000);
  }, 300_000);
});
