/*
 * The post-purchase page's own words (the offer's copy comes from the
 * merchant, per locale). Post-purchase extensions have no translation API, so
 * the few labels live here, looked up by the checkout's language with English
 * as the fallback. In the engine because two surfaces say them: the extension
 * (tactful-post-purchase) and the editor's preview of that page, which may
 * not import the extension (decision 0064).
 */

export interface Strings {
  product: string;
  variant: string;
  quantity: string;
  subtotal: string;
  shipping: string;
  taxes: string;
  total: string;
  free: string;
  off: (percent: number) => string;
  pay: (amount: string) => string;
  decline: string;
  endsOn: (date: string) => string;
  failed: string;
}

const en: Strings = {
  product: "Product",
  variant: "Option",
  quantity: "Quantity",
  subtotal: "Subtotal",
  shipping: "Shipping",
  taxes: "Taxes",
  total: "Total",
  free: "Free",
  off: (p) => `${p}% off`,
  pay: (a) => `Pay now · ${a}`,
  decline: "Decline this offer",
  endsOn: (d) => `Offer ends ${d}`,
  failed: "This item could not be added. You have not been charged.",
};

const TABLE: Record<string, Strings> = {
  en,
  fr: {
    product: "Produit",
    variant: "Option",
    quantity: "Quantité",
    subtotal: "Sous-total",
    shipping: "Expédition",
    taxes: "Taxes",
    total: "Total",
    free: "Gratuit",
    off: (p) => `-${p} %`,
    pay: (a) => `Payer maintenant · ${a}`,
    decline: "Refuser cette offre",
    endsOn: (d) => `Offre valable jusqu’au ${d}`,
    failed: "Cet article n’a pas pu être ajouté. Vous n’avez pas été débité.",
  },
  de: {
    product: "Produkt",
    variant: "Option",
    quantity: "Menge",
    subtotal: "Zwischensumme",
    shipping: "Versand",
    taxes: "Steuern",
    total: "Gesamt",
    free: "Kostenlos",
    off: (p) => `${p} % Rabatt`,
    pay: (a) => `Jetzt bezahlen · ${a}`,
    decline: "Angebot ablehnen",
    endsOn: (d) => `Angebot endet am ${d}`,
    failed: "Der Artikel konnte nicht hinzugefügt werden. Es wurde nichts berechnet.",
  },
  ar: {
    product: "المنتج",
    variant: "الخيار",
    quantity: "الكمية",
    subtotal: "المجموع الفرعي",
    shipping: "الشحن",
    taxes: "الضرائب",
    total: "الإجمالي",
    free: "مجاني",
    off: (p) => `خصم ${p}٪`,
    pay: (a) => `ادفع الآن · ${a}`,
    decline: "رفض هذا العرض",
    endsOn: (d) => `ينتهي العرض في ${d}`,
    failed: "تعذّرت إضافة هذا المنتج. لم يتم خصم أي مبلغ.",
  },
};

export function stringsFor(locale: string): Strings {
  return TABLE[locale.split("-")[0]?.toLowerCase() ?? ""] ?? en;
}
