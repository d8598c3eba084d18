import { assign, FUNCTION_MAX_LINES, minorRateMicros, parseStorefrontConfig, pickContent } from "@tactful/engine";
import type { CompiledOffer, DecideResult, Moment, ReasonCode, StorefrontConfig } from "@tactful/engine/types";
import { ajax, productSource } from "./ajax";
import { noTrack } from "./beacon";
import { decideWithPrices, type Runtime } from "./decide-and-show";
import { CART_READY, readJson, type CartChunk } from "./link";
import { peekMemory } from "./memory";
import type { AjaxCart, EmbedContext, Strings } from "./types";

/*
 * The session debugger (assets/tactful-debug.js, decision record 0090),
 * loaded by the loader only after the app accepted the admin's signed link.
 * For each moment it runs the same decision the popup module runs (the
 * engine, the same config, cart, shopper and memory, real prices fetched the
 * same way) and lists every offer with its verdict and the reasons. It only
 * reads: no memory write, no beacon, no cart change, and the popup's own
 * path is untouched (it keeps its own runtime). Its panel lives in a shadow
 * root, so the theme's styles and ours never meet.
 */

const MOMENTS: [Moment, string][] = [
  ["ADD_TO_CART", "After add to cart"],
  ["CART", "On the cart"],
  ["PRE_CHECKOUT", "Before checkout"],
];

const DAY_MS = 86_400_000;
const date = (t: number) => new Date(t).toISOString().slice(0, 16).replace("T", " ") + " UTC";
const pct = (bps: number) => Math.round(bps / 100) + "%";

/** Each reason in words a merchant or support person reads at a glance. */
function explain(code: ReasonCode, o: CompiledOffer, config: StorefrontConfig, ctx: EmbedContext, mem: ReturnType<ReturnType<typeof peekMemory>["view"]>, detail?: { increaseBps?: number; capBps?: number }, only = true): string {
  const s = config.settings;
  const seg = o.segment;
  switch (code) {
    case "PAUSED":
      return "Paused: all popups are paused in Settings";
    case "WRONG_MOMENT":
      return "Moment: set for " + o.moments.join(", ");
    case "NOT_IN_SCHEDULE":
      return "Schedule: runs " + (o.startsAt ? "from " + date(o.startsAt) : "") + (o.endsAt ? " until " + date(o.endsAt) : "");
    case "TRIGGER_NOT_IN_CART":
      return "Trigger: none of its trigger products is in the cart";
    case "SUBTOTAL_OUT_OF_RANGE":
      return "Trigger: the cart subtotal is outside its range";
    case "ITEM_COUNT_OUT_OF_RANGE":
      return "Trigger: the cart's item count is outside its range";
    case "SEGMENT_MISMATCH":
      return (
        "Segment: wants " +
        [
          seg.customer != "ANY" && seg.customer.toLowerCase().replace("_", " ") + " customers",
          seg.history != "ANY" && seg.history.toLowerCase() + " customers",
          seg.tagsInclude.length && "tags " + seg.tagsInclude.join(", "),
          seg.tagsExclude.length && "not tags " + seg.tagsExclude.join(", "),
          seg.countries.length && "countries " + seg.countries.join(", "),
          seg.markets.length && "markets " + seg.markets.join(", "),
          seg.locales.length && "languages " + seg.locales.join(", "),
        ]
          .filter(Boolean)
          .join("; ") +
        " (shopper: " +
        [ctx.loggedIn ? "logged in" : "guest", "country " + (ctx.country ?? "?"), "market " + (ctx.market ?? "?"), "language " + (ctx.locale ?? "?")].join(", ") +
        ")"
      );
    case "ALREADY_IN_CART":
      return "Cart: an offered product is already in the cart";
    case "ALREADY_ACCEPTED":
      return "Frequency memory: this shopper already accepted it";
    case "FREQUENCY_ALREADY_SHOWN":
      return "Frequency memory: already shown in this session";
    case "FREQUENCY_DISMISSED": {
      const at = mem.dismissedAt[o.id] ?? 0;
      return "Frequency memory: declined " + date(at) + ", hidden until " + date(at + s.cooldownDays * DAY_MS) + " (" + s.cooldownDays + "-day cooldown)";
    }
    case "FREQUENCY_SESSION_LIMIT":
      return "Frequency memory: session limit reached (" + mem.shownThisSession + " of " + s.maxPerSession + " shown)";
    case "OVER_PRICE_CAP":
      return "Price cap: " + (detail?.increaseBps === undefined ? "" : "adds " + pct(detail.increaseBps) + " to the cart, ") + "the cap is " + pct(detail?.capBps ?? o.capBps);
    case "PRICE_UNKNOWN":
      // The storefront fetches prices only for offers nothing else hides (decide-and-show.ts).
      return only ? "Price: the offered product's price could not be read" : "Price: not looked up, as the other reasons already hide it";
    case "UNAVAILABLE":
      return "Stock: the offered product is unavailable";
    case "HOLDOUT":
      return "Holdout: this visitor is in the " + pct(o.holdoutBps) + " holdout, so nothing shows in its place";
    case "LOWER_PRIORITY":
      return "Priority: an offer ranked higher took this moment";
    case "NO_RECOMMENDATION":
      return "Automatic: its sources found no product to offer for this cart";
    case "NO_COPY":
      return "Language: no copy in " + (ctx.locale ?? "this language");
    case "CART_TOO_LARGE":
      return "Cart size: over " + FUNCTION_MAX_LINES + " lines with the offer's own, more than the discount Function can price";
    default:
      return code;
  }
}

