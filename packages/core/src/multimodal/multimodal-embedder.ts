import type { BatchProgress } from "../batch-progress.js";
import type { MemoryAction } from "../memory-action.js";
import type { EmbeddingInput } from "./embedding-input.js";
import type { EmbeddingResult, EmbeddingType } from "./embedding-result.js";

/**
 * Per-call choices for `embedInputs`.
 *
 * @example
 * await embedder.embedInputs(inputs, "add", { embeddingTypes: ["float", "int8"], detailLevel: "DOCUMENT_IMAGE" });
 */
export interface EmbedInputsOptions {
  /** The encodings to return; defaults to the embedder's `embeddingTypes` option (float when unset). */
  embeddingTypes?: readonly EmbeddingType[];
  /** Overrides the mode picked from the memory action (Cohere `input_type`, Nova `embeddingPurpose`). */
  inputType?: string;
  /** Nova only: DOCUMENT_IMAGE for scans and pages of text, STANDARD_IMAGE (the model default) otherwise. */
  detailLevel?: "STANDARD_IMAGE" | "DOCUMENT_IMAGE";
  /**
   * Stops the run: no new calls start, calls in flight are cancelled, and the promise rejects
   * with a BatchEmbeddingError (`aborted: true`, `cause`: the signal's reason) that keeps every
   * result already embedded.
   */
  signal?: AbortSignal;
  /** Called at the start and after every call: inputs done of total, tokens, calls, retries, throttles. */
  onProgress?: (progress: BatchProgress) => void;
  /**
   * Where the embedder supports it (`embedInputsDetailed`): resolve with per-index results and
   * failures instead of throwing BatchEmbeddingError.
   */
  settle?: boolean;
}

/**
 * An embedder that takes images, audio and video as well as text. `EmbeddingBase` stays the
 * text-first contract; this is the extra method for everything else.
 *
 * @example
 * if (isMultimodalEmbedder(embedder)) {
 *   const [photo] = await embedder.embedInputs([{ image: { file: "cat.png" } }], "add");
 * }
 */
export interface MultimodalEmbedder {
  /**
   * One result per input, in input order. Checks every input against the model (modalities,
   * formats, sizes) before anything is sent.
   */
  embedInputs(
    inputs: readonly EmbeddingInput[],
    memoryAction?: MemoryAction,
    options?: EmbedInputsOptions,
  ): Promise<EmbeddingResult[]>;
}

/**
 * True when `embedder` has `embedInputs`.
 *
 * @example
 * isMultimodalEmbedder(new FakeEmbedder()); // false
 */
export function isMultimodalEmbedder(embedder: unknown): embedder is MultimodalEmbedder {
  return (
    typeof embedder === "object" &&
    embedder !== null &&
    typeof (embedder as Partial<MultimodalEmbedder>).embedInputs === "function"
  );
}
