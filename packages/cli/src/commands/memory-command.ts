import { resolve } from "node:path";
import { InputError } from "@bedrock-embeddings/core";
import { Memory } from "@bedrock-embeddings/memory";
import type { CliIo } from "../cli-io.js";
import { type Runtime, withRuntime } from "../runtime.js";

export interface ScopeOptions {
  config: string;
  user?: string;
  agent?: string;
  run?: string;
}

function openMemory(runtime: Runtime): Memory {
  return new Memory({
    embedder: runtime.embedder,
    dataDirectory: resolve(runtime.config.memory.dataDirectory),
  });
}

function scopeFilters(options: ScopeOptions): Record<string, string> {
  const filters: Record<string, string> = {};
  if (options.user) filters["user_id"] = options.user;
  if (options.agent) filters["agent_id"] = options.agent;
  if (options.run) filters["run_id"] = options.run;
  if (Object.keys(filters).length === 0) {
    throw new InputError("no scope given.", {
      fix: "Pass --user, --agent or --run so memories stay separate.",
    });
  }
  return filters;
}

function parseMetadata(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch (error) {
    throw new InputError("--metadata is not valid JSON.", {
      cause: error,
      fix: `Pass an object, e.g. '{"topic":"food"}'.`,
    });
  }
  throw new InputError("--metadata must be a JSON object.", {
    fix: `Pass an object, e.g. '{"topic":"food"}'.`,
  });
}

/** `memory add`: stores each text as one memory in the given scope. */
export async function memoryAddCommand(
  texts: string[],
  options: ScopeOptions & { metadata?: string },
  io: CliIo,
): Promise<void> {
  const metadata = parseMetadata(options.metadata);
  scopeFilters(options);
  await withRuntime(options.config, io.environment, async (runtime) => {
    const memory = openMemory(runtime);
    const messages = texts.map((content) => ({ role: "user" as const, content }));
    const added = await memory.add(messages, {
      userId: options.user,
      agentId: options.agent,
      runId: options.run,
      metadata,
    });
    for (const item of added.results)
      io.stdout.write(`${JSON.stringify({ id: item.id, memory: item.memory })}\n`);
  });
}

/** `memory search`: ranked results with scores, best first. */
export async function memorySearchCommand(
  query: string,
  options: ScopeOptions & { topK?: number; threshold?: number; json?: boolean },
  io: CliIo,
): Promise<void> {
  const filters = scopeFilters(options);
  await withRuntime(options.config, io.environment, async (runtime) => {
    const found = await openMemory(runtime).search(query, {
      filters,
      topK: options.topK ?? runtime.config.memory.topK,
      threshold: options.threshold ?? runtime.config.memory.threshold,
    });
    found.results.forEach((item, rank) => {
      io.stdout.write(
        options.json
          ? `${JSON.stringify({ rank: rank + 1, score: item.score, id: item.id, memory: item.memory })}\n`
          : `${rank + 1}. ${(item.score ?? 0).toFixed(4)}  ${item.memory}  (${item.id})\n`,
      );
    });
    if (found.results.length === 0) io.stderr.write("no memories matched\n");
  });
}

/** `memory list`: every memory in a scope. */
export async function memoryListCommand(options: ScopeOptions, io: CliIo): Promise<void> {
  const filters = scopeFilters(options);
  await withRuntime(options.config, io.environment, async (runtime) => {
    const all = await openMemory(runtime).getAll({ filters, topK: Number.MAX_SAFE_INTEGER });
    for (const item of all.results)
      io.stdout.write(`${JSON.stringify({ id: item.id, memory: item.memory })}\n`);
  });
}

/** `memory delete`: one memory by id, or every memory of a scope with --all. */
export async function memoryDeleteCommand(
  id: string | undefined,
  options: ScopeOptions & { all?: boolean },
  io: CliIo,
): Promise<void> {
  if (!options.all && id === undefined) {
    throw new InputError("nothing to delete.", {
      fix: "Pass a memory id, or --all with --user/--agent/--run.",
    });
  }
  if (options.all) scopeFilters(options);
  await withRuntime(options.config, io.environment, async (runtime) => {
    const memory = openMemory(runtime);
    const result = options.all
      ? await memory.deleteAll({ userId: options.user, agentId: options.agent, runId: options.run })
      : await memory.delete(id!);
    io.stdout.write(`${result.message}\n`);
  });
}
