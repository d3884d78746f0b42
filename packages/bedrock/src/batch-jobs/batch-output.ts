import { BedrockEmbeddingsError, checkVector, finishVector } from "@bedrock-embeddings/core";
import { asRecord, optionalString } from "../async-invoke/segment-vector.js";
import type { ModelFamily, WireInput } from "../families/model-family.js";
import type { JsonLine } from "../s3/jsonl.js";

/**
 * An input record the job did not embed: the error record Bedrock wrote, an output it could not
 * be read from, or no output record at all (`errorCode` undefined).
 *
 * @example
 * const failure: BatchRecordFailure = { index: 7, recordId: "R0000000007", errorCode: 400, errorMessage: "Malformed input request" };
 */
export interface BatchRecordFailure {
  index: number;
  recordId: string;
  errorCode: number | string | undefined;
  errorMessage: string;
}

// Every record is one text; its content is not needed to read the output.
const RECORD_INPUT: WireInput = { modality: "text", text: "" };

/**
 * Output records mapped back to the inputs.
 *
 * @example
 * const { vectors, failures, inputTokens } = mapBatchOutput(recordIds, lines, family, modelId, true);
 */
export interface MappedBatchOutput {
  /** One entry per input, in input order; undefined where the record failed. */
  vectors: (number[] | undefined)[];
  failures: BatchRecordFailure[];
  /** Sum of the token counts the records' outputs report. */
  inputTokens: number;
  /** Output lines whose recordId matches no input (or repeats one already mapped). */
  unmatchedRecords: number;
}

/**
 * Maps output lines (`{recordId, modelInput, modelOutput}` or `{recordId, error}`) to input
 * positions by record id, in any order. Every input ends up with a vector or a failure: error
 * records, unreadable outputs and records missing from the output are all reported by index.
 *
 * @example
 * mapBatchOutput(["R0000000000"], [{ line: 1, value: { recordId: "R0000000000", modelOutput: { embedding: [0.6, 0.8] } } }], family, modelId, true);
 */
export function mapBatchOutput(
  recordIds: readonly string[],
  lines: readonly JsonLine[],
  family: ModelFamily,
  modelId: string,
  normalize: boolean,
): MappedBatchOutput {
  const indexById = new Map(recordIds.map((recordId, index) => [recordId, index]));
  const vectors: (number[] | undefined)[] = new Array(recordIds.length).fill(undefined);
  const settled = new Set<number>();
  const failures: BatchRecordFailure[] = [];
  let inputTokens = 0;
  let unmatchedRecords = 0;
  let expected: number | undefined;
  for (const { value } of lines) {
    const record = asRecord(value) ?? {};
    const recordId = optionalString(record["recordId"]) ?? "";
    const index = indexById.get(recordId);
    if (index === undefined || settled.has(index)) {
      unmatchedRecords++;
      continue;
    }
    settled.add(index);
    if (record["error"] !== undefined || record["modelOutput"] === undefined) {
      failures.push({ index, recordId, ...describeError(record["error"]) });
      continue;
    }
    try {
      const parsed = family.parseResponse(record["modelOutput"], modelId, [RECORD_INPUT]);
      const vector = checkVector(parsed.perInput[0]?.[0]?.byType.float, index, expected, modelId);
      expected ??= vector.length;
      vectors[index] = finishVector(vector, index, normalize, false);
      inputTokens += parsed.inputTokens ?? 0;
    } catch (error) {
      if (!BedrockEmbeddingsError.isInstance(error)) throw error;
      failures.push({ index, recordId, errorCode: error.name, errorMessage: error.message });
    }
  }
  recordIds.forEach((recordId, index) => {
    if (!settled.has(index)) {
      failures.push({
        index,
        recordId,
        errorCode: undefined,
        errorMessage: "the job wrote no output record for it.",
      });
    }
  });
  failures.sort((left, right) => left.index - right.index);
  return { vectors, failures, inputTokens, unmatchedRecords };
}

function describeError(error: unknown): { errorCode: number | string | undefined; errorMessage: string } {
  const record = asRecord(error);
  if (record) {
    const code = record["errorCode"];
    return {
      errorCode: typeof code === "number" || typeof code === "string" ? code : undefined,
      errorMessage:
        optionalString(record["errorMessage"]) ?? optionalString(record["message"]) ?? JSON.stringify(error),
    };
  }
  if (typeof error === "string") return { errorCode: undefined, errorMessage: error };
  return { errorCode: undefined, errorMessage: "the record has neither modelOutput nor error." };
}
