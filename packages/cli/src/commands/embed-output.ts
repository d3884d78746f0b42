import { closeSync, openSync, writeSync } from "node:fs";
import { readFile, truncate } from "node:fs/promises";
import { ConfigurationError } from "@bedrock-embeddings/core";
import type { CliIo } from "../cli-io.js";
import type { VectorFormat } from "./vector-line.js";

/** One text to embed and, for stdin, its one-based line number. */
export interface EmbedInput {
  text: string;
  line: number | undefined;
}

/** Where `embed` writes its JSON lines: stdout, or the `--output` file it appends to. */
export interface EmbedOutput {
  write(text: string): void;
  close(): void;
  /** The `--output` file, when there is one. */
  file: string | undefined;
  /** Indexes of the inputs the `--output` file already holds (skipped by this run). */
  written: ReadonlySet<number>;
}

/** What the lines already written must agree with for a run to append to them. */
export interface OutputExpectations {
  inputs: readonly EmbedInput[];
  format: VectorFormat;
  /** The embedder's dimension when known before any call. */
  dimension: number | undefined;
}

/**
 * stdout, or with `--output <file>` the file opened for appending after reading which inputs it
 * already holds, so a rerun of the same command only embeds what is missing. A line cut off by a
 * killed run is dropped first. A file written for other input, in another `--format` or with
 * another dimension is refused (a ConfigurationError naming the file), never mixed.
 *
 * @example
 * const output = await openEmbedOutput(options.output, { inputs, format: "json", dimension: 1024 }, io);
 * const todo = inputs.filter((_input, index) => !output.written.has(index));
 */
export async function openEmbedOutput(
  file: string | undefined,
  expected: OutputExpectations,
  io: CliIo,
): Promise<EmbedOutput> {
  if (file === undefined) {
    return { write: (text) => io.stdout.write(text), close: () => {}, file, written: new Set() };
  }
  const written = await readWrittenIndexes(file, expected);
  let descriptor: number;
  try {
    descriptor = openSync(file, "a");
  } catch (error) {
    throw new ConfigurationError(`cannot open ${file} for appending.`, {
      cause: error,
      fix: "Check the path and permissions given with --output.",
    });
  }
  return {
    write: (text) => writeSync(descriptor, text),
    close: () => closeSync(descriptor),
    file,
    written,
  };
}

async function readWrittenIndexes(file: string, expected: OutputExpectations): Promise<Set<number>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Set();
    throw new ConfigurationError(`cannot read ${file}.`, {
      cause: error,
      fix: "Check the path and permissions given with --output.",
    });
  }
  const lines = text.split("\n");
  const last = lines.pop() ?? "";
  if (last.length > 0) {
    // A run killed while writing leaves half a line: drop it, its input is embedded again.
    await truncate(file, Buffer.byteLength(text) - Buffer.byteLength(last));
  }
  const written = new Set<number>();
  lines.forEach((line, position) => {
    if (line.length === 0) return;
    const index = checkedLine(line, position + 1, file, expected);
    written.add(index);
  });
  return written;
}

/** The input index of one line written earlier, after checking it belongs to this run. */
function checkedLine(text: string, number: number, file: string, expected: OutputExpectations): number {
  const where = `${file} line ${number}`;
  const otherFile = "Pass another --output file, or give the same input as the run that wrote it.";
  let parsed: { index?: unknown; line?: unknown; dimension?: unknown; vector?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch (error) {
    throw new ConfigurationError(`${where} is not a JSON line written by embed.`, {
      cause: error,
      fix: otherFile,
    });
  }
  const index = parsed?.index;
  if (typeof index !== "number" || !Number.isInteger(index) || index < 0) {
    throw new ConfigurationError(`${where} has no input index, so embed did not write it.`, {
      fix: otherFile,
    });
  }
  const input = expected.inputs[index];
  if (input === undefined) {
    throw new ConfigurationError(
      `${where} holds input ${index}, but this run has ${expected.inputs.length} inputs: the file was written for other input.`,
      { fix: otherFile },
    );
  }
  if (parsed.line !== undefined && parsed.line !== input.line) {
    throw new ConfigurationError(
      `${where} holds input ${index} from stdin line ${String(parsed.line)}, but input ${index} is ` +
        `${input.line === undefined ? "an argument" : `stdin line ${input.line}`} in this run: the file was written for other input.`,
      { fix: otherFile },
    );
  }
  const format: VectorFormat = parsed.vector === undefined ? "base64" : "json";
  if (format !== expected.format) {
    throw new ConfigurationError(
      `${where} holds a vector in --format ${format}, and this run writes --format ${expected.format}.`,
      { fix: `Pass --format ${format} to add to this file, or another --output file.` },
    );
  }
  if (expected.dimension !== undefined && parsed.dimension !== expected.dimension) {
    throw new ConfigurationError(
      `${where} holds a vector of dimension ${String(parsed.dimension)}, and this run's model makes ${expected.dimension}.`,
      { fix: "Use the model and dimensions that wrote the file, or another --output file." },
    );
  }
  return index;
}
