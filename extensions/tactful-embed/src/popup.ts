import { onColour } from "@tactful/engine/colour";
import type { Content, PopupStyle } from "@tactful/engine/types";
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
  /** lang and dir of the offer's words when they are not in the shopper's language (0091); else empty. */
  copy: Record<string, string>;
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
    const price = (o: Option) => h("b", {}, !!o.was && h("s", {}, v.money(o.was)), v.money(o.price));
    // One compact row per product: thumbnail, its text, its button (square by CSS, so nothing shifts while it loads).
    const row = (attrs: Record<string, string>, label: Kid, image: string | undefined, title: string, button: Kid, ...rest: Kid[]) =>
      h("li", attrs, image && h("img", { src: image, alt: "" }), h("div", {}, label && h("span", { class: "k" }, label), h("strong", {}, title), ...rest), button);
    const dialog = h("dialog", { "aria-labelledby": "t", dir: v.dir, lang: v.lang, class: (s.position == "bottom" ? "b " : "") + (dark ? "d" : "") }) as HTMLDialogElement;
    let accepted = false;
    let busy = false;
    const close = () => dialog.close();
    const no = h("button", v.copy, v.decline);
    const yes = (card?: number) => {
      // Live: "Added ✓" is announced where it appears.
      const b = h("button", { class: "y", "aria-live": "polite", ...v.copy }, v.accept) as HTMLButtonElement;
      b.onclick = async () => {
        if (busy) return;
        busy = b.disabled = true;
        const ok = await v.onAccept(card == undefined ? chosen : [chosen[card] as string], card).catch(() => false);
        busy = b.disabled = false;
        // The shop refused or did not answer: a button that silently does nothing again would lie, so close.
        if (!ok) return close();
        accepted = true;
        b.textContent = v.strings.added + " \u2713";
        b.className = "ok";
        b.disabled = true;
        // What was added no longer changes: its picker (the card's, or every one when one button took them all) is done too.
        for (const e of (card == undefined ? dialog : (b.parentElement as HTMLElement)).querySelectorAll("select")) e.disabled = true;
        // Nothing left to take: the shopper sees what was added (the theme's cart behind is already redrawn), then it closes.
        if (!dialog.querySelector("li button:enabled")) {
          no.hidden = true;
          setTimeout(close, 1500);
        }
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
      const f = c.from;
      const card = row(
        f ? { class: "up" } : {},
        f && v.strings.up,
        c.image,
        c.title,
        v.perCard && yes(i),
        p,
        f && h("span", {}, fill(v.strings.diff, v.money(f.diff))),
        c.stock && h("span", { class: "u" }, fill(v.strings.left, String(c.stock))),
        pick,
      );
      // Upsell: what the shopper has now, right above the upgrade.
      return f ? h("ul", {}, row({}, v.strings.now, f.image, f.title, 0, h("b", {}, v.money(f.price))), card) : card;
    });
    const x = h("button", { class: "x", "aria-label": v.strings.close }, "\u00d7");
    x.onclick = no.onclick = close;
    // The dialog's own box is only padding-free chrome: a click whose target is the dialog itself landed on the backdrop.
    // Pressed and released there (not a text selection dragged out of the card), it dismisses like the close button.
    let down: EventTarget | null = null;
    dialog.onpointerdown = (e) => (down = e.target);
    dialog.onclick = (e) => e.target == dialog && down == dialog && close();
    dialog.append(
      h(
        "div",
        { class: "w" },
        x,
        // The copy's own direction on a span: heading and text keep the popup's alignment (and the heading its room for the close button).
        h("h2", { id: "t" }, h("span", v.copy, v.headline)),
        v.body && h("p", {}, h("span", v.copy, v.body)),
        v.ends && h("p", { class: "u" }, fill(v.strings.ends, v.ends)),
        v.cards[0]?.from ? h("div", {}, ...cards) : h("ul", {}, ...cards),
        h("div", { class: "a" }, no, !v.perCard && yes()),
      ),
    );
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
