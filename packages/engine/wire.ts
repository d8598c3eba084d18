import { isFunctionConfig, isStorefrontConfig } from "./guard";
import {
  CONFIG_VERSION,
  MOMENTS,
  type CompiledOffer,
  type Content,
  type Discount,
  type FunctionConfig,
  type FunctionOffer,
  type Moment,
  type OfferedItem,
  REC_SOURCES,
  type RecSource,
  type StorefrontConfig,
  type Trigger,
} from "./types";

/*
 * The metafield wire format (decision record 0005). The verbose config shape
 * costs ~560 bytes per offer, so 500 offers would not fit in a 128 KB
 * metafield; one-letter keys, omitted defaults and positional tuples bring it
 * to ~200. Copy lives in one metafield per locale. Decoding rebuilds the full
 * typed shape and re-checks it with the guard, so a malformed or newer
 * config yields null: no popup, no discount.
 *
 * The keys, once (a key absent means its default: 0, false, empty, none):
 *
 * Storefront main metafield `config`            Per-locale metafield `content_<locale>`
 *   w  wire version (WIRE_VERSION)                w  wire version
 *   s  settings: c cap bps, m max per session,    l  locale
 *      d cooldown days, p paused (1), l default   c  offer id -> [headline, body, accept, decline]
 *      locale, y popup style                      x  offer id -> A/B variant id -> the same tuple
 *   o  offers (below)
 *   t  product table: [product id, handle, [variant ids]]
 *   k  trigger collection id -> its product ids
 *
 * Storefront offer                              Function offer (Function wire version 2)
 *   i  id                                         i  id
 *   t  type: U upsell, C cross-sell, B bundle     t  type, as the storefront's
 *   p  priority                                   v  offered variant ids
 *   c  cap bps                                    c  cap bps
 *   m  moments, bit i = MOMENTS[i]                g  trigger, as the storefront's
 *   g  trigger (below)                            a, e  starts / ends at, epoch ms (version 1 only)
 *   s  segment: c customer (L logged in, G        y, z  first / last shop day, days since epoch
 *      guest), i tags included, e tags excluded,  b  bundle items: positions in v
 *      h history (N new, R returning),            d  discount, as the storefront's
 *      o countries, k markets, l locales          x  A/B variant id -> discount ([0]: none)
 *   a, e  starts / ends at, epoch ms
 *   o  items: table row, or [row, variant positions in the row]
 *   u  upgrades: [from product, from variant or 0, item]
 *   d  discount: [1, bps] percent, [2, minor units] fixed
 *   w  delay ms
 *   l  low stock below (units)
 *   n  show end date (1)
 *   x  A/B variants: [id, weight, discount or [0] for none or 0 for the offer's, delay ms or null]
 *   h  holdout bps
 *   r  automatic products (decision 0085): s sources in order (c co-purchase,
 *      m Shopify complementary, r Shopify related), x excluded products,
 *      k excluded collections, t excluded tags, o trigger product -> items
 *      (co-purchase), as in `o`; the Function's `r` is its excluded products (0086),
 *      or, with excluded collections or tags, { x, k, t } as here (0096)
 *   f  copy in the shop's default locale where the
 *      shopper's language has none (1, 0091)
 *
 * Trigger: a match ALL (1) or ANY, p products, v variants, c collections,
 * t tags, n / x subtotal min / max (minor units), i / j item count min / max.
 * Ids travel as JSON numbers while exact (encId). The Function's metafield
 * adds its query-variable slots beside these keys (function-metafield.ts).
 */
export const WIRE_VERSION = 1 as const;
/**
 * The Function config's wire version. 2 (decision records 0055, 0056) adds
 * shop-day schedules, bundle items and the trigger's bounds, which a
 * version-1 reader would ignore and so over-discount: a Function deployed
 * before them reads version 2 as unreadable and discounts nothing. Version 1
 * configs, written before, are still read (epoch schedules, no bounds).
 */
