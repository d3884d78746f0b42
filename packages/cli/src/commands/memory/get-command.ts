import type { CliIo } from "../../cli-io.js";
import { optionalScope, requireIdArgument, type ScopeOptions } from "./memory-options.js";
import { writeJsonLine } from "./memory-output.js";
import { memoryNotFound } from "./not-found.js";
import { withMemory } from "./open-memory.js";

/** `memory get <id>`: one memory with its scope, metadata and times; scope flags check its scope. */
export async function memoryGetCommand(id: string, options: ScopeOptions, io: CliIo): Promise<void> {
  const memoryId = requireIdArgument(id);
  const filters = optionalScope(options);
  await withMemory(options.config, io, async (memory) => {
    const item = await memory.get(memoryId, filters === undefined ? {} : { filters });
    if (!item) throw memoryNotFound(memoryId, filters !== undefined);
    if (options.json) {
      writeJsonLine(io, item);
      return;
    }
    const fields: [string, unknown][] = [
      ["id", item.id],
      ["memory", item.memory],
      ["user", item.userId],
      ["agent", item.agentId],
      ["run", item.runId],
      ["metadata", item.metadata === undefined ? undefined : JSON.stringify(item.metadata)],
      ["created", item.createdAt],
      ["updated", item.updatedAt],
      ["hash", item.hash],
    ];
    for (const [name, value] of fields)
      if (value !== undefined) io.stdout.write(`${name}: ${String(value)}\n`);
  });
}
