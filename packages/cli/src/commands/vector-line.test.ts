import { describe, expect, it } from "vitest";
import { vectorLine } from "./vector-line.js";

describe("vectorLine", () => {
  it("writes the index, the stdin line when there is one, the dimension and the vector", () => {
    expect(vectorLine(3, 5, [0.5, -0.25], { format: "json", precision: undefined })).toBe(
      '{"index":3,"line":5,"dimension":2,"vector":[0.5,-0.25]}\n',
    );
    expect(vectorLine(0, undefined, [1], { format: "json", precision: undefined })).toBe(
      '{"index":0,"dimension":1,"vector":[1]}\n',
    );
  });

  it("rounds to --precision decimal places and prints the short decimal", () => {
    const line = vectorLine(0, undefined, [0.123456789, -0.98765432, 0.00004], {
      format: "json",
      precision: 4,
    });
    expect(line).toBe('{"index":0,"dimension":3,"vector":[0.1235,-0.9877,0]}\n');
  });

  it("writes little-endian float32 bytes in base64 for --format base64", () => {
    const vector = [0.1, -2.5, 3e-8];
    const parsed = JSON.parse(vectorLine(1, 2, vector, { format: "base64", precision: undefined })) as {
      vectorBase64: string;
      dimension: number;
    };
    expect(parsed.dimension).toBe(3);
    const bytes = Buffer.from(parsed.vectorBase64, "base64");
    expect([0, 1, 2].map((position) => bytes.readFloatLE(position * 4))).toEqual(
      vector.map((value) => Math.fround(value)),
    );
  });
});
