import { ConfigurationError } from "@bedrock-embeddings/core";
import { FAMILY_NAMES, MODEL_FAMILIES } from "../families/catalog.js";
import type { ModelFamily, RequestSettings, TruncateMode } from "../families/model-family.js";
import { prepareTexts } from "../input/check-inputs.js";
import { toJsonLines } from "../s3/jsonl.js";
import { recordIdFor } from "./record-ids.js";

/**
 * Families Bedrock runs batch inference jobs for, among those this package embeds text with.
 * AWS lists Titan Text Embeddings V2 for batch inference (and has a per-job minimum-records
 * quota for it); no batch support is documented for Titan Text G1 or Cohere Embed.
 *
 * @example
 * BATCH_JOB_FAMILIES.includes("titan-text-v2"); // true
 */
export const BATCH_JOB_FAMILIES: readonly string[] = Object.freeze(
  FAMILY_NAMES.filter((name) => MODEL_FAMILIES[name].batchJobs === true),
);

/**
 * Throws ConfigurationError unless Bedrock runs batch jobs for the family.
 *
 * @example
 * checkBatchFamily(MODEL_FAMILIES["titan-text-v2"]); // ok
 */
export function checkBatchFamily(family: ModelFamily): void {
  if (BATCH_JOB_FAMILIES.includes(family.name)) return;
  throw new ConfigurationError(`batch inference jobs are not available for ${family.name} models.`, {
    path: "embedder.config.model",
    allowed: BATCH_JOB_FAMILIES,
    fix: "Use amazon.titan-embed-text-v2:0 for batch jobs, or embed the texts with ordinary (synchronous) calls.",
  });
}

/**
 * The batch input file: one `{"recordId", "modelInput"}` line per text, in input order, whose
 * `modelInput` is exactly the family's InvokeModel body for that text. Texts are checked first
 * (InputError with the index), as for on-demand calls.
 *
 * @example
 * buildBatchRecords(["hello"], MODEL_FAMILIES["titan-text-v2"], settings, undefined);
 * // '{"recordId":"R0000000000","modelInput":{"inputText":"hello","dimensions":1024,"normalize":true}}\n'
 */
export function buildBatchRecords(
  texts: readonly string[],
  family: ModelFamily,
  settings: RequestSettings,
  truncate: TruncateMode | undefined,
): string {
  const prepared = prepareTexts(texts, family, truncate);
  return toJsonLines(
    prepared.map((text, index) => ({
      recordId: recordIdFor(index),
      modelInput: family.buildBody([{ modality: "text", text }], settings),
    })),
  );
}
