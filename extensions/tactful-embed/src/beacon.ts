import type { Beacon, BeaconEvent } from "@tactful/engine/beacon";
import { uid } from "./memory";

/*
 * Events are queued and sent in one navigator.sendBeacon when the page is
 * hidden or left (pagehide / visibilitychange), the moments the browser
 * guarantees to deliver a beacon without delaying navigation. Listeners are
 * added with the first event, never at page load. At 50 events (the schema's
 * limit) the batch is sent early.
 */
const MAX = 50;

export type Track = (e: Omit<BeaconEvent, "id" | "ts">) => void;

export function beaconSender(url: string, visitor: string, session: string): Track {
  const queue: BeaconEvent[] = [];
  let listening = false;
  const flush = () => {
    if (!queue.length) return;
    const body: Beacon = { v: 1, visitor, session, events: queue.splice(0, MAX) };
    try {
      navigator.sendBeacon(url, new Blob([JSON.stringify(body)], { type: "application/json" }));
    } catch {
      /* analytics never break the page */
    }
  };
  return (e) => {
    queue.push({ ...e, id: uid(), ts: Date.now() });
    if (queue.length == MAX) flush();
    if (listening) return;
    listening = true;
    addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", () => document.visibilityState == "hidden" && flush());
  };
}

/** Preview mode and failures: a tracker that sends nothing. */
export const noTrack: Track = () => {};

