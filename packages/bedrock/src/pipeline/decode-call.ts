import {
  type BatchFailure,
  type EmbeddingResult,
  type EmbeddingType,
  ResponseError,
} from "@bedrock-embeddings/core";
import type { InvokeResult } from "../call/invoke.js";
import type { WireInput } from "../families/model-family.js";
import type { CallContext } from "./call-context.js";
import { decodeResult } from "./decode-results.js";

/**
 * What the decode step made of an answer: a result or a failure per input.
 *
 * @example
 * const { results, failures } = decodeCall(context, response, inputs, indexes, ["float"], report);
 */
export interface DecodedCall {
  results: (EmbeddingResult | undefined)[];
  failures: BatchFailure[];
}

/**
 * The decode and check steps of a call: the family's codec parses the body (throwing
 * ResponseError for a shape it does not know), the count must match the call's inputs, then each
 * input's embeddings are checked and finished on their own (`decodeResult`), so one bad vector
 * fails its input only. The input tokens (the body's count, else the header's) are reported as
 * soon as they are read, before anything can throw. Throws when the whole answer is unusable.
 *
 * @example
 * const decoded = decodeCall(context, response, [{ modality: "text", text: "hi" }], [0], ["float"], report);
 */
export function decodeCall(
  context: CallContext,
  response: InvokeResult,
  inputs: readonly WireInput[],
  indexes: readonly number[],
  types: readonly EmbeddingType[],
  reportTokens: (tokens: number | undefined) => void,
): DecodedCall {
  const { modelId, family } = context;
  const parsed = family.parseResponse(response.body, modelId, inputs);
  reportTokens(parsed.inputTokens ?? response.inputTokenCount);
  const count = parsed.perInput.length;
  if (count !== inputs.length) {
    const what = inputs[0]?.modality === "text" ? ["vectors", "texts"] : ["embeddings", "inputs"];
    throw new ResponseError(
      `The response for ${modelId} holds ${count} ${what[0]} for ${inputs.length} ${what[1]} (inputs ${describeIndexes(indexes)}).`,
      { modelId, expected: inputs.length, actual: count, index: indexes[0] },
    );
  }
  const decode = { modelId, family, normalize: context.normalize, dimension: context.dimension, types };
  const results: (EmbeddingResult | undefined)[] = new Array(count);
  const failures: BatchFailure[] = [];
  for (let offset = 0; offset < count; offset++) {
    const index = indexes[offset]!;
    try {
      results[offset] = decodeResult(decode, parsed.perInput[offset]!, inputs[offset]!, index);
    } catch (error) {
      results[offset] = undefined;
      failures.push({ index, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return { results, failures };
}

/**
 * `0` or `3-5`, for messages about the inputs of one call.
 *
 * @example
 * describeIndexes([3, 4, 5]); // "3-5"
 */
export function describeIndexes(indexes: readonly number[]): string {
  if (indexes.length === 0) return "none";
  return indexes.length === 1 ? String(indexes[0]) : `${indexes[0]}-${indexes[indexes.length - 1]}`;
}
