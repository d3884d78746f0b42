import { describe, expect, it } from "vitest";
import { FaultQueue } from "./fault-queue.js";

describe("FaultQueue", () => {
  it("fails the next `times` matching requests, then resumes", () => {
    const queue = new FaultQueue();
    queue.add([{ errorType: "ThrottlingException", status: 429, times: 2 }]);
    const first = queue.take(["any.model"]);
    expect(first).toMatchObject({ errorType: "ThrottlingException", status: 429 });
    expect(first?.message).toBe("Too many requests, please wait before trying again.");
    expect(queue.take(["any.model"])).toBeDefined();
    expect(queue.take(["any.model"])).toBeUndefined();
  });

  it("only fires model-scoped faults for that model, in queue order", () => {
    const queue = new FaultQueue();
    queue.add([
      { errorType: "ModelNotReadyException", status: 429, modelId: "cohere.embed-v4:0" },
      { errorType: "InternalServerException", status: 500, message: "boom" },
    ]);
    expect(queue.take(["amazon.titan-embed-text-v1"])?.message).toBe("boom");
    expect(queue.take(["amazon.titan-embed-text-v1"])).toBeUndefined();
    expect(queue.take(["us.cohere.embed-v4:0", "cohere.embed-v4:0"])?.errorType).toBe(
      "ModelNotReadyException",
    );
  });

  it("rejects nonsense faults up front", () => {
    const queue = new FaultQueue();
    expect(() => queue.add([{ errorType: "ThrottlingException", status: 429, times: 0 }])).toThrow(
      RangeError,
    );
    expect(() => queue.add([{ errorType: "ThrottlingException", status: 200 }])).toThrow(RangeError);
    queue.add([{ errorType: "ThrottlingException", status: 429 }]);
    queue.clear();
    expect(queue.take(["x"])).toBeUndefined();
  });
});
