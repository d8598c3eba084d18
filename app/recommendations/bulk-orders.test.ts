import { describe, expect, it } from "vitest";
import { BulkOrdersReader, ordersBackfillQuery } from "./bulk-orders";

describe("reading the backfill's JSONL", () => {
  it("joins line items to their order by __parentId, whether they come right after it, later, or (defensively) before it", () => {
    const r = new BulkOrdersReader();
    r.add({
      id: "gid://shopify/LineItem/9",
      product: { id: "gid://shopify/Product/3" },
      __parentId: "gid://shopify/Order/2",
    });
    r.add({ id: "gid://shopify/Order/1", createdAt: "2026-10-01T00:00:00Z" });
    r.add({
      id: "gid://shopify/LineItem/1",
      product: { id: "gid://shopify/Product/1" },
      __parentId: "gid://shopify/Order/1",
    });
    r.add({ id: "gid://shopify/Order/2", createdAt: "2026-10-02T00:00:00Z" });
    r.add({ id: "gid://shopify/LineItem/2", product: null, __parentId: "gid://shopify/Order/1" });
    r.add({
      id: "gid://shopify/LineItem/3",
      product: { id: "gid://shopify/Product/2" },
      __parentId: "gid://shopify/Order/1",
    });
    r.add({ nonsense: true });
    expect(r.baskets(10)).toEqual([
      { orderId: "2", orderedAt: new Date("2026-10-02T00:00:00Z"), productIds: ["gid://shopify/Product/3"] },
      {
        orderId: "1",
        orderedAt: new Date("2026-10-01T00:00:00Z"),
        productIds: ["gid://shopify/Product/1", null, "gid://shopify/Product/2"],
      },
    ]);
    expect(r.unreadable).toBe(1);
    expect(r.baskets(1).map((b) => b.orderId)).toEqual(["2"]);
  });

  it("asks for orders since a day, newest first, with each line's product, and no page size", () => {
    const q = ordersBackfillQuery("2025-11-30");
    expect(q).toContain('orders(query: "created_at:>=2025-11-30", sortKey: CREATED_AT, reverse: true)');
    expect(q).toMatch(/lineItems\s*{\s*edges\s*{\s*node\s*{\s*id\s*product\s*{\s*id/);
    expect(q).not.toMatch(/first:/);
  });
});
