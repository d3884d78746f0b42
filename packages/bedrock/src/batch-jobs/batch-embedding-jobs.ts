import { randomUUID } from "node:crypto";
import {
  type BedrockClient,
  CreateModelInvocationJobCommand,
  GetModelInvocationJobCommand,
} from "@aws-sdk/client-bedrock";
import {
  type BatchConfig,
  type BatchConfigInput,
  type BedrockEmbedderOptions,
  type BedrockEmbedderOptionsInput,
  BedrockEmbeddingsError,
  batchConfigSchema,
  bedrockEmbedderOptionsSchema,
  ConfigurationError,
  classifyError,
  type DetailedEmbeddings,
  type Environment,
  InputError,
  type MemoryAction,
  parseWithSchema,
  ResponseError,
} from "@bedrock-embeddings/core";
import {
  type PollClock,
  type PollOptions,
  type PollProgress,
  pollUntilDone,
  realClock,
} from "../async-invoke/poll.js";
import { BedrockEmbedder } from "../bedrock-embedder.js";
import { toBedrockApiError } from "../call/api-error.js";
import { familyByName } from "../families/catalog.js";
import type { ModelFamily } from "../families/model-family.js";
import { resolveModel } from "../model-id.js";
import { type ObjectStore, S3ObjectStore } from "../s3/object-store.js";
import { createS3Client, type S3Settings } from "../s3/s3-client.js";
import { joinS3Uri } from "../s3/s3-uri.js";
import { type EmbedderSettings, resolveSettings } from "../settings.js";
import { checkFinished, toBatchStatus } from "./batch-job-status.js";
import { buildBatchRecords, checkBatchFamily } from "./batch-records.js";
import {
  type BatchJobResults,
  type BatchJobStatus,
  type BatchSubmission,
  FINAL_BATCH_STATUSES,
  type SubmitBatchJobOptions,
} from "./batch-types.js";
import { createControlPlaneClient } from "./control-plane-client.js";
import { readBatchResults } from "./read-batch-results.js";

/**
 * Options of `BatchEmbeddingJobs`: the embedder's options (model, dimensions, normalize, region,
 * endpoint, auth), the `batch` section (locations, role, minimum records, fallback, polling),
 * and S3 settings when S3 is not AWS S3 with the same credentials.
 *
 * @example
 * const config: BatchEmbeddingJobsConfig = {
 *   embedder: { model: "amazon.titan-embed-text-v2:0", region: "us-east-1", dimensions: 512 },
 *   batch: { inputS3Uri: "s3://corpus/batch-in/", outputS3Uri: "s3://corpus/batch-out/", roleArn: "arn:aws:iam::123456789012:role/bedrock-batch" },
 * };
 */
export interface BatchEmbeddingJobsConfig {
  embedder: BedrockEmbedderOptionsInput;
  batch?: BatchConfigInput;
  s3?: S3Settings;
  environment?: Environment;
  /** A ready control-plane client instead of one built from the embedder options. */
  controlPlaneClient?: BedrockClient;
  objectStore?: ObjectStore;
  /** What embeds a corpus below the minimum when fallback is allowed; a BedrockEmbedder by default. */
  onDemandEmbedder?: {
    embedBatchDetailed(texts: string[], memoryAction?: MemoryAction): Promise<DetailedEmbeddings>;
  };
}

/**
 * Hooks for tests: the polling clock and the token generator (also used for job names).
 *
 * @example
 * new BatchEmbeddingJobs(config, { clock: fakeClock, createToken: () => "token-1" });
 */
export interface BatchEmbeddingJobsRuntime {
  clock?: PollClock;
  createToken?: () => string;
}

/**
 * How one wait for a batch job goes.
 *
 * @example
 * await jobs.waitForBatchJob(jobArn, { pollIntervalMs: 60_000, onPoll: ({ status }) => log(status.records) });
 */
export interface WaitForBatchJobOptions extends PollOptions {
  onPoll?: (progress: PollProgress<BatchJobStatus>) => void;
}

const JOB_NAME = /^[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\-.]){0,63}$/;
const RECORDS_FILE = "records.jsonl";

/**
 * Batch inference jobs (CreateModelInvocationJob) for large corpora: writes one JSONL record per
 * text to S3 (its InvokeModel body under an id derived from its position), creates the job,
 * polls it, and reads the `.jsonl.out` files back into input order, reporting every record
 * that failed. A corpus below `minimumRecords` is refused, or embedded with ordinary calls
 * when `allowOnDemandFallback` is on. Any job ARN can be fetched later, from another process.
 *
 * @example
 * const jobs = new BatchEmbeddingJobs(config);
 * const submission = await jobs.submitBatchJob(texts);
 * if (submission.mode === "batch-job") {
 *   await jobs.waitForBatchJob(submission.jobArn, { timeoutMs: 24 * 3_600_000 });
 *   const { vectors, failures } = await jobs.fetchBatchJobResults(submission.jobArn);
 * }
 */