export const FUNCTION_WIRE_VERSION = 2 as const;

type J = Record<string, unknown>;
const TYPES = { U: "UPSELL", C: "CROSS_SELL", B: "BUNDLE" } as const;

/** Sets key k only when v is not the default (undefined, 0, false, empty list). */
function put(o: J, k: string, v: unknown): J {
  if (v !== undefined && v !== 0 && v !== false && !(Array.isArray(v) && !v.length)) o[k] = v;
  return o;
}
const arr = <T>(x: unknown): T[] => (Array.isArray(x) ? (x as T[]) : []);
const obj = (x: unknown): J => (typeof x === "object" && x !== null ? (x as J) : {});
const json = (x: unknown): unknown => (typeof x === "string" ? JSON.parse(x) : x);

const encDiscount = (d: Discount) => (d.kind === "PERCENT" ? [1, d.bps] : d.kind === "FIXED" ? [2, d.amount] : undefined);
function decDiscount(x: unknown): Discount {
  const [k, n] = arr<number>(x);
  return k === 1 ? { kind: "PERCENT", bps: n as number } : k === 2 ? { kind: "FIXED", amount: n as number } : { kind: "NONE" };
}
/** Numeric ids travel as JSON numbers (2 bytes less each) while they are exact. */
const encId = (id: string): string | number => (/^[1-9]\d{0,14}$/.test(id) ? Number(id) : id);
const decIds = (x: unknown): string[] =>
  arr<unknown>(x).map((v) => {
    if (typeof v !== "number" && typeof v !== "string") throw 0;
    return String(v);
  });

/**
 * Offered products are stored once in a table (handle, product id, every
 * variant any offer uses); an offer's item is the table index, or
 * [index, variant positions] when it offers a different list. A bare index
 * means "every variant of the row" as decoded, so it may only be written once
 * the row is final: encodeStorefrontConfig adds every offer's items first and
 * takes refs after (decision record 0056). Otherwise an offer encoded early
 * would decode with the variants later offers add to its row.
 */
class ProductTable {
  rows: [string | number, string, (string | number)[]][] = [];
  private at = new Map<string, number>();
  /** Per row: variant id -> its position in the row. */
  private vs: Map<string, number>[] = [];
  add(i: OfferedItem): number {
    let n = this.at.get(i.productId + " " + i.handle);
    if (n === undefined) {
      n = this.rows.length;
      this.at.set(i.productId + " " + i.handle, n);
      this.rows.push([encId(i.productId), i.handle, []]);
      this.vs.push(new Map());
    }
    const known = this.vs[n] as Map<string, number>;
    const row = this.rows[n] as [string | number, string, (string | number)[]];
    for (const v of i.variantIds) {
      if (known.has(v)) continue;
      known.set(v, known.size);
      row[2].push(encId(v));
    }
    return n;
  }
  ref(i: OfferedItem): number | [number, number[]] {
    const n = this.add(i);
    const known = this.vs[n] as Map<string, number>;
    const pos = i.variantIds.map((v) => known.get(v) as number);
    return pos.length === known.size && pos.every((k, j) => k === j) ? n : [n, pos];
  }
}

function decItem(x: unknown, table: unknown[]): OfferedItem {
  const [n, pos] = Array.isArray(x) ? x : [x];
  const row = table[n as number];
  if (!Array.isArray(row)) throw 0;
  const [productId, handle, variants] = row as unknown[];
  const all = decIds(variants);
  return { productId: String(productId), handle: handle as string, variantIds: pos === undefined ? all : arr<number>(pos).map((k) => all[k] as string) };
}

