/** Where and how a contender reaches the emulator; the same for every contender of a run. */
export interface ContenderTarget {
  /** The emulator's base URL, e.g. "http://127.0.0.1:54321". */
  url: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  model: string;
}

/**
 * What one embedding pass gave back: a vector (or undefined) per input, in input order. A library
 * that reports partial results on failure returns them with the error; one that only throws
 * makes the worker count every input as lost.
 */
export interface EmbedPass {
  vectors: readonly (readonly number[] | undefined)[];
  error?: unknown;
}

/** A contender ready to embed, built once per worker process. */
export interface ContenderSession {
  embed(texts: readonly string[]): Promise<EmbedPass>;
}

/**
 * One library under test, with its default settings. Its module is loaded only in its own worker.
 *
 * @example
 * const session = await contender.open(target, { cache: false });
 * const { vectors } = await session.embed(["hello"]);
 */
export interface Contender {
  open(target: ContenderTarget, options: { cache: boolean }): Promise<ContenderSession>;
}
