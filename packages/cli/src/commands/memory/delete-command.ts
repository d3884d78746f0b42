import type { CliIo } from "../../cli-io.js";
import {
  optionalScope,
  requiredScope,
  requireIdArgument,
  type ScopeOptions,
  scopeIds,
  usageError,
} from "./memory-options.js";
import { writeJsonLine } from "./memory-output.js";
import { withCliNotFound } from "./not-found.js";
import { withMemory } from "./open-memory.js";

export interface MemoryDeleteOptions extends ScopeOptions {
  all?: boolean;
}

/**
 * `memory delete <id>` (scope flags check its scope) or `memory delete --all` with a scope; says how
 * many memories were deleted.
 */
export async function memoryDeleteCommand(
  id: string | undefined,
  options: MemoryDeleteOptions,
  io: CliIo,
): Promise<void> {
  if (options.all && id !== undefined) {
    throw usageError(
      "both a memory id and --all given.",
      "Pass a memory id, or --all with --user/--agent/--run.",
    );
  }
  if (!options.all && id === undefined) {
    throw usageError("nothing to delete.", "Pass a memory id, or --all with --user/--agent/--run.");
  }
  if (options.all) {
    const scope = scopeIds(requiredScope(options));
    await withMemory(options.config, io, async (memory) => {
      const { deleted } = await memory.deleteAll(scope);
      report(io, options.json, deleted);
    });
    return;
  }
  const memoryId = requireIdArgument(id);
  const filters = optionalScope(options);
  await withMemory(options.config, io, async (memory) => {
    await withCliNotFound(memoryId, filters !== undefined, () =>
      memory.delete(memoryId, filters === undefined ? {} : { filters }),
    );
    report(io, options.json, 1, memoryId);
  });
}

function report(io: CliIo, json: boolean | undefined, deleted: number, id?: string): void {
  if (json) {
    writeJsonLine(io, id === undefined ? { deleted } : { deleted, id });
    return;
  }
  if (id !== undefined) io.stdout.write(`Deleted memory ${id}.\n`);
  else if (deleted === 0) io.stdout.write("No memory matched that scope; nothing was deleted.\n");
  else io.stdout.write(`Deleted ${deleted} ${deleted === 1 ? "memory" : "memories"}.\n`);
}
