import { describe, expect, it } from "vitest";
import { decodeFrame, encodeRecord, FRAME_PREFIX_BYTES, inspectFrame } from "./log-frame.js";

const history = [
  {
    id: "h1",
    memoryId: "m1",
    previousValue: null,
    newValue: "té",
    event: "ADD" as const,
    createdAt: "2026-12-07",
  },
];

describe("log records", () => {
  it("decode to what was encoded: header, history section and float32 vectors, 4-byte aligned", () => {
    const { bytes, decoded } = encodeRecord(
      { kind: "put", mode: "insert", records: [{ id: "m1", payload: { data: "té" } }] },
      history,
      [new Float32Array([0.5, -2])],
    );
    expect(bytes.length % 4).toBe(0);
    const status = inspectFrame(bytes, 0, bytes.length);
    expect(status).toEqual({ kind: "complete", bodyLength: bytes.length - FRAME_PREFIX_BYTES });
    const frame = decodeFrame(bytes, 0, bytes.length - FRAME_PREFIX_BYTES);
    expect(frame.record).toEqual(decoded.record);
    expect(JSON.parse(bytes.toString("utf8", frame.historyAt, frame.historyAt + frame.historyBytes))).toEqual(
      history,
    );
    expect(frame.vectorsAt % 4).toBe(0);
    expect(bytes.readFloatLE(frame.vectorsAt)).toBe(0.5);
    expect(bytes.readFloatLE(frame.vectorsAt + 4)).toBe(-2);
  });

  it("tell a cut-short record from a damaged one", () => {
    const { bytes } = encodeRecord({ kind: "delete", ids: ["m1"] }, history);
    expect(inspectFrame(bytes, 0, 8)).toEqual({ kind: "short" });
    expect(inspectFrame(bytes, 0, bytes.length - 1)).toEqual({
      kind: "incomplete",
      frameLength: bytes.length,
    });
    for (const position of [0, 5, 9, FRAME_PREFIX_BYTES + 2, bytes.length - 3]) {
      const damaged = Buffer.from(bytes);
      damaged[position] = damaged[position]! ^ 0x10;
      expect(inspectFrame(damaged, 0, damaged.length).kind, `byte ${position}`).not.toBe("complete");
    }
  });

  it("reject a header this version does not know", () => {
    const { bytes } = encodeRecord({ kind: "rewind" } as never);
    expect(() => decodeFrame(bytes, 0, bytes.length - FRAME_PREFIX_BYTES)).toThrow(
      /unknown record kind "rewind"/,
    );
  });
});
