/**
 * Put this string in an async invocation's input (an S3 key or the text) or a batch job's input S3 URI and
 * the job ends `Failed` with a failureMessage naming the marker, so clients' failure paths can be tested.
 *
 * @example
 * await s3.send(new PutObjectCommand({ Bucket: "media", Key: "clips/EMULATOR_FAIL.mp4", Body: bytes }));
 * // StartAsyncInvoke on s3://media/clips/EMULATOR_FAIL.mp4 -> GetAsyncInvoke: { status: "Failed", failureMessage: "..." }
 */
export const EMULATOR_FAIL_MARKER = "EMULATOR_FAIL";

/**
 * Put this string in a Nova async input and the job completes with a partial result: text segments that
 * contain it, or the last segment of audio/video whose S3 key contains it, come back as `FAILURE` lines
 * (with a `failureReason`), and their `embeddingResults` entry says `PARTIAL_SUCCESS`.
 *
 * @example
 * const text = "first part ... EMULATOR_PARTIAL ... last part";
 * // segmented-embedding-result.json: { embeddingResults: [{ embeddingType: "TEXT", status: "PARTIAL_SUCCESS", ... }] }
 */
export const EMULATOR_PARTIAL_MARKER = "EMULATOR_PARTIAL";

/** Why a background job stopped; its message becomes the job's failureMessage (or message). */
export class JobFailure extends Error {
  override readonly name = "JobFailure";
}
