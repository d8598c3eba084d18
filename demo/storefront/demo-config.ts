import type { Moment, OfferedItem, OfferType, StorefrontConfig } from "@tactful/engine/types";
import { compileStorefrontConfig } from "../../app/offers/offer-compiler";
import { offerDefinitionSchema, type OfferDefinitionInput, type OfferRecord } from "../../app/offers/offer.schema";
import { shopSettingsSchema, type ShopSettingsInput } from "../../app/offers/settings.schema";
import { seedCatalog, type SimProduct } from "../../app/demo-mode/catalog";

/*
 * Offers for the simulated shop, written the way the admin stores them and
 * compiled by the one real compiler, so the storefront sees exactly what a
 * merchant's offers would produce.
 */

const catalog = seedCatalog();
export function product(handle: string): SimProduct {
  const p = catalog.find((x) => x.handle === handle);
  if (!p) throw new Error(`no product ${handle} in the seeded catalog`);
  return p;
}
export const item = (handle: string) => {
  const p = product(handle);
  return { productId: String(p.id), handle, title: p.title, variantIds: p.variants.map((v) => String(v.id)) };
};
export const ref = (handle: string) => ({ id: String(product(handle).id), title: product(handle).title, handle });
export const upgrade = (from: string, to: string) => ({ from: { productId: String(product(from).id), variantId: null, title: product(from).title }, to: item(to) });

export interface OfferSpec {
  id: string;
  type: OfferType;
  moments: Moment[];
  priority?: number;
  definition: OfferDefinitionInput;
}

export function offerRecord(s: OfferSpec): OfferRecord {
  return { id: s.id, name: s.id, status: "ACTIVE", type: s.type, priority: s.priority ?? 0, moments: s.moments, definition: offerDefinitionSchema.parse(s.definition) };
}

/** `coPurchase`: the co-purchase lists a sync would carry for automatic offers (trigger product id -> items). */
export function compile(specs: OfferSpec[], settings: ShopSettingsInput = {}, coPurchase?: Record<string, OfferedItem[]>): StorefrontConfig {
  return compileStorefrontConfig(specs.map(offerRecord), shopSettingsSchema.parse(settings), coPurchase ? { coPurchase } : {});
}

const copy = (headline: string, body: string, accept: string, decline = "No thanks") => ({ headline, body, accept, decline });

export function demoSpecs(): OfferSpec[] {
  return [
    {
      id: "phone-upgrade",
      type: "UPSELL",
      moments: ["ADD_TO_CART"],
      priority: 10,
      definition: {
        upgrades: [upgrade("phone-x", "phone-x-pro")],
        delayMs: 600,
        content: {
          en: copy("Double the storage, better camera", "Swap to the Pro: 256 GB and a telephoto lens.", "Upgrade"),
          fr: copy("Deux fois plus de stockage", "Passez au Pro : 256 Go et un téléobjectif.", "Passer au Pro", "Non merci"),
          ar: copy("ضعف مساحة التخزين", "انتقل إلى برو: 256 جيجابايت وعدسة مقربة.", "ترقية", "لا شكرًا"),
        },
      },
    },
    {
      id: "runner-socks",
      type: "CROSS_SELL",
      moments: ["ADD_TO_CART", "CART"],
      definition: {
        trigger: { products: [ref("trail-runner"), ref("trail-runner-pro")] },
        items: [item("merino-socks"), item("shoe-care-kit")],
        discount: { kind: "PERCENT", bps: 1000 },
        delayMs: 600,
        urgency: { lowStockBelow: 5 },
        content: {
          en: copy("Complete your run", "Merino socks that keep blisters away, 10% off with your shoes.", "Add"),
          fr: copy("Complétez votre course", "Des chaussettes en mérinos, -10 % avec vos chaussures.", "Ajouter", "Non merci"),
          ar: copy("أكمل جريك", "جوارب صوف مرينو تمنع البثور، خصم 10٪ مع حذائك.", "أضف", "لا شكرًا"),
        },
      },
    },
    {
      id: "coffee-bundle",
      type: "BUNDLE",
      moments: ["ADD_TO_CART", "CART"],
      definition: {
        trigger: { products: [ref("coffee-grinder")] },
        items: [item("coffee-beans"), item("french-press")],
        discount: { kind: "PERCENT", bps: 1500 },
        content: { en: copy("Brew it right away", "Beans and a press for your grinder, 15% off together.", "Add both") },
      },
    },
    {
      id: "yoga-block",
      type: "CROSS_SELL",
      moments: ["PRE_CHECKOUT"],
      definition: {
        trigger: { products: [ref("yoga-mat"), ref("yoga-mat-premium")] },
        items: [item("yoga-block")],
        content: { en: copy("One more thing for your practice", "A cork block steadies every pose.", "Add block") },
      },
    },
  ];
}

export const demoConfig = (): StorefrontConfig => compile(demoSpecs());
