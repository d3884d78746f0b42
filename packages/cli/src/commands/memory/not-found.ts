import { NotFoundError } from "@bedrock-embeddings/core";

/**
 * The CLI's "no such memory" error, with CLI advice instead of the library's.
 *
 * @example
 * if (!item) throw memoryNotFound(id, scope !== undefined);
 */
export function memoryNotFound(id: string, scoped: boolean, cause?: unknown): NotFoundError {
  return new NotFoundError("Memory", id, {
    fix: scoped
      ? "It may have been deleted, or belong to another scope than --user/--agent/--run say; list ids with `memory list`."
      : "It may have been deleted; list ids with `memory list` or find them with `memory search`.",
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Runs a library call that may throw NotFoundError, replacing that error's library advice.
 *
 * @example
 * await withCliNotFound(id, scoped, () => memory.delete(id, { filters }));
 */
export async function withCliNotFound<Result>(
  id: string,
  scoped: boolean,
  call: () => Promise<Result>,
): Promise<Result> {
  try {
    return await call();
  } catch (error) {
    if (NotFoundError.isInstance(error)) throw memoryNotFound(id, scoped, error);
    throw error;
  }
}
