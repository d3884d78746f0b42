import { BedrockApiError, BedrockEmbeddingsError, ConfigurationError } from "@bedrock-embeddings/core";

/** Exit codes: 1 for a failed operation, 2 for a configuration or usage problem. */
export function exitCodeFor(error: unknown): number {
  return ConfigurationError.isInstance(error) ? 2 : 1;
}

/** One readable paragraph: the message, the AWS details, then the chain of causes. */
export function formatError(error: unknown): string {
  const lines = [`error: ${messageOf(error)}`];
  if (BedrockApiError.isInstance(error)) {
    const details = [
      `AWS error ${error.awsErrorName}`,
      error.httpStatus === undefined ? undefined : `HTTP ${error.httpStatus}`,
      error.requestId === undefined ? undefined : `request id ${error.requestId}`,
      `model ${error.modelId}`,
    ].filter(Boolean);
    lines.push(`  ${details.join(", ")}`);
  }
  let cause = (error as { cause?: unknown } | undefined)?.cause;
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    if (!BedrockEmbeddingsError.isInstance(cause)) lines.push(`  caused by: ${messageOf(cause)}`);
    cause = (cause as { cause?: unknown }).cause;
  }
  return `${lines.join("\n")}\n`;
}

function messageOf(value: unknown): string {
  if (value instanceof Error)
    return value.name && value.name !== "Error" && !BedrockEmbeddingsError.isInstance(value)
      ? `${value.name}: ${value.message}`
      : value.message;
  return String(value);
}
