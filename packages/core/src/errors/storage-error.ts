import { type BaseErrorOptions, BedrockEmbeddingsError, errorCodeOf } from "./base-error.js";

export interface StorageErrorOptions extends BaseErrorOptions {
  /** The file (or store location) concerned. */
  file?: string;
}

/**
 * A store's data could not be read or written: a damaged file, a full disk, a failed write. The
 * configuration is fine; the operation failed (the CLI exits 1, not 2).
 *
 * @example
 * if (StorageError.isInstance(error)) report(error.file, error.fix);
 */
export class StorageError extends BedrockEmbeddingsError {
  readonly file: string | undefined;

  constructor(problem: string, options: StorageErrorOptions = {}) {
    super("STORAGE", options.file ? `${options.file}: ${problem}` : problem, options);
    this.file = options.file;
  }

  static override isInstance(value: unknown): value is StorageError {
    return errorCodeOf(value) === "STORAGE";
  }
}
