import { describe, expect, it } from "vitest";
import { MODEL_FAMILIES } from "../families/catalog.js";
import { mapBatchOutput } from "./batch-output.js";
import { indexOfRecordId, recordIdFor } from "./record-ids.js";

const family = MODEL_FAMILIES["titan-text-v2"];
const MODEL = "amazon.titan-embed-text-v2:0";

describe("record ids", () => {
  it("are 11 alphanumeric characters that map back to the index", () => {
    for (const index of [0, 1, 35, 36, 1295, 123_456_789]) {
      const id = recordIdFor(index);
      expect(id).toMatch(/^[A-Za-z0-9]{11}$/);
      expect(indexOfRecordId(id)).toBe(index);
    }
    expect(recordIdFor(1295)).toBe("R00000000zz");
    expect(indexOfRecordId("CALL0000001")).toBeUndefined();
    expect(indexOfRecordId(7)).toBeUndefined();
  });
});

describe("mapping batch output back to inputs", () => {
  const ids = [0, 1, 2, 3].map(recordIdFor);
  const output = (index: number, embedding: number[], tokens = 3) => ({
    line: index + 1,
    value: {
      recordId: recordIdFor(index),
      modelInput: { inputText: `t${index}` },
      modelOutput: { embedding, inputTextTokenCount: tokens },
    },
  });

  it("puts out-of-order records at their inputs, normalizes, and sums tokens", () => {
    const mapped = mapBatchOutput(
      ids,
      [output(3, [0, 2]), output(0, [3, 4]), output(2, [1, 0]), output(1, [0, 1])],
      family,
      MODEL,
      true,
    );
    expect(mapped.vectors).toEqual([
      [0.6, 0.8],
      [0, 1],
      [1, 0],
      [0, 1],
    ]);
    expect(mapped.failures).toEqual([]);
    expect(mapped.inputTokens).toBe(12);
  });

  it("reports error records, missing records and unreadable outputs by index, keeping the rest", () => {
    const mapped = mapBatchOutput(
      ids,
      [
        output(2, [1, 0]),
        {
          line: 2,
          value: {
            recordId: recordIdFor(1),
            modelInput: {},
            error: { errorCode: 400, errorMessage: "Malformed input request" },
          },
        },
        { line: 3, value: { recordId: recordIdFor(3), modelOutput: { embedding: [0, Number.NaN] } } },
      ],
      family,
      MODEL,
      true,
    );
    expect(mapped.vectors).toEqual([undefined, undefined, [1, 0], undefined]);
    expect(mapped.failures).toEqual([
      {
        index: 0,
        recordId: ids[0],
        errorCode: undefined,
        errorMessage: "the job wrote no output record for it.",
      },
      { index: 1, recordId: ids[1], errorCode: 400, errorMessage: "Malformed input request" },
      {
        index: 3,
        recordId: ids[3],
        errorCode: "ResponseError",
        errorMessage: expect.stringContaining("non-finite"),
      },
    ]);
  });

  it("counts foreign and repeated records as unmatched instead of overwriting", () => {
    const mapped = mapBatchOutput(
      ids.slice(0, 1),
      [
        output(0, [1, 0]),
        output(0, [0, 1]),
        { line: 3, value: { recordId: "CALL0000001", modelOutput: { embedding: [1] } } },
      ],
      family,
      MODEL,
      false,
    );
    expect(mapped.vectors).toEqual([[1, 0]]);
    expect(mapped.unmatchedRecords).toBe(2);
  });

  it("reports a vector whose length differs from the others, and string errors", () => {
    const mapped = mapBatchOutput(
      ids.slice(0, 3),
      [output(0, [1, 0]), output(1, [1, 0, 0]), { line: 3, value: { recordId: ids[2], error: "timed out" } }],
      family,
      MODEL,
      true,
    );
    expect(mapped.vectors[0]).toEqual([1, 0]);
    expect(mapped.failures.map((failure) => [failure.index, failure.errorMessage])).toEqual([
      [1, expect.stringMatching(/3 dimensions, expected 2/)],
      [2, "timed out"],
    ]);
  });
});
