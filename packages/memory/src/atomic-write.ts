import { randomBytes } from "node:crypto";
import * as nodeFs from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * The file functions the stores use; pass a wrapped copy to simulate failures in tests.
 *
 * @example
 * const failing: StoreFileSystem = { ...nodeFs, rename: async () => { throw new Error("disk full"); } };
 */
export type StoreFileSystem = Pick<
  typeof nodeFs,
  "open" | "rename" | "unlink" | "readFile" | "readdir" | "mkdir"
>;

/**
 * The real `node:fs/promises`, used when no file system is passed.
 *
 * @example
 * const flaky: StoreFileSystem = { ...defaultFileSystem, rename: failingRename };
 */
export const defaultFileSystem: StoreFileSystem = nodeFs;

/**
 * Replaces `file` with `data` so that a crash at any point leaves either the old or the new
 * content, never a mix: the data goes to a temporary file in the same directory, is flushed to
 * disk (fsync), renamed over `file`, and the directory is fsynced where the platform allows. On
 * failure the temporary file is removed and `file` is untouched. The file is created with mode 0600.
 *
 * @example
 * await writeFileAtomic("/data/memories.json", JSON.stringify(state));
 */
export async function writeFileAtomic(
  file: string,
  data: string,
  fileSystem: StoreFileSystem = defaultFileSystem,
): Promise<void> {
  const temporary = join(
    dirname(file),
    `${tempPrefix(file)}${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
  try {
    const handle = await fileSystem.open(temporary, "wx", 0o600);
    try {
      await handle.writeFile(data, "utf8");
      await handle.sync();
    } finally {
      // After a successful fsync a failing close loses nothing; after a failure it must not hide the cause.
      await handle.close().catch(() => {});
    }
    await fileSystem.rename(temporary, file);
  } catch (error) {
    await fileSystem.unlink(temporary).catch(() => {});
    throw error;
  }
  await syncDirectory(dirname(file), fileSystem);
}

/**
 * Deletes temporary files a crashed `writeFileAtomic` of `file` left behind. Only for a file that
 * a single process writes (which is how the stores use it).
 *
 * @example
 * await removeStaleTempFiles("/data/memories.json");
 */
export async function removeStaleTempFiles(
  file: string,
  fileSystem: StoreFileSystem = defaultFileSystem,
): Promise<void> {
  const prefix = tempPrefix(file);
  let names: string[];
  try {
    names = await fileSystem.readdir(dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith(".tmp")) {
      await fileSystem.unlink(join(dirname(file), name)).catch(() => {});
    }
  }
}

function tempPrefix(file: string): string {
  return `.${basename(file)}.`;
}

// Makes the rename itself durable. Some platforms (Windows) cannot open or fsync a directory.
async function syncDirectory(directory: string, fileSystem: StoreFileSystem): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fileSystem.open(directory, "r");
    await handle.sync();
  } catch (error) {
    if (!isUnsupportedDirectorySync(error)) throw error;
  } finally {
    await handle?.close().catch(() => {});
  }
}

function isUnsupportedDirectorySync(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "EISDIR" || code === "EPERM" || code === "EINVAL" || code === "EBADF" || code === "ENOTSUP";
}
