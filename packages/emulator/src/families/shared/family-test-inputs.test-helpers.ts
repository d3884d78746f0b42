import { pngBytes } from "../../media/test-images.test-helpers.js";
import type { FetchedObject } from "../../s3/s3-object-store.js";
import type { InvocationContext } from "../model-family.js";

/** A 64x48 PNG, base64-encoded, as the media families take it inline. */
export const png = pngBytes(64, 48).toString("base64");

/** The Euclidean length of a vector. */
export function norm(vector: readonly number[]): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

/** Cosine similarity of two vectors of the same length. */
export function cosine(left: readonly number[], right: readonly number[]): number {
  const dot = left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);
  return dot / (Math.hypot(...left) * Math.hypot(...right));
}

/** An invocation context whose S3 holds exactly `objects`; any other read fails the test. */
export function s3Context(objects: Record<string, FetchedObject>): InvocationContext {
  return {
    s3Object(uri) {
      const object = objects[uri];
      if (!object) throw new Error(`unexpected read of ${uri}`);
      return object;
    },
  };
}
