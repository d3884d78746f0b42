// Test-only fakes for the SDK client (excluded from the build by tsconfig).
import { BedrockRuntimeClient, type InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { vi } from "vitest";

/** What the embedder put in one InvokeModelCommand, as sent. */
export interface SentRequest {
  modelId: string | undefined;
  contentType: string | undefined;
  accept: string | undefined;
  body: Record<string, unknown>;
  command: InvokeModelCommand;
  abortSignal: AbortSignal | undefined;
}

/** A reply body, or an error to throw. */
export type Reply = unknown;

/**
 * A client whose `send` records the real InvokeModelCommand and answers with `handler`'s
 * JSON (or throws what it throws), like the SDK's output: `{ body: Uint8Array, $metadata }`.
 */
export function fakeClient(handler: (request: SentRequest, callNumber: number) => Reply | Promise<Reply>) {
  const requests: SentRequest[] = [];
  const send = vi.fn(async (command: InvokeModelCommand, options?: { abortSignal?: AbortSignal }) => {
    const input = command.input;
    const text = new TextDecoder().decode(input.body as Uint8Array);
    const request: SentRequest = {
      modelId: input.modelId,
      contentType: input.contentType,
      accept: input.accept,
      body: JSON.parse(text) as Record<string, unknown>,
      command,
      abortSignal: options?.abortSignal,
    };
    requests.push(request);
    const reply = await handler(request, requests.length);
    return {
      body: new TextEncoder().encode(typeof reply === "string" ? reply : JSON.stringify(reply)),
      contentType: "application/json",
      $metadata: { httpStatusCode: 200, requestId: `req-${requests.length}` },
    };
  });
  return { client: { send } as unknown as BedrockRuntimeClient, send, requests };
}

/** An error shaped like the SDK's service exceptions. */
export function awsError(
  name: string,
  httpStatusCode: number,
  message: string,
  headers: Record<string, string> = {},
): Error & { $metadata: { httpStatusCode: number; requestId: string } } {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? "server" : "client",
    $metadata: { httpStatusCode, requestId: `req-${name}` },
    $response: { statusCode: httpStatusCode, headers },
  });
}

/** A vector of `length` with a recognizable first component. */
export function vectorOf(length: number, first = 1): number[] {
  const vector = new Array<number>(length).fill(0.5);
  vector[0] = first;
  return vector;
}

/** Cohere-style reply for the texts of a request: one vector per text, first component = text length. */
export function cohereReply(request: SentRequest, dimension = 1024): { embeddings: number[][] } {
  const texts = request.body["texts"] as string[];
  return { embeddings: texts.map((text) => vectorOf(dimension, text.length)) };
}

/** A real BedrockRuntimeClient whose HTTP layer is `respond`: the SDK serializes, signs, deserializes. */
export function transportClient(
  respond: (request: { path: string; headers: Record<string, string>; body: string }) => {
    statusCode: number;
    headers?: Record<string, string>;
    body: unknown;
  },
  config: { apiKey?: string } = {},
) {
  const seen: { path: string; headers: Record<string, string>; body: string }[] = [];
  const client = new BedrockRuntimeClient({
    region: "us-east-1",
    maxAttempts: 1,
    ...(config.apiKey
      ? { token: { token: config.apiKey }, authSchemePreference: ["httpBearerAuth"] }
      : { credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "transport-secret" } }),
    requestHandler: {
      handle: async (request: { path: string; headers: Record<string, string>; body?: unknown }) => {
        const body =
          typeof request.body === "string"
            ? request.body
            : new TextDecoder().decode(request.body as Uint8Array);
        const incoming = { path: request.path, headers: request.headers, body };
        seen.push(incoming);
        const reply = respond(incoming);
        return {
          response: {
            statusCode: reply.statusCode,
            headers: { "content-type": "application/json", ...reply.headers },
            body: new TextEncoder().encode(JSON.stringify(reply.body)),
          },
        };
      },
    },
  });
  return { client, seen };
}

/** Retry timing that never waits, recording the delays asked for. */
export function instantRuntime() {
  const delays: number[] = [];
  return {
    delays,
    runtime: {
      sleep: async (ms: number) => {
        delays.push(ms);
      },
      random: () => 0.5,
    },
  };
}
