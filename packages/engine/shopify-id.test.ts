import { describe, expect, it } from "vitest";
import { numericId } from "./shopify-id";

describe("numericId, the one id form every surface compares", () => {
  it("keeps the numeric part of a Shopify gid and passes a bare id through", () => {
    expect(numericId("gid://shopify/ProductVariant/45123")).toBe("45123");
    expect(numericId("gid://shopify/Collection/77")).toBe("77");
    expect(numericId("45123")).toBe("45123");
  });
});
