import { randomUUID } from "node:crypto";
import {
  BedrockRuntimeClient,
  GetAsyncInvokeCommand,
  ListAsyncInvokesCommand,
  StartAsyncInvokeCommand,
  type StartAsyncInvokeCommandInput,
} from "@aws-sdk/client-bedrock-runtime";
import {
  BedrockEmbeddingsError,
  ConfigurationError,
  checkText,
  classifyError,
  type Environment,
  InputError,
  ResponseError,
} from "@bedrock-embeddings/core";
import { toBedrockApiError } from "../call/api-error.js";
import { DEFAULT_TIMEOUTS } from "../call/timeouts.js";
import { http2HandlerOptions } from "../client/client-timeouts.js";
import { buildClientConfig, type ClientOptions } from "../client/create-client.js";
import { buildMarengo27AsyncBody, buildMarengo30AsyncBody } from "../families/marengo/async-body.js";
import { buildNovaAsyncBody } from "../families/nova-multimodal/async-body.js";
import { type ObjectStore, S3ObjectStore } from "../s3/object-store.js";
import { createS3Client, type S3Settings } from "../s3/s3-client.js";
import { joinS3Uri, parseS3Uri } from "../s3/s3-uri.js";
import { type AsyncFamily, type AsyncModel, resolveAsyncModel } from "./async-model.js";
import { toAsyncStatus } from "./async-status.js";
import type {
  AsyncEmbeddingInput,
  AsyncEmbeddingResult,
  AsyncInvocationStatus,
  S3MediaInput,
  StartAsyncEmbeddingRequest,
  StartedAsyncEmbedding,
} from "./async-types.js";
import { type PollClock, type PollOptions, type PollProgress, pollUntilDone, realClock } from "./poll.js";
import { readAsyncResults } from "./read-async-results.js";

/**
 * Options of `AsyncEmbeddingClient`: the same region, endpoint and auth options as
 * `BedrockEmbedder`, defaults for requests, and where S3 is (the `s3` settings) when it is not
 * AWS S3 with the same credentials.
 *
 * @example
 * const config: AsyncEmbeddingClientConfig = {
 *   region: "us-east-1", model: "amazon.nova-2-multimodal-embeddings-v1:0", outputS3Uri: "s3://media/embeddings/",
 * };
 */
export interface AsyncEmbeddingClientConfig extends ClientOptions {
  /** Default model of requests that name none. */
  model?: string;
  family?: string;
  /** Default output location: each invocation writes to `<outputS3Uri>/<invocationId>/`. */
  outputS3Uri?: string;
  /** Where inline text for Nova is uploaded; defaults to `<outputS3Uri>/inputs/`. */
  inputS3Uri?: string;
  /** Unit-length segment vectors (the default), as the synchronous embedder returns. */
  normalize?: boolean;
  s3?: S3Settings;
  /** Default waiting: poll interval, cap and timeout. */
  poll?: Omit<PollOptions, "signal">;
  environment?: Environment;
  /** A ready Bedrock Runtime client; region, endpoint and auth options then belong on it. */
  runtimeClient?: BedrockRuntimeClient;
  /** A ready object store (e.g. an in-memory one in tests) instead of S3 from `s3`. */
  objectStore?: ObjectStore;
}

/**
 * Hooks for tests: the clock that polling sleeps on, and the idempotency token generator.
 *
 * @example
 * new AsyncEmbeddingClient(config, { clock: fakeClock, createToken: () => "token-1" });
 */
export interface AsyncEmbeddingRuntime {
  clock?: PollClock;
  createToken?: () => string;
}

/**
 * How one wait goes: `PollOptions` plus a progress callback, called after each status check.
 *
 * @example
 * await client.waitForAsyncEmbedding(arn, { timeoutMs: 600_000, signal, onPoll: ({ status }) => log(status.status) });
 */
export interface WaitForAsyncEmbeddingOptions extends PollOptions {
  onPoll?: (progress: PollProgress<AsyncInvocationStatus>) => void;
}

/**
 * Async invocation (StartAsyncInvoke, GetAsyncInvoke, ListAsyncInvokes) for Nova segmented
 * embeddings (long text, audio, video, image) and TwelveLabs Marengo (video, audio, image,
 * text), with results read back from S3. Any invocation ARN can be fetched later, from another
 * process: results are read from what GetAsyncInvoke reports, not from this client's memory.
 *
 * @example
 * const client = new AsyncEmbeddingClient({ region: "us-east-1", model: "amazon.nova-2-multimodal-embeddings-v1:0", outputS3Uri: "s3://media/out/" });
 * const { invocationArn } = await client.startAsyncEmbedding({ input: { s3Uri: "s3://media/intro.mp4", type: "video" } });
 * await client.waitForAsyncEmbedding(invocationArn, { timeoutMs: 30 * 60_000 });
 * const { segments, failures } = await client.fetchAsyncEmbeddingResults(invocationArn);
 */
export class AsyncEmbeddingClient {
  readonly #config: AsyncEmbeddingClientConfig;
  readonly #runtime: BedrockRuntimeClient;
  readonly #store: ObjectStore;
  readonly #clock: PollClock;
  readonly #createToken: () => string;
  readonly #secrets: string[];

