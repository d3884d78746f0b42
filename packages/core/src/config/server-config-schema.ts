import { isIP } from "node:net";
import { z } from "zod";
import { embedderConfigSchema } from "./embedder-config-schema.js";

/**
 * One API key of the server: the bare key, or the key with its per-minute budgets and the model
 * aliases it may use (absent: every alias).
 *
 * @example
 * apiKeySchema.parse({ key: "sk-team-a", requestsPerMinute: 600, models: ["titan-v2"] });
 */
export const apiKeySchema = z.union([
  z.string().min(1),
  z.strictObject({
    key: z.string().min(1),
    requestsPerMinute: z.int().positive().optional(),
    tokensPerMinute: z.int().positive().optional(),
    models: z.array(z.string().min(1)).min(1).optional(),
  }),
]);

/**
 * One model alias the server answers to (`model` in an OpenAI request) and the embedder behind it.
 *
 * @example
 * servedModelSchema.parse({ name: "titan-v2", embedder: { provider: "aws_bedrock", config: { dimensions: 512 } } });
 */
export const servedModelSchema = z.strictObject({
  name: z.string().min(1),
  embedder: embedderConfigSchema,
});

/** Where the server listens when the file does not say. */
export const DEFAULT_SERVER_HOST = "127.0.0.1";
export const DEFAULT_SERVER_PORT = 4000;

/**
 * The `server:` section: the OpenAI-compatible embeddings server (`bedrock-embeddings serve`).
 * Binding a host other than loopback without `api_keys` is refused, so a server is never open to
 * a network by accident.
 *
 * @example
 * serverConfigSchema.parse({ models: [{ name: "titan-v2", embedder: { provider: "aws_bedrock" } }] }).port; // 4000
 */
export const serverConfigSchema = z
  .strictObject({
    /** Address to bind; loopback by default. */
    host: z.string().min(1).default(DEFAULT_SERVER_HOST),
    /** TCP port; 0 picks a free one. */
    port: z.int().min(0).max(65535).default(DEFAULT_SERVER_PORT),
    /** Keys clients send as `Authorization: Bearer <key>`; none means no authentication (loopback only). */
    apiKeys: z.array(apiKeySchema).default([]),
    models: z.array(servedModelSchema).min(1),
    /** Largest request body in bytes (OpenAI's 2,048 inputs of a few KB each fit in the default). */
    bodyLimitBytes: z
      .int()
      .positive()
      .default(16 * 1024 * 1024),
    /** Shares per-key limits and the vector cache across replicas when set. */
    redisUrl: z.url().optional(),
    /** One JSON line per request on stderr (method, path, status, duration, model; never keys or inputs). */
    accessLog: z.boolean().default(false),
    /** A request still unanswered after this long gets a 503. */
    requestTimeoutMs: z.int().positive().default(120_000),
    /** A client must have sent its headers within this long, and its whole request within `bodyTimeoutMs`. */
    headersTimeoutMs: z.int().positive().default(10_000),
    bodyTimeoutMs: z.int().positive().default(30_000),
  })
  .superRefine((server, context) => {
    if (server.apiKeys.length === 0 && !isLoopback(server.host)) {
      context.addIssue({
        code: "custom",
        path: ["apiKeys"],
        message: `server.host ${server.host} is reachable from other machines; set server.api_keys, or bind 127.0.0.1`,
      });
    }
    const names = server.models.map((model) => model.name);
    names.forEach((name, position) => {
      if (names.indexOf(name) !== position) {
        context.addIssue({
          code: "custom",
          path: ["models", position, "name"],
          message: `the model alias "${name}" is listed twice; give each alias once`,
        });
      }
    });
  });

/**
 * True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost).
 *
 * @example
 * isLoopback("0.0.0.0"); // false
 */
export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1" || host === "[::1]";
}

export type ApiKeyConfig = z.output<typeof apiKeySchema>;
export type ServedModelConfig = z.output<typeof servedModelSchema>;
export type ServerConfig = z.output<typeof serverConfigSchema>;
export type ServerConfigInput = z.input<typeof serverConfigSchema>;
