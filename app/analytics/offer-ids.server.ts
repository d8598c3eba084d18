import type { PrismaClient } from "@prisma/client";

/*
 * The shop's offer ids, so beacons naming an offer that does not exist or is
 * another shop's are dropped (decision 0059) without a query per beacon: the
 * ids are remembered per shop for OFFER_IDS_TTL_MS, and an id not in them
 * reloads the list at most once per OFFER_IDS_MIN_RELOAD_MS (an offer created a
 * moment ago is found; a flood of made-up ids costs one query a second).
 */
export const OFFER_IDS_TTL_MS = 10_000;
export const OFFER_IDS_MIN_RELOAD_MS = 1_000;

interface Known {
  ids: Set<string>;
  at: number;
}

const known = new Map<string, Known>();
const loading = new Map<string, Promise<Known>>();

function load(db: PrismaClient, shop: string, now: number): Promise<Known> {
  let p = loading.get(shop);
  if (!p) {
    // One query per shop at a time: beacons arriving together share it.
    p = db.offer
      .findMany({ where: { shop }, select: { id: true } })
      .then((rows) => {
        const k = { ids: new Set(rows.map((r) => r.id)), at: now };
        // Bounded by installed shops: only a shop whose signature and installation were checked gets here.
        known.set(shop, k);
        return k;
      })
      .finally(() => loading.delete(shop));
    loading.set(shop, p);
  }
  return p;
}

/** Which of these offer ids are the shop's. */
export async function shopOfferIds(db: PrismaClient, shop: string, offerIds: Iterable<string>, now = Date.now()): Promise<Set<string>> {
  let k = known.get(shop);
  if (!k || now - k.at > OFFER_IDS_TTL_MS) k = await load(db, shop, now);
  const wanted = [...new Set(offerIds)];
  if (wanted.some((id) => !k?.ids.has(id)) && now - k.at >= OFFER_IDS_MIN_RELOAD_MS) k = await load(db, shop, now);
  const ids = k.ids;
  return new Set(wanted.filter((id) => ids.has(id)));
}

/** Forget a shop's ids (an offer was created or deleted here, the shop was redacted, or a test). */
export function forgetOfferIds(shop?: string): void {
  if (shop === undefined) known.clear();
  else known.delete(shop);
}
