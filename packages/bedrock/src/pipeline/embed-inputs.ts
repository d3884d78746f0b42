import type { EmbedInputsOptions, InputModality, MemoryAction } from "@bedrock-embeddings/core";
import type { RequestSettings } from "../families/model-family.js";
import { checkDetailLevel } from "../families/nova-multimodal/detail-level.js";
import { type MediaFiles, nodeMediaFiles } from "../input/media-source.js";
import { prepareInputs, prepareInputsSettled } from "../input/prepare-inputs.js";
import { checkEmbeddingTypes, checkInputType, type EmbedderSettings } from "../settings.js";
import type { CallContext } from "./call-context.js";
import { type PipelineRun, runCalls, withCheckFailures } from "./run-calls.js";

/**
 * Inputs of any modality through the one pipeline: the call options are checked against the
 * family (encodings, input type, Nova's detail level), every input is checked and its media
 * loaded before anything is sent (without `settle` the first InputError throws; with it, each
 * bad input fails alone), then the run dedupes, plans, sends and decodes them.
 *
 * @example
 * const run = await embedInputs(context, settings, request, [{ image: { file: "cat.png" } }], "add", { signal });
 */
export async function embedInputs(
  context: CallContext,
  settings: EmbedderSettings,
  base: RequestSettings,
  inputs: unknown,
  memoryAction: MemoryAction | undefined,
  options: EmbedInputsOptions = {},
  files: MediaFiles = nodeMediaFiles,
): Promise<PipelineRun> {
  const family = settings.family;
  const types =
    options.embeddingTypes === undefined
      ? settings.embeddingTypes
      : checkEmbeddingTypes(family, options.embeddingTypes, "options.embeddingTypes");
  const inputType = checkInputType(family, options.inputType, "options.inputType") ?? settings.inputType;
  const detailLevel = checkDetailLevel(family.name, options.detailLevel);
  const { prepared, failures } = options.settle
    ? await prepareInputsSettled(inputs, family, settings.truncate, files)
    : { prepared: await prepareInputs(inputs, family, settings.truncate, files), failures: [] };
  const byModality = new Map<InputModality, RequestSettings>();
  const settingsFor = (modality: InputModality): RequestSettings => {
    let request = byModality.get(modality);
    if (request === undefined) {
      request = {
        ...base,
        inputType: inputType ?? family.defaultInputType(memoryAction, modality),
        embeddingTypes: types,
        ...(detailLevel === undefined ? {} : { detailLevel }),
      };
      byModality.set(modality, request);
    }
    return request;
  };
  const { tokensPerMinute } = settings;
  const run = await runCalls(
    context,
    prepared,
    { settingsFor, types, tokensPerCall: tokensPerMinute && tokensPerMinute / 60 },
    { signal: options.signal, onProgress: options.onProgress },
  );
  return withCheckFailures(run, failures);
}
