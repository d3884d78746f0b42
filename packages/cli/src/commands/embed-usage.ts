import { ConfigurationError } from "@bedrock-embeddings/core";

/** The `embed` flags whose combinations are checked before anything runs. */
export interface EmbedFlags {
  config?: string;
  model?: string;
  region?: string;
  endpoint?: string;
  output?: string;
  precision?: number;
  format?: string;
  image?: string;
  s3?: string;
  resume?: string;
  type?: string;
  segmentSeconds?: number;
  segmentChars?: number;
}

const ASYNC_ONLY: [keyof EmbedFlags, string][] = [
  ["type", "--type"],
  ["segmentSeconds", "--segment-seconds"],
  ["segmentChars", "--segment-chars"],
];

const TEXT_ONLY: [keyof EmbedFlags, string][] = [
  ["model", "--model"],
  ["region", "--region"],
  ["endpoint", "--endpoint"],
  ["output", "--output"],
  ["precision", "--precision"],
  ["format", "--format"],
];

/**
 * Refuses flag combinations that would otherwise be ignored, as usage errors (exit 2) naming the
 * flag: async-only flags without `--s3`, text-only flags with `--image`/`--s3`/`--resume`,
 * `--precision` with `--format base64`, and a run with neither `--config` nor `--model`.
 *
 * @example
 * checkEmbedFlags({ type: "video" }); // throws: --type applies only to --s3 ...
 */
export function checkEmbedFlags(flags: EmbedFlags): void {
  if (flags.s3 === undefined) {
    for (const [key, flag] of ASYNC_ONLY) {
      if (flags[key] !== undefined) {
        throw new ConfigurationError(
          `${flag} applies only to --s3 (async invoke); without it, it would be ignored.`,
          { fix: `Remove ${flag}, or embed an S3 object: --s3 s3://bucket/key --type video ${flag} ...` },
        );
      }
    }
  }
  const media = flags.image !== undefined || flags.s3 !== undefined || flags.resume !== undefined;
  if (media) {
    for (const [key, flag] of TEXT_ONLY) {
      if (flags[key] !== undefined) {
        throw new ConfigurationError(`${flag} applies only to texts, not to --image, --s3 or --resume.`, {
          fix: `Remove ${flag}; for media, set the model, region and endpoint in the --config file.`,
        });
      }
    }
    if (flags.config === undefined) {
      throw new ConfigurationError("--image, --s3 and --resume need --config <file>.", {
        fix: "Pass --config with the embedder (and the async section for --s3 or --resume).",
      });
    }
    return;
  }
  if (flags.precision !== undefined && flags.format === "base64") {
    throw new ConfigurationError("--precision rounds JSON numbers; --format base64 writes float32 bytes.", {
      fix: "Drop --precision, or use --format json.",
    });
  }
  if (flags.config === undefined && flags.model === undefined) {
    throw new ConfigurationError("embed needs --config <file> or --model <id>.", {
      fix:
        "Pass --model (e.g. --model amazon.titan-embed-text-v2:0 --region us-east-1; add --endpoint " +
        "http://127.0.0.1:4010 for the local emulator), or --config app.yaml.",
    });
  }
}
