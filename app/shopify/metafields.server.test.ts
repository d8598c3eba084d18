import { describe, expect, it } from "vitest";
import { metafieldBatches, type MetafieldsSetInput } from "./metafields.server";

const mf = (key: string): MetafieldsSetInput => ({ ownerId: "gid://shopify/AppInstallation/1", namespace: "tactful", key, type: "json", value: "{}" });
const keys = (batches: MetafieldsSetInput[][]) => batches.map((b) => b.map((m) => m.key));

describe("metafield batches", () => {
  it("content goes first in calls of at most 25, and each group lands whole in one call, the last group last", () => {
    const content = Array.from({ length: 30 }, (_, i) => mf(`content_${i}`));
    const checkout = ["content_1", "content_2", "content_3", "content_4", "content_5", "content_6"].map((k) => mf(`checkout_${k}`));
    const last = [mf("config"), mf("checkout_config"), mf("function_config")];
    const batches = metafieldBatches(content, [checkout, last]);
    expect(batches.every((b) => b.length <= 25)).toBe(true);
    expect(keys(batches).flat()).toEqual([...content, ...checkout, ...last].map((m) => m.key));
    for (const group of [checkout, last]) expect(batches.filter((b) => b.some((m) => group.includes(m)))).toHaveLength(1);
    expect(batches.at(-1)?.at(-1)?.key).toBe("function_config");
  });

  it("a group that does not fit beside the content opens a call of its own", () => {
    const content = Array.from({ length: 24 }, (_, i) => mf(`content_${i}`));
    expect(keys(metafieldBatches(content, [[mf("a"), mf("b")]])).map((b) => b.length)).toEqual([24, 2]);
    expect(keys(metafieldBatches([], [[mf("a")], [mf("b")]]))).toEqual([["a", "b"]]);
  });
});