function encTrigger(t: Trigger): J {
  const o = put({}, "a", t.match === "ALL" ? 1 : 0);
  put(o, "p", t.products.map(encId));
  put(o, "v", t.variants.map(encId));
  put(o, "c", t.collections.map(encId));
  put(o, "t", t.tags);
  if ("subtotalMin" in t) put(o, "n", t.subtotalMin);
  if ("subtotalMax" in t) o.x = t.subtotalMax;
  if ("itemsMin" in t) put(o, "i", t.itemsMin);
  if ("itemsMax" in t) o.j = t.itemsMax;
  return o;
}
function decTrigger(x: unknown): Trigger {
  const g = obj(x);
  const t: Trigger = { match: g.a ? "ALL" : "ANY", products: decIds(g.p), variants: decIds(g.v), collections: decIds(g.c), tags: arr(g.t) };
  if (g.n !== undefined) t.subtotalMin = g.n as number;
  if (g.x !== undefined) t.subtotalMax = g.x as number;
  if (g.i !== undefined) t.itemsMin = g.i as number;
  if (g.j !== undefined) t.itemsMax = g.j as number;
  return t;
}

const offered = (o: CompiledOffer) => [...o.items, ...o.upgrades.map((u) => u.to), ...Object.values(o.auto?.coPurchase ?? {}).flat()];
/** The sources' wire letters, in REC_SOURCES order (SOURCE_CODES in recommend.ts). */
const SOURCE_LETTERS = "cmr";

export function encodeOffer(o: CompiledOffer, table = new ProductTable()): J {
  for (const i of offered(o)) table.add(i);
  const s = o.segment;
  const seg = put({}, "c", s.customer === "ANY" ? 0 : s.customer[0]);
  put(seg, "i", s.tagsInclude);
  put(seg, "e", s.tagsExclude);
  put(seg, "h", s.history === "ANY" ? 0 : s.history[0]);
  put(seg, "o", s.countries);
  put(seg, "k", s.markets);
  put(seg, "l", s.locales);
  const w: J = { i: o.id, t: o.type[0], c: o.capBps };
  put(w, "p", o.priority);
  w.m = o.moments.reduce((m, x) => m | (1 << MOMENTS.indexOf(x)), 0);
  const g = encTrigger(o.trigger);
  if (Object.keys(g).length) w.g = g;
  if (Object.keys(seg).length) w.s = seg;
  put(w, "a", o.startsAt);
  put(w, "e", o.endsAt);
  put(w, "o", o.items.map((i) => table.ref(i)));
  put(w, "u", o.upgrades.map((u) => [encId(u.fromProductId), u.fromVariantId ? encId(u.fromVariantId) : 0, table.ref(u.to)]));
  put(w, "d", encDiscount(o.discount));
  put(w, "w", o.delayMs);
  put(w, "l", o.urgency.lowStockBelow);
  put(w, "n", o.urgency.showEndDate ? 1 : 0);
  put(w, "x", o.abVariants.map((v) => [v.id, v.weight, encDiscount(v.discount ?? { kind: "NONE" }) ?? (v.discount ? [0] : 0), v.delayMs ?? null]));
  put(w, "h", o.holdoutBps);
  const a = o.auto;
  if (a) {
    const r: J = { s: a.sources.map((x) => SOURCE_LETTERS[REC_SOURCES.indexOf(x)]).join("") };
    put(r, "x", a.excludeProducts.map(encId));
    put(r, "k", a.excludeCollections.map(encId));
    put(r, "t", a.excludeTags);
    const co = Object.entries(a.coPurchase).filter(([, items]) => items.length);
    if (co.length) r.o = Object.fromEntries(co.map(([p, items]) => [p, items.map((i) => table.ref(i))]));
    w.r = r;
  }
  put(w, "f", o.fallbackToDefaultLocale ? 1 : 0);
  return w;
}

/** One offer with the product rows it uses, as JSON: what it costs in the main metafield at most. */
export function encodeOfferAlone(o: CompiledOffer): string {
  const t = new ProductTable();
  return JSON.stringify([encodeOffer(o, t), t.rows]);
}

