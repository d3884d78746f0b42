import type { ObjectSchema } from "../../validation/schema.js";
import type { MarengoMediaSource } from "../shared/marengo-media.js";
import { marengoMediaSourceSchema } from "../shared/marengo-media.js";

/** What a Marengo 2.7 video or audio job can embed. */
export const marengo27EmbeddingOptions = ["visual-text", "visual-image", "audio"];

/** Marengo 2.7's body, sync and async fields together (async-only ones are checked by the async job). */
export const marengo27Schema: ObjectSchema = {
  kind: "object",
  required: ["inputType"],
  properties: {
    inputType: { kind: "enum", values: ["text", "image", "video", "audio"] },
    inputText: { kind: "string" },
    textTruncate: { kind: "enum", values: ["end", "none"] },
    mediaSource: marengoMediaSourceSchema,
    startSec: { kind: "any" },
    lengthSec: { kind: "any" },
    useFixedLengthSec: { kind: "any" },
    minClipSec: { kind: "any" },
    embeddingOption: {
      kind: "array",
      minItems: 1,
      items: { kind: "enum", values: marengo27EmbeddingOptions },
    },
  },
};

/** A Marengo 2.7 body after validation. */
export interface Marengo27Request {
  inputType: "text" | "image" | "video" | "audio";
  inputText?: string;
  textTruncate?: "end" | "none";
  mediaSource?: MarengoMediaSource;
  startSec?: unknown;
  lengthSec?: unknown;
  useFixedLengthSec?: unknown;
  minClipSec?: unknown;
  embeddingOption?: string[];
}
