import { open, readdir, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { MemoryHistoryEntry } from "../memory-types.js";
import { encodeRecord, LOG_FILE_HEADER } from "./log-frame.js";
import type { LogRecordItem } from "./log-record.js";
import type { StoreState } from "./store-state.js";

const MEMORIES_PER_RECORD = 1000;
const FLUSH_BYTES = 8 * 1024 * 1024;
const TEMPORARY_SUFFIX = ".compacting";

/**
 * Writes what `state` holds as a new log at a temporary path next to `logPath` and flushes it to
 * disk: a reset record carrying the next insertion sequence, the binding, then the live memories in
 * insertion order (with their original sequences, so list cursors stay valid) in records of 1,000
 * with their history, then the history of deleted memories. Returns the temporary path, ready to be
 * renamed over the log. The caller holds the write lock.
 *
 * @example
 * const temporary = await writeCompactedLog(logPath, state);
 * await logFile.replaceWith(temporary);
 */
export async function writeCompactedLog(logPath: string, state: StoreState): Promise<string> {
  await removeAbandonedCompactions(logPath);
  const temporary = `${logPath}.${process.pid}-${Date.now().toString(36)}${TEMPORARY_SUFFIX}`;
  const handle = await open(temporary, "wx", 0o600);
  try {
    let pending: Buffer[] = [LOG_FILE_HEADER];
    let pendingBytes = LOG_FILE_HEADER.length;
    let position = 0;
    const add = async (bytes: Buffer): Promise<void> => {
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes < FLUSH_BYTES) return;
      await handle.writev(pending, position);
      position += pendingBytes;
      pending = [];
      pendingBytes = 0;
    };
    await add(encodeRecord({ kind: "reset", nextSequence: state.nextSequence }).bytes);
    if (state.binding) await add(encodeRecord({ kind: "bind", ...state.binding }).bytes);
    const history = state.allHistory();
    const written = new Set<string>();
    let items: LogRecordItem[] = [];
    let vectors: Float32Array[] = [];
    let entries: MemoryHistoryEntry[] = [];
    const flushMemories = async (): Promise<void> => {
      if (items.length === 0 && entries.length === 0) return;
      await add(encodeRecord({ kind: "put", mode: "compacted", records: items }, entries, vectors).bytes);
      items = [];
      vectors = [];
      entries = [];
    };
    for (const entry of state.ordered()) {
      items.push({ id: entry.id, payload: entry.payload, sequence: entry.sequence });
      vectors.push(state.vectorOf(entry));
      entries.push(...(history.get(entry.id) ?? []));
      written.add(entry.id);
      if (items.length >= MEMORIES_PER_RECORD) await flushMemories();
    }
    for (const [memoryId, list] of history) {
      if (written.has(memoryId)) continue;
      entries.push(...list);
      if (entries.length >= MEMORIES_PER_RECORD) await flushMemories();
    }
    await flushMemories();
    if (pendingBytes > 0) await handle.writev(pending, position);
    await handle.datasync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined); // the write's error is the one to report
    await unlink(temporary).catch(() => undefined); // best effort: a leftover is removed by the next compaction
    throw error;
  }
  return temporary;
}

// Under the write lock nobody else compacts, so any temporary file left is from a compaction that died.
async function removeAbandonedCompactions(logPath: string): Promise<void> {
  const directory = dirname(logPath);
  const prefix = `${basename(logPath)}.`;
  for (const name of await readdir(directory)) {
    if (name.startsWith(prefix) && name.endsWith(TEMPORARY_SUFFIX)) await unlink(join(directory, name));
  }
}