function decOffer(x: unknown, table: unknown[]): CompiledOffer {
  const w = obj(x);
  const s = obj(w.s);
  const o: CompiledOffer = {
    id: w.i as string,
    type: TYPES[w.t as keyof typeof TYPES],
    priority: (w.p as number) ?? 0,
    moments: MOMENTS.filter((_, i) => (w.m as number) & (1 << i)),
    trigger: decTrigger(w.g),
    segment: {
      customer: s.c === "L" ? "LOGGED_IN" : s.c === "G" ? "GUEST" : "ANY",
      tagsInclude: arr(s.i),
      tagsExclude: arr(s.e),
      history: s.h === "N" ? "NEW" : s.h === "R" ? "RETURNING" : "ANY",
      countries: arr(s.o),
      markets: arr(s.k),
      locales: arr(s.l),
    },
    items: arr(w.o).map((i) => decItem(i, table)),
    upgrades: arr<unknown[]>(w.u).map(([from, fromV, to]) => ({
      fromProductId: String(from),
      ...(fromV ? { fromVariantId: String(fromV) } : {}),
      to: decItem(to, table),
    })),
    discount: decDiscount(w.d),
    capBps: w.c as number,
    delayMs: (w.w as number) ?? 0,
    urgency: { showEndDate: w.n === 1, ...(w.l !== undefined ? { lowStockBelow: w.l as number } : {}) },
    abVariants: arr<unknown[]>(w.x).map(([id, weight, d, delayMs]) => ({
      id: id as string,
      weight: weight as number,
      ...(d ? { discount: decDiscount(d) } : {}),
      ...(delayMs !== null && delayMs !== undefined ? { delayMs: delayMs as number } : {}),
    })),
    holdoutBps: (w.h as number) ?? 0,
  };
  if (w.a !== undefined) o.startsAt = w.a as number;
  if (w.e !== undefined) o.endsAt = w.e as number;
  if (w.r !== undefined) {
    const r = obj(w.r);
    if (typeof r.s !== "string") throw 0;
    o.auto = {
      // An unknown letter decodes to undefined, which the guard refuses: fail closed.
      sources: [...r.s].map((c) => REC_SOURCES[SOURCE_LETTERS.indexOf(c)] as RecSource),
      excludeProducts: decIds(r.x),
      excludeCollections: decIds(r.k),
      excludeTags: arr(r.t),
      coPurchase: Object.fromEntries(Object.entries(obj(r.o)).map(([p, items]) => [p, arr(items).map((i) => decItem(i, table))])),
    };
  }
  if (w.f === 1) o.fallbackToDefaultLocale = true;
  return o;
}

const encContent = (c: Content) => [c.headline, c.body, c.accept, c.decline];
const decContent = (x: unknown): Content => {
  const [headline, body, accept, decline] = arr<string>(x);
  return { headline: headline as string, body: body as string, accept: accept as string, decline: decline as string };
};

/** Main config JSON plus one content JSON per locale, ready for metafieldsSet. */
export function encodeStorefrontConfig(cfg: StorefrontConfig): { config: string; content: Record<string, string> } {
  const st = cfg.settings;
  const main: J = {
    w: WIRE_VERSION,
    s: { c: st.capBps, m: st.maxPerSession, d: st.cooldownDays, p: st.paused ? 1 : 0, l: st.defaultLocale, y: st.style },
    o: [] as J[],
  };
  const table = new ProductTable();
  for (const o of cfg.offers) for (const i of offered(o)) table.add(i);
  main.o = cfg.offers.map((o) => encodeOffer(o, table));
  main.t = table.rows;
  if (cfg.collections && Object.keys(cfg.collections).length)
    main.k = Object.fromEntries(Object.entries(cfg.collections).map(([c, ps]) => [c, ps.map(encId)]));
  const per: Record<string, { c: J; x: Record<string, J> }> = {};
  const slot = (l: string) => (per[l] ??= { c: {}, x: {} });
  for (const o of cfg.offers) {
    for (const [l, c] of Object.entries(o.content ?? {})) slot(l).c[o.id] = encContent(c);
    for (const v of o.abVariants)
      for (const [l, c] of Object.entries(v.content ?? {})) (slot(l).x[o.id] ??= {})[v.id] = encContent(c);
  }
  const content: Record<string, string> = {};
  for (const [l, p] of Object.entries(per)) content[l] = JSON.stringify(put({ w: WIRE_VERSION, l, c: p.c }, "x", Object.keys(p.x).length ? p.x : undefined));
  return { config: JSON.stringify(main), content };
}

