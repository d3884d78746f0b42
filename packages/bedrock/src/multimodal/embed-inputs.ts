import { setMaxListeners } from "node:events";
import {
  addUsage,
  BatchEmbeddingError,
  type BatchFailure,
  type BedrockApiError,
  type BoundedResult,
  ConfigurationError,
  type EmbeddingResult,
  type EmbeddingUsage,
  type EmbedInputsOptions,
  emptyUsage,
  type InputModality,
  type Limiter,
  type MemoryAction,
  ResponseError,
  runBounded,
} from "@bedrock-embeddings/core";
import { type CallContext, type CallResult, describeIndexes, invokeCall } from "../call/embed-call.js";
import { guardRun } from "../call/run-guard.js";
import type { CallKind } from "../call/timeouts.js";
import type { RequestSettings } from "../families/model-family.js";
import type { CallCostEstimator } from "../pricing/call-cost.js";
import { estimateCostUsd } from "../pricing/estimate-cost.js";
import { checkEmbeddingTypes, checkInputType, type EmbedderSettings } from "../settings.js";
import { decodeResult } from "./decode-results.js";
import { type MediaFiles, nodeMediaFiles } from "./media-source.js";
import { type PlannedInputCall, planInputCalls } from "./plan-input-calls.js";
import { prepareInputs } from "./prepare-inputs.js";

/** What `embedInputs` needs from the embedder: its call path, shared limiter and settings. */
export interface InputsRunner {
  context: CallContext;
  limiter: Limiter;
  settings: EmbedderSettings;
  /** Request settings for the memory action (already validated by the embedder). */
  base: RequestSettings;
  files?: MediaFiles;
}

/**
 * Results of `embedInputs` with the usage of the run.
 *
 * @example
 * const { results, usage } = await embedder.embedInputsDetailed([{ image: { file: "cat.png" } }]);
 */
export interface DetailedResults {
  results: EmbeddingResult[];
  usage: EmbeddingUsage;
}

const DETAIL_LEVELS = ["STANDARD_IMAGE", "DOCUMENT_IMAGE"] as const;

/**
 * Checks and loads every input, plans calls per modality and family limits, sends them through
 * the embedder's call path (retries, limiter, events), and decodes one result per input.
 * Failures follow `embedBatch`: an error that dooms every call is thrown as that
 * BedrockApiError; other failures give a BatchEmbeddingError keeping every result embedded.
 */
export async function runEmbedInputs(
  runner: InputsRunner,
  inputs: unknown,
  memoryAction: MemoryAction | undefined,
  options: EmbedInputsOptions = {},
): Promise<DetailedResults> {
  const { context, settings } = runner;
  const family = settings.family;
  const types =
    options.embeddingTypes === undefined
      ? settings.embeddingTypes
      : checkEmbeddingTypes(family, options.embeddingTypes, "options.embeddingTypes");
  const inputType = checkInputType(family, options.inputType, "options.inputType") ?? settings.inputType;
  const detailLevel = checkDetailLevel(family.name, options.detailLevel);
  const wire = await prepareInputs(inputs, family, settings.truncate, runner.files ?? nodeMediaFiles);
  const plan = planInputCalls(wire, family);
  const decode = {
    modelId: context.modelId,
    family,
    normalize: context.normalize,
    dimension: context.dimension,
    types,
  };

  let fatal: BedrockApiError | undefined;
  // Cancels every call when the guard stops the run (endpoint down or silent).
  const run = new AbortController();
  setMaxListeners(0, run.signal);
  const kinds = plan.map((call): CallKind => (call.modality === "text" ? "text" : "media"));
  const guard = guardRun(context, kinds, (error) => {
    fatal ??= error;
    run.abort(error);
  });
  const outcomes = await runBounded(
    plan.length,
    runner.limiter,
    async (position) => {
      const { modality, indexes } = plan[position]!;
      const callInputs = indexes.map((index) => wire[index]!);
      const request: RequestSettings = {
        ...runner.base,
        inputType: inputType ?? family.defaultInputType(memoryAction, modality),
        embeddingTypes: types,
        ...(detailLevel === undefined ? {} : { detailLevel }),
      };
      const body = family.buildInputsBody(callInputs, request);
      const priced = { ...context, estimateCost: mediaCostEstimator(context, modality, indexes.length) };
      const result = await invokeCall<EmbeddingResult>(
        priced,
        body,
        indexes,
        (response, reportTokens) => {
          const parsed = family.parseInputsResponse(response.body, context.modelId, callInputs);
          reportTokens(parsed.inputTokens ?? response.inputTokenCount);
          if (parsed.perInput.length !== indexes.length) {
            throw new ResponseError(
              `The response for ${context.modelId} holds ${parsed.perInput.length} embeddings for ${indexes.length} inputs (inputs ${describeIndexes(indexes)}).`,
              {
                modelId: context.modelId,
                expected: indexes.length,
                actual: parsed.perInput.length,
                index: indexes[0],
              },
            );
          }
          const vectors: (EmbeddingResult | undefined)[] = [];
          const failures: BatchFailure[] = [];
          parsed.perInput.forEach((entries, offset) => {
            const index = indexes[offset]!;
            try {
              vectors.push(decodeResult(decode, entries, callInputs[offset]!, index));
            } catch (error) {
              vectors.push(undefined);
              failures.push({ index, error: error instanceof Error ? error : new Error(String(error)) });
            }
          });
          return { vectors, failures, fatal: undefined };
        },
        { kind: kinds[position], signal: run.signal, guard },
      );
      fatal ??= result.fatal;
      return result;
    },
    () => fatal !== undefined,
  ).finally(() => guard.close());
  return settle(wire.length, plan, outcomes, fatal, guard.stopped);
}

