import { describe, expect, it } from "vitest";
import { SendRecorder } from "./send-recorder.js";

function clientAnswering(answer: () => Promise<unknown>) {
  return { send: (_command: unknown) => answer(), region: "us-east-1" };
}

const body = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe("SendRecorder", () => {
  it("counts the SDK's attempts and Titan's token count of an answered send", async () => {
    const recorder = new SendRecorder();
    const client = recorder.wrap(
      clientAnswering(async () => ({
        body: body({ embedding: [1], inputTextTokenCount: 7 }),
        $metadata: { attempts: 2 },
      })),
    );
    const { record } = await recorder.record(() => client.send({}));
    expect(record.usage).toEqual({ inputTokens: 7, calls: 2, retries: 1, throttles: 0 });
    expect(record.failure).toBeUndefined();
    expect(client.region).toBe("us-east-1");
  });

  it("keeps a failed send's error and resolves it to a stand-in, counting throttled attempts", async () => {
    const throttled = Object.assign(new Error("slow down"), {
      name: "ThrottlingException",
      $metadata: { httpStatusCode: 429, attempts: 4 },
    });
    const recorder = new SendRecorder();
    const client = recorder.wrap(clientAnswering(() => Promise.reject(throttled)));
    const { value, record } = await recorder.record(() => client.send({}));
    expect(record.failure?.error).toBe(throttled);
    expect(JSON.parse(new TextDecoder().decode((value as { body: Uint8Array }).body))).toEqual({
      embedding: null,
    });
    expect(record.usage).toEqual({ inputTokens: 0, calls: 4, retries: 3, throttles: 4 });
  });

  it("keeps a body that is not JSON as unreadable", async () => {
    const recorder = new SendRecorder();
    const client = recorder.wrap(clientAnswering(async () => ({ body: new TextEncoder().encode("<html>") })));
    const { record } = await recorder.record(() => client.send({}));
    expect(record.unreadable?.error).toBeInstanceOf(SyntaxError);
  });

  it("leaves sends outside a record as the client's own", async () => {
    const failure = new Error("refused");
    const recorder = new SendRecorder();
    const client = recorder.wrap(clientAnswering(() => Promise.reject(failure)));
    await expect(client.send({})).rejects.toBe(failure);
  });
});