/**
 * Parses the main config (wire or verbose, string or object) and merges any
 * per-locale content given. Returns null for anything malformed or newer.
 */
export function parseStorefrontConfig(config: unknown, ...content: unknown[]): StorefrontConfig | null {
  try {
    const m = obj(json(config));
    let cfg: unknown = m;
    if (m.w === WIRE_VERSION) {
      const s = obj(m.s);
      const out: StorefrontConfig = {
        v: CONFIG_VERSION,
        settings: { capBps: s.c as number, maxPerSession: s.m as number, cooldownDays: s.d as number, paused: s.p === 1, defaultLocale: s.l as string, style: s.y as StorefrontConfig["settings"]["style"] },
        offers: arr(m.o).map((o) => decOffer(o, arr(m.t))),
      };
      if (m.k !== undefined) out.collections = Object.fromEntries(Object.entries(obj(m.k)).map(([c, ps]) => [c, decIds(ps)]));
      const byId = new Map(out.offers.map((o) => [o.id, o]));
      for (const raw of content) {
        const c = obj(json(raw));
        if (c.w !== WIRE_VERSION || typeof c.l !== "string") continue;
        const l = c.l;
        for (const [id, t] of Object.entries(obj(c.c))) {
          const o = byId.get(id);
          if (o) (o.content ??= {})[l] = decContent(t);
        }
        for (const [id, vs] of Object.entries(obj(c.x)))
          for (const [vid, t] of Object.entries(obj(vs))) {
            const v = byId.get(id)?.abVariants.find((a) => a.id === vid);
            if (v) (v.content ??= {})[l] = decContent(t);
          }
      }
      cfg = out;
    }
    return isStorefrontConfig(cfg) ? cfg : null;
  } catch {
    return null;
  }
}

/**
 * What the storefront's loader needs at page load, read from the wire format
 * the embed prints without decoding any offer (the loader carries no decoder:
 * decision record 0067): the moments some offer waits for, which decide the
 * listeners it registers, and the session's popup budget. null where
 * parseStorefrontConfig could show nothing for certain: unreadable, not the
 * current wire version, paused, no offer. The full parse, in the popup module,
 * still has the last word.
 */
export function storefrontMoments(config: unknown): { moments: Moment[]; maxPerSession: number } | null {
  try {
    const m = obj(json(config));
    const s = obj(m.s);
    const offers = arr<J>(m.o);
    if (m.w !== WIRE_VERSION || s.p === 1) return null;
    const moments = MOMENTS.filter((_, i) => offers.some((o) => (o.m as number) & (1 << i)));
    return moments.length ? { moments, maxPerSession: s.m as number } : null;
  } catch {
    return null;
  }
}

