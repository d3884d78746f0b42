import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../index.js";

function testIo(stop: AbortSignal) {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: new PassThrough(),
    environment: {},
    stopSignal: stop,
  };
  return { io, output: () => ({ stdout, stderr }) };
}

async function waitForUrl(output: () => { stdout: string }): Promise<string> {
  for (;;) {
    const match = /listening at (http:\/\/\S+)/.exec(output().stdout);
    if (match) return match[1]!;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("bedrock-embeddings emulator traffic flags", () => {
  it("applies --rpm, --latency-ms, --jitter-ms, --fault and --seed as the defaults of every model", async () => {
    const stop = new AbortController();
    const { io, output } = testIo(stop.signal);
    const exitCode = runCli(
      [
        "emulator",
        "--port",
        "0",
        "--rpm",
        "6",
        "--tpm",
        "6000",
        "--latency-ms",
        "5",
        "--jitter-ms",
        "2",
        "--fault",
        "serviceUnavailable=0",
        "--fault",
        "slowResponseMs=300",
        "--seed",
        "7",
      ],
      io,
    );
    try {
      const url = await waitForUrl(output);
      const traffic = await (await fetch(`${url}/_emulator/traffic`)).json();
      expect(traffic).toEqual({
        seed: 7,
        defaults: {
          requestsPerMinute: 6,
          tokensPerMinute: 6000,
          latencyMs: 5,
          jitterMs: 2,
          faults: { serviceUnavailable: 0, slowResponseMs: 300 },
        },
      });
      expect(output().stdout).toContain('Traffic for every model: {"requestsPerMinute":6');
      const invoke = () =>
        fetch(`${url}/model/amazon.titan-embed-text-v1/invoke`, {
          method: "POST",
          headers: { authorization: "Bearer emulator-api-key", "content-type": "application/json" },
          body: JSON.stringify({ inputText: "hello" }),
        });
      // 6 per minute: one request, then 10 s of throttling.
      expect([(await invoke()).status, (await invoke()).status]).toEqual([200, 429]);
    } finally {
      stop.abort();
    }
    expect(await exitCode).toBe(0);
  });

  it.each([
    [["--fault", "serviceUnavailable"], "expected name=rate"],
    [["--rpm", "lots"], "expected a number of 0 or more"],
    [["--seed", "1.5"], "expected an integer"],
  ])("rejects %j as a usage error", async (flags, message) => {
    const { io, output } = testIo(new AbortController().signal);
    expect(await runCli(["emulator", "--port", "0", ...flags], io)).toBe(2);
    expect(output().stderr).toContain(message);
  });

  it.each([
    [["--fault", "meteorStrike=0.1"], 'traffic.defaults.faults has an unknown field "meteorStrike"'],
    [["--fault", "throttling=0.7", "--fault", "serviceUnavailable=0.7"], "the rates add up to 1.4"],
    [["--rpm", "0"], "traffic.defaults.requestsPerMinute must be a number above 0, got 0"],
  ])("reports %j as a configuration error before listening", async (flags, message) => {
    const { io, output } = testIo(new AbortController().signal);
    expect(await runCli(["emulator", "--port", "0", ...flags], io)).toBe(2);
    expect(output().stderr).toContain(message);
    expect(output().stdout).not.toContain("listening");
  });
});
