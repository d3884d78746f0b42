import { readFile as fsReadFile, stat as fsStat } from "node:fs/promises";
import { InputError, type MediaSource } from "@bedrock-embeddings/core";

/**
 * Reads files for media inputs; replaceable in tests. `size` must not read the file.
 *
 * @example
 * const files: MediaFiles = { size: async (path) => (await stat(path)).size, read: readFile };
 */
export interface MediaFiles {
  size(path: string): Promise<number>;
  read(path: string): Promise<Uint8Array>;
}

/** The local file system through node:fs. */
export const nodeMediaFiles: MediaFiles = {
  size: async (path) => (await fsStat(path)).size,
  read: async (path) => new Uint8Array(await fsReadFile(path)),
};

/** What a media source resolved to: bytes in hand, or an S3 location left for the model to read. */
export type LoadedSource =
  | { kind: "bytes"; bytes: Uint8Array; name: string | undefined }
  | { kind: "s3"; s3Uri: string; bucketOwner: string | undefined };

/**
 * Bytes of an inline or file source, reading a file only after its size (from stat) is within
 * `maxBytes`; S3 sources pass through when the family takes them. Throws InputError naming
 * the input, the limit and the actual size.
 *
 * @example
 * await loadSource({ file: "cat.png" }, { index: 0, medium: "image", maxBytes: 5_000_000, s3: false, family: "cohere-v3" }, nodeMediaFiles);
 */
export async function loadSource(
  source: MediaSource,
  rules: { index: number; medium: string; maxBytes: number; s3: boolean; family: string },
  files: MediaFiles,
): Promise<LoadedSource> {
  const { index, medium, family } = rules;
  if ("s3Uri" in source && source.s3Uri !== undefined) {
    if (!rules.s3) {
      throw new InputError(`${family} models take ${medium}s inline only, not from S3 (${source.s3Uri}).`, {
        index,
        fix: `Download the object and pass { bytes } or { file }, or use a model that reads S3 (nova-multimodal, marengo-2-7, marengo-3-0).`,
      });
    }
    return { kind: "s3", s3Uri: source.s3Uri, bucketOwner: source.bucketOwner };
  }
  if ("file" in source && source.file !== undefined) {
    let size: number;
    try {
      size = await files.size(source.file);
    } catch (error) {
      throw new InputError(`cannot read the ${medium} file ${source.file}.`, {
        index,
        cause: error,
        fix: "Check that the path exists and is readable.",
      });
    }
    checkSize(size, rules);
    const bytes = await files.read(source.file).catch((error: unknown) => {
      throw new InputError(`cannot read the ${medium} file ${source.file}.`, {
        index,
        cause: error,
        fix: "Check that the path exists and is readable.",
      });
    });
    // The file may have grown since stat; the limit holds for what is actually sent.
    checkSize(bytes.length, rules);
    return { kind: "bytes", bytes, name: source.file };
  }
  const bytes = (source as { bytes: Uint8Array }).bytes;
  checkSize(bytes.length, rules);
  return { kind: "bytes", bytes, name: undefined };
}

function checkSize(
  size: number,
  rules: { index: number; medium: string; maxBytes: number; family: string },
): void {
  if (size === 0) throw emptyMedia(rules.index, rules.medium);
  if (size <= rules.maxBytes) return;
  throw new InputError(
    `the ${rules.medium} is ${formatBytes(size)}; ${rules.family} models accept at most ${formatBytes(rules.maxBytes)} per ${rules.medium}.`,
    {
      index: rules.index,
      limit: rules.maxBytes,
      actual: size,
      fix: `Downscale or recompress the ${rules.medium} below the limit.`,
    },
  );
}

function emptyMedia(index: number, medium: string): InputError {
  return new InputError(`the ${medium} is empty (0 bytes).`, { index, fix: `Pass the ${medium}'s content.` });
}

/** `25 MB (25,000,000 bytes)`: both forms, since limits are decimal megabytes. */
export function formatBytes(bytes: number): string {
  const megabytes = bytes / 1_000_000;
  const short =
    megabytes >= 1 ? `${Number(megabytes.toFixed(2))} MB` : `${Number((bytes / 1000).toFixed(1))} kB`;
  return `${short} (${bytes.toLocaleString("en-US")} bytes)`;
}