export function encodeFunctionConfig(cfg: FunctionConfig): string {
  return JSON.stringify({
    w: FUNCTION_WIRE_VERSION,
    o: cfg.offers.map((o) => {
      const w: J = { i: o.id, t: o.type[0], v: o.offeredVariants.map(encId), c: o.capBps };
      const g = encTrigger(o.trigger);
      if (Object.keys(g).length) w.g = g;
      put(w, "a", o.startsAt);
      put(w, "e", o.endsAt);
      if (o.startDay !== undefined) w.y = o.startDay;
      if (o.endDay !== undefined) w.z = o.endDay;
      // A bundle item is its variants' positions in `v`.
      if (o.bundle) w.b = o.bundle.map((item) => item.map((v) => o.offeredVariants.indexOf(v)));
      put(w, "d", encDiscount(o.discount));
      if (o.variantDiscounts && Object.keys(o.variantDiscounts).length)
        w.x = Object.fromEntries(Object.entries(o.variantDiscounts).map(([k, d]) => [k, encDiscount(d) ?? [0]]));
      // Written even when empty: its presence is what makes the offer automatic (decision 0086).
      // With excluded collections or tags, an object (decision 0096): a Function deployed before reads it as unreadable and discounts nothing.
      if (o.auto) {
        const a = o.auto;
        const x = a.excludeProducts.map(encId);
        const k = a.excludeCollections ?? [];
        const t = a.excludeTags ?? [];
        w.r = k.length || t.length ? put(put(put({}, "x", x), "k", k.map(encId)), "t", t) : x;
      }
      return w;
    }),
  });
}

/** One offer of the Function config's wire form, in the full typed shape (unchecked: see isFunctionOffer). */
function decodeFunctionOffer(x: unknown): FunctionOffer {
  const w = obj(x);
  const offeredVariants = decIds(w.v);
  const o: FunctionOffer = {
    id: w.i as string,
    type: TYPES[w.t as keyof typeof TYPES],
    trigger: decTrigger(w.g),
    offeredVariants,
    discount: decDiscount(w.d),
    capBps: w.c as number,
  };
  if (w.a !== undefined) o.startsAt = w.a as number;
  if (w.e !== undefined) o.endsAt = w.e as number;
  if (w.y !== undefined) o.startDay = w.y as number;
  if (w.z !== undefined) o.endDay = w.z as number;
  if (w.b !== undefined) o.bundle = arr<unknown>(w.b).map((item) => arr<unknown>(item).map((k) => offeredVariants[k as number] as string));
  if (w.x !== undefined) o.variantDiscounts = Object.fromEntries(Object.entries(obj(w.x)).map(([k, d]) => [k, decDiscount(d)]));
  const r = w.r;
  if (r !== undefined) {
    // A list, or an object with excluded collections or tags (0096); anything else fails closed, as decodeCheckedFunctionOffer refuses it.
    if (Array.isArray(r)) o.auto = { excludeProducts: decIds(r) };
    else {
      if (typeof r !== "object" || r === null) throw 0;
      const m = r as J;
      o.auto = { excludeProducts: decIds(m.x) };
      const k = decIds(m.k);
      const t = arr<string>(m.t);
      if (k.length) o.auto.excludeCollections = k;
      if (t.length) o.auto.excludeTags = t;
    }
  }
  return o;
}

/*
 * decodeFunctionOffer then isFunctionOffer, fused for the Function, which
 * runs under an instruction budget (decision 0062): plain loops, no
 * closures, each field checked as it is read. Gives the same offer, or null
 * where the pair would throw or fail the check (offer-index.property.test.ts).
 */
const isInt = Number.isSafeInteger;

function idsChecked(x: unknown): string[] | null {
  const out: string[] = [];
  if (!Array.isArray(x)) return out;
  for (let i = 0; i < x.length; i++) {
    const v: unknown = x[i];
    if (typeof v === "string") out.push(v);
    else if (typeof v === "number") out.push(String(v));
    else return null;
  }
  return out;
}

/** A list of strings, [] when not a list, null when an entry is not a string. */
function strsChecked(x: unknown): string[] | null {
  const out: string[] = Array.isArray(x) ? (x as string[]) : [];
  for (let i = 0; i < out.length; i++) if (typeof out[i] !== "string") return null;
  return out;
}

const EMPTY: J = Object.freeze({}) as J;

function discountChecked(x: unknown): Discount | null {
  if (!Array.isArray(x)) return { kind: "NONE" };
  const k: unknown = x[0];
  const n: unknown = x[1];
  if (k === 1) return isInt(n) ? { kind: "PERCENT", bps: n as number } : null;
  if (k === 2) return isInt(n) ? { kind: "FIXED", amount: n as number } : null;
  return { kind: "NONE" };
}

