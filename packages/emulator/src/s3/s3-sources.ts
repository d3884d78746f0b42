import type { InvocationContext } from "../families/model-family.js";
import type { AwsServiceError } from "../protocol/aws-service-error.js";
import { validationError } from "../protocol/aws-service-error.js";
import type { FetchedObject, S3ObjectStore } from "./s3-object-store.js";
import { S3AccessError } from "./s3-object-store.js";

// A request naming more S3 objects than this is not a real embedding request; don't fetch them all.
const maxReferencedObjects = 100;

/** Every `s3Location.uri` string anywhere in a request body, in order of appearance, without duplicates. */
export function collectS3Uris(body: unknown): string[] {
  const uris = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 8 || typeof value !== "object" || value === null || uris.size >= maxReferencedObjects) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === "s3Location" && typeof child === "object" && child !== null) {
        const uri = (child as { uri?: unknown }).uri;
        if (typeof uri === "string") uris.add(uri);
      } else {
        visit(child, depth + 1);
      }
    }
  };
  visit(body, 0);
  return [...uris];
}

/** An InvocationContext with nothing fetched: any S3 source is reported as unreadable. */
export const noS3Context: InvocationContext = {
  s3Object: (uri) => {
    throw noS3EndpointError(uri);
  },
};

/**
 * Fetches every S3 object the body references. Failures are kept, not thrown, so the family can validate the
 * body first and raise the read error only when it reaches that source.
 */
export async function prefetchS3Sources(
  body: unknown,
  store: S3ObjectStore | undefined,
): Promise<InvocationContext> {
  const uris = collectS3Uris(body);
  if (uris.length === 0) return noS3Context;
  const fetched = new Map<string, FetchedObject | AwsServiceError>();
  await Promise.all(
    uris.map(async (uri) => {
      fetched.set(
        uri,
        store ? await store.getObject(uri).catch(unreadableObjectError) : noS3EndpointError(uri),
      );
    }),
  );
  return {
    s3Object(uri) {
      const object = fetched.get(uri);
      if (object === undefined) throw noS3EndpointError(uri);
      if (object instanceof Error) throw object;
      return object;
    },
  };
}

function noS3EndpointError(uri: string): AwsServiceError {
  return validationError(
    `The Bedrock emulator cannot read ${uri}: start it with the \`s3\` option pointing at an S3-compatible endpoint.`,
  );
}

function unreadableObjectError(error: unknown): AwsServiceError {
  const detail = error instanceof S3AccessError ? error.message : String(error);
  const wrapped = validationError(`Unable to read the S3 object ${detail}`);
  wrapped.cause = error;
  return wrapped;
}