function bucketOf(o: CompiledOffer, visitor: string): string {
  if (!o.holdoutBps && !o.abVariants.length) return "";
  const a = assign(o, visitor);
  return a.holdout ? "holdout" : a.variant ? (a.index == 0 ? "control" : a.variant.id) : "treated";
}

type Row = { offer: CompiledOffer; verdict: "shows" | "hidden" | "not reached"; reasons: string[]; bucket: string };
type Mem = ReturnType<ReturnType<typeof peekMemory>["view"]>;

function reasonsOf(d: DecideResult, o: CompiledOffer, config: StorefrontConfig, ctx: EmbedContext, mem: Mem): string[] | undefined {
  const r = d.show ? undefined : d.reasons.find((x) => x.offerId == o.id);
  return r?.codes.map((c) => explain(c, o, config, ctx, mem, r.detail, r.codes.length == 1));
}

/**
 * Every offer's row for one moment. Below the offer that shows the engine
 * stops, so each of those is also judged on its own (the same engine, a
 * config of that one offer): the merchant sees what it would meet next.
 */
async function rows(runtime: Runtime, moment: Moment, cart: AjaxCart, d: DecideResult, mem: Mem): Promise<Row[]> {
  const { config, ctx } = runtime;
  const out: Row[] = [];
  for (const o of config.offers) {
    const bucket = bucketOf(o, runtime.memory.visitor);
    if (d.show && d.offerId == o.id) {
      out.push({ offer: o, verdict: "shows", reasons: [], bucket });
      continue;
    }
    const own = reasonsOf(d, o, config, ctx, mem);
    // Below a holdout the engine stops too, with just LOWER_PRIORITY.
    if (own && !(d.show == false && d.holdout && own.length == 1 && d.reasons.some((r) => r.offerId == o.id && r.codes.join() == "LOWER_PRIORITY"))) {
      out.push({ offer: o, verdict: "hidden", reasons: own, bucket });
      continue;
    }
    const alone = (await decideWithPrices({ ...runtime, config: { ...config, offers: [o] } }, moment, cart)).d;
    const next = reasonsOf(alone, o, config, ctx, mem);
    out.push({ offer: o, verdict: "not reached", reasons: [d.show ? "Priority: an offer ranked higher shows first" : "Priority: an offer ranked higher took this moment (held out)", ...(next ? next.map((t) => "Then: " + t) : ["Then: nothing else stops it"])], bucket });
  }
  return out;
}