function decodeCheckedFunctionOffer(x: unknown): FunctionOffer | null {
  // obj() and arr() inlined, indexed loops: each closure call or iterator costs about 1K Wasm instructions in QuickJS (decision 0065).
  const w = typeof x === "object" && x !== null ? (x as J) : EMPTY;
  const id = w.i;
  if (typeof id !== "string") return null;
  const capBps = w.c;
  if (!isInt(capBps)) return null;
  const offeredVariants = idsChecked(w.v);
  if (!offeredVariants) return null;
  const gx = w.g;
  const g = typeof gx === "object" && gx !== null ? (gx as J) : EMPTY;
  const products = idsChecked(g.p);
  if (!products) return null;
  const variants = idsChecked(g.v);
  if (!variants) return null;
  const collections = idsChecked(g.c);
  if (!collections) return null;
  const discount = discountChecked(w.d);
  if (!discount) return null;
  const tags = strsChecked(g.t);
  if (!tags) return null;
  const trigger: Trigger = { match: g.a ? "ALL" : "ANY", products, variants, collections, tags };
  const n = g.n;
  const mx = g.x;
  const mi = g.i;
  const mj = g.j;
  if (n !== undefined) {
    if (!isInt(n)) return null;
    trigger.subtotalMin = n as number;
  }
  if (mx !== undefined) {
    if (!isInt(mx)) return null;
    trigger.subtotalMax = mx as number;
  }
  if (mi !== undefined) {
    if (!isInt(mi)) return null;
    trigger.itemsMin = mi as number;
  }
  if (mj !== undefined) {
    if (!isInt(mj)) return null;
    trigger.itemsMax = mj as number;
  }
  const o: FunctionOffer = { id, type: TYPES[w.t as keyof typeof TYPES], trigger, offeredVariants, discount, capBps: capBps as number };
  const a = w.a;
  const e = w.e;
  const y = w.y;
  const z = w.z;
  if (a !== undefined) {
    if (!isInt(a)) return null;
    o.startsAt = a as number;
  }
  if (e !== undefined) {
    if (!isInt(e)) return null;
    o.endsAt = e as number;
  }
  if (y !== undefined) {
    if (!isInt(y)) return null;
    o.startDay = y as number;
  }
  if (z !== undefined) {
    if (!isInt(z)) return null;
    o.endDay = z as number;
  }
  const bx = w.b;
  if (bx !== undefined) {
    const bundle: string[][] = [];
    const items: unknown[] = Array.isArray(bx) ? bx : [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const positions: unknown[] = Array.isArray(item) ? item : [];
      const variantsOfItem: string[] = [];
      for (let k = 0; k < positions.length; k++) {
        const v = offeredVariants[positions[k] as number];
        if (typeof v !== "string") return null;
        variantsOfItem.push(v);
      }
      bundle.push(variantsOfItem);
    }
    o.bundle = bundle;
  }
  const xx = w.x;
  if (xx !== undefined) {
    // for-in, not Object.entries then fromEntries: about 18K instructions less an offer in QuickJS (decision 0097).
    const arms: Record<string, Discount> = {};
    const from = typeof xx === "object" && xx !== null ? (xx as J) : EMPTY;
    for (const k in from) {
      const dd = discountChecked(from[k]);
      if (!dd) return null;
      // An arm id such as "__proto__" stays an own key, as the whole-config decode makes it.
      if (k === "__proto__") Object.defineProperty(arms, k, { value: dd, enumerable: true, writable: true, configurable: true });
      else arms[k] = dd;
    }
    o.variantDiscounts = arms;
  }
  const rx = w.r;
  if (rx !== undefined) {
    // The list of excluded products, or { x, k, t } (decision 0096): a list has no k or t.
    if (typeof rx !== "object" || rx === null) return null;
    const r = rx as J;
    const excludeProducts = idsChecked(Array.isArray(rx) ? rx : r.x);
    const excludeCollections = idsChecked(r.k);
    const excludeTags = strsChecked(r.t);
    if (!excludeProducts || !excludeCollections || !excludeTags) return null;
    const auto: NonNullable<FunctionOffer["auto"]> = (o.auto = { excludeProducts });
    if (excludeCollections.length) auto.excludeCollections = excludeCollections;
    if (excludeTags.length) auto.excludeTags = excludeTags;
  }
  return o;
}

