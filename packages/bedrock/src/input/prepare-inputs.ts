import {
  type EmbeddingInput,
  formatFromName,
  IMAGE_FORMATS,
  type ImageFormat,
  InputError,
  type InputModality,
  type MediaSource,
  modalityOf,
  readImageSize,
  sniffImageFormat,
  type VideoEmbeddingMode,
} from "@bedrock-embeddings/core";
import { FAMILY_NAMES, MODEL_FAMILIES } from "../families/catalog.js";
import type {
  MediaLimits,
  ModelFamily,
  TruncateMode,
  WireInput,
  WireMedia,
} from "../families/model-family.js";
import { prepareText } from "./check-inputs.js";
import { formatBytes, type LoadedSource, loadSource, type MediaFiles } from "./media-source.js";
import { type SettledPreparation, settleEach } from "./settle-each.js";

const VIDEO_MODES: readonly VideoEmbeddingMode[] = ["AUDIO_VIDEO_COMBINED", "AUDIO_VIDEO_SEPARATE"];

/**
 * Checks every input against the family and loads its media, before anything is sent: the
 * shape and modality of all inputs first (no I/O), then per input its text limit, media
 * source, format, size (files by stat before reading) and, where the model has one, pixel
 * size. Throws InputError naming the first offending index.
 *
 * @example
 * const wire = await prepareInputs([{ image: { file: "cat.png" } }], MODEL_FAMILIES["titan-multimodal"], undefined, nodeMediaFiles);
 */
export async function prepareInputs(
  inputs: unknown,
  family: ModelFamily,
  truncate: TruncateMode | undefined,
  files: MediaFiles,
): Promise<WireInput[]> {
  if (!Array.isArray(inputs)) {
    throw new InputError("inputs must be an array of input objects.", {
      fix: "Pass an array, e.g. embedInputs([{ image: { file: 'cat.png' } }]).",
    });
  }
  const modalities = inputs.map((input: EmbeddingInput, index) => {
    const modality = modalityOf(input, index);
    checkAccepted(family, modality, index);
    return modality;
  });
  const prepared: WireInput[] = [];
  for (const [index, input] of (inputs as EmbeddingInput[]).entries()) {
    prepared.push(await prepareInput(input, modalities[index]!, index, family, truncate, files));
  }
  return prepared;
}

/**
 * Like `prepareInputs`, but each input that fails its checks fails alone: its place is
 * undefined and its InputError is listed, and the rest is prepared (for `settle`). Anything
 * but an InputError still throws.
 *
 * @example
 * const { inputs, failures } = await prepareInputsSettled(raw, family, undefined, nodeMediaFiles);
 */
export async function prepareInputsSettled(
  inputs: unknown,
  family: ModelFamily,
  truncate: TruncateMode | undefined,
  files: MediaFiles,
): Promise<SettledPreparation<WireInput>> {
  if (!Array.isArray(inputs))
    return { prepared: await prepareInputs(inputs, family, truncate, files), failures: [] };
  return settleEach(inputs, (input, index) => {
    const modality = modalityOf(input as EmbeddingInput, index);
    checkAccepted(family, modality, index);
    return prepareInput(input as EmbeddingInput, modality, index, family, truncate, files);
  });
}

async function prepareInput(
  input: EmbeddingInput,
  modality: InputModality,
  index: number,
  family: ModelFamily,
  truncate: TruncateMode | undefined,
  files: MediaFiles,
): Promise<WireInput> {
  const fields = input as {
    text?: string;
    image?: MediaSource;
    audio?: MediaSource;
    video?: MediaSource;
    format?: string;
    embeddingMode?: string;
  };
  const media = family.media!;
  switch (modality) {
    case "text":
      return { modality, text: prepareText(fields.text, index, family, truncate) };
    case "image":
      return {
        modality,
        image: await prepareImage(fields.image!, fields.format, index, family, media, files),
      };
    case "text-image": {
      const text = prepareText(fields.text, index, family, truncate);
      return {
        modality,
        text,
        image: await prepareImage(fields.image!, fields.format, index, family, media, files),
      };
    }
    case "audio":
      return {
        modality,
        audio: await prepareClip(fields.audio!, fields.format, "audio", index, family, media, files),
      };
    case "video":
      return {
        modality,
        video: await prepareClip(fields.video!, fields.format, "video", index, family, media, files),
        embeddingMode: videoMode(fields.embeddingMode, index),
      };
  }
}

async function prepareImage(
  source: MediaSource,
  declared: string | undefined,
  index: number,
  family: ModelFamily,
  media: MediaLimits,
  files: MediaFiles,
): Promise<WireMedia> {
  const rules = {
    index,
    medium: "image",
    maxBytes: media.imageBytes,
    s3: media.s3Sources,
    family: family.name,
  };
  const loaded = await loadSource(source, rules, files);
  const format = imageFormat(loaded, declared, index);
  if (!media.imageFormats.includes(format)) {
    throw new InputError(`${family.name} models do not take ${format} images.`, {
      index,
      fix: `Convert the image to ${media.imageFormats.join(" or ")}.`,
    });
  }
  if (loaded.kind === "bytes" && media.imagePixels)
    checkPixels(loaded.bytes, media.imagePixels, index, family.name);
  return toWire(loaded, format, index, family.name, media);
}

