import { embedText } from "../../embedding/local-embedding-model.js";
import { countTokens, truncateToTokens } from "../../embedding/token-count.js";
import { embedBytes } from "../../media/media-embedding.js";
import { validationError } from "../../protocol/aws-service-error.js";
import { checkImage, mebibyte } from "../shared/media-input.js";
import type { NovaMediaParams } from "./request.js";
import { novaImageFormats } from "./request.js";

/** Nova's text context: longer texts are cut or refused according to `truncationMode`. */
export const novaMaxTextTokens = 8192;

/** One entry of Nova's `embeddings` array. */
export interface NovaEmbedding {
  embeddingType: "TEXT" | "IMAGE" | "VIDEO" | "AUDIO" | "AUDIO_VIDEO_COMBINED";
  embedding: number[];
  truncatedCharLength?: number;
}

/** Embeds one text the way Nova does, applying `truncationMode` to anything over 8,192 tokens. */
export function embedNovaText(
  text: string,
  truncationMode: "START" | "END" | "NONE",
  dimension: number,
): { result: NovaEmbedding; tokens: number } {
  const tokens = countTokens(text);
  if (tokens <= novaMaxTextTokens) {
    return {
      result: { embeddingType: "TEXT", embedding: embedText(text, dimension, { normalize: true }) },
      tokens,
    };
  }
  if (truncationMode === "NONE") {
    throw validationError(
      `The text input has ${tokens} tokens, which exceeds the maximum of ${novaMaxTextTokens}. Set truncationMode to START or END to truncate it.`,
    );
  }
  // START drops the beginning of the text, END drops its end.
  const kept = truncateToTokens(text, novaMaxTextTokens, truncationMode === "START" ? "end" : "start");
  return {
    result: {
      embeddingType: "TEXT",
      embedding: embedText(kept, dimension, { normalize: true }),
      truncatedCharLength: [...kept].length,
    },
    tokens: countTokens(kept),
  };
}

/** AUDIO gives one AUDIO entry; video gives AUDIO_VIDEO_COMBINED, or VIDEO and AUDIO when separate. */
export function embedNovaMedia(
  bytes: Uint8Array,
  modality: "audio" | "video",
  media: NovaMediaParams,
  dimension: number,
  salt = "",
): NovaEmbedding[] {
  if (modality === "audio")
    return [{ embeddingType: "AUDIO", embedding: embedBytes(bytes, dimension, `nova-audio${salt}`) }];
  if (media.embeddingMode === "AUDIO_VIDEO_SEPARATE") {
    return [
      { embeddingType: "VIDEO", embedding: embedBytes(bytes, dimension, `nova-video${salt}`) },
      { embeddingType: "AUDIO", embedding: embedBytes(bytes, dimension, `nova-audio${salt}`) },
    ];
  }
  return [
    { embeddingType: "AUDIO_VIDEO_COMBINED", embedding: embedBytes(bytes, dimension, `nova-av${salt}`) },
  ];
}

/** The declared `format` must match what the image's header says it is. */
export function checkNovaImage(bytes: Buffer, declaredFormat: string): void {
  const header = checkImage(bytes, { formats: novaImageFormats, maxBytes: 50 * mebibyte }, "The image input");
  if (header.format !== declaredFormat) {
    throw validationError(
      `The image input is ${header.format} data, but its format is given as ${declaredFormat}.`,
    );
  }
}
