import { describe, expect, it } from "vitest";
import { formatTextTable } from "./text-table.js";

describe("formatTextTable", () => {
  it("pads every column to its widest cell, two spaces apart, without trailing spaces", () => {
    expect(
      formatTextTable(
        ["ID", "DIM"],
        [
          ["titan", "1024"],
          ["a", "8"],
        ],
      ),
    ).toBe("ID     DIM\ntitan  1024\na      8\n");
  });
});