const el = (tag: string, text = "", cls = ""): HTMLElement => {
  const e = document.createElement(tag);
  e.textContent = text;
  if (cls) e.className = cls;
  return e;
};

const CSS = `:host{all:initial}
.p{position:fixed;z-index:2147483646;top:8px;left:8px;width:min(440px,calc(100vw - 16px));max-height:min(45vh,560px);overflow:auto;box-sizing:border-box;
background:#fff;color:#1a1a1a;border:2px solid #6d28d9;border-radius:10px;box-shadow:0 8px 30px rgba(0,0,0,.25);font:13px/1.4 system-ui,sans-serif;direction:ltr;text-align:left}
header{position:sticky;top:0;background:#6d28d9;color:#fff;padding:8px 10px;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
header b{flex:1;white-space:nowrap}header span{font-size:11px}button{font:inherit;border:1px solid #fff;background:transparent;color:inherit;border-radius:6px;padding:2px 8px;cursor:pointer}
section{padding:6px 10px;border-bottom:1px solid #e5e5e5}h3{margin:4px 0;font-size:13px}
ul{list-style:none;margin:0;padding:0}li{padding:4px 0;border-top:1px dashed #eee}li:first-child{border-top:0}
.v{display:inline-block;border-radius:4px;padding:0 6px;margin-inline-end:6px;font-size:11px;font-weight:600;text-transform:uppercase}
.shows{background:#d1fae5;color:#065f46}.hidden{background:#fee2e2;color:#991b1b}.not{background:#e5e7eb;color:#374151}
.r{margin:2px 0 0 12px;color:#444}.m{padding:6px 10px;color:#444}.c .body{display:none}`;

