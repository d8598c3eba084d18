import type { Content, PopupStyle } from "@tactful/engine/types";
import { onColour } from "./format";
import { CSS } from "./styles";
import type { Strings } from "./types";

/*
 * The one custom element, <tactful-popup>, holding a <dialog> in a shadow
 * root. Merchant and product text goes in through text nodes and attribute
 * values only, never as HTML, so copy like "<img onerror=…>" stays text.
 * showModal() gives the focus trap, Esc and the top layer; focus goes back
 * to where the shopper was when it closes.
 */

export interface Option {
  id: string;
  label: string;
  price: number;
  was?: number;
}
export interface CardView {
  title: string;
  image?: string;
  options: Option[];
  stock?: number;
  /** Upsell: what the shopper has now, shown beside the upgrade. */
  from?: { title: string; image?: string; price: number; diff: number };
}
/** What the popup shows: the offer's words (the engine's Content) and how to show them. */
export interface PopupView extends Content {
  dir: string;
  lang: string;
  style: PopupStyle;
  strings: Strings;
  ends?: string;
  cards: CardView[];
  /** Cross-sell: each card is accepted on its own. */
  perCard: boolean;
  money: (minor: number) => string;
  /** Chosen variant id per card (or just the one card's); resolves true when the cart took it. */
  onAccept: (chosen: string[], card?: number) => Promise<boolean>;
  onClose: (accepted: boolean) => void;
}

type Kid = Node | string | false | undefined | 0;
function h(tag: string, attrs: Record<string, string> = {}, ...kids: Kid[]): HTMLElement {
  const e = document.createElement(tag);
  for (const k in attrs) e.setAttribute(k, attrs[k] as string);
  for (const c of kids) if (c) e.append(c);
  return e;
}
const fill = (tpl: string, v: string) => tpl.replace(/\{\w+\}/, v);

export const TAG = "tactful-popup";

export class TactfulPopup extends HTMLElement {
  open(v: PopupView): void {
    const s = v.style;
    const dark = s.scheme == "dark";
    const on = onColour(s.accent);
    const vars: Record<string, string> = {
      a: s.accent,
      on,
      // The accent colours text and borders only where it contrasts with the background.
      a2: (on == "#000") != dark ? "var(--fg)" : s.accent,
      r: Math.max(0, Math.min(24, s.radius)) + "px",
    };
    for (const k in vars) this.style.setProperty("--" + k, vars[k] as string);

    const chosen: string[] = [];
    // Square by CSS (aspect-ratio), so the card keeps its size while the image loads.
    const img = (src?: string) => src && h("img", { src, alt: "" });
    const price = (o: Option) => h("b", {}, !!o.was && h("s", {}, v.money(o.was)), v.money(o.price));
    const dialog = h("dialog", { "aria-labelledby": "t", dir: v.dir, lang: v.lang, class: (s.position == "bottom" ? "b " : "") + (dark ? "d" : "") }) as HTMLDialogElement;
    let accepted = false;
    let busy = false;
    const close = () => dialog.close();
    const yes = (card?: number) => {
      const b = h("button", { class: "y" }, v.accept) as HTMLButtonElement;
      b.onclick = async () => {
        if (busy) return;
        busy = b.disabled = true;
        const ok = await v.onAccept(card == undefined ? chosen : [chosen[card] as string], card).catch(() => false);
        busy = b.disabled = false;
        // The shop refused or did not answer: a button that silently does nothing again would lie, so close.
        if (!ok) return close();
        accepted = true;
        if (card == undefined) return close();
        b.textContent = v.strings.added;
        b.disabled = true;
        if (!dialog.querySelector("li button:enabled")) close();
      };
      return b;
    };
    const cards = v.cards.map((c, i) => {
      const [first] = c.options;
      chosen[i] = first ? first.id : "";
      const p = h("div", {}, first && price(first));
      let pick: Kid = false;
      if (c.options[1]) {
        const sel = h("select", { "aria-label": c.title + ": " + v.strings.option }, ...c.options.map((o) => h("option", { value: o.id }, o.label))) as HTMLSelectElement;
        sel.onchange = () => {
          const o = c.options[sel.selectedIndex];
          if (!o) return;
          chosen[i] = o.id;
          p.replaceChildren(price(o));
        };
        pick = sel;
      }
      const card = h(
        "li",
        c.from ? { class: "up" } : {},
        c.from && h("span", { class: "k" }, v.strings.up),
        img(c.image),
        h("strong", {}, c.title),
        p,
        pick,
        c.from && h("span", {}, fill(v.strings.diff, v.money(c.from.diff))),
        c.stock && h("span", { class: "u" }, fill(v.strings.left, String(c.stock))),
        v.perCard && yes(i),
      );
      const f = c.from;
      return f ? h("ul", { class: "c" }, h("li", {}, h("span", { class: "k" }, v.strings.now), img(f.image), h("strong", {}, f.title), h("b", {}, v.money(f.price))), card) : card;
    });
    const x = h("button", { class: "x", "aria-label": v.strings.close }, "\u00d7");
    const no = h("button", {}, v.decline);
    x.onclick = no.onclick = close;
    for (const k of [
      x,
      h("h2", { id: "t" }, v.headline),
      v.body && h("p", {}, v.body),
      v.ends && h("p", { class: "u" }, fill(v.strings.ends, v.ends)),
      v.cards[0]?.from ? h("div", {}, ...cards) : h("ul", {}, ...cards),
      h("div", { class: "a" }, no, !v.perCard && yes()),
    ])
      if (k) dialog.append(k);
    const opener = document.activeElement;
    dialog.onclose = () => {
      this.remove();
      if (opener instanceof HTMLElement) opener.focus();
      v.onClose(accepted);
    };
    (this.shadowRoot ?? this.attachShadow({ mode: "open" })).replaceChildren(h("style", {}, CSS), dialog);
    document.body.append(this);
    dialog.showModal();
  }
}

export function definePopup(): void {
  if (!customElements.get(TAG)) customElements.define(TAG, TactfulPopup);
}
