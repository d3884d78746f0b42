import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { ResponseError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import type { InvokeResult } from "../call/invoke.js";
import type { WireInput } from "../families/model-family.js";
import { testContext } from "./call-context.test-helpers.js";
import { decodeCall, describeIndexes } from "./decode-call.js";

const client = {} as BedrockRuntimeClient;
const texts = (...values: string[]): WireInput[] => values.map((text) => ({ modality: "text", text }));
const answer = (body: unknown, inputTokenCount?: number): InvokeResult => ({
  body,
  inputTokenCount,
  requestId: "r",
  httpStatus: 200,
});

describe("the decode step", () => {
  it("gives one checked result per input and reports the body's tokens, else the header's", () => {
    const tokens: (number | undefined)[] = [];
    const context = testContext(client, "cohere-v3");
    const decoded = decodeCall(
      context,
      answer(
        {
          embeddings: [
            [3, 4],
            [0, 1],
          ],
        },
        7,
      ),
      texts("a", "b"),
      [4, 5],
      ["float"],
      (count) => tokens.push(count),
    );
    expect(decoded.results.map((result) => result?.vector)).toEqual([
      [3, 4],
      [0, 1],
    ]);
    expect(decoded.failures).toEqual([]);
    expect(tokens).toEqual([7]);
  });

  it("fails only the input whose vector is bad", () => {
    const context = testContext(client, "cohere-v3");
    const decoded = decodeCall(
      context,
      answer({
        embeddings: [
          [1, 2],
          [Number.NaN, 1],
        ],
      }),
      texts("a", "b"),
      [0, 1],
      ["float"],
      () => {},
    );
    expect(decoded.results[0]?.vector).toEqual([1, 2]);
    expect(decoded.results[1]).toBeUndefined();
    expect(decoded.failures.map((failure) => failure.index)).toEqual([1]);
  });

  it("throws when the answer holds another count than the call's inputs, after reporting tokens", () => {
    const tokens: (number | undefined)[] = [];
    const context = testContext(client, "cohere-v3");
    expect(() =>
      decodeCall(
        context,
        answer({ embeddings: [[1]] }, 9),
        texts("a", "b", "c"),
        [0, 1, 2],
        ["float"],
        (count) => tokens.push(count),
      ),
    ).toThrow(/holds 1 vectors for 3 texts \(inputs 0-2\)/);
    expect(tokens).toEqual([9]);
    expect(() => decodeCall(context, answer("nope"), texts("a"), [0], ["float"], () => {})).toThrowError(
      ResponseError,
    );
  });

  it("names the inputs of a call briefly", () => {
    expect(describeIndexes([])).toBe("none");
    expect(describeIndexes([3])).toBe("3");
    expect(describeIndexes([3, 4, 5])).toBe("3-5");
  });
});
