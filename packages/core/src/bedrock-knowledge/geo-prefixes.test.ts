import { describe, expect, it } from "vitest";
import { GEO_PREFIXES, splitGeoPrefix } from "./geo-prefixes.js";

describe("GEO_PREFIXES", () => {
  it("lists the documented cross-region geographies and nothing else", () => {
    expect([...GEO_PREFIXES].sort()).toEqual(["amer", "apac", "au", "eu", "global", "jp", "us", "us-gov"]);
  });
});

describe("splitGeoPrefix", () => {
  it.each(GEO_PREFIXES)("splits %s. from the model id", (prefix) => {
    expect(splitGeoPrefix(`${prefix}.cohere.embed-v4:0`)).toEqual({
      bareId: "cohere.embed-v4:0",
      geoPrefix: prefix,
    });
  });

  it.each(["ca", "sa", "ap", "xx"])("leaves %s. alone: it is not a profile prefix", (prefix) => {
    const id = `${prefix}.amazon.titan-embed-text-v2:0`;
    expect(splitGeoPrefix(id)).toEqual({ bareId: id, geoPrefix: undefined });
  });

  it("tells us-gov. from us.", () => {
    expect(splitGeoPrefix("us-gov.amazon.titan-embed-text-v2:0").geoPrefix).toBe("us-gov");
  });
});
