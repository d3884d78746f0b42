import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** mem0ai's open-source entry, as these tests load it. */
export type Mem0 = typeof import("mem0ai/oss");

/** The memories both mem0ai tests add and search, the first the answer to their query. */
export const SAMPLE_MEMORIES = [
  "Lisbon is the coastal capital of Portugal",
  "Espresso is strong coffee brewed under pressure",
  "Tennis is played on a court with a net",
];

/**
 * Loads mem0ai with its files in a throwaway folder: mem0ai reads these variables when its module
 * loads, so there are no telemetry or notice requests and no ~/.mem0 files. `remove` deletes the folder.
 *
 * @example
 * const { mem0, remove } = await loadMem0("mem0-e2e-");
 */
export async function loadMem0(prefix: string): Promise<{ mem0: Mem0; remove(): Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), prefix));
  process.env["MEM0_TELEMETRY"] = "false";
  process.env["MEM0_DIR"] = directory;
  const mem0 = await import("mem0ai/oss");
  return { mem0, remove: () => rm(directory, { recursive: true, force: true }) };
}
