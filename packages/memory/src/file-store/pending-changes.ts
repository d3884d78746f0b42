import type { FilterExpression } from "../filter/filter-expression.js";
import { matchesFilter } from "../filter/matches-filter.js";
import type { JsonObject } from "../json-value.js";
import type { VectorStoreBinding, VectorStoreEntry } from "../vector-store.js";
import { copyJson } from "./json-copy.js";
import type { StoreState } from "./store-state.js";

/**
 * The state as it will be once the writes of one batch so far are on disk: the committed state
 * plus their changes, without touching it. Each write of a group commit is checked against it
 * (an id inserted twice in one batch is refused, an update sees the payload written just before
 * it), while readers keep seeing only what is durable.
 *
 * @example
 * const pending = new PendingChanges(state);
 * if (pending.get(id) === undefined) return null; // nothing to update
 * pending.put(id, payload);
 */
export class PendingChanges {
  binding: VectorStoreBinding | undefined;
  private readonly changed = new Map<string, JsonObject | null>();

  constructor(private readonly state: StoreState) {
    this.binding = state.binding;
  }

  /** The memory with `id` after the pending changes, as a copy; undefined if absent. */
  get(id: string): VectorStoreEntry | undefined {
    const payload = this.payloadOf(id);
    return payload ? { id, payload: copyJson(payload) } : undefined;
  }

  has(id: string): boolean {
    return this.payloadOf(id) !== undefined;
  }

  /** Records that `id` will hold `payload` (which must not change afterwards). */
  put(id: string, payload: JsonObject): void {
    this.changed.set(id, payload);
  }

  remove(id: string): void {
    this.changed.set(id, null);
  }

  /** The memories matching `filter` after the pending changes, in insertion order, as copies. */
  matching(filter: FilterExpression): VectorStoreEntry[] {
    const found: VectorStoreEntry[] = [];
    const seen = new Set<string>();
    for (const entry of this.state.inOrder(filter)) {
      seen.add(entry.id);
      const payload = this.payloadOf(entry.id);
      if (payload && matchesFilter(payload, filter)) found.push({ id: entry.id, payload: copyJson(payload) });
    }
    // Memories added (or moved into the filter's scope) by this batch come after the committed ones.
    for (const [id, payload] of this.changed) {
      if (payload && !seen.has(id) && matchesFilter(payload, filter))
        found.push({ id, payload: copyJson(payload) });
    }
    return found;
  }

  private payloadOf(id: string): JsonObject | undefined {
    if (this.changed.has(id)) return this.changed.get(id) ?? undefined;
    return this.state.entry(id)?.payload;
  }
}
