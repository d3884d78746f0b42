import {
  BatchEmbeddingJobs,
  type BatchJobResults,
  type BatchJobStatus,
} from "@bedrock-embeddings/bedrock/jobs";
import { InputError, type MemoryAction } from "@bedrock-embeddings/core";
import type { CliIo } from "../cli-io.js";
import { type JobRuntime, withJobRuntime } from "../job-runtime.js";
import { readLines } from "../read-lines.js";
import { IncompleteResultError, pollProgressLine, whileInterruptible } from "./poll-progress.js";

export interface BatchSubmitOptions {
  config: string;
  action: MemoryAction;
  name?: string;
  /** Wait for the job and print its results, as `batch fetch` does. */
  wait?: boolean;
}

export interface BatchJobOptions {
  config: string;
  wait?: boolean;
}

function jobsFor(runtime: JobRuntime): BatchEmbeddingJobs {
  return new BatchEmbeddingJobs({
    embedder: runtime.embedderOptions,
    batch: runtime.config.batch,
    s3: runtime.s3,
    environment: runtime.environment,
  });
}

/**
 * `batch submit`: one text per non-empty stdin line (or the arguments) becomes one record of a
 * batch inference job; prints the job ARN. Below `batch.minimumRecords` with
 * `batch.allowOnDemandFallback` it embeds at once and prints JSON lines instead, saying so on stderr.
 */
export async function batchSubmitCommand(
  texts: string[],
  options: BatchSubmitOptions,
  io: CliIo,
): Promise<void> {
  const inputs = texts.length > 0 ? texts : (await readLines(io.stdin)).map((input) => input.text);
  if (inputs.length === 0) {
    throw new InputError("no texts to submit.", {
      fix: "Pipe one text per line on stdin, or pass texts as arguments.",
    });
  }
  await withJobRuntime(options.config, io.environment, async (runtime) => {
    const jobs = jobsFor(runtime);
    const submission = await jobs.submitBatchJob(inputs, {
      memoryAction: options.action,
      ...(options.name ? { jobName: options.name } : {}),
    });
    if (submission.mode === "on-demand") {
      submission.vectors.forEach((vector, index) => {
        io.stdout.write(`${JSON.stringify({ index, dimension: vector.length, vector })}\n`);
      });
      io.stderr.write(`no batch job: ${submission.reason} (${submission.usage.calls} calls)\n`);
      return;
    }
    io.stdout.write(`${submission.jobArn}\n`);
    io.stderr.write(
      `submitted batch job ${submission.jobName} with ${submission.recordCount} records (${submission.inputS3Uri}); ` +
        `check it with: bedrock-embeddings batch status --config ${options.config} ${submission.jobArn}\n`,
    );
    if (options.wait) await waitAndPrint(jobs, submission.jobArn, io);
  });
}

/** `batch status`: the job's status, message and record counters as one JSON line. */
export async function batchStatusCommand(jobArn: string, options: BatchJobOptions, io: CliIo): Promise<void> {
  await withJobRuntime(options.config, io.environment, async (runtime) => {
    const jobs = jobsFor(runtime);
    const status = options.wait
      ? await waitWithProgress(jobs, jobArn, io)
      : await jobs.getBatchJobStatus(jobArn);
    io.stdout.write(`${JSON.stringify(describeStatus(status))}\n`);
  });
}

/**
 * `batch fetch`: JSON lines `{"index","dimension","vector"}` in input order; each
 * failed record on stderr; exit code 1 when any record failed. `--wait` waits for the job first.
 */
export async function batchFetchCommand(jobArn: string, options: BatchJobOptions, io: CliIo): Promise<void> {
  await withJobRuntime(options.config, io.environment, async (runtime) => {
    const jobs = jobsFor(runtime);
    if (options.wait) await waitAndPrint(jobs, jobArn, io);
    else printResults(await jobs.fetchBatchJobResults(jobArn), io);
  });
}

async function waitAndPrint(jobs: BatchEmbeddingJobs, jobArn: string, io: CliIo): Promise<void> {
  await waitWithProgress(jobs, jobArn, io);
  printResults(await jobs.fetchBatchJobResults(jobArn), io);
}

async function waitWithProgress(
  jobs: BatchEmbeddingJobs,
  jobArn: string,
  io: CliIo,
): Promise<BatchJobStatus> {
  const progress = pollProgressLine(io, `batch job ${jobArn}`);
  try {
    return await whileInterruptible(io, (signal) =>
      jobs.waitForBatchJob(jobArn, {
        signal,
        onPoll: ({ status, elapsedMs, nextPollInMs }) => {
          const { processed, total } = status.records;
          const detail = total === undefined ? undefined : `${processed ?? 0}/${total} records`;
          progress.update(status.status, elapsedMs, nextPollInMs, detail);
        },
      }),
    );
  } finally {
    progress.finish();
  }
}

function printResults(results: BatchJobResults, io: CliIo): void {
  results.vectors.forEach((vector, index) => {
    if (vector === undefined) return;
    io.stdout.write(`${JSON.stringify({ index, dimension: vector.length, vector })}\n`);
  });
  for (const failure of results.failures) {
    const code = failure.errorCode === undefined ? "" : ` ${failure.errorCode}`;
    io.stderr.write(`record ${failure.index} (${failure.recordId}) failed:${code} ${failure.errorMessage}\n`);
  }
  const cost = results.estimatedCost ? `, estimated $${results.estimatedCost.usd.toFixed(6)}` : "";
  io.stderr.write(
    `fetched ${results.usage.succeeded} of ${results.usage.records} vectors from batch job ${results.jobArn} ` +
      `(${results.status}, ${results.usage.inputTokens} input tokens${cost})\n`,
  );
  if (results.failures.length > 0) {
    throw new IncompleteResultError(
      `${results.failures.length} of ${results.usage.records} records failed (listed above); ` +
        `the other ${results.usage.succeeded} vectors were printed.`,
    );
  }
}

function describeStatus(status: BatchJobStatus): Record<string, unknown> {
  return {
    jobArn: status.jobArn,
    jobName: status.jobName,
    status: status.status,
    ...(status.message ? { message: status.message } : {}),
    records: status.records,
    submitTime: status.submitTime?.toISOString(),
    ...(status.endTime ? { endTime: status.endTime.toISOString() } : {}),
  };
}
