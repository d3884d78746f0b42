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

describe("RequestLog limits", () => {
  it("keeps only the most recent arrivals when given a number", () => {
    const log = new RequestLog(2);
    const tickets = [log.takeTicket(), log.takeTicket(), log.takeTicket()];
    log.add(tickets[1]!, record("second"));
    log.add(tickets[2]!, record("third"));
    // Answered last but arrived first: it is the oldest, so it is the one dropped.
    log.add(tickets[0]!, record("first"));
    expect(log.records.map((entry) => entry.requestId)).toEqual(["second", "third"]);
  });

  it("keeps nothing when recording is off, and rejects nonsense limits", () => {
    const log = new RequestLog(false);
    log.add(log.takeTicket(), record("dropped"));
    expect([log.recording, log.records.length]).toEqual([false, 0]);
    expect(new RequestLog().recording).toBe(true);
    expect(() => new RequestLog(-1)).toThrow(RangeError);
    expect(() => new RequestLog(1.5)).toThrow(RangeError);
  });
});
