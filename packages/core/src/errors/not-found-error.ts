import { type BaseErrorOptions, BedrockEmbeddingsError, errorCodeOf } from "./base-error.js";

/**
 * A stored item (for example a memory id) does not exist.
 *
 * @example
 * if (NotFoundError.isInstance(error)) report(error.id);
 */
export class NotFoundError extends BedrockEmbeddingsError {
  readonly id: string;

  constructor(what: string, id: string, options: BaseErrorOptions = {}) {
    super("NOT_FOUND", `${what} ${JSON.stringify(id)} does not exist.`, options);
    this.id = id;
  }

  static override isInstance(value: unknown): value is NotFoundError {
    return errorCodeOf(value) === "NOT_FOUND";
  }
}
