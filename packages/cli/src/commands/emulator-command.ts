import { startEmulator } from "@bedrock-embeddings/emulator";
import type { CliIo } from "../cli-io.js";

export interface EmulatorCommandOptions {
  port: number;
  host: string;
}

/** Serves the Bedrock emulator until SIGINT/SIGTERM (or the io's stop signal). */
export async function emulatorCommand(options: EmulatorCommandOptions, io: CliIo): Promise<void> {
  const emulator = await startEmulator({ port: options.port, host: options.host });
  io.stdout.write(`Bedrock emulator listening at ${emulator.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    io.stopSignal?.addEventListener("abort", stop, { once: true });
  });
  await emulator.close();
  io.stdout.write("Bedrock emulator stopped\n");
}
