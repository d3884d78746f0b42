/**
 * Child-process entry: runs the emulator on a free loopback port so its CPU stays out of the
 * contenders' figures. Sends `{ url }` once listening; closes when the parent says "close" or goes away.
 * Traffic settings and counters are driven over the emulator's HTTP admin endpoints.
 */
import { startEmulator } from "@bedrock-embeddings/emulator";

const emulator = await startEmulator({ port: 0, recordRequests: false });
let closing = false;

async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  await emulator.close();
  process.exit(0);
}

process.on("message", (message) => {
  if (message === "close") void close();
});
process.on("disconnect", () => void close());
process.send!({ url: emulator.url });
