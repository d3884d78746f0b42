import { open } from "node:fs/promises";

/**
 * Flushes a directory, so that a file created or renamed in it survives a power loss. Platforms
 * that cannot open or flush a directory (Windows) skip it.
 *
 * @example
 * await rename(temporary, file);
 * await syncDirectory(dirname(file));
 */
export async function syncDirectory(directory: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(directory, "r");
    await handle.sync();
  } catch (error) {
    if (!isUnsupportedDirectorySync(error)) throw error;
  } finally {
    await handle?.close();
  }
}

function isUnsupportedDirectorySync(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "EISDIR" || code === "EPERM" || code === "EINVAL" || code === "EBADF" || code === "ENOTSUP";
}
