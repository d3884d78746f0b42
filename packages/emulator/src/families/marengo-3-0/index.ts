import { combineVectors } from "../media/media-embedding.js";
import { validationError } from "../protocol/aws-service-error.js";
import { noS3Context } from "../s3/s3-sources.js";
import { assertMatchesSchema, malformedInputError } from "../validation/malformed-input.js";
import type { ObjectSchema, Schema } from "../validation/schema.js";
import type { MarengoMediaSource } from "./marengo-media.js";
import {
  embedMarengoImage,
  embedMarengoText,
  marengoMediaSourceSchema,
  readMarengoMedia,
} from "./marengo-media.js";
import type { FamilyResult, InvocationContext, ModelFamily } from "./model-family.js";

export const marengo30Dimensions = 512;
export const marengo30MaxTextTokens = 500;
const inputTypes = ["text", "image", "text_image", "multi_input", "video", "audio"] as const;
export type Marengo30InputType = (typeof inputTypes)[number];

const timedMediaSchema: ObjectSchema = {
  kind: "object",
  required: ["mediaSource"],
  properties: {
    mediaSource: marengoMediaSourceSchema,
    startSec: { kind: "any" },
    endSec: { kind: "any" },
    segmentation: { kind: "any" },
    embeddingOption: {
      kind: "array",
      minItems: 1,
      items: { kind: "enum", values: ["visual", "audio", "transcription"] },
    },
    embeddingType: { kind: "any" },
    embeddingScope: { kind: "array", minItems: 1, items: { kind: "enum", values: ["clip", "asset"] } },
  },
};

const nestedSchemas: Record<Marengo30InputType, Schema> = {
  text: { kind: "object", required: ["inputText"], properties: { inputText: { kind: "string" } } },
  image: { kind: "object", required: ["mediaSource"], properties: { mediaSource: marengoMediaSourceSchema } },
  text_image: {
    kind: "object",
    required: ["inputText", "mediaSource"],
    properties: { inputText: { kind: "string" }, mediaSource: marengoMediaSourceSchema },
  },
  multi_input: {
    kind: "object",
    required: ["mediaSources"],
    properties: {
      inputText: { kind: "string" },
      mediaSources: {
        kind: "array",
        minItems: 1,
        items: {
          kind: "object",
          required: ["name", "mediaType"],
          properties: {
            name: { kind: "string", minLength: 1 },
            mediaType: { kind: "enum", values: ["image"] },
            base64String: { kind: "string" },
            s3Location: marengoMediaSourceSchema.properties["s3Location"] as Schema,
          },
        },
      },
    },
  },
  video: timedMediaSchema,
  audio: timedMediaSchema,
};

/** The schema for one Marengo 3.0 input type: the input nests under a key named after `inputType`. */
export function marengo30Schema(inputType: Marengo30InputType): ObjectSchema {
  return {
    kind: "object",
    required: ["inputType", inputType],
    properties: {
      inputType: { kind: "enum", values: inputTypes },
      inferenceId: { kind: "string" },
      [inputType]: nestedSchemas[inputType],
    },
  };
}

export interface Marengo30Timed {
  mediaSource: MarengoMediaSource;
  startSec?: unknown;
  endSec?: unknown;
  segmentation?: unknown;
  embeddingOption?: string[];
  embeddingType?: unknown;
  embeddingScope?: string[];
}

interface Marengo30Request {
  inputType: Marengo30InputType;
  text?: { inputText: string };
  image?: { mediaSource: MarengoMediaSource };
  text_image?: { inputText: string; mediaSource: MarengoMediaSource };
  multi_input?: { inputText?: string; mediaSources: Array<MarengoMediaSource & { name: string }> };
  video?: Marengo30Timed;
  audio?: Marengo30Timed;
}

/** Validates a Marengo 3.0 body and returns its input type (sync and async share this). */
export function validateMarengo30(body: unknown): Marengo30InputType {
  const inputType = (body as { inputType?: unknown } | null)?.inputType;
  const known = inputTypes.find((type) => type === inputType);
  // An unknown or missing inputType is reported through the text schema's enum and required checks.
  assertMatchesSchema(body, marengo30Schema(known ?? "text"));
  return known ?? "text";
}

/** Embeds a text, image, text_image or multi_input Marengo 3.0 request into one 512-float vector. */
export function embedMarengo30Static(
  body: unknown,
  context: InvocationContext,
): { vector: number[]; tokens: number } {
  const request = body as Marengo30Request;
  const text = (inputText: string) =>
    embedMarengoText(inputText, marengo30Dimensions, marengo30MaxTextTokens, false);
  const image = (source: MarengoMediaSource, pointer: string) =>
    embedMarengoImage(readMarengoMedia(source, pointer, context).bytes, marengo30Dimensions, "3.0");
  switch (request.inputType) {
    case "text":
      return text(request.text?.inputText ?? "");
    case "image":
      return { vector: image(request.image?.mediaSource ?? {}, "#/image/mediaSource"), tokens: 0 };
    case "text_image": {
      const input = request.text_image as { inputText: string; mediaSource: MarengoMediaSource };
      const embedded = text(input.inputText);
      const vector = combineVectors([embedded.vector, image(input.mediaSource, "#/text_image/mediaSource")]);
      return { vector, tokens: embedded.tokens };
    }
    case "multi_input":
      return embedMultiInput(request.multi_input ?? { mediaSources: [] }, text, image);
    default:
      throw validationError(
        `InvokeModel supports the text, image, text_image and multi_input input types for twelvelabs.marengo-embed-3-0-v1:0; use StartAsyncInvoke for ${request.inputType}.`,
      );
  }
}

function embedMultiInput(
  input: NonNullable<Marengo30Request["multi_input"]>,
  text: (inputText: string) => { vector: number[]; tokens: number },
  image: (source: MarengoMediaSource, pointer: string) => number[],
): { vector: number[]; tokens: number } {
  const names = new Set(input.mediaSources.map((source) => source.name));
  for (const reference of input.inputText?.matchAll(/<@([^>]+)>/g) ?? []) {
    if (!names.has(reference[1] ?? "")) {
      throw malformedInputError([
        `#/multi_input/inputText: <@${reference[1]}> does not name an entry of [mediaSources]`,
      ]);
    }
  }
  const vectors = input.mediaSources.map((source, index) =>
    image(source, `#/multi_input/mediaSources/${index}`),
  );
  let tokens = 0;
  const plainText = input.inputText?.replace(/<@[^>]+>/g, " ").trim() ?? "";
  if (plainText !== "") {
    const embedded = text(plainText);
    tokens = embedded.tokens;
    vectors.unshift(embedded.vector);
  }
  return { vector: combineVectors(vectors), tokens };
}

/**
 * `twelvelabs.marengo-embed-3-0-v1:0` on InvokeModel (base id or a `us.`/`eu.` profile): text (500 tokens),
 * image (5 MB), text_image or multi_input, each nested under a key named after `inputType`; answered as
 * `{"data": [{"embedding": [512 floats]}]}` (an array, which is what real clients parse).
 */
export const marengoEmbed30: ModelFamily = {
  invoke(body: unknown, context: InvocationContext = noS3Context): FamilyResult {
    validateMarengo30(body);
    const { vector, tokens } = embedMarengo30Static(body, context);
    return { body: { data: [{ embedding: vector }] }, inputTokenCount: tokens };
  },
};
