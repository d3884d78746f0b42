import { describe, expect, it } from "vitest";
import { decodeVectorBytes, encodeVectorBytes } from "./vector-bytes.js";

describe("vector bytes", () => {
  it("stores float32 values as little-endian float32", () => {
    const bytes = encodeVectorBytes([0.5, -1.25]);
    expect([...bytes]).toEqual([4, 0, 0, 0, 0x3f, 0, 0, 0xa0, 0xbf]);
    expect(decodeVectorBytes(bytes)).toEqual([0.5, -1.25]);
  });

  it("keeps values float32 cannot hold exactly, bit for bit, as float64", () => {
    const vector = [0.1234567, 1 / 3, -2e-9];
    const bytes = encodeVectorBytes(vector);
    expect(bytes[0]).toBe(8);
    expect(bytes.length).toBe(1 + 3 * 8);
    expect(Object.is(decodeVectorBytes(bytes)![1], 1 / 3)).toBe(true);
    expect(decodeVectorBytes(bytes)).toEqual(vector);
  });

  it("reads anything else as no vector", () => {
    expect(decodeVectorBytes(Buffer.from("hello"))).toBeUndefined();
    expect(decodeVectorBytes(Buffer.from([4, 0, 0]))).toBeUndefined();
    expect(decodeVectorBytes(Buffer.from([8, 0, 0, 0, 0]))).toBeUndefined();
    expect(decodeVectorBytes(Buffer.alloc(0))).toBeUndefined();
  });
});
