import { describe, expect, it } from "vitest";
import type { BedrockCallEvent } from "../events.js";
import { awsError, fakeClient } from "../fake-bedrock.test-helpers.js";
import type { RequestSettings, WireInput } from "../families/model-family.js";
import { testContext } from "./call-context.test-helpers.js";
import { embedCall } from "./embed-call.js";

const request: RequestSettings = {
  dimensions: 1024,
  normalize: true,
  inputType: "search_document",
  truncate: undefined,
};
const texts = (...values: string[]): WireInput[] => values.map((text) => ({ modality: "text", text }));

describe("one call through its steps", () => {
  it("builds the family's body, sends it, decodes one result per input and reports one event", async () => {
    const events: BedrockCallEvent[] = [];
    const fake = fakeClient(() => ({
      embeddings: [
        [3, 4],
        [1, 0],
      ],
    }));
    const context = testContext(fake.client, "cohere-v3", { onCall: (event) => events.push(event) });
    const result = await embedCall(context, texts("a", "b"), [5, 6], request, ["float"]);
    expect(fake.requests[0]?.body).toEqual({ texts: ["a", "b"], input_type: "search_document" });
    expect(result.values.map((value) => value?.vector)).toEqual([
      [3, 4],
      [1, 0],
    ]);
    expect(result.failures).toEqual([]);
    expect(result.usage.calls).toBe(1);
    expect(events).toEqual([expect.objectContaining({ indexes: [5, 6], ok: true, attempts: 1 })]);
  });

  it("never throws: an error that fails every call comes back as the call's fatal failure", async () => {
    const fake = fakeClient(() => {
      throw awsError("AccessDeniedException", 403, "no access");
    });
    const result = await embedCall(testContext(fake.client, "cohere-v3"), texts("a"), [2], request, [
      "float",
    ]);
    expect(result.values).toEqual([undefined]);
    expect(result.fatal).toMatchObject({ awsErrorName: "AccessDeniedException", failedIndexes: [2] });
    expect(result.failures).toEqual([{ index: 2, error: result.fatal }]);
  });

  it("an unreadable answer fails every input of the call, and still counts the call and its tokens", async () => {
    const fake = fakeClient(() => ({ embeddings: [[1, 2]] }));
    const result = await embedCall(testContext(fake.client, "cohere-v3"), texts("a", "b"), [0, 1], request, [
      "float",
    ]);
    expect(result.failures.map((failure) => failure.index)).toEqual([0, 1]);
    expect(result.failures[0]?.error.message).toMatch(/holds 1 vectors for 2 texts/);
    expect(result.usage.calls).toBe(1);
  });
});
