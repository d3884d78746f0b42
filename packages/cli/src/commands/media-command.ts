import {
  AsyncEmbeddingClient,
  type AsyncEmbeddingResult,
  type AsyncMediaType,
  type AsyncModelOptions,
} from "@bedrock-embeddings/bedrock/jobs";
import {
  ConfigurationError,
  isMultimodalEmbedder,
  JobError,
  type MemoryAction,
} from "@bedrock-embeddings/core";
import type { CliIo } from "../cli-io.js";
import { type JobRuntime, withJobRuntime } from "../job-runtime.js";
import { withRuntime } from "../runtime.js";
import { IncompleteResultError, pollProgressLine, whileInterruptible } from "./poll-progress.js";

/** The `embed` flags that select media instead of text. */
export interface MediaOptions {
  config: string;
  action: MemoryAction;
  image?: string;
  s3?: string;
  type?: AsyncMediaType;
  /** Fixed segment length in seconds for audio and video. */
  segmentSeconds?: number;
  /** Longest text segment, in characters (Nova). */
  segmentChars?: number;
  /** An invocation ARN started earlier: wait for it and print its segments. */
  resume?: string;
}

/** True when `embed` was given media flags rather than texts. */
export function wantsMedia(options: Partial<MediaOptions>): boolean {
  return options.image !== undefined || options.s3 !== undefined || options.resume !== undefined;
}

/**
 * `embed --image <file>` (a synchronous multimodal call), `embed --s3 <uri> --type <type>`
 * (async invoke: start, poll with a progress line on stderr, print one JSON line per segment)
 * and `embed --resume <invocationArn>` (wait for and print an invocation started earlier).
 */
export async function mediaCommand(texts: string[], options: MediaOptions, io: CliIo): Promise<void> {
  const chosen = [options.image, options.s3, options.resume].filter((value) => value !== undefined);
  if (chosen.length > 1 || texts.length > 0) {
    throw new ConfigurationError("give one of texts, --image, --s3 or --resume.", {
      fix: "Run embed once per kind of input.",
    });
  }
  if (options.image !== undefined) return embedImage(options.image, options, io);
  await withJobRuntime(options.config, io.environment, async (runtime) => {
    const client = asyncClient(runtime);
    let invocationArn = options.resume;
    if (invocationArn === undefined) {
      if (options.type === undefined) {
        throw new ConfigurationError("--s3 needs --type.", {
          allowed: ["video", "audio", "image", "text"],
          fix: "Say what the object is, e.g. --type video.",
        });
      }
      const started = await client.startAsyncEmbedding({
        input: { s3Uri: options.s3!, type: options.type },
        options: modelOptions(options, runtime),
      });
      invocationArn = started.invocationArn;
      io.stderr.write(`started async invocation ${invocationArn}\n`);
    }
    await waitWithProgress(client, invocationArn, options.config, io);
    printSegments(await client.fetchAsyncEmbeddingResults(invocationArn), io);
  });
}

function asyncClient(runtime: JobRuntime): AsyncEmbeddingClient {
  const { async: settings, embedder } = runtime.config;
  const model = settings.model ?? embedder.config.model;
  return new AsyncEmbeddingClient({
    ...runtime.clientOptions,
    model,
    ...(settings.model === undefined && embedder.config.family ? { family: embedder.config.family } : {}),
    ...(settings.outputS3Uri ? { outputS3Uri: settings.outputS3Uri } : {}),
    ...(settings.inputS3Uri ? { inputS3Uri: settings.inputS3Uri } : {}),
    normalize: embedder.config.normalize,
    s3: runtime.s3,
    poll: {
      pollIntervalMs: settings.pollIntervalMs,
      maxPollIntervalMs: settings.maxPollIntervalMs,
      timeoutMs: settings.timeoutMs,
    },
    environment: runtime.environment,
  });
}

function modelOptions(options: MediaOptions, runtime: JobRuntime): AsyncModelOptions {
  const { async: settings, embedder } = runtime.config;
  const sameModel = settings.model === undefined || settings.model === embedder.config.model;
  const dimensions = settings.dimensions ?? (sameModel ? embedder.config.dimensions : undefined);
  const result: AsyncModelOptions = {};
  if (dimensions !== undefined) result.dimensions = dimensions;
  if (options.segmentSeconds !== undefined) {
    result.segmentation = { method: "fixed", durationSec: options.segmentSeconds };
  }
  if (options.segmentChars !== undefined) result.maxLengthChars = options.segmentChars;
  return result;
}

async function waitWithProgress(
  client: AsyncEmbeddingClient,
  invocationArn: string,
  configFile: string,
  io: CliIo,
): Promise<void> {
  const progress = pollProgressLine(io, `async invocation ${invocationArn}`);
  try {
    await whileInterruptible(io, (signal) =>
      client.waitForAsyncEmbedding(invocationArn, {
        signal,
        onPoll: ({ status, elapsedMs, nextPollInMs }) =>
          progress.update(status.status, elapsedMs, nextPollInMs),
      }),
    );
  } catch (error) {
    progress.finish();
    if (JobError.isInstance(error) && (error.reason === "timed-out" || error.reason === "aborted")) {
      io.stderr.write(
        `the invocation keeps running; resume with: bedrock-embeddings embed --config ${configFile} --resume ${invocationArn}\n`,
      );
    }
    throw error;
  }
  progress.finish();
}

function printSegments(result: AsyncEmbeddingResult, io: CliIo): void {
  result.segments.forEach((segment, position) => {
    const { embedding, ...about } = segment;
    io.stdout.write(
      `${JSON.stringify({ segment: position, ...about, dimension: embedding.length, vector: embedding })}\n`,
    );
  });
  for (const failure of result.failures) {
    const where = [
      failure.embeddingType,
      failure.segmentIndex === undefined ? undefined : `segment ${failure.segmentIndex}`,
    ]
      .filter(Boolean)
      .join(" ");
    io.stderr.write(`${where || "input"} failed: ${failure.reason}: ${failure.message}\n`);
  }
  io.stderr.write(
    `embedded ${result.segments.length} segments with ${result.modelId} from ${result.outputS3Uri}` +
      `${result.failures.length > 0 ? `; ${result.failures.length} failed` : ""}\n`,
  );
  if (result.failures.length > 0) {
    throw new IncompleteResultError(
      `${result.failures.length} parts of the input failed (listed above); the ${result.segments.length} embedded segments were printed.`,
    );
  }
}

async function embedImage(file: string, options: MediaOptions, io: CliIo): Promise<void> {
  await withRuntime(options.config, io.environment, async ({ embedder }) => {
    if (!isMultimodalEmbedder(embedder)) {
      throw new ConfigurationError(`the configured embedder (${embedder.modelId}) does not embed images.`, {
        path: "embedder.config.model",
        fix: "Use a multimodal model such as amazon.titan-embed-image-v1, cohere.embed-v4:0 or amazon.nova-2-multimodal-embeddings-v1:0.",
      });
    }
    const [result] = await embedder.embedInputs([{ image: { file } }], options.action);
    const vector = result?.vector ?? [];
    io.stdout.write(
      `${JSON.stringify({ file, embeddingType: result?.embeddingType, dimension: vector.length, vector })}\n`,
    );
    io.stderr.write(`embedded ${file} with ${embedder.modelId}\n`);
  });
}
