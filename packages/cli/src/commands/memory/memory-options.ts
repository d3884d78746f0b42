import { ConfigurationError } from "@bedrock-embeddings/core";

/** Options every memory command takes. */
export interface MemoryCommandOptions {
  config: string;
  /** JSON lines on stdout (and errors as JSON on stderr). */
  json?: boolean;
}

/** The scope flags, on commands that take them. */
export interface ScopeOptions extends MemoryCommandOptions {
  user?: string;
  agent?: string;
  run?: string;
}

const SCOPE_FLAGS = [
  ["user", "user_id"],
  ["agent", "agent_id"],
  ["run", "run_id"],
] as const;

/**
 * A usage problem: exit code 2, like a configuration problem, with the flag to change in the fix.
 *
 * @example
 * throw usageError("no scope given.", "Pass --user, --agent or --run.");
 */
export function usageError(problem: string, fix: string): ConfigurationError {
  return new ConfigurationError(problem, { fix });
}

/**
 * The scope flags as memory filters (`{ user_id: "alice" }`), or undefined when none is given.
 *
 * @example
 * optionalScope({ config: "app.yaml", user: "alice" }); // { user_id: "alice" }
 */
export function optionalScope(options: ScopeOptions): Record<string, string> | undefined {
  const filters: Record<string, string> = {};
  for (const [flag, key] of SCOPE_FLAGS) {
    const value = options[flag];
    if (value === undefined) continue;
    if (value.trim() === "") throw usageError(`--${flag} is empty.`, `Pass an id, e.g. --${flag} alice.`);
    filters[key] = value.trim();
  }
  return Object.keys(filters).length === 0 ? undefined : filters;
}

/**
 * The scope flags as memory filters; at least one is required.
 *
 * @example
 * requiredScope({ config: "app.yaml", agent: "helper" }); // { agent_id: "helper" }
 */
export function requiredScope(options: ScopeOptions): Record<string, string> {
  const filters = optionalScope(options);
  if (!filters) {
    throw usageError("no scope given.", "Pass --user, --agent or --run so memories stay separate.");
  }
  return filters;
}

/** The scope flags in `Memory.add` / `deleteAll` form (`{ userId: "alice" }`). */
export function scopeIds(filters: Record<string, string>): {
  userId?: string;
  agentId?: string;
  runId?: string;
} {
  return {
    ...(filters["user_id"] === undefined ? {} : { userId: filters["user_id"] }),
    ...(filters["agent_id"] === undefined ? {} : { agentId: filters["agent_id"] }),
    ...(filters["run_id"] === undefined ? {} : { runId: filters["run_id"] }),
  };
}

/**
 * `--metadata <json>` as an object, or undefined when not given.
 *
 * @example
 * parseMetadataFlag('{"topic":"food"}'); // { topic: "food" }
 */
export function parseMetadataFlag(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError("--metadata is not valid JSON.", {
      cause: error,
      fix: `Pass an object, e.g. --metadata '{"topic":"food"}'.`,
    });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw usageError(
      "--metadata must be a JSON object.",
      `Pass an object, e.g. --metadata '{"topic":"food"}'.`,
    );
  }
  return value as Record<string, unknown>;
}

/**
 * A memory id argument, trimmed; empty is a usage error.
 *
 * @example
 * requireIdArgument("  6f1c  "); // "6f1c"
 */
export function requireIdArgument(id: string | undefined): string {
  if (id === undefined || id.trim() === "") {
    throw usageError("no memory id given.", "Pass the id that memory add, list or search printed.");
  }
  return id.trim();
}
