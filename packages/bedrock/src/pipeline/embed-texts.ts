import { type BatchFailure, ConfigurationError, InputError } from "@bedrock-embeddings/core";
import type { RequestSettings, WireInput } from "../families/model-family.js";
import { prepareText, prepareTexts } from "../input/check-inputs.js";
import type { EmbedderSettings } from "../settings.js";
import type { CallContext } from "./call-context.js";
import type { EmbedBatchOptions } from "./embed-options.js";
import { type PipelineRun, runCalls } from "./run-calls.js";

const FLOAT_ONLY = ["float"] as const;

/**
 * Texts through the one pipeline, as text inputs: checked (without `settle`, the first InputError
 * throws before anything is sent, since a programming error should not cost calls; with it, each
 * bad text fails alone and the rest is embedded), then run like any input, asking for floats.
 *
 * @example
 * const run = await embedTexts(context, settings, request, texts, { settle: true });
 */
export async function embedTexts(
  context: CallContext,
  settings: EmbedderSettings,
  request: RequestSettings,
  texts: unknown,
  options: EmbedBatchOptions = {},
): Promise<PipelineRun> {
  const { family, truncate, tokensPerMinute } = settings;
  if (!settings.embeddingTypes.includes("float")) {
    throw new ConfigurationError(
      `text embedding returns float vectors, but embedding_types is [${settings.embeddingTypes.join(", ")}].`,
      { path: "embeddingTypes", fix: 'Add "float" to embedding_types (embeddingTypes in code).' },
    );
  }
  const inputFailures: BatchFailure[] = [];
  let inputs: (WireInput | undefined)[];
  if (options.settle && Array.isArray(texts)) {
    inputs = texts.map((text: unknown, index) => {
      try {
        return { modality: "text", text: prepareText(text, index, family, truncate) };
      } catch (error) {
        if (!InputError.isInstance(error)) throw error;
        inputFailures.push({ index, error });
        return undefined;
      }
    });
  } else {
    inputs = prepareTexts(texts, family, truncate).map((text): WireInput => ({ modality: "text", text }));
  }
  const run = await runCalls(
    context,
    inputs,
    // One call never needs more than one second of a tokens-per-minute budget.
    { settingsFor: () => request, types: FLOAT_ONLY, tokensPerCall: tokensPerMinute && tokensPerMinute / 60 },
    options,
  );
  if (inputFailures.length > 0) {
    run.failures = [...inputFailures, ...run.failures].sort((left, right) => left.index - right.index);
  }
  return run;
}
