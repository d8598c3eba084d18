import { MOMENTS, type Moment } from "./types";

/*
 * The analytics beacon's wire shape: what the storefront popup and the
 * checkout extensions send to {routes.root}apps/tactful/events (app proxy ->
 * /proxy/events). Versioned: a receiver answers 400 to any `v` it does not
 * know, so an old cached tactful.js and a newer server never misread each
 * other. The senders import only these types and limits; the app's receiver
 * (app/…/beacon.schema.ts) parses bodies with zod against exactly this shape.
 */

export const BEACON_VERSION = 1 as const;
export const BEACON_MAX_EVENTS = 50;
/** navigator.sendBeacon payloads are small by design; the receiver refuses larger bodies. */
export const BEACON_MAX_BYTES = 16_384;
export const BEACON_EVENT_TYPES = ["impression", "click", "accept", "decline"] as const;
/** Every moment may be reported. */
export const BEACON_MOMENTS = MOMENTS;

export type BeaconEventType = (typeof BEACON_EVENT_TYPES)[number];

export interface BeaconEvent {
  /** Client-generated uuid; the receiver deduplicates on it (sendBeacon may be retried by the browser). */
  id: string;
  type: BeaconEventType;
  offer: string;
  /** A/B variant id, when the offer runs an experiment. */
  variant?: string;
  /** "control", a variant id or "holdout". */
  bucket?: string;
  moment: Moment;
  /** Epoch milliseconds. */
  ts: number;
  /** Accepted value in minor units of `currency`. */
  value?: number;
  /** ISO 4217 code. */
  currency?: string;
}

export interface Beacon {
  v: typeof BEACON_VERSION;
  visitor: string;
  session: string;
  events: BeaconEvent[];
}
