import { ConfigurationError } from "@bedrock-embeddings/core";
import type { RequestSettings, WireInput } from "../families/model-family.js";
import { prepareText, prepareTexts } from "../input/check-inputs.js";
import { settleEach } from "../input/settle-each.js";
import type { EmbedderSettings } from "../settings.js";
import type { CallContext } from "./call-context.js";
import type { EmbedBatchOptions } from "./embed-options.js";
import { type PipelineRun, runCalls, withCheckFailures } from "./run-calls.js";

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
  const asInput = (text: string): WireInput => ({ modality: "text", text });
  const { prepared, failures } =
    options.settle && Array.isArray(texts)
      ? await settleEach(texts, (text, index) => asInput(prepareText(text, index, family, truncate)))
      : { prepared: prepareTexts(texts, family, truncate).map(asInput), failures: [] };
  const run = await runCalls(
    context,
    prepared,
    // One call never needs more than one second of a tokens-per-minute budget.
    { settingsFor: () => request, types: FLOAT_ONLY, tokensPerCall: tokensPerMinute && tokensPerMinute / 60 },
    options,
  );
  return withCheckFailures(run, failures);
}
