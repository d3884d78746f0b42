import { once } from "node:events";

/** Something text is written to: stdout, a file stream, or a test's collector. */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * Writes `text`, waiting for the sink to drain when it says it is full, so a large export never
 * piles up in memory behind a slow reader.
 *
 * @example
 * await writeWithBackpressure(io.stdout, `${JSON.stringify(line)}\n`);
 */
export async function writeWithBackpressure(sink: TextSink, text: string): Promise<void> {
  const accepted = sink.write(text);
  const emitter = sink as Partial<NodeJS.EventEmitter>;
  if (accepted === false && typeof emitter.once === "function")
    await once(emitter as NodeJS.EventEmitter, "drain");
}
