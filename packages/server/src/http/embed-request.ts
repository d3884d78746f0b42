import type { LimitDecision, RateLimitStore } from "../limits/rate-limit-store.js";
import type { ServedModels } from "../models/served-models.js";
import type { KnownKey } from "./api-keys.js";
import type { EmbeddingsRequest } from "./embeddings-request.js";
import { encodeVectorBase64 } from "./encode-vector.js";
import { OpenAiHttpError } from "./openai-http-error.js";
import { rateLimitHeaders } from "./rate-limit-headers.js";

/** OpenAI's embeddings response. */
export interface EmbeddingsResponse {
  object: "list";
  data: { object: "embedding"; index: number; embedding: number[] | string }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/** What serving one request needs from the server. */
export interface EmbedRequestContext {
  models: ServedModels;
  limits: RateLimitStore;
  requestTimeoutMs: number;
}

/** The response body and any headers to send with it (x-ratelimit-*). */
export interface EmbedOutcome {
  body: EmbeddingsResponse;
  headers: Record<string, string>;
}

/**
 * Serves one checked embeddings request for `key` (undefined when the server has no keys):
 * checks the alias and the key's rights and limits, then embeds through the alias's shared batcher.
 *
 * @example
 * const { body } = await embedRequest(parseEmbeddingsRequest(json), undefined, context);
 */
export async function embedRequest(
  request: EmbeddingsRequest,
  key: KnownKey | undefined,
  context: EmbedRequestContext,
): Promise<EmbedOutcome> {
  if (!context.models.has(request.model)) {
    throw new OpenAiHttpError(
      404,
      `The model \`${request.model}\` does not exist; this server has ${context.models.names.join(", ")}.`,
      { type: "invalid_request_error", code: "model_not_found", param: "model" },
    );
  }
  if (key?.models && !key.models.has(request.model)) {
    throw new OpenAiHttpError(403, `This API key may not use the model \`${request.model}\`.`, {
      type: "permission_error",
      code: "model_not_allowed",
      param: "model",
    });
  }
  const served = context.models.resolve(request.model, request.dimensions);
  const headers = key?.hasLimits ? await takeBudget(key, request, context.limits) : {};
  const { vectors, inputTokens } = await withTimeout(
    served.batcher.embed(request.texts, request.memoryAction),
    context.requestTimeoutMs,
  );
  return {
    headers,
    body: {
      object: "list",
      data: vectors.map((vector, index) => ({
        object: "embedding",
        index,
        embedding: request.encodingFormat === "base64" ? encodeVectorBase64(vector) : vector,
      })),
      model: request.model,
      usage: { prompt_tokens: inputTokens, total_tokens: inputTokens },
    },
  };
}

// Tokens are counted before the call, so the budget is an estimate: about four characters a token.
function estimatedTokens(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
}

async function takeBudget(
  key: KnownKey,
  request: EmbeddingsRequest,
  limits: RateLimitStore,
): Promise<Record<string, string>> {
  const tokens = estimatedTokens(request.texts);
  refuseOverWholeBudget(key, tokens);
  const decision: LimitDecision = await limits.take(key.id, key.limits, tokens);
  const headers = rateLimitHeaders(decision);
  if (decision.allowed) return headers;
  const budget = decision.exceeded ?? "requests";
  throw new OpenAiHttpError(
    429,
    `Rate limit reached for this API key: ${budget} per minute. Retry after ${decision.retryAfterSeconds ?? 1} s.`,
    {
      type: budget,
      code: "rate_limit_exceeded",
      retryAfterSeconds: decision.retryAfterSeconds ?? 1,
      headers,
    },
  );
}

// A request larger than the key's whole minute would be refused with 429 forever: retrying cannot help,
// so it is a 413 (which OpenAI's clients do not retry), refused before it is counted anywhere.
function refuseOverWholeBudget(key: KnownKey, tokens: number): void {
  const limit = key.limits.tokensPerMinute;
  if (limit === undefined || tokens <= limit) return;
  throw new OpenAiHttpError(
    413,
    `This request is estimated at ${tokens} tokens (about 4 characters a token), more than this API key's whole limit of ${limit} tokens per minute, so it can never pass. Split the input into requests of at most ${limit} tokens (about ${limit * 4} characters) each.`,
    { type: "invalid_request_error", code: "tokens_over_key_limit", param: "input" },
  );
}

function withTimeout<Value>(work: Promise<Value>, timeoutMs: number): Promise<Value> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new OpenAiHttpError(503, `The embedding took longer than ${timeoutMs} ms; retry later.`, {
            type: "server_error",
            code: "timeout",
            retryAfterSeconds: 1,
          }),
        ),
      timeoutMs,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
