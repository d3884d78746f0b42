import type { EmbeddingType, InputModality } from "@bedrock-embeddings/core";
import type { WireInput, WireMedia } from "./model-family.js";

// The helpers below throw plain Errors: they guard invariants the input checks and the call
// planner already enforce, so reaching one is a bug in this package, not a user error.

/** The texts of a call that must hold text inputs only. */
export function textsOf(inputs: readonly WireInput[], family: string): string[] {
  return inputs.map((input) => {
    if (input.modality !== "text") throw plannerBug(family, `a ${input.modality} input in a text call`);
    return input.text;
  });
}

/** The one input of a call, for families that take one input per call. */
export function singleInput(inputs: readonly WireInput[], family: string): WireInput {
  const [input] = inputs;
  if (inputs.length !== 1 || input === undefined)
    throw plannerBug(family, `${inputs.length} inputs in one call`);
  return input;
}

/** The modality every input of the call shares. */
export function modalityOfCall(inputs: readonly WireInput[], family: string): InputModality {
  const modality = inputs[0]?.modality;
  if (modality === undefined || inputs.some((input) => input.modality !== modality)) {
    throw plannerBug(family, "a call with no inputs or mixed modalities");
  }
  return modality;
}

/** The image of an image or text+image input. */
export function imageOf(input: WireInput, family: string): WireMedia {
  if (input.modality === "image" || input.modality === "text-image") return input.image;
  throw plannerBug(family, `a ${input.modality} input in an image call`);
}

/** Base64 of inline media; S3 media reaching a family without S3 support is a planner bug. */
export function inlineBase64(media: WireMedia, family: string): string {
  if ("base64" in media) return media.base64;
  throw plannerBug(family, "an S3 source for a model that only takes inline bytes");
}

/** `data:image/png;base64,...`, the form Cohere takes images in. */
export function imageDataUri(media: WireMedia, family: string): string {
  return `data:image/${media.format};base64,${inlineBase64(media, family)}`;
}

/** True when the call asks for anything but floats, so the family's types field must be sent. */
export function wantsTypes(types: readonly EmbeddingType[] | undefined): types is readonly EmbeddingType[] {
  return types !== undefined && !(types.length === 1 && types[0] === "float");
}

/** Every compact vector of a family that returns one value per dimension. */
export const unpackedLength = (_type: Exclude<EmbeddingType, "float">, dimension: number): number =>
  dimension;

function plannerBug(family: string, what: string): Error {
  return new Error(`${family}: ${what}; this is a bug in the input planner.`);
}
