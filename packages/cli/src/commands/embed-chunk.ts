import type { BatchProgress } from "@bedrock-embeddings/core";
import {
  addUsage,
  BatchEmbeddingError,
  type BatchFailure,
  type EmbeddingBase,
  type EmbeddingUsage,
  emptyUsage,
  InputError,
  type MemoryAction,
  reportsUsage,
} from "@bedrock-embeddings/core";

/** How one chunk ended: a vector or undefined per text, why each undefined one failed, the usage. */
export interface ChunkOutcome {
  vectors: (number[] | undefined)[];
  /** Indexes are the chunk's own, sorted. */
  failures: BatchFailure[];
  /** Undefined when the embedder does not report usage. */
  usage: EmbeddingUsage | undefined;
}

/** What `embedChunk` passes on to the embedder. */
export interface ChunkOptions {
  signal: AbortSignal;
  onProgress: (progress: BatchProgress) => void;
}

type SettlingCall = (
  texts: readonly string[],
  memoryAction: MemoryAction,
  options: { settle?: true; signal: AbortSignal; onProgress?: (progress: BatchProgress) => void },
) => Promise<{ vectors: (number[] | undefined)[]; failures?: BatchFailure[]; usage: EmbeddingUsage }>;

type StrictCall = (
  texts: readonly string[],
) => Promise<{ vectors: (number[] | undefined)[]; usage: EmbeddingUsage | undefined }>;

/**
 * Embeds one chunk of texts and never throws: every text ends with a vector or a failure. The
 * Bedrock embedder settles the chunk itself (`settle: true`: a bad text fails alone, vectors
 * done before an abort or a fatal error are kept); other embedders are called without it, and
 * their errors are sorted out here.
 *
 * @example
 * const { vectors, failures } = await embedChunk(embedder, ["a", "  ", "b"], "add", { signal, onProgress });
 * failures; // [{ index: 1, error: InputError("the text is empty or only whitespace.") }]
 */
export async function embedChunk(
  embedder: EmbeddingBase,
  texts: readonly string[],
  memoryAction: MemoryAction,
  options: ChunkOptions,
): Promise<ChunkOutcome> {
  if (!reportsUsage(embedder)) {
    return embedStrictly(texts, async (part) => ({
      vectors: await embedder.embedBatch(part, memoryAction),
      usage: undefined,
    }));
  }
  const call = (embedder.embedBatchDetailed as unknown as SettlingCall).bind(embedder);
  let settled: Awaited<ReturnType<SettlingCall>>;
  try {
    settled = await call(texts, memoryAction, { settle: true, ...options });
  } catch (error) {
    return outcomeOfError(error, texts.length, undefined);
  }
  const failures = settled.failures;
  if (failures !== undefined) return { vectors: settled.vectors, failures, usage: settled.usage };
  // An embedder in front of the Bedrock one (a vector cache) returns settle's vectors but not
  // why the missing ones failed: ask again for those alone, without settle, to learn why.
  const missing = settled.vectors.flatMap((vector, index) => (vector === undefined ? [index] : []));
  if (missing.length === 0) return { vectors: settled.vectors, failures: [], usage: settled.usage };
  const again = await embedStrictly(
    missing.map((index) => texts[index]!),
    (part) => call(part, memoryAction, { signal: options.signal }),
  );
  const vectors = [...settled.vectors];
  again.vectors.forEach((vector, position) => {
    if (vector !== undefined) vectors[missing[position]!] = vector;
  });
  const usage = addUsage({ ...settled.usage }, again.usage ?? emptyUsage());
  return {
    vectors,
    failures: again.failures.map((failure) => ({ index: missing[failure.index]!, error: failure.error })),
    usage,
  };
}

/**
 * Calls an embedder that throws on the first problem until every text has a vector or a
 * failure: a text refused before sending (an InputError with its index) fails alone and the rest
 * is tried again; a BatchEmbeddingError gives its vectors and failures; any other error fails
 * every text not yet embedded.
 */
async function embedStrictly(texts: readonly string[], call: StrictCall): Promise<ChunkOutcome> {
  const vectors: (number[] | undefined)[] = new Array(texts.length).fill(undefined);
  const failures: BatchFailure[] = [];
  let usage: EmbeddingUsage | undefined;
  let pending = texts.map((_text, index) => index);
  while (pending.length > 0) {
    try {
      const result = await call(pending.map((index) => texts[index]!));
      result.vectors.forEach((vector, position) => {
        vectors[pending[position]!] = vector;
      });
      if (result.usage) usage = addUsage(usage ?? emptyUsage(), result.usage);
      break;
    } catch (error) {
      const refused = InputError.isInstance(error) ? error.index : undefined;
      if (refused !== undefined && refused < pending.length) {
        failures.push({ index: pending[refused]!, error: error as InputError });
        pending = pending.filter((_index, position) => position !== refused);
        continue;
      }
      const outcome = outcomeOfError(error, pending.length, usage);
      outcome.vectors.forEach((vector, position) => {
        vectors[pending[position]!] = vector;
      });
      for (const failure of outcome.failures)
        failures.push({ index: pending[failure.index]!, error: failure.error });
      usage = outcome.usage;
      break;
    }
  }
  failures.sort((left, right) => left.index - right.index);
  return { vectors, failures, usage };
}

/** A thrown batch error as an outcome: a BatchEmbeddingError keeps its vectors; anything else fails all. */
function outcomeOfError(error: unknown, size: number, usage: EmbeddingUsage | undefined): ChunkOutcome {
  if (BatchEmbeddingError.isInstance(error)) {
    return {
      vectors: [...error.vectors],
      failures: [...error.failures].sort((left, right) => left.index - right.index),
      usage: error.usage ? addUsage(usage ?? emptyUsage(), error.usage) : usage,
    };
  }
  const reason = error instanceof Error ? error : new Error(String(error));
  return {
    vectors: new Array(size).fill(undefined),
    failures: Array.from({ length: size }, (_unused, index) => ({ index, error: reason })),
    usage,
  };
}
