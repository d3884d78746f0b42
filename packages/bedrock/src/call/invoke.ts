import { type BedrockRuntimeClient, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { ResponseError } from "@bedrock-embeddings/core";
import { captureResponseHeaders } from "../client/token-count-middleware.js";

/** One successful InvokeModel attempt: the parsed JSON body and the headers the SDK hides. */
export interface InvokeResult {
  body: unknown;
  inputTokenCount: number | undefined;
  requestId: string | undefined;
  httpStatus: number | undefined;
}

/** Raised when one attempt exceeds `requestTimeoutMs`; classified as a retryable timeout. */
export class RequestTimeoutError extends Error {
  override readonly name = "TimeoutError";
  constructor(readonly timeoutMs: number) {
    super(`no response within ${timeoutMs} ms`);
  }
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Sends one InvokeModel request with JSON content type and accept, a per-command header
 * capture, and (when `timeoutMs` is set) an AbortController that cancels the attempt.
 * The timer also settles the attempt itself, so a transport that ignores the signal cannot hang it.
 * `signal` (the caller's abort) cancels the attempt too, rejecting with its reason.
 */
export async function invokeModel(
  client: BedrockRuntimeClient,
  modelId: string,
  body: Record<string, unknown>,
  timeoutMs: number | undefined,
  signal?: AbortSignal,
): Promise<InvokeResult> {
  const command = new InvokeModelCommand({
    modelId,
    contentType: "application/json",
    accept: "application/json",
    body: encoder.encode(JSON.stringify(body)),
  });
  const headers = captureResponseHeaders(command);
  const output = await sendWithTimeout(client, command, timeoutMs, signal);
  return {
    body: parseJson(output.body, modelId),
    inputTokenCount: headers.inputTokenCount,
    requestId: headers.requestId ?? output.$metadata?.requestId,
    httpStatus: headers.httpStatus ?? output.$metadata?.httpStatusCode,
  };
}

type SendOutput = { body?: Uint8Array; $metadata?: { requestId?: string; httpStatusCode?: number } };

async function sendWithTimeout(
  client: BedrockRuntimeClient,
  command: InvokeModelCommand,
  timeoutMs: number | undefined,
  signal: AbortSignal | undefined,
): Promise<SendOutput> {
  if (timeoutMs === undefined && signal === undefined) return (await client.send(command)) as SendOutput;
  signal?.throwIfAborted();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        controller.abort();
        reject(new RequestTimeoutError(timeoutMs));
      }, timeoutMs);
    }
    if (signal) {
      onAbort = () => {
        controller.abort(signal.reason);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
    }
  });
  const sent = client.send(command, { abortSignal: controller.signal }) as Promise<SendOutput>;
  // The losing promise's rejection (the abort error) must not surface as unhandled.
  sent.catch(() => undefined);
  try {
    return await Promise.race([sent, stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}

function parseJson(bytes: Uint8Array | undefined, modelId: string): unknown {
  const text = bytes === undefined ? "" : decoder.decode(bytes);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ResponseError(`The response body for ${modelId} is not JSON (${text.length} characters).`, {
      modelId,
      cause: error,
      fix: "Check that endpoint points at Bedrock Runtime (or the emulator) and not at another service.",
    });
  }
}
