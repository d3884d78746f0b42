/**
 * The emulator never decodes audio or video, so it derives a clip's length from its size: one second per
 * 16,000 bytes, unless the S3 object carries `x-amz-meta-duration-seconds` (a positive number), which wins.
 */
export const bytesPerSecondOfMedia = 16_000;

/** Duration in seconds of an audio/video input, from S3 metadata when present, else from its byte length. */
export function mediaDurationSeconds(
  byteLength: number,
  metadata: Readonly<Record<string, string>> = {},
): number {
  const declared = Number(metadata["duration-seconds"]);
  if (Number.isFinite(declared) && declared > 0) return declared;
  return byteLength / bytesPerSecondOfMedia;
}
