import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { ConfigurationError } from "@bedrock-embeddings/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../cli-io.js";
import { openEmbedOutput } from "./embed-output.js";

const io: CliIo = {
  stdout: { write: () => true },
  stderr: { write: () => true },
  stdin: new PassThrough(),
  environment: {},
};
const inputs = [1, 2, 3].map((line) => ({ text: `text ${line}`, line }));
const line = (index: number, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ index, line: index + 1, dimension: 2, vector: [0.6, 0.8], ...extra })}\n`;

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "embed-output-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("openEmbedOutput", () => {
  it("knows the inputs a file holds, drops a half-written last line, and appends after it", async () => {
    const file = join(directory, "out.jsonl");
    await writeFile(file, `${line(0)}${line(2)}{"index":1,"line":2,"dimen`);
    const output = await openEmbedOutput(file, { inputs, format: "json", dimension: 2 }, io);
    expect([...output.written]).toEqual([0, 2]);
    output.write(line(1));
    output.close();
    expect(await readFile(file, "utf8")).toBe(`${line(0)}${line(2)}${line(1)}`);
  });

  it("starts a file that does not exist", async () => {
    const output = await openEmbedOutput(
      join(directory, "new.jsonl"),
      { inputs, format: "json", dimension: 2 },
      io,
    );
    expect(output.written.size).toBe(0);
    output.close();
  });

  it.each([
    ["other input (an index beyond this run)", line(7), /holds input 7, but this run has 3 inputs/],
    [
      "other input (another stdin line)",
      line(1, { line: 9 }),
      /from stdin line 9, but input 1 is stdin line 2/,
    ],
    ["another --format", line(0, { vector: undefined, vectorBase64: "AAAA" }), /--format base64/],
    ["another dimension", line(0, { dimension: 3 }), /dimension 3, and this run's model makes 2/],
    ["lines embed did not write", "hello\n", /is not a JSON line written by embed/],
  ])("refuses a file written for %s", async (_case, text, message) => {
    const file = join(directory, "other.jsonl");
    await writeFile(file, text);
    const opening = openEmbedOutput(file, { inputs, format: "json", dimension: 2 }, io);
    await expect(opening).rejects.toSatisfy(ConfigurationError.isInstance);
    await expect(opening).rejects.toThrow(message);
  });
});
