import type { ContentText, OfferFormState, OfferType, OfferedProduct, ProductRef } from "../offer-form";

/*
 * Offer templates: the four common offers a new merchant starts from
 * (decision record 0076). A template fills in everything that follows from
 * the kind of offer (type, moment, discount, copy) and names the products the
 * merchant still has to choose, in the order the guided pickers ask for them.
 * Pure data and functions, so the server-side schema test can check that
 * every template, once its products are chosen, is an offer the action accepts.
 */

export type TemplateId = "add-on" | "cart-upgrade" | "last-chance" | "bundle";

/** One product choice the template asks for; the editor opens Shopify's picker for each, in order. */
export type TemplatePick =
  /** The products whose add-to-cart triggers the offer. */
  | "trigger"
  /** The one product offered beside them. */
  | "add-on"
  /** Up to three products offered (any cart). */
  | "offered"
  /** The cart item an upgrade replaces, then the better one. */
  | "upgrade";

export interface OfferTemplate {
  id: TemplateId;
  title: string;
  /** One sentence in the merchant's words: when it shows and what it offers. */
  description: string;
  type: OfferType;
  moments: string[];
  discountPercent: string | null;
  picks: TemplatePick[];
  /** English copy; other default locales keep the shop's own default texts from Settings. */
  copy: Pick<ContentText, "headline" | "accept">;
}

export const OFFER_TEMPLATES: readonly OfferTemplate[] = [
  {
    id: "add-on",
    title: "Add-on after add-to-cart",
    description: "A shopper adds a product; the popup suggests one thing that goes with it.",
    type: "CROSS_SELL",
    moments: ["ADD_TO_CART"],
    discountPercent: null,
    picks: ["trigger", "add-on"],
    copy: { headline: "Goes well with your pick", accept: "Add it" },
  },
  {
    id: "cart-upgrade",
    title: "Upgrade on the cart",
    description: "On the cart, offer to swap an item for its better version at its own price.",
    type: "UPSELL",
    moments: ["CART"],
    discountPercent: null,
    picks: ["upgrade"],
    copy: { headline: "Upgrade your pick", accept: "Upgrade" },
  },
  {
    id: "last-chance",
    title: "Last chance before checkout",
    description: "Just before checkout, one last small extra at 10% off, for any cart.",
    type: "CROSS_SELL",
    moments: ["PRE_CHECKOUT"],
    discountPercent: "10",
    picks: ["offered"],
    copy: { headline: "Before you go: 10% off", accept: "Add to order" },
  },
  {
    id: "bundle",
    title: "Bundle",
    description: "Products that belong together, 15% off while all of them are in the cart.",
    type: "BUNDLE",
    moments: ["ADD_TO_CART", "CART"],
    discountPercent: "15",
    picks: ["trigger", "offered"],
    copy: { headline: "Better together: 15% off", accept: "Add the set" },
  },
];

export function templateById(id: string): OfferTemplate | undefined {
  return OFFER_TEMPLATES.find((t) => t.id === id);
}

const isEnglish = (locale: string) => /^en(-|$)/i.test(locale);

/**
 * The template over a new offer's state: type, moments, discount and, for an
 * English default locale, the template's headline and button. Products are
 * left as they are; withTemplatePicks() adds the chosen ones.
 */
export function applyTemplate(state: OfferFormState, template: OfferTemplate): OfferFormState {
  const locale = state.locales[0] ?? "en";
  const current = state.content[locale];
  const content = current && isEnglish(locale) ? { ...state.content, [locale]: { ...current, ...template.copy } } : state.content;
  return {
    ...state,
    type: template.type,
    moments: [...template.moments],
    delaySeconds: "0",
    discount: template.discountPercent ? { kind: "PERCENT", percent: template.discountPercent, amount: "" } : { kind: "NONE", percent: "", amount: "" },
    content,
  };
}

/** What the guided pickers returned, by pick. */
export interface TemplatePicks {
  trigger?: ProductRef[];
  offered?: OfferedProduct[];
  upgrade?: { from: OfferedProduct; to: OfferedProduct };
}

const titled = (p: { title: string; handle: string }) => p.title || p.handle;

function listTitles(titles: string[]): string {
  if (titles.length <= 1) return titles[0] ?? "";
  return `${titles.slice(0, -1).join(", ")} and ${titles[titles.length - 1]}`;
}

/** The name the offer gets from its products, so that a template offer needs no typing. */
export function suggestedName(template: OfferTemplate, picks: TemplatePicks): string {
  const offered = listTitles((picks.offered ?? []).map(titled));
  const trigger = listTitles((picks.trigger ?? []).map(titled));
  const name = (() => {
    switch (template.id) {
      case "add-on":
        return offered && trigger ? `${offered} with ${trigger}` : offered;
      case "cart-upgrade":
        return picks.upgrade ? `${titled(picks.upgrade.from)} → ${titled(picks.upgrade.to)}` : "";
      case "last-chance":
        return offered ? `Last chance: ${offered}` : "";
      case "bundle":
        return offered && trigger ? `Bundle: ${trigger} with ${offered}` : "";
    }
  })();
  // The schema's limit; a long product title must not turn a template offer into a field error.
  return name.length > 100 ? `${name.slice(0, 99)}…` : name;
}

/** The chosen products into the offer; the name follows them unless the merchant typed one. */
export function withTemplatePicks(state: OfferFormState, template: OfferTemplate, picks: TemplatePicks): OfferFormState {
  const next: OfferFormState = { ...state };
  if (picks.trigger) next.trigger = { ...state.trigger, products: picks.trigger };
  if (picks.offered) next.items = picks.offered.slice(0, 3);
  if (picks.upgrade) {
    const { from, to } = picks.upgrade;
    // Swapping the whole product unless the merchant chose one variant of it, as the editor's own "Add upgrade" does.
    const fromVariant = from.variantIds.length === 1 ? (from.variantIds[0] ?? null) : null;
    next.upgrades = [{ from: { productId: from.productId, variantId: fromVariant, title: from.title }, to }];
  }
  if (!state.name.trim()) next.name = suggestedName(template, picks);
  return next;
}