const start = async () => {
  const ctx = (readJson("tactful-context") ?? {}) as EmbedContext;
  const raw = readJson("tactful-content");
  const config = parseStorefrontConfig(readJson("tactful-config"), ...(Array.isArray(raw) ? raw : [raw]));
  const token = new URLSearchParams(location.search).get("tactful_debug");
  let expires = 0;
  try {
    // Kept for this tab so the panel follows the merchant from page to page; the loader drops it once expired and the app refuses it anyway.
    if (token) sessionStorage.tactful_debug = token;
    expires = Number(String(sessionStorage.tactful_debug ?? token).split(".")[0]) * 1e3;
  } catch {
    expires = Number(String(token).split(".")[0]) * 1e3;
  }
  const root = ctx.root ?? "/";
  const shopifyRate = (window as unknown as { Shopify?: { currency?: { rate?: string } } }).Shopify?.currency?.rate;
  const memory = peekMemory();
  let rec: Promise<ReturnType<CartChunk["recommender"]>> | undefined;
  const host = el("div");
  host.id = "tactful-debug";
  const shadow = host.attachShadow({ mode: "open" });
  const style = el("style", CSS);
  const panel = el("div", "", "p");
  panel.setAttribute("role", "region");
  panel.setAttribute("aria-label", "Tactful session debugger");
  const head = el("header");
  head.append(el("b", "Tactful debugger"), el("span", expires ? "link expires " + date(expires) : ""));
  const refresh = el("button", "Refresh");
  const fold = el("button", "Hide");
  head.append(refresh, fold);
  const body = el("div", "", "body");
  panel.append(head, body);
  shadow.append(style, panel);
  document.body.append(host);
  fold.onclick = () => {
    panel.classList.toggle("c");
    fold.textContent = panel.classList.contains("c") ? "Show" : "Hide";
  };

  const render = async () => {
    if (expires && expires <= Date.now()) {
      host.remove();
      return;
    }
    if (!config) {
      body.replaceChildren(el("p", "No Tactful offers are published to this storefront.", "m"));
      return;
    }
    // A runtime of its own, read-only: no tracker, no cart changes, the shopper's memory only peeked at.
    const runtime = {
      config,
      ctx,
      strings: ctx.strings as Strings,
      rateMicros: minorRateMicros(Math.round(Number(shopifyRate) * 1e6) || 1e6, 2, ctx.shopDigits ?? 2),
      memory: { visitor: memory.visitor, session: "", view: memory.view, shown() {}, dismissed() {}, accepted() {} },
      track: noTrack,
      product: productSource(root),
      getCart: () => ajax<AjaxCart>(root + "cart.js"),
      // Automatic offers (decision record 0085) ask Shopify's recommendations as the popup does, from the
      // cart chunk (asked for only then); nothing else of the chunk is used.
      ops: {
        recommender: () =>
          (rec ??= new Promise<CartChunk>((ok, fail) => {
            document.addEventListener(CART_READY, (e) => ok((e as CustomEvent<CartChunk>).detail), { once: true });
            setTimeout(fail, 5000);
            const s = document.createElement("script");
            s.src = ctx.cart as string;
            s.onerror = fail;
            document.head.append(s);
          }).then((c) => c.recommender(root, fetch))),
      },
    } as unknown as Runtime;
    const cart = await runtime.getCart();
    const mem = memory.view();
    const out: HTMLElement[] = [];
    const facts = el("p", "", "m");
    facts.textContent =
      `Shopper: ${ctx.loggedIn ? "logged in" : "guest"}, country ${ctx.country ?? "?"}, market ${ctx.market ?? "?"}, language ${ctx.locale ?? "?"}. ` +
      `Cart: ${cart.items.length} line(s). Memory: ${mem.shownThisSession} of ${config.settings.maxPerSession} popups this session, ` +
      `${Object.keys(mem.dismissedAt).length} declined, ${mem.accepted.length} accepted.` +
      (config.settings.paused ? " All popups are paused." : "");
    out.push(facts, el("p", "Each moment as if it happened now: this cart, this shopper, this memory.", "m"));
    for (const [moment, label] of MOMENTS) {
      const sec = el("section");
      sec.dataset.moment = moment;
      sec.append(el("h3", label));
      if (!cart.items.length) {
        sec.append(el("p", "The cart is empty: no offer is considered until something is in it.", "m"));
        out.push(sec);
        continue;
      }
      const { d } = await decideWithPrices(runtime, moment, cart);
      const list = el("ul");
      for (const r of await rows(runtime, moment, cart, d, mem)) {
        const li = el("li");
        li.dataset.offer = r.offer.id;
        li.dataset.verdict = r.verdict;
        const name = pickContent(r.offer, undefined, ctx.locale ?? "en")?.content.headline ?? r.offer.id;
        // bdi: an Arabic headline keeps its own direction inside the English panel.
        const b = el("b");
        b.append(el("bdi", name));
        li.append(el("span", r.verdict, "v " + (r.verdict == "not reached" ? "not" : r.verdict)), b);
        if (r.bucket) li.append(el("span", " · bucket " + r.bucket));
        for (const t of r.reasons) li.append(el("div", t, "r"));
        list.append(li);
      }
      sec.append(list);
      out.push(sec);
    }
    body.replaceChildren(...out);
    host.dataset.ready = String(Date.now());
  };
  let running = Promise.resolve();
  const again = () => void (running = running.then(render).catch(() => body.replaceChildren(el("p", "Could not read the cart just now; press Refresh.", "m"))));
  refresh.onclick = again;
  // A popup opened or closed: the memory and maybe the cart changed.
  new MutationObserver((ms) => ms.some((m) => [...m.addedNodes, ...m.removedNodes].some((n) => (n as Element).localName == "tactful-popup")) && again()).observe(document.body, { childList: true });
  again();
};

start().catch(() => {
  /* fail closed: no panel */
});
