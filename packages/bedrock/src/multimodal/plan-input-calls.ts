import type { InputModality } from "@bedrock-embeddings/core";
import type { ModelFamily, WireInput } from "../families/model-family.js";

/**
 * One InvokeModel call of `embedInputs`: inputs of one modality (a family's body carries one
 * kind of content), by their index in the caller's list.
 *
 * @example
 * const call: PlannedInputCall = { modality: "image", indexes: [1, 4] };
 */
export interface PlannedInputCall {
  modality: InputModality;
  indexes: number[];
}

/**
 * Groups inputs by modality, in order of first appearance, and cuts each group into calls of
 * at most the family's per-call count (texts per call for text, media inputs per call
 * otherwise) whose inline media fit the family's request size.
 *
 * @example
 * planInputCalls([text, image, text], MODEL_FAMILIES["cohere-v4"]);
 * // [{ modality: "text", indexes: [0, 2] }, { modality: "image", indexes: [1] }]
 */
export function planInputCalls(inputs: readonly WireInput[], family: ModelFamily): PlannedInputCall[] {
  const groups = new Map<InputModality, number[]>();
  inputs.forEach((input, index) => {
    const group = groups.get(input.modality);
    if (group) group.push(index);
    else groups.set(input.modality, [index]);
  });
  const calls: PlannedInputCall[] = [];
  for (const [modality, indexes] of groups) {
    const perCall = modality === "text" ? family.limits.textsPerCall : (family.media?.inputsPerCall ?? 1);
    // Half a kilobyte per input covers the JSON around each base64 string.
    const budget = (family.media?.requestBytes ?? Number.POSITIVE_INFINITY) - 1024;
    let current: number[] = [];
    let bytes = 0;
    for (const index of indexes) {
      const size = inlineSize(inputs[index]!) + 512;
      if (current.length > 0 && (current.length >= perCall || bytes + size > budget)) {
        calls.push({ modality, indexes: current });
        current = [];
        bytes = 0;
      }
      current.push(index);
      bytes += size;
    }
    if (current.length > 0) calls.push({ modality, indexes: current });
  }
  return calls;
}

function inlineSize(input: WireInput): number {
  const media =
    input.modality === "image" || input.modality === "text-image"
      ? input.image
      : input.modality === "audio"
        ? input.audio
        : input.modality === "video"
          ? input.video
          : undefined;
  const text = "text" in input ? input.text.length * 3 : 0;
  return text + (media && "base64" in media ? media.base64.length : 0);
}
