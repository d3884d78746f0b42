/**
 * Image encodings Bedrock embedding models accept (each model accepts a subset).
 *
 * @example
 * const format: ImageFormat = "png";
 */
export type ImageFormat = "png" | "jpeg" | "gif" | "webp";

/**
 * Audio encodings Amazon Nova multimodal embeddings accept.
 *
 * @example
 * const format: AudioFormat = "mp3";
 */
export type AudioFormat = "mp3" | "wav" | "ogg";

/**
 * Video containers Amazon Nova multimodal embeddings accept.
 *
 * @example
 * const format: VideoFormat = "mp4";
 */
export type VideoFormat = "mp4" | "mov" | "mkv" | "webm" | "flv" | "mpeg" | "mpg" | "wmv" | "3gp";

/** Every image format, in a stable order (for messages and validation). */
export const IMAGE_FORMATS: readonly ImageFormat[] = ["png", "jpeg", "gif", "webp"];
/** Every audio format Nova accepts. */
export const AUDIO_FORMATS: readonly AudioFormat[] = ["mp3", "wav", "ogg"];
/** Every video format Nova accepts. */
export const VIDEO_FORMATS: readonly VideoFormat[] = [
  "mp4",
  "mov",
  "mkv",
  "webm",
  "flv",
  "mpeg",
  "mpg",
  "wmv",
  "3gp",
];

/**
 * Media held in memory; sent inline (base64) to the model.
 *
 * @example
 * const source: BytesSource = { bytes: new Uint8Array(await readFile("cat.png")) };
 */
export interface BytesSource {
  bytes: Uint8Array;
}

/**
 * Media read from a local file just before sending (its size is checked before it is read).
 *
 * @example
 * const source: FileSource = { file: "./photos/cat.png" };
 */
export interface FileSource {
  file: string;
}

/**
 * Media the model reads from S3 itself (Nova and Marengo only; the caller's role needs read access).
 *
 * @example
 * const source: S3Source = { s3Uri: "s3://my-bucket/clips/intro.mp4", bucketOwner: "123456789012" };
 */
export interface S3Source {
  s3Uri: string;
  /** Account that owns the bucket, when it is not the caller's. */
  bucketOwner?: string;
}

/**
 * Where an image, audio clip or video comes from.
 *
 * @example
 * const sources: MediaSource[] = [{ bytes }, { file: "cat.png" }, { s3Uri: "s3://bucket/cat.png" }];
 */
export type MediaSource = BytesSource | FileSource | S3Source;

/**
 * How Nova embeds a video: one vector for picture and sound together, or one for each.
 *
 * @example
 * const mode: VideoEmbeddingMode = "AUDIO_VIDEO_SEPARATE";
 */
export type VideoEmbeddingMode = "AUDIO_VIDEO_COMBINED" | "AUDIO_VIDEO_SEPARATE";

/**
 * A text to embed.
 *
 * @example
 * const input: TextInput = { text: "a cat on a mat" };
 */
export interface TextInput {
  text: string;
}

/**
 * An image to embed. `format` is sniffed from the bytes (or the file's or key's extension) when absent.
 *
 * @example
 * const input: ImageInput = { image: { file: "cat.png" } };
 */
export interface ImageInput {
  image: MediaSource;
  format?: ImageFormat;
}

/**
 * A text and an image embedded together into one vector (Titan multimodal, Cohere v4, Marengo 3.0).
 *
 * @example
 * const input: TextImageInput = { text: "red running shoes", image: { file: "shoe.jpg" } };
 */
export interface TextImageInput {
  text: string;
  image: MediaSource;
  format?: ImageFormat;
}

/**
 * An audio clip to embed (Nova). `format` is taken from the file or key extension when absent.
 *
 * @example
 * const input: AudioInput = { audio: { s3Uri: "s3://bucket/call.mp3" }, format: "mp3" };
 */
export interface AudioInput {
  audio: MediaSource;
  format?: AudioFormat;
}

/**
 * A video to embed (Nova). `embeddingMode` defaults to AUDIO_VIDEO_COMBINED.
 *
 * @example
 * const input: VideoInput = { video: { s3Uri: "s3://bucket/clip.mp4" }, format: "mp4", embeddingMode: "AUDIO_VIDEO_SEPARATE" };
 */
export interface VideoInput {
  video: MediaSource;
  format?: VideoFormat;
  embeddingMode?: VideoEmbeddingMode;
}

/**
 * One thing to embed: a text, an image, a text with an image, an audio clip or a video.
 * Which of these a model accepts depends on its family.
 *
 * @example
 * const inputs: EmbeddingInput[] = [
 *   { text: "a cat" },
 *   { image: { file: "cat.png" } },
 *   { text: "this cat", image: { bytes }, format: "jpeg" },
 *   { video: { s3Uri: "s3://bucket/cat.mp4" }, format: "mp4" },
 * ];
 */
export type EmbeddingInput = TextInput | ImageInput | TextImageInput | AudioInput | VideoInput;

/**
 * The kind of content an input carries, as families declare what they accept.
 *
 * @example
 * modalityOf({ text: "hi", image: { file: "a.png" } }); // "text-image"
 */
export type InputModality = "text" | "image" | "text-image" | "audio" | "video";
