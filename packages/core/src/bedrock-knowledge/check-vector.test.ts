import { describe, expect, it } from "vitest";
import { ResponseError } from "../errors/response-error.js";
import { VectorError } from "../errors/vector-error.js";
import { checkVector, finishVector } from "./check-vector.js";

const MODEL = "amazon.titan-embed-text-v2:0";

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("checkVector", () => {
  it("returns a list of finite numbers of the expected length as it is", () => {
    const vector = [0.6, 0.8];
    expect(checkVector(vector, 0, 2, MODEL)).toBe(vector);
    expect(checkVector(vector, 0, undefined, MODEL)).toBe(vector);
  });

  it.each([
    [undefined, "undefined"],
    [[], "an empty list"],
    [{ embedding: [1] }, "an object"],
    ["0.1,0.2", "a string"],
  ])("refuses %j as a ResponseError naming the input", (raw, described) => {
    const error = thrown(() => checkVector(raw, 3, undefined, MODEL));
    expect(ResponseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ index: 3, modelId: MODEL });
    expect((error as Error).message).toMatch(
      `The vector for input 3 is ${described}, not a list of numbers.`,
    );
  });

  it.each([
    { raw: [0.1, Number.NaN], shown: "NaN" },
    { raw: [0.1, Number.POSITIVE_INFINITY], shown: "Infinity" },
    { raw: [0.1, null], shown: "null" },
    { raw: [0.1, "0.2"], shown: "0.2" },
  ])("refuses a non-finite component ($shown) as a ResponseError with a fix", ({ raw, shown }) => {
    const error = thrown(() => checkVector(raw, 1, 2, MODEL)) as ResponseError;
    expect(ResponseError.isInstance(error)).toBe(true);
    expect(error.index).toBe(1);
    expect(error.fix).toMatch(/retry/);
    // The fix once: it used to be appended twice.
    expect(error.message).toBe(
      `The vector for input 1 has a non-finite value (${shown}) at position 1. ${error.fix}`,
    );
  });

  it("refuses the wrong length with expected and actual", () => {
    const error = thrown(() => checkVector([1, 2, 3], 2, 4, MODEL));
    expect(error).toMatchObject({ code: "RESPONSE", index: 2, expected: 4, actual: 3 });
    expect((error as Error).message).toMatch(/^The vector for input 2 has 3 dimensions, expected 4\. /);
  });

  it("names a subject instead of an input when given one", () => {
    const error = thrown(() => checkVector([1], undefined, 2, MODEL, "segment 4 of s3://b/out.jsonl"));
    expect(error).toMatchObject({ index: undefined });
    expect((error as Error).message).toMatch(
      /^The vector for segment 4 of s3:\/\/b\/out\.jsonl has 1 dimensions, expected 2\./,
    );
  });
});

describe("finishVector", () => {
  it("normalizes client-side unless the server did or normalize is off", () => {
    expect(finishVector([3, 4], 0, true, false)).toEqual([0.6, 0.8]);
    const served = [0.6, 0.8];
    expect(finishVector(served, 0, true, true)).toBe(served);
    const raw = [3, 4];
    expect(finishVector(raw, 0, false, false)).toBe(raw);
  });

  it.each([false, true])(
    "refuses a zero vector as a VectorError naming the input (server normalized: %s)",
    (server) => {
      const error = thrown(() => finishVector([0, 0], 5, true, server)) as VectorError;
      expect(VectorError.isInstance(error)).toBe(true);
      expect(error.index).toBe(5);
      expect(error.message).toMatch(/^input 5 is all zeros and cannot be normalized\. Check/);
    },
  );

  it("keeps a zero vector when not normalizing", () => {
    expect(finishVector([0, 0], 0, false, false)).toEqual([0, 0]);
  });
});
