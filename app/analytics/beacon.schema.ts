import { z } from "zod";
import {
  BEACON_EVENT_TYPES,
  BEACON_MAX_BYTES,
  BEACON_MAX_EVENTS,
  BEACON_MOMENTS,
  BEACON_VERSION,
  type Beacon,
  type BeaconEvent,
} from "@tactful/engine/beacon";

/*
 * The receiver's parser for the analytics beacon, whose wire shape and limits
 * the engine package owns (packages/engine/beacon.ts). The senders import
 * only those types (no zod in the shopper's browser); the type checks below
 * keep this schema and the wire types from drifting apart.
 */

export { BEACON_MAX_BYTES, type Beacon, type BeaconEvent };

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
  moment: z.enum(BEACON_MOMENTS, { error: "Unknown moment" }),
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

// Both directions: a field added to one side only is a type error here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameEvent: Same<z.output<typeof beaconEventSchema>, BeaconEvent> = true;
const sameBeacon: Same<z.output<typeof beaconSchema>, Beacon> = true;
void sameEvent;
void sameBeacon;

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