function settle(
  count: number,
  plan: readonly PlannedInputCall[],
  outcomes: readonly BoundedResult<CallResult<EmbeddingResult>>[],
  fatal: BedrockApiError | undefined,
  stopped: BedrockApiError | undefined,
): DetailedResults {
  const results: (EmbeddingResult | undefined)[] = new Array(count).fill(undefined);
  const failures: BatchFailure[] = [];
  const usage = emptyUsage();
  outcomes.forEach((outcome, position) => {
    const { indexes } = plan[position]!;
    if (outcome.status === "fulfilled") {
      outcome.value.vectors.forEach((result, offset) => {
        results[indexes[offset]!] = result;
      });
      failures.push(...outcome.value.failures);
      addUsage(usage, outcome.value.usage);
    } else if (outcome.status === "rejected") {
      const error = outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason));
      failures.push(...indexes.map((index) => ({ index, error })));
    }
  });
  const missing = results.flatMap((result, index) => (result === undefined ? [index] : []));
  if (fatal && stopped === fatal && missing.length < count) {
    // A run the guard stopped keeps the results done before, each missing input failing with its error.
    const own = new Map(
      failures.filter((failure) => failure.error !== fatal).map((failure) => [failure.index, failure]),
    );
    const doomed = fatal.withFailedIndexes(missing);
    throw new BatchEmbeddingError(
      results.map((result) => result?.vector),
      missing.map((index) => own.get(index) ?? { index, error: doomed }),
      { results, cause: fatal },
    );
  }
  if (fatal) throw fatal.withFailedIndexes(missing);
  if (failures.length > 0) {
    failures.sort((left, right) => left.index - right.index);
    throw new BatchEmbeddingError(
      results.map((result) => result?.vector),
      failures,
      { results },
    );
  }
  return { results: results as EmbeddingResult[], usage };
}

/**
 * Prices one call by what it carried, from the dated price table: text calls like the text
 * path; image and text+image calls by their tokens plus one image each (and Marengo's
 * per-request rate for the text of a text+image input). A call with a part the table has no
 * rate for (Cohere v4 and Nova images, any audio or video, whose length is not decoded) gets no
 * estimate rather than a partial one.
 */
function mediaCostEstimator(
  context: CallContext,
  modality: InputModality,
  count: number,
): CallCostEstimator | undefined {
  if (context.estimateCost === undefined || modality === "text") return context.estimateCost;
  if (modality === "audio" || modality === "video") return undefined;
  const requests = modality === "text-image" ? count : 0;
  return (inputTokens) => {
    const estimate = estimateCostUsd({
      modelId: context.modelId,
      family: context.family.name,
      inputTokens,
      images: count,
      requests,
    });
    return estimate !== undefined && estimate.unpriced.length === 0 ? estimate.usd : undefined;
  };
}

function checkDetailLevel(
  family: string,
  level: EmbedInputsOptions["detailLevel"],
): EmbedInputsOptions["detailLevel"] {
  if (level === undefined) return undefined;
  if (family !== "nova-multimodal") {
    throw new ConfigurationError(`detailLevel applies to nova-multimodal models only, not ${family}.`, {
      path: "options.detailLevel",
      fix: "Remove detailLevel.",
    });
  }
  if (DETAIL_LEVELS.includes(level)) return level;
  throw new ConfigurationError(`unknown detailLevel "${String(level)}".`, {
    path: "options.detailLevel",
    allowed: DETAIL_LEVELS,
    fix: "Use one of the allowed values.",
  });
}
