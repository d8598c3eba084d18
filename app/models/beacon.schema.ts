import { z } from "zod";
import type { Moment } from "../engine/types";

/*
 * The analytics beacon the storefront popup sends with navigator.sendBeacon to
 * {routes.root}apps/tactful/events (app proxy -> /proxy/events). Versioned:
 * a receiver answers 400 to any `v` it does not know, so an old cached
 * tactful.js and a newer server never misread each other. The storefront
 * bundle imports only the types (no zod in the shopper's browser).
 */

export const BEACON_VERSION = 1 as const;
export const BEACON_MAX_EVENTS = 50;
/** navigator.sendBeacon payloads are small by design; the receiver refuses larger bodies. */
export const BEACON_MAX_BYTES = 16_384;

export const BEACON_EVENT_TYPES = ["impression", "click", "accept", "decline"] as const;
const MOMENTS = ["ADD_TO_CART", "CART", "PRE_CHECKOUT", "CHECKOUT", "THANK_YOU"] as const satisfies readonly Moment[];

// Printable ASCII only: every id we mint is, and a NUL or a lone surrogate is
// text a database may refuse, which must be caught here, not in a shared insert.
const id = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .min(1, { error: `${what} is required` })
    .max(64, { error: `${what} must be at most 64 characters` })
    .regex(/^[\x21-\x7e]+$/, { error: `${what} must be printable ASCII without spaces` });

export const beaconEventSchema = z.object({
  /** Client-generated uuid; the receiver deduplicates on it (sendBeacon may be retried by the browser). */
  id: id("Event id"),
  type: z.enum(BEACON_EVENT_TYPES, { error: "Event type must be impression, click, accept or decline" }),
  offer: id("Offer id"),
  /** A/B variant id, when the offer runs an experiment. */
  variant: id("Variant id").optional(),
  /** "control", a variant id or "holdout". */
  bucket: id("Bucket").optional(),
  moment: z.enum(MOMENTS, { error: "Unknown moment" }),
  ts: z.int({ error: "ts must be epoch milliseconds" }).min(0, { error: "ts must be epoch milliseconds" }),
  /** Accepted value in minor units of `currency`. */
  value: z.int({ error: "value must be an amount in minor units" }).min(0, { error: "value cannot be negative" }).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, { error: "currency must be an ISO 4217 code" }).optional(),
});

export const beaconSchema = z.object({
  v: z.literal(BEACON_VERSION, { error: "Unsupported beacon version" }),
  visitor: id("Visitor id"),
  session: id("Session id"),
  events: z
    .array(beaconEventSchema)
    .min(1, { error: "A beacon carries at least one event" })
    .max(BEACON_MAX_EVENTS, { error: `A beacon carries at most ${BEACON_MAX_EVENTS} events` }),
});

export type BeaconEvent = z.output<typeof beaconEventSchema>;
export type Beacon = z.output<typeof beaconSchema>;
export type BeaconEventType = (typeof BEACON_EVENT_TYPES)[number];

/** Parses a raw beacon body (string) with the byte limit applied before JSON parsing. */
export function parseBeacon(body: string): { ok: true; beacon: Beacon } | { ok: false; status: 400 | 413; message: string } {
  if (Buffer.byteLength(body, "utf8") > BEACON_MAX_BYTES) return { ok: false, status: 413, message: `Beacon is larger than ${BEACON_MAX_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, status: 400, message: "Beacon body is not JSON" };
  }
  const r = beaconSchema.safeParse(json);
  if (!r.success) return { ok: false, status: 400, message: r.error.issues.map((i) => `${i.path.join(".") || "beacon"}: ${i.message}`).join("; ") };
  return { ok: true, beacon: r.data };
}
