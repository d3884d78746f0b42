import { randomBytes } from "node:crypto";
import * as nodeFs from "node:fs/promises";
import { join, resolve } from "node:path";
import { ConfigurationError } from "../errors/configuration-error.js";
import { InputError } from "../errors/input-error.js";
import { isCacheKey } from "./cache-key.js";
import { mapBounded } from "./map-bounded.js";
import type { VectorCache, VectorCacheEntry, VectorCacheStats } from "./vector-cache.js";
import { decodeVector, encodeVector } from "./vector-file-codec.js";

/**
 * The file functions the cache uses; pass a wrapped copy to simulate failures in tests.
 *
 * @example
 * const crashing: CacheFileSystem = { ...nodeFs, rename: async () => { throw new Error("power cut"); } };
 */
export type CacheFileSystem = Pick<typeof nodeFs, "readFile" | "writeFile" | "rename" | "unlink" | "mkdir">;

/**
 * Options of `FileVectorCache`.
 *
 * @example
 * const options: FileVectorCacheOptions = { directory: ".cache/vectors" };
 */
export interface FileVectorCacheOptions {
  /** Where entries live; created when missing. A relative path is resolved against the process's working directory. */
  directory: string;
  /** Files read or written at once. Defaults to 16. */
  concurrency?: number;
  fileSystem?: CacheFileSystem;
}

/**
 * Counters of a `FileVectorCache`, with the entries found damaged.
 *
 * @example
 * files.stats.unreadable; // 0
 */
export interface FileVectorCacheStats extends VectorCacheStats {
  /** Entry files that were short, damaged or not ours; counted as misses and replaced on the next write. */
  unreadable: number;
}

const ENTRY_SUFFIX = ".vec";

/**
 * A persistent vector cache: one small binary file per key (float64 values plus a checksum),
 * fanned out into 256 folders by the key's first two hex digits. Each write goes to a unique
 * temporary file that is then renamed over the entry, so readers and concurrent writers only
 * ever see whole entries; a crash leaves at most a stray `*.tmp` file, which readers never open.
 * Entries are immutable (same key, same vector), so concurrent processes can share a directory.
 *
 * @example
 * const cache = new FileVectorCache({ directory: ".cache/vectors" });
 * await cache.setMany([{ key, vector }]);
 * await new FileVectorCache({ directory: ".cache/vectors" }).getMany([key]); // [vector]
 */
export class FileVectorCache implements VectorCache {
  /** The absolute directory. */
  readonly directory: string;
  readonly #fileSystem: CacheFileSystem;
  readonly #concurrency: number;
  readonly #stats = { hits: 0, misses: 0, writes: 0, unreadable: 0 };
  readonly #madeFolders = new Set<string>();

  constructor(options: FileVectorCacheOptions) {
    if (typeof options.directory !== "string" || options.directory.trim() === "") {
      throw new ConfigurationError("the vector cache directory is empty.", {
        path: "cache.directory",
        fix: "Give a folder path, e.g. .cache/vectors.",
      });
    }
    this.directory = resolve(options.directory);
    this.#fileSystem = options.fileSystem ?? nodeFs;
    this.#concurrency = options.concurrency ?? 16;
  }

  get stats(): FileVectorCacheStats {
    return { ...this.#stats };
  }

  async getMany(keys: readonly string[]): Promise<(number[] | undefined)[]> {
    keys.forEach(checkKey);
    return mapBounded(keys, this.#concurrency, async (key) => {
      const vector = await this.#read(key);
      if (vector === undefined) this.#stats.misses++;
      else this.#stats.hits++;
      return vector;
    });
  }

  async setMany(entries: readonly VectorCacheEntry[]): Promise<void> {
    entries.forEach((entry, index) => {
      checkKey(entry.key, index);
    });
    // Within one call the last entry for a key wins, as with sequential writes.
    const latest = new Map(entries.map((entry) => [entry.key, entry.vector]));
    await mapBounded([...latest], this.#concurrency, async ([key, vector]) => {
      await this.#write(key, vector);
      this.#stats.writes++;
    });
  }

  async #read(key: string): Promise<number[] | undefined> {
    let bytes: Buffer;
    try {
      bytes = await this.#fileSystem.readFile(this.#entryPath(key));
    } catch (error) {
      if (codeOf(error) === "ENOENT") return undefined;
      throw this.#failure("read", error);
    }
    const vector = decodeVector(bytes);
    if (vector === undefined) this.#stats.unreadable++;
    return vector;
  }

  async #write(key: string, vector: readonly number[]): Promise<void> {
    const folder = join(this.directory, key.slice(0, 2));
    const target = join(folder, key + ENTRY_SUFFIX);
    const temporary = join(folder, `.${key}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      if (!this.#madeFolders.has(folder)) {
        await this.#fileSystem.mkdir(folder, { recursive: true });
        this.#madeFolders.add(folder);
      }
      await this.#fileSystem.writeFile(temporary, encodeVector(vector), { flag: "wx", mode: 0o600 });
      await this.#fileSystem.rename(temporary, target);
    } catch (error) {
      // The folder may have been removed under us; make it again next time.
      this.#madeFolders.delete(folder);
      // Best effort: the temporary file may not exist; the write failure is what matters.
      await this.#fileSystem.unlink(temporary).catch(() => {});
      throw this.#failure("written", error);
    }
  }

  #entryPath(key: string): string {
    return join(this.directory, key.slice(0, 2), key + ENTRY_SUFFIX);
  }

  #failure(action: "read" | "written", error: unknown): ConfigurationError {
    const code = codeOf(error);
    return new ConfigurationError(
      `the vector cache in ${this.directory} cannot be ${action}${code ? ` (${code})` : ""}.`,
      {
        path: "cache.directory",
        fix: "Check that the folder exists or can be created, is writable by this process and has free space, or point cache.directory elsewhere.",
        cause: error,
      },
    );
  }
}

function checkKey(key: string, index: number): void {
  if (isCacheKey(key)) return;
  throw new InputError("a vector cache key must be 64 lowercase hex characters (a cacheKey result).", {
    index,
    fix: "Build keys with cacheKey(identity, text).",
  });
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
