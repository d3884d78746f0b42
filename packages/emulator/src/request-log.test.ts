import { describe, expect, it } from "vitest";
import type { RecordedRequest } from "./emulator-types.js";
import { RequestLog } from "./request-log.js";

function record(requestId: string): RecordedRequest {
  return {
    method: "POST",
    path: "/",
    httpVersion: "1.1",
    headers: {},
    body: undefined,
    status: 200,
    requestId,
  };
}

describe("RequestLog", () => {
  it("keeps arrival order when later requests finish first", () => {
    const log = new RequestLog();
    const first = log.takeTicket();
    const second = log.takeTicket();
    const third = log.takeTicket();
    log.add(third, record("third"));
    log.add(first, record("first"));
    log.add(second, record("second"));
    expect(log.records.map((entry) => entry.requestId)).toEqual(["first", "second", "third"]);
  });

  it("drops requests that arrived before clear() even if answered after it", () => {
    const log = new RequestLog();
    const early = log.takeTicket();
    log.clear();
    const late = log.takeTicket();
    log.add(early, record("early"));
    log.add(late, record("late"));
    expect(log.records.map((entry) => entry.requestId)).toEqual(["late"]);
  });
});