const isWire = (m: J) => m.w === FUNCTION_WIRE_VERSION || m.w === WIRE_VERSION;

export function parseFunctionConfig(config: unknown): FunctionConfig | null {
  try {
    const m = obj(json(config));
    const cfg: unknown = isWire(m) ? { v: CONFIG_VERSION, offers: arr(m.o).map(decodeFunctionOffer) } : m;
    return isFunctionConfig(cfg) ? cfg : null;
  } catch {
    return null;
  }
}

/**
 * The Function's offers by id (decision 0062). Decoding and checking the
 * whole config cost more Wasm instructions than judging the cart, so the
 * wire offers are only indexed by id here, and an offer is decoded and
 * checked the first time a line names it. `get` answers as
 * `parseFunctionConfig(config)?.offers.find((o) => o.id === id)` does for
 * every offer that decodes (the first of a repeated id wins); for an offer
 * that does not, it answers null, and the caller must then discount
 * nothing, as an unreadable config does. A config that is not the wire form
 * is refused (null), as an unreadable one is.
 */
export interface FunctionOfferIndex {
  /** Offers in the config (an id repeated counts each time; 0 means none). */
  size: number;
  get(id: string): FunctionOffer | undefined | null;
}

export function functionOfferIndex(config: unknown): FunctionOfferIndex | null {
  let m: J;
  try {
    m = obj(json(config));
  } catch {
    return null;
  }
  // Only the wire form is read (decision 0093): the admin writes nothing else, and the whole-config
  // parser it would need costs every run about 0.16M instructions to load on Shopify's runtime.
  if (!isWire(m)) return null;
  const list: unknown[] = Array.isArray(m.o) ? m.o : [];
  // Every offer must carry an id, or the config is unreadable: a plain loop, no Map yet.
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (typeof x !== "object" || x === null || typeof (x as J).i !== "string") return null;
  }
  /*
   * Most carts name one or two offers: each is found by a scan of the list
   * (about 1.5K instructions an offer), and only a third one builds the Map by
   * id (about 10K an offer), which 20 named offers need (decision 0093).
   */
  let byId: Map<string, unknown> | undefined;
  let scans = 0;
  const find = (id: string): unknown => {
    if (byId === undefined && scans < 2) {
      scans++;
      for (let i = 0; i < list.length; i++) if ((list[i] as J).i === id) return list[i];
      return undefined;
    }
    if (byId === undefined) {
      byId = new Map();
      // The first offer of an id wins, as a scan finds it.
      for (let i = 0; i < list.length; i++) {
        const id = (list[i] as J).i as string;
        if (!byId.has(id)) byId.set(id, list[i]);
      }
    }
    return byId.get(id);
  };
  const decoded = new Map<string, FunctionOffer | null>();
  return {
    size: list.length,
    get(id) {
      let o = decoded.get(id);
      if (o === undefined) {
        const x = find(id);
        if (x === undefined) return undefined;
        o = decodeCheckedFunctionOffer(x);
        decoded.set(id, o);
      }
      return o;
    },
  };
}

/** An index over offers already decoded: the first offer of each id, as a scan with find() gives. */
export function offerIndexOf(offers: FunctionOffer[]): FunctionOfferIndex {
  const byId = new Map<string, FunctionOffer>();
  for (const o of offers) if (!byId.has(o.id)) byId.set(o.id, o);
  return { size: byId.size, get: (id) => byId.get(id) };
}