export class BatchEmbeddingJobs {
  readonly #options: BedrockEmbedderOptions;
  readonly #settings: EmbedderSettings;
  readonly #batch: BatchConfig;
  readonly #config: BatchEmbeddingJobsConfig;
  readonly #environment: Environment;
  readonly #store: ObjectStore;
  readonly #clock: PollClock;
  readonly #createToken: () => string;
  readonly #secrets: string[];
  #controlPlane: BedrockClient | undefined;

  constructor(config: BatchEmbeddingJobsConfig, runtime: BatchEmbeddingJobsRuntime = {}) {
    this.#config = config;
    this.#environment = config.environment ?? {};
    this.#options = parseWithSchema(bedrockEmbedderOptionsSchema, config.embedder);
    this.#settings = resolveSettings(this.#options);
    this.#batch = parseWithSchema(batchConfigSchema, config.batch ?? {});
    this.#store =
      config.objectStore ??
      new S3ObjectStore(createS3Client(this.#options, config.s3 ?? {}, this.#environment));
    this.#clock = runtime.clock ?? realClock;
    this.#createToken = runtime.createToken ?? randomUUID;
    this.#controlPlane = config.controlPlaneClient;
    this.#secrets = [
      this.#options.credentials?.secretAccessKey,
      this.#options.credentials?.sessionToken,
      this.#options.apiKey,
      this.#environment["AWS_BEARER_TOKEN_BEDROCK"],
    ].filter((secret): secret is string => typeof secret === "string" && secret.length > 0);
  }

  /** The smallest corpus sent as a batch job (the `minimumRecords` setting). */
  get minimumRecords(): number {
    return this.#batch.minimumRecords;
  }

  /**
   * Writes the records file and creates the job; or, below `minimumRecords` with fallback
   * allowed, embeds on demand and says so (`mode: "on-demand"`). Below the minimum without
   * fallback it throws InputError naming the minimum. Texts are checked before anything is written.
   *
   * @example
   * const submission = await jobs.submitBatchJob(["first document", "second document"]);
   */
  async submitBatchJob(
    texts: readonly string[],
    options: SubmitBatchJobOptions = {},
  ): Promise<BatchSubmission> {
    if (!Array.isArray(texts) || texts.length === 0) {
      throw new InputError("there are no texts to embed.", { fix: "Pass at least one text." });
    }
    const minimum = this.#batch.minimumRecords;
    if (texts.length < minimum) {
      const reason = `${texts.length} records are below the minimum of ${minimum} per batch job`;
      if (this.#batch.allowOnDemandFallback) {
        const embedder =
          this.#config.onDemandEmbedder ??
          new BedrockEmbedder({ ...this.#config.embedder, environment: this.#environment });
        const { vectors, usage } = await embedder.embedBatchDetailed([...texts], options.memoryAction);
        return {
          mode: "on-demand",
          reason: `${reason}; embedded with on-demand calls`,
          recordCount: texts.length,
          vectors,
          usage,
        };
      }
      checkBatchFamily(this.#settings.family);
      throw new InputError(`${reason}.`, {
        limit: minimum,
        actual: texts.length,
        fix:
          "Send more records in one job, set batch.minimumRecords to your account's quota (Service Quotas: " +
          '"Minimum number of records per batch inference job"), or set batch.allowOnDemandFallback: true ' +
          "to embed small corpora with ordinary calls.",
      });
    }
    checkBatchFamily(this.#settings.family);
    const settings = this.#settings;
    const records = buildBatchRecords(
      texts,
      settings.family,
      {
        dimensions: settings.requestDimensions,
        normalize: settings.normalize,
        inputType: settings.inputType ?? settings.family.defaultInputType(options.memoryAction),
        truncate: settings.truncate,
      },
      settings.truncate,
    );
    const inputFolder = this.#required("inputS3Uri");
    const outputS3Uri = this.#required("outputS3Uri");
    const roleArn = this.#required("roleArn");
    const token = options.clientRequestToken ?? this.#createToken();
    const jobName = options.jobName ?? this.#jobName(token);
    if (!JOB_NAME.test(jobName)) {
      throw new InputError(`job name ${JSON.stringify(jobName)} is not allowed.`, {
        fix: "Use letters and digits, optionally joined by hyphens, dots or plus signs (at most 63 characters to start).",
      });
    }
    const inputS3Uri = joinS3Uri(inputFolder, jobName, RECORDS_FILE);
    await this.#store.writeText(inputS3Uri, records, "application/jsonl");
    const output = await this.#send(this.#options.model, (client) =>
      client.send(
        new CreateModelInvocationJobCommand({
          jobName,
          roleArn,
          clientRequestToken: token,
          modelId: this.#options.model,
          inputDataConfig: { s3InputDataConfig: { s3Uri: inputS3Uri, s3InputFormat: "JSONL" } },
          outputDataConfig: { s3OutputDataConfig: { s3Uri: outputS3Uri } },
          ...(this.#batch.timeoutDurationInHours
            ? { timeoutDurationInHours: this.#batch.timeoutDurationInHours }
            : {}),
        }),
      ),
    );
    if (!output.jobArn) {
      throw new ResponseError("CreateModelInvocationJob answered without a jobArn.", {
        modelId: this.#options.model,
      });
    }
    return {
      mode: "batch-job",
      jobArn: output.jobArn,
      jobName,
      recordCount: texts.length,
      inputS3Uri,
      outputS3Uri,
    };
  }

  /**
   * The job's status and record counters (GetModelInvocationJob).
   *
   * @example
   * const { status, records } = await jobs.getBatchJobStatus(jobArn);
   */
  async getBatchJobStatus(jobArn: string, signal?: AbortSignal): Promise<BatchJobStatus> {
    const output = await this.#send(jobArn, (client) =>
      client.send(
        new GetModelInvocationJobCommand({ jobIdentifier: jobArn }),
        signal ? { abortSignal: signal } : {},
      ),
    );
    return toBatchStatus(output, jobArn);
  }

  /**
   * Polls until the job reaches a final status (Completed, PartiallyCompleted, Failed, Stopped,
   * Expired) and returns it; throws JobError on timeout or abort (the job keeps running).
   *
   * @example
   * const final = await jobs.waitForBatchJob(jobArn, { signal });
   */
  waitForBatchJob(jobArn: string, options: WaitForBatchJobOptions = {}): Promise<BatchJobStatus> {
    const { onPoll, ...poll } = options;
    const defaults = {
      pollIntervalMs: this.#batch.pollIntervalMs,
      maxPollIntervalMs: this.#batch.maxPollIntervalMs,
      timeoutMs: this.#batch.timeoutMs,
    };
    return pollUntilDone(
      {
        jobArn,
        jobLabel: "Batch job",
        resumeHint: "fetch its results later with fetchBatchJobResults(jobArn) (CLI: batch fetch <jobArn>)",
        check: (signal) => this.getBatchJobStatus(jobArn, signal),
        isDone: (status) => FINAL_BATCH_STATUSES.includes(status.status),
        statusName: (status) => status.status,
        onPoll,
      },
      { ...defaults, ...Object.fromEntries(Object.entries(poll).filter(([, value]) => value !== undefined)) },
      this.#clock,
    );
  }

  /**
   * Reads a finished job's output back into input order: `vectors[i]` for record i, or a
   * failure with its index, error code and message. A Failed job is a JobError with the
   * service's message; a running one is a JobError `not-finished`.
   *
   * @example
   * const { vectors, failures, usage } = await jobs.fetchBatchJobResults(jobArn);
   */
  async fetchBatchJobResults(jobArn: string): Promise<BatchJobResults> {
    const status = await this.getBatchJobStatus(jobArn);
    checkFinished(status);
    const modelId = status.modelId ?? this.#options.model;
    return readBatchResults(this.#store, status, this.#familyOf(modelId), modelId, this.#settings.normalize);
  }

  #required(key: "inputS3Uri" | "outputS3Uri" | "roleArn"): string {
    const value = this.#batch[key];
    if (value) return value;
    const examples = {
      inputS3Uri: "s3://my-bucket/batch-input/",
      outputS3Uri: "s3://my-bucket/batch-output/",
      roleArn:
        "arn:aws:iam::123456789012:role/bedrock-batch (a role Bedrock can assume, allowed to read the input and write the output)",
    };
    throw new ConfigurationError(`batch.${key} is needed to create a batch job.`, {
      path: `batch.${key}`,
      fix: `Set it in the batch section of the config, e.g. ${examples[key]}.`,
    });
  }

  #jobName(token: string): string {
    const stamp = new Date(this.#clock.now()).toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
    return `embeddings-${stamp}-${token.replace(/[^a-zA-Z0-9]/g, "").slice(0, 8)}`;
  }

  #familyOf(modelId: string): ModelFamily {
    const bare = /:(?:foundation-model|inference-profile)\/(.+)$/.exec(modelId)?.[1] ?? modelId;
    try {
      return familyByName(resolveModel(bare, undefined).family) ?? this.#settings.family;
    } catch {
      // An ARN that does not name its model: the configured family is the best knowledge there is.
      return this.#settings.family;
    }
  }

  async #send<Output>(
    subject: string,
    operation: (client: BedrockClient) => Promise<Output>,
  ): Promise<Output> {
    this.#controlPlane ??= createControlPlaneClient(this.#options, this.#environment);
    try {
      return await operation(this.#controlPlane);
    } catch (error) {
      if (BedrockEmbeddingsError.isInstance(error)) throw error;
      if (error instanceof Error && error.name === "AbortError") throw error;
      throw toBedrockApiError(classifyError(error), {
        modelId: subject,
        failedIndexes: [],
        attempts: 1,
        cause: error,
        secrets: this.#secrets,
      });
    }
  }
}