  constructor(config: AsyncEmbeddingClientConfig, runtime: AsyncEmbeddingRuntime = {}) {
    const environment = config.environment ?? {};
    this.#config = config;
    // SDK retries are safe here: StartAsyncInvoke carries one idempotency token across them.
    this.#runtime = config.runtimeClient ?? createAsyncRuntimeClient(config, environment);
    this.#store =
      config.objectStore ?? new S3ObjectStore(createS3Client(config, config.s3 ?? {}, environment));
    this.#clock = runtime.clock ?? realClock;
    this.#createToken = runtime.createToken ?? randomUUID;
    this.#secrets = [
      config.credentials?.secretAccessKey,
      config.credentials?.sessionToken,
      config.apiKey,
      environment["AWS_BEARER_TOKEN_BEDROCK"],
    ].filter((secret): secret is string => typeof secret === "string" && secret.length > 0);
  }

  /**
   * Starts one invocation and returns its ARN. Inline text for Nova is uploaded to S3 first.
   * The idempotency token is generated unless given, and returned, so a retried start with
   * the same token cannot start a second job.
   *
   * @example
   * const { invocationArn } = await client.startAsyncEmbedding({ input: longText, options: { maxLengthChars: 2000 } });
   */
  async startAsyncEmbedding(request: StartAsyncEmbeddingRequest): Promise<StartedAsyncEmbedding> {
    const model = this.#model(request.model, request.family);
    const outputS3Uri = request.outputS3Uri ?? this.#config.outputS3Uri;
    if (!outputS3Uri) {
      throw new ConfigurationError("no output location is configured for async invoke.", {
        path: "outputS3Uri",
        fix: "Set async.outputS3Uri in the config (or outputS3Uri in code), e.g. s3://my-bucket/embeddings/.",
      });
    }
    parseS3Uri(outputS3Uri, "outputS3Uri");
    const clientRequestToken = request.clientRequestToken ?? this.#createToken();
    const { input, uploadedInputUri } = await this.#prepareInput(
      request.input,
      model,
      outputS3Uri,
      clientRequestToken,
    );
    const body = buildBody(model.family, input, request.options ?? {});
    const tags = Object.entries(request.tags ?? {}).map(([key, value]) => ({ key, value }));
    const output = await this.#send(model.modelId, () =>
      this.#runtime.send(
        new StartAsyncInvokeCommand({
          clientRequestToken,
          modelId: model.modelId,
          modelInput: body as StartAsyncInvokeCommandInput["modelInput"],
          outputDataConfig: { s3OutputDataConfig: { s3Uri: outputS3Uri } },
          ...(tags.length > 0 ? { tags } : {}),
        }),
      ),
    );
    if (!output.invocationArn) {
      throw new ResponseError("StartAsyncInvoke answered without an invocationArn.", {
        modelId: model.modelId,
      });
    }
    return {
      invocationArn: output.invocationArn,
      clientRequestToken,
      modelId: model.modelId,
      ...(uploadedInputUri ? { uploadedInputUri } : {}),
    };
  }

  /**
   * The invocation's current status (GetAsyncInvoke).
   *
   * @example
   * const { status } = await client.getAsyncEmbedding(arn); // "InProgress"
   */
  async getAsyncEmbedding(invocationArn: string, signal?: AbortSignal): Promise<AsyncInvocationStatus> {
    const output = await this.#send(invocationArn, () =>
      this.#runtime.send(new GetAsyncInvokeCommand({ invocationArn }), signal ? { abortSignal: signal } : {}),
    );
    return toAsyncStatus(output, invocationArn);
  }

  /**
   * Polls until the invocation is no longer InProgress, waiting `pollIntervalMs` at first and
   * longer each time (up to `maxPollIntervalMs`). Returns the final status, Failed included;
   * throws JobError when `timeoutMs` passes or `signal` aborts (the invocation keeps running).
   *
   * @example
   * const final = await client.waitForAsyncEmbedding(arn, { signal: AbortSignal.timeout(60_000) });
   */
  waitForAsyncEmbedding(
    invocationArn: string,
    options: WaitForAsyncEmbeddingOptions = {},
  ): Promise<AsyncInvocationStatus> {
    const { onPoll, ...poll } = options;
    return pollUntilDone(
      {
        jobArn: invocationArn,
        jobLabel: "Async invocation",
        resumeHint: "fetch its results later with fetchAsyncEmbeddingResults(invocationArn)",
        check: (signal) => this.getAsyncEmbedding(invocationArn, signal),
        isDone: (status) => status.status !== "InProgress",
        statusName: (status) => status.status,
        onPoll,
      },
      { ...this.#config.poll, ...definedOnly(poll) },
      this.#clock,
    );
  }

  /**
   * Reads a completed invocation's segments from S3, for any invocation ARN. A Failed
   * invocation is a JobError carrying the service's failureMessage; one still running is a
   * JobError `not-finished`. Partial success returns the segments plus `failures`.
   *
   * @example
   * const { segments, failures } = await client.fetchAsyncEmbeddingResults(arn);
   */
  async fetchAsyncEmbeddingResults(invocationArn: string): Promise<AsyncEmbeddingResult> {
    const status = await this.getAsyncEmbedding(invocationArn);
    return readAsyncResults(this.#store, status, this.#config.normalize ?? true, this.#config.family);
  }

  /**
   * Start, wait and fetch in one call.
   *
   * @example
   * const { segments } = await client.embedAsync({ input: { s3Uri: "s3://media/talk.mp3", type: "audio" } }, { timeoutMs: 600_000 });
   */
  async embedAsync(
    request: StartAsyncEmbeddingRequest,
    options: WaitForAsyncEmbeddingOptions = {},
  ): Promise<AsyncEmbeddingResult> {
    const { invocationArn } = await this.startAsyncEmbedding(request);
    const final = await this.waitForAsyncEmbedding(invocationArn, options);
    return readAsyncResults(this.#store, final, this.#config.normalize ?? true, this.#config.family);
  }

  /**
   * One page of ListAsyncInvokes, newest first.
   *
   * @example
   * const { invocations, nextToken } = await client.listAsyncEmbeddings({ statusEquals: "InProgress" });
   */
  async listAsyncEmbeddings(
    options: {
      statusEquals?: "InProgress" | "Completed" | "Failed";
      maxResults?: number;
      nextToken?: string;
    } = {},
  ): Promise<{ invocations: AsyncInvocationStatus[]; nextToken: string | undefined }> {
    const output = await this.#send("ListAsyncInvokes", () =>
      this.#runtime.send(
        new ListAsyncInvokesCommand({ ...options, sortBy: "SubmissionTime", sortOrder: "Descending" }),
      ),
    );
    return {
      invocations: (output.asyncInvokeSummaries ?? []).map((summary) =>
        toAsyncStatus(summary, summary.invocationArn ?? ""),
      ),
      nextToken: output.nextToken,
    };
  }

  #model(model: string | undefined, family: string | undefined): AsyncModel {
    const chosen = model ?? this.#config.model;
    if (!chosen) {
      throw new ConfigurationError("no model is configured for async invoke.", {
        path: "model",
        fix: "Set async.model (e.g. amazon.nova-2-multimodal-embeddings-v1:0) or pass model.",
      });
    }
    return resolveAsyncModel(chosen, family ?? (model === undefined ? this.#config.family : undefined));
  }

  async #prepareInput(
    input: AsyncEmbeddingInput,
    model: AsyncModel,
    outputS3Uri: string,
    token: string,
  ): Promise<{ input: AsyncEmbeddingInput; uploadedInputUri?: string }> {
    if (typeof input === "string") {
      // No character ceiling is known for async text: only a blank text is refused here.
      checkText(input, undefined, { familyName: model.family, maxCharacters: undefined, truncateModes: [] });
      if (model.family !== "nova") return { input };
      // Nova's async API reads text from S3 only.
      const folder = this.#config.inputS3Uri ?? joinS3Uri(outputS3Uri, "inputs");
      const uri = joinS3Uri(folder, `${token.replace(/[^A-Za-z0-9._-]/g, "_")}.txt`);
      await this.#store.writeText(uri, input, "text/plain; charset=utf-8");
      return { input: { s3Uri: uri, type: "text" }, uploadedInputUri: uri };
    }
    if (typeof input !== "object" || input === null || typeof input.s3Uri !== "string") {
      throw new InputError("input must be a text or { s3Uri, type }.", {
        fix: 'Pass a string, or e.g. { s3Uri: "s3://bucket/clip.mp4", type: "video" }.',
      });
    }
    parseS3Uri(input.s3Uri, "input.s3Uri");
    if (!["video", "audio", "image", "text"].includes(input.type)) {
      throw new InputError(`input.type ${JSON.stringify(input.type)} is not a media type.`, {
        fix: "Use video, audio, image or text.",
      });
    }
    return { input };
  }

  async #send<Output>(modelId: string, operation: () => Promise<Output>): Promise<Output> {
    try {
      return await operation();
    } catch (error) {
      if (BedrockEmbeddingsError.isInstance(error)) throw error;
      if (isAbort(error)) throw error;
      throw toBedrockApiError(classifyError(error), {
        modelId,
        failedIndexes: [],
        attempts: 1,
        cause: error,
        secrets: this.#secrets,
      });
    }
  }
}

function createAsyncRuntimeClient(options: ClientOptions, environment: Environment): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    ...buildClientConfig(options, environment),
    maxAttempts: 3,
    requestHandler: http2HandlerOptions(DEFAULT_TIMEOUTS.controlPlaneAttemptMs),
  });
}

function buildBody(
  family: AsyncFamily,
  input: AsyncEmbeddingInput,
  options: StartAsyncEmbeddingRequest["options"] = {},
) {
  if (family === "nova") return buildNovaAsyncBody(input as S3MediaInput, options);
  if (family === "marengo-2.7") return buildMarengo27AsyncBody(input, options);
  return buildMarengo30AsyncBody(input, options);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

function definedOnly<Value extends object>(value: Value): Partial<Value> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<Value>;
}
