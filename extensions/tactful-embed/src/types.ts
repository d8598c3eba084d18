import type { Moment, PopupStyle } from "@tactful/engine/types";

/* The shapes this script reads: Shopify's Ajax API and the embed's JSON. */

export interface AjaxLine {
  key: string;
  id: number;
  product_id: number;
  variant_id: number;
  quantity: number;
  price: number;
  original_price?: number;
  handle: string;
  product_title?: string;
  variant_title?: string | null;
  image?: string | null;
  properties?: Record<string, string> | null;
}

export interface AjaxCart {
  currency: string;
  item_count: number;
  items: AjaxLine[];
  attributes?: Record<string, string> | null;
}

export interface AjaxVariant {
  id: number;
  title: string;
  price: number;
  compare_at_price?: number | null;
  available: boolean;
  featured_image?: { src: string } | null;
  /** Not in Shopify's public product JSON; the admin preview may pass it. */
  inventory_quantity?: number;
}

export interface AjaxProduct {
  id: number;
  handle: string;
  title: string;
  featured_image?: string | null;
  images?: string[];
  tags?: string[];
  variants: AjaxVariant[];
}

/** The block's own strings (from its locale files), so the popup speaks the storefront's language. */
export interface Strings {
  close: string;
  added: string;
  /** "Only {n} left" */
  left: string;
  /** "Offer ends {date}" */
  ends: string;
  now: string;
  up: string;
  option: string;
  diff: string;
}

export interface EmbedContext {
  loggedIn?: boolean;
  customerTags?: string[];
  returning?: boolean;
  country?: string;
  currency?: string;
  /** Minor-unit digits of the shop currency, which offer amounts are written in (Liquid knows it). */
  shopDigits?: number;
  locale?: string;
  root?: string;
  pageType?: string;
  moneyFormat?: string;
  market?: string;
  /** Variant id -> stock, printed by Liquid for offered variants whose stock is tracked and low. */
  inv?: Record<string, number>;
  strings?: Partial<Strings>;
  /** The theme editor's style, when the merchant chose to override the app's. */
  style?: Partial<PopupStyle>;
  preview?: { cart: AjaxCart; products?: Record<string, AjaxProduct>; moment?: Moment };
  /** The popup module's URL (Liquid's asset_url); absent in the admin preview, which inlines the module. */
  module?: string;
  /** The cart chunk's URL (Liquid's asset_url), fetched when a popup is shown (decision record 0081); absent in the admin preview, which changes no cart. */
  cart?: string;
  /** The session debugger's URL (Liquid's asset_url), loaded only after the app accepted a signed debug link (decision record 0090). */
  debug?: string;
}