async function prepareClip(
  source: MediaSource,
  declared: string | undefined,
  medium: "audio" | "video",
  index: number,
  family: ModelFamily,
  media: MediaLimits,
  files: MediaFiles,
): Promise<WireMedia> {
  const accepted: readonly string[] = medium === "audio" ? media.audioFormats : media.videoFormats;
  const name = "s3Uri" in source ? source.s3Uri : "file" in source ? source.file : undefined;
  const format = declared ?? (name === undefined ? undefined : formatFromName(name, medium));
  if (format === undefined) {
    throw new InputError(`the ${medium} format is not given and cannot be told from a file name.`, {
      index,
      fix: `Set format to one of ${accepted.join(", ")}.`,
    });
  }
  if (!accepted.includes(format)) {
    throw new InputError(`${family.name} models do not take ${format} ${medium}.`, {
      index,
      fix: `Use one of ${accepted.join(", ")}.`,
    });
  }
  // Inline clips are bounded by the request's inline budget; S3 clips are sized by the service.
  const maxBytes = media.inlineBase64Bytes ?? media.requestBytes;
  const loaded = await loadSource(
    source,
    { index, medium, maxBytes, s3: media.s3Sources, family: family.name },
    files,
  );
  return toWire(loaded, format, index, family.name, media);
}

/** The declared format (checked against the bytes), else the sniffed one, else the name's extension. */
function imageFormat(loaded: LoadedSource, declared: string | undefined, index: number): ImageFormat {
  const sniffed = loaded.kind === "bytes" ? sniffImageFormat(loaded.bytes) : undefined;
  if (declared !== undefined) {
    const normalized = declared === "jpg" ? "jpeg" : declared;
    if (!(IMAGE_FORMATS as readonly string[]).includes(normalized)) {
      throw new InputError(`unknown image format "${declared}".`, {
        index,
        fix: `Use one of ${IMAGE_FORMATS.join(", ")}, or leave format out to detect it from the bytes.`,
      });
    }
    if (sniffed !== undefined && sniffed !== normalized) {
      throw new InputError(`format says ${normalized}, but the bytes are a ${sniffed} image.`, {
        index,
        fix: `Set format to "${sniffed}" or leave it out.`,
      });
    }
    return normalized as ImageFormat;
  }
  const named =
    loaded.kind === "s3"
      ? formatFromName(loaded.s3Uri, "image")
      : loaded.name === undefined
        ? undefined
        : formatFromName(loaded.name, "image");
  const format = sniffed ?? named;
  if (format !== undefined) return format;
  throw new InputError("the image format cannot be told from its bytes or name.", {
    index,
    fix: `Set format to one of ${IMAGE_FORMATS.join(", ")}; the bytes should start with a PNG, JPEG, GIF or WebP header.`,
  });
}

function checkPixels(
  bytes: Uint8Array,
  limit: { width: number; height: number },
  index: number,
  family: string,
): void {
  // An unreadable header is left for the service to judge; the check only catches known sizes.
  const size = readImageSize(bytes);
  if (size === undefined || (size.width <= limit.width && size.height <= limit.height)) return;
  const overWidth = size.width > limit.width;
  throw new InputError(
    `the image is ${size.width}×${size.height} pixels; ${family} models accept at most ${limit.width}×${limit.height}.`,
    {
      index,
      limit: overWidth ? limit.width : limit.height,
      actual: overWidth ? size.width : size.height,
      fix: `Resize the image to fit within ${limit.width}×${limit.height}.`,
    },
  );
}

function toWire(
  loaded: LoadedSource,
  format: string,
  index: number,
  family: string,
  media: MediaLimits,
): WireMedia {
  if (loaded.kind === "s3") return { format, s3Uri: loaded.s3Uri, bucketOwner: loaded.bucketOwner };
  const base64 = Buffer.from(loaded.bytes.buffer, loaded.bytes.byteOffset, loaded.bytes.byteLength).toString(
    "base64",
  );
  const budget = media.inlineBase64Bytes;
  if (budget !== undefined && base64.length > budget) {
    throw new InputError(
      `the media is ${formatBytes(base64.length)} after base64; ${family} models accept at most ${formatBytes(budget)} inline.`,
      {
        index,
        limit: budget,
        actual: base64.length,
        fix: "Upload it to S3 and pass { s3Uri } instead of bytes.",
      },
    );
  }
  return { format, base64, byteLength: loaded.bytes.length };
}

function videoMode(mode: string | undefined, index: number): VideoEmbeddingMode {
  if (mode === undefined) return "AUDIO_VIDEO_COMBINED";
  if ((VIDEO_MODES as readonly string[]).includes(mode)) return mode as VideoEmbeddingMode;
  throw new InputError(`unknown embeddingMode "${mode}".`, {
    index,
    fix: `Use ${VIDEO_MODES.join(" or ")}.`,
  });
}

const MODALITY_WORDS: Readonly<Record<InputModality, string>> = {
  text: "text",
  image: "image",
  "text-image": "text+image",
  audio: "audio",
  video: "video",
};

function checkAccepted(family: ModelFamily, modality: InputModality, index: number): void {
  if (family.modalities.includes(modality)) return;
  const accepted = family.modalities.map((name) => MODALITY_WORDS[name]).join(", ");
  const others = FAMILY_NAMES.filter((name) => MODEL_FAMILIES[name].modalities.includes(modality));
  const split = modality === "text-image" ? "Embed the text and the image as two inputs, or use" : "Use";
  throw new InputError(
    `${family.name} models do not take ${MODALITY_WORDS[modality]} inputs; they accept ${accepted}.`,
    {
      index,
      fix: `${split} a model that takes ${MODALITY_WORDS[modality]}: ${others.join(", ")}.`,
    },
  );
}
