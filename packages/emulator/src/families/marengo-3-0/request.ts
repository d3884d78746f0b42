import { assertMatchesSchema } from "../../validation/malformed-input.js";
import type { ObjectSchema, Schema } from "../../validation/schema.js";
import type { MarengoMediaSource } from "../shared/marengo-media.js";
import { marengoMediaSourceSchema } from "../shared/marengo-media.js";

const inputTypes = ["text", "image", "text_image", "multi_input", "video", "audio"] as const;
/** The `inputType` values; the input itself nests under a key of the same name. */
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

/** A video or audio input, which only StartAsyncInvoke accepts. */
export interface Marengo30Timed {
  mediaSource: MarengoMediaSource;
  startSec?: unknown;
  endSec?: unknown;
  segmentation?: unknown;
  embeddingOption?: string[];
  embeddingType?: unknown;
  embeddingScope?: string[];
}

/** A Marengo 3.0 body after validation. */
export interface Marengo30Request {
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
