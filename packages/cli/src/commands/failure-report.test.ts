import { InputError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { failureReport } from "./failure-report.js";

describe("failureReport", () => {
  it("names each failure by index and stdin line, sharing one line for a run of the same reason", () => {
    let written = "";
    const report = failureReport((text) => (written += text));
    const down = new Error("connection refused");
    report.add({
      index: 2,
      line: 4,
      error: new InputError("the text is empty.", { index: 0, fix: "Remove it." }),
    });
    for (const index of [5, 6, 7]) report.add({ index, line: index + 2, error: down });
    report.add({ index: 9, line: 11, error: down });
    report.flush();
    expect(written).toBe(
      "input 2 (stdin line 4) failed: the text is empty. Remove it.\n" +
        "inputs 5-7 (stdin lines 7-9) failed: connection refused\n" +
        "input 9 (stdin line 11) failed: connection refused\n",
    );
  });

  it("leaves out the stdin line for texts given as arguments", () => {
    let written = "";
    const report = failureReport((text) => (written += text));
    report.add({ index: 0, line: undefined, error: new TypeError("bad") });
    report.flush();
    expect(written).toBe("input 0 failed: TypeError: bad\n");
  });
});
