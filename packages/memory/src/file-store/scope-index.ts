import type { FilterExpression } from "../filter/filter-expression.js";
import type { StoredEntry } from "./stored-entry.js";

/** The payload keys every memory search is scoped by (mem0's ids). */
const SCOPE_KEYS = ["user_id", "agent_id", "run_id"] as const;

/**
 * The memories of each scope id (`user_id`, `agent_id`, `run_id` with a string value), so that a
 * scoped search or list looks at one user's few hundred memories instead of all of them.
 *
 * @example
 * const index = new ScopeIndex();
 * index.add(entry);
 * index.candidates(parseFilter({ user_id: "alice", topic: "tea" })); // alice's memories (then filter them)
 */
export class ScopeIndex {
  // One map per key, keyed by the id itself: no key strings are built on the hot path of a replay.
  private readonly members = new Map<string, Map<string, Set<StoredEntry>>>(
    SCOPE_KEYS.map((key) => [key, new Map()]),
  );

  /** Indexes `entry` under its current payload. */
  add(entry: StoredEntry): void {
    for (const [key, byValue] of this.members) {
      const value = entry.payload[key];
      if (typeof value !== "string") continue;
      const set = byValue.get(value);
      if (set) set.add(entry);
      else byValue.set(value, new Set([entry]));
    }
  }

  /** Removes `entry` as indexed under its current payload (call before changing the payload). */
  remove(entry: StoredEntry): void {
    for (const [key, byValue] of this.members) {
      const value = entry.payload[key];
      if (typeof value !== "string") continue;
      const set = byValue.get(value);
      set?.delete(entry);
      if (set?.size === 0) byValue.delete(value);
    }
  }

  clear(): void {
    for (const byValue of this.members.values()) byValue.clear();
  }

  /**
   * A superset of the entries matching `filter`, from its narrowest top-level scope condition
   * (`user_id` equal to a string, or in a list of strings); undefined when the filter has none and
   * every entry must be considered. The caller still applies the whole filter to each candidate.
   */
  candidates(filter: FilterExpression | undefined): ReadonlySet<StoredEntry> | undefined {
    const clauses = filter === undefined ? [] : filter.kind === "and" ? filter.clauses : [filter];
    let narrowest: ReadonlySet<StoredEntry> | undefined;
    for (const clause of clauses) {
      const found = clause.kind === "compare" ? this.matching(clause) : undefined;
      if (found && (narrowest === undefined || found.size < narrowest.size)) narrowest = found;
    }
    return narrowest;
  }

  private matching(
    clause: Extract<FilterExpression, { kind: "compare" }>,
  ): ReadonlySet<StoredEntry> | undefined {
    const byValue = this.members.get(clause.key);
    if (!byValue) return undefined;
    const { operator, value } = clause;
    if (operator === "eq" && typeof value === "string") return byValue.get(value) ?? new Set();
    if (operator === "in" && Array.isArray(value) && value.every((item) => typeof item === "string")) {
      const union = new Set<StoredEntry>();
      for (const item of value as string[]) for (const entry of byValue.get(item) ?? []) union.add(entry);
      return union;
    }
    return undefined;
  }
}
