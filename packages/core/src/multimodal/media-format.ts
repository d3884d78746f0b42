import {
  AUDIO_FORMATS,
  type AudioFormat,
  IMAGE_FORMATS,
  type ImageFormat,
  VIDEO_FORMATS,
  type VideoFormat,
} from "./embedding-input.js";

/**
 * The media format a file name or S3 key's extension names, for the given kind of media;
 * undefined when there is no extension or it is not one of that kind's formats.
 * `.jpg` counts as jpeg.
 *
 * @example
 * formatFromName("s3://bucket/photos/cat.JPG", "image"); // "jpeg"
 * formatFromName("clip.mp4", "video"); // "mp4"
 */
export function formatFromName(name: string, medium: "image"): ImageFormat | undefined;
export function formatFromName(name: string, medium: "audio"): AudioFormat | undefined;
export function formatFromName(name: string, medium: "video"): VideoFormat | undefined;
export function formatFromName(
  name: string,
  medium: "image" | "audio" | "video",
): ImageFormat | AudioFormat | VideoFormat | undefined;
export function formatFromName(
  name: string,
  medium: "image" | "audio" | "video",
): ImageFormat | AudioFormat | VideoFormat | undefined {
  const match = /\.([a-z0-9]+)$/i.exec(name);
  if (!match) return undefined;
  const extension = match[1]!.toLowerCase();
  const normalized = extension === "jpg" ? "jpeg" : extension;
  const known: readonly string[] =
    medium === "image" ? IMAGE_FORMATS : medium === "audio" ? AUDIO_FORMATS : VIDEO_FORMATS;
  return known.includes(normalized) ? (normalized as ImageFormat | AudioFormat | VideoFormat) : undefined;
}
