import type { AwsServiceError } from "../protocol/aws-service-error.js";
import { validationError } from "../protocol/aws-service-error.js";
import type { Schema } from "./schema.js";
import { validateSchema } from "./validate-schema.js";

const reformatSuffix = ", please reformat your input and try again.";

/** What Bedrock answers when the body is not JSON at all. */
export function unparseableBodyError(cause: unknown): AwsServiceError {
  const error = validationError(`Malformed input request${reformatSuffix}`);
  error.cause = cause;
  return error;
}

/** Bedrock concatenates every schema problem with no separator between them. */
export function malformedInputError(problems: readonly string[]): AwsServiceError {
  return validationError(`Malformed input request: ${problems.join("")}${reformatSuffix}`);
}

/** Throws Bedrock's "Malformed input request" ValidationException when `body` does not match `schema`. */
export function assertMatchesSchema(body: unknown, schema: Schema): void {
  const problems = validateSchema(body, schema);
  if (problems.length > 0) throw malformedInputError(problems);
}
