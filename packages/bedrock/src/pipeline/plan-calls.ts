import type { InputModality } from "@bedrock-embeddings/core";
import type { ModelFamily, WireInput } from "../families/model-family.js";

/**
 * One InvokeModel call of a run: inputs of one modality (a family's body carries one kind of
 * content), by their position in the list that was planned.
 *
 * @example
 * const call: PlannedCall = { modality: "image", indexes: [1, 4] };
 */
export interface PlannedCall {
  modality: InputModality;
  indexes: number[];
}

/**
 * Text bytes per call by default: Bedrock caps a request body (Cohere v4 documents about 20 MB);
 * staying far below it leaves room for JSON escaping and other fields.
 */
export const DEFAULT_BYTES_PER_CALL = 8_000_000;

/** The JSON around one base64 string, and around the body, counted against a media call's size. */
const BYTES_AROUND_MEDIA = 512;
const BYTES_AROUND_BODY = 1024;

/**
 * A rough input-token estimate (about four characters a token, rounded up), for pacing a
 * tokens-per-minute budget before the service reports the real count.
 *
 * @example
 * estimateTokens("hello world"); // 4
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4) + 1;
}

/**
 * The estimated input tokens of one input: its text's, none for media alone.
 *
 * @example
 * inputTokens({ modality: "text", text: "hello world" }); // 4
 */
export function inputTokens(input: WireInput): number {
  return "text" in input ? estimateTokens(input.text) : 0;
}

/**
 * Groups inputs by modality, in order of first appearance, and packs each group into as few
 * calls as the family allows, in input order: a call closes when one more input would exceed
 * the per-call count (texts per call for text, media inputs per call otherwise), the byte
 * budget (UTF-8 text bytes for text, inline base64 for media) or `tokensPerCall`. A single input
 * over a size limit still gets a call of its own (the service decides about it, and only that
 * input can fail).
 *
 * @example
 * planCalls([text, image, text], MODEL_FAMILIES["cohere-v4"]);
 * // [{ modality: "text", indexes: [0, 2] }, { modality: "image", indexes: [1] }]
 */
export function planCalls(
  inputs: readonly WireInput[],
  family: ModelFamily,
  tokensPerCall: number | undefined = undefined,
): PlannedCall[] {
  const groups = new Map<InputModality, number[]>();
  for (let index = 0; index < inputs.length; index++) {
    const modality = inputs[index]!.modality;
    const group = groups.get(modality);
    if (group) group.push(index);
    else groups.set(modality, [index]);
  }
  const calls: PlannedCall[] = [];
  for (const [modality, indexes] of groups) {
    packGroup(inputs, modality, indexes, family, tokensPerCall ?? Number.POSITIVE_INFINITY, calls);
  }
  return calls;
}

function packGroup(
  inputs: readonly WireInput[],
  modality: InputModality,
  indexes: readonly number[],
  family: ModelFamily,
  maxTokens: number,
  calls: PlannedCall[],
): void {
  const text = modality === "text";
  const perCall = text ? family.limits.textsPerCall : (family.media?.inputsPerCall ?? 1);
  if (!Number.isInteger(perCall) || perCall < 1) {
    throw new RangeError(`inputs per call must be a positive integer, got ${perCall}`);
  }
  const maxBytes = text
    ? DEFAULT_BYTES_PER_CALL
    : (family.media?.requestBytes ?? Number.POSITIVE_INFINITY) - BYTES_AROUND_BODY;
  let current: number[] = [];
  let bytes = 0;
  let tokens = 0;
  for (const index of indexes) {
    const input = inputs[index]!;
    // One input per call never needs its size.
    const size = perCall === 1 ? 0 : wireBytes(input);
    const estimate = inputTokens(input);
    const full =
      current.length >= perCall ||
      (current.length > 0 && (bytes + size > maxBytes || tokens + estimate > maxTokens));
    if (full) {
      calls.push({ modality, indexes: current });
      current = [];
      bytes = 0;
      tokens = 0;
    }
    current.push(index);
    bytes += size;
    tokens += estimate;
  }
  if (current.length > 0) calls.push({ modality, indexes: current });
}

/** Bytes an input adds to a body: its text as UTF-8, plus inline media as base64 and its JSON. */
function wireBytes(input: WireInput): number {
  const text = "text" in input ? Buffer.byteLength(input.text, "utf8") : 0;
  if (input.modality === "text") return text;
  const media =
    input.modality === "audio" ? input.audio : input.modality === "video" ? input.video : input.image;
  return text + ("base64" in media ? media.base64.length : 0) + BYTES_AROUND_MEDIA;
}
