import {
  BedrockApiError,
  BedrockEmbeddingsError,
  ConfigurationError,
  InputError,
  NotFoundError,
} from "@bedrock-embeddings/core";

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

/**
 * The error as one JSON line, for `--json` runs: the message, the library's error code, the fix,
 * where it applies (file, line, key, input index, id), the exit code and the causes.
 *
 * @example
 * formatErrorJson(error); // {"error":"no scope given. Pass --user ...","code":"CONFIGURATION","exitCode":2,...}\n
 */
export function formatErrorJson(error: unknown): string {
  const details: Record<string, unknown> = { error: messageOf(error) };
  if (BedrockEmbeddingsError.isInstance(error)) {
    details["code"] = error.code;
    if (error.fix !== undefined) details["fix"] = error.fix;
  }
  if (ConfigurationError.isInstance(error)) {
    Object.assign(
      details,
      definedOnly({ file: error.file, line: error.line, path: error.path, allowed: error.allowed }),
    );
  }
  if (InputError.isInstance(error)) Object.assign(details, definedOnly({ index: error.index }));
  if (NotFoundError.isInstance(error)) details["id"] = error.id;
  if (BedrockApiError.isInstance(error)) {
    Object.assign(
      details,
      definedOnly({
        awsErrorName: error.awsErrorName,
        httpStatus: error.httpStatus,
        requestId: error.requestId,
        modelId: error.modelId,
      }),
    );
  }
  details["exitCode"] = exitCodeFor(error);
  const causes: string[] = [];
  let cause = (error as { cause?: unknown } | undefined)?.cause;
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    if (!BedrockEmbeddingsError.isInstance(cause)) causes.push(messageOf(cause));
    cause = (cause as { cause?: unknown }).cause;
  }
  if (causes.length > 0) details["causes"] = causes;
  return `${JSON.stringify(details)}\n`;
}

function definedOnly(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
