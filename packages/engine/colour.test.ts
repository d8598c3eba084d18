import { describe, expect, it } from "vitest";
import { onColour } from "./colour";

describe("text on the merchant's accent", () => {
  it("is black on light colours and white on dark ones", () => {
    expect(["#ffffff", "#f2c94c", "#a8e6cf"].map(onColour)).toEqual(["#000", "#000", "#000"]);
    expect(["#000000", "#121212", "#1a73e8", "#b5451b"].map(onColour)).toEqual(["#fff", "#fff", "#fff", "#fff"]);
  });
});
