import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { RateLimitStore } from "../limits/rate-limit-store.js";
import type { ServedModels } from "../models/served-models.js";
import { type LogSink, writeAccessLog } from "./access-log.js";
import { type ApiKeys, bearerKey, type KnownKey } from "./api-keys.js";
import { embedRequest } from "./embed-request.js";
import { parseEmbeddingsRequest } from "./embeddings-request.js";
import { errorForResponse } from "./error-for-response.js";
import { invalidRequest, OpenAiHttpError } from "./openai-http-error.js";
import type { Readiness } from "./readiness.js";
import type { ServerMetrics } from "./server-metrics.js";

/** Everything the HTTP app serves from. */
export interface EmbeddingsAppOptions {
  models: ServedModels;
  apiKeys: ApiKeys;
  limits: RateLimitStore;
  metrics: ServerMetrics;
  readiness: Readiness;
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  /** JSON access log lines go here; absent: no access log. */
  accessLog?: LogSink | undefined;
  /** `created` of every model in GET /v1/models (Unix seconds); default the app's start. */
  createdSeconds?: number;
}

interface AppVariables {
  requestId: string;
  key: KnownKey | undefined;
  model: string | undefined;
  inputs: number | undefined;
}

const ROUTES = new Set(["/v1/embeddings", "/v1/models", "/health", "/health/ready", "/metrics"]);

/**
 * The OpenAI-compatible HTTP app (Hono): `POST /v1/embeddings`, `GET /v1/models`, `GET /health`,
 * `GET /health/ready` and `GET /metrics`. Every response carries `x-request-id`; errors use
 * OpenAI's `{ error: { message, type, param, code } }`.
 *
 * @example
 * const app = createEmbeddingsApp(options);
 * const response = await app.request("/v1/models");
 */
export function createEmbeddingsApp(options: EmbeddingsAppOptions): Hono<{ Variables: AppVariables }> {
  const app = new Hono<{ Variables: AppVariables }>();
  const created = options.createdSeconds ?? Math.floor(Date.now() / 1000);

  app.use(async (context, next) => {
    const started = performance.now();
    const requestId = `req_${randomUUID().replaceAll("-", "")}`;
    context.set("requestId", requestId);
    await next();
    context.header("x-request-id", requestId);
    const status = context.res.status;
    const seconds = (performance.now() - started) / 1000;
    options.metrics.observeRequest(
      ROUTES.has(context.req.path) ? context.req.path : "other",
      status,
      seconds,
    );
    if (options.accessLog) {
      writeAccessLog(options.accessLog, {
        requestId,
        method: context.req.method,
        path: context.req.path,
        status,
        durationMs: Math.round(seconds * 1000 * 10) / 10,
        model: context.get("model"),
        inputs: context.get("inputs"),
        keyId: context.get("key")?.id,
      });
    }
  });

  app.use("/v1/*", async (context, next) => {
    if (!options.apiKeys.required) return next();
    const presented = bearerKey(context.req.header("authorization"));
    const key = presented === undefined ? undefined : options.apiKeys.find(presented);
    if (!key) {
      throw new OpenAiHttpError(
        401,
        presented === undefined
          ? "No API key given: send it as `Authorization: Bearer <key>`."
          : "Incorrect API key provided.",
        { type: "authentication_error", code: "invalid_api_key" },
      );
    }
    context.set("key", key);
    return next();
  });

  app.post(
    "/v1/embeddings",
    bodyLimit({
      maxSize: options.bodyLimitBytes,
      onError: () => {
        throw new OpenAiHttpError(413, `The request body is larger than ${options.bodyLimitBytes} bytes.`, {
          type: "invalid_request_error",
          code: "request_too_large",
        });
      },
    }),
    (context) =>
      options.metrics.countInFlight(async () => {
        let json: unknown;
        try {
          json = await context.req.json();
        } catch (error) {
          if (error instanceof OpenAiHttpError) throw error;
          throw invalidRequest("The request body is not valid JSON.", undefined, error);
        }
        const request = parseEmbeddingsRequest(json);
        context.set("model", request.model);
        context.set("inputs", request.texts.length);
        const { body, headers } = await embedRequest(request, context.get("key"), {
          models: options.models,
          limits: options.limits,
          requestTimeoutMs: options.requestTimeoutMs,
        });
        for (const [name, value] of Object.entries(headers)) context.header(name, value);
        return context.json(body);
      }),
  );

  app.get("/v1/models", (context) =>
    context.json({
      object: "list",
      data: options.models.names.map((id) => ({
        id,
        object: "model",
        created,
        owned_by: "bedrock-embeddings",
      })),
    }),
  );

  app.get("/health", (context) => context.json({ status: "ok" }));

  app.get("/health/ready", async (context) => {
    const report = await options.readiness.check();
    return context.json(report, report.ready ? 200 : 503);
  });

  app.get("/metrics", async (context) => {
    context.header("content-type", options.metrics.contentType);
    return context.body(await options.metrics.text());
  });

  app.notFound((context) => {
    const problem = new OpenAiHttpError(
      404,
      `Unknown path ${context.req.path}; this server serves /v1/embeddings and /v1/models.`,
      {
        type: "not_found_error",
        code: "unknown_url",
      },
    );
    return context.json(problem.body(), problem.status);
  });

  app.onError((error, context) => {
    const problem = errorForResponse(error);
    return context.json(problem.body(), problem.status, problem.responseHeaders());
  });

  return app;
}
