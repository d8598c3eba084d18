import { describe, expect, it } from "vitest";
import { offerDefinitionSchema } from "../offers/offer.schema";
import { definitionInput } from "../offers/offer-fixtures";
import { localesInOrder, offerStateFrom } from "./offer-form";

const row = { name: "Socks", status: "ACTIVE", type: "CROSS_SELL", priority: 0, moments: ["CART"] };
const copy = { headline: "H", body: "B", accept: "A", decline: "D" };

describe("the editor's languages", () => {
  it("open on the shop's default language whatever order the database kept the content's keys in (PostgreSQL's jsonb sorts them)", () => {
    for (const content of [{ en: copy, ar: copy }, { ar: copy, en: copy }]) {
      const d = offerDefinitionSchema.parse(definitionInput({ content }));
      expect(offerStateFrom(row, d, "EUR", "en").locales).toEqual(["en", "ar"]);
      expect(offerStateFrom(row, d, "EUR", "ar").locales).toEqual(["ar", "en"]);
    }
  });

  it("put the default first and the rest alphabetically, matching the default's case loosely", () => {
    expect(localesInOrder(["fr", "pt-BR", "de", "EN"], "en")).toEqual(["EN", "de", "fr", "pt-BR"]);
    expect(localesInOrder(["fr", "de"], "en")).toEqual(["de", "fr"]);
  });
});
