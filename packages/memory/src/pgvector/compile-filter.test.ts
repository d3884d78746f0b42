import { InputError } from "@bedrock-embeddings/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FILTER_OPERATORS, type FilterExpression, type FilterOperator } from "../filter/filter-expression.js";
import { matchesFilter } from "../filter/matches-filter.js";
import { parseFilter } from "../filter/parse-filter.js";
import type { JsonObject, JsonValue } from "../json-value.js";
import type { VectorStoreRecord } from "../vector-store.js";
import { compileFilter } from "./compile-filter.js";
import { PgVectorStore } from "./pg-vector-store.js";
import { SqlParameters } from "./sql-parameters.js";
import { startTestPostgres, type TestPostgres } from "./testing/postgres-fixture.js";

// PGlite is PostgreSQL in WebAssembly: on 2 busy cores a test may take seconds.
vi.setConfig({ testTimeout: 30_000 });

const KEYS = [
  "user_id",
  "agent_id",
  "run_id",
  "n",
  "s",
  "tags",
  "obj",
  "flag",
  `it's "quoted"`,
  "ключ",
  "?|",
];
const STRINGS = [
  "",
  "a",
  "A",
  "abc",
  "Abc",
  "tea",
  "Green Tea",
  "ÉCOLE",
  "école",
  "straße",
  "ΟΔΟΣ",
  "οδος",
  "σ",
  "😀",
  "\uFF21",
  "\uFF21\uFF22",
  "'; DROP TABLE filters; --",
  "back\\slash",
  'quote"d',
  "%_",
  "2026-01-02",
  "2025-12-31T23:59:59Z",
];
const NUMBERS = [0, 1, -1, 2.5, 3, 1e21, -0.001, 0.1 + 0.2];
const VALUES: JsonValue[] = [
  ...STRINGS,
  ...NUMBERS,
  true,
  false,
  null,
  [],
  ["a"],
  ["a", "b"],
  ["b", "a"],
  [1, 2],
  [[1]],
  [{ k: 1 }],
  ["tea", 1, null],
  {},
  { k: 1 },
  { k: [1, 2] },
  { a: { b: null } },
];
const OPERATORS: readonly FilterOperator[] = FILTER_OPERATORS;

/** A small deterministic generator (mulberry32), so a failure repeats with its seed. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<Item>(random: () => number, items: readonly Item[]): Item {
  return items[Math.floor(random() * items.length)]!;
}

function randomPayload(random: () => number): JsonObject {
  const payload: JsonObject = {};
  for (const key of KEYS) {
    if (random() < 0.55) payload[key] = structuredClone(pick(random, VALUES));
  }
  // Scope keys are mostly strings, as Memory writes them, sometimes another type on purpose.
  if (random() < 0.7) payload["user_id"] = pick(random, ["alice", "bob", "Alice", "5"]);
  return payload;
}

function randomOperand(random: () => number, operator: FilterOperator): JsonValue {
  switch (operator) {
    case "exists":
      return null;
    case "in":
    case "nin":
      return Array.from({ length: Math.floor(random() * 4) }, () => pick(random, [...VALUES, "alice", 5]));
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return random() < 0.9 ? pick(random, [...STRINGS, ...NUMBERS]) : pick(random, VALUES);
    case "icontains": {
      const text = pick(random, [...STRINGS, "ALICE", "ς", "Σ", "TEA", "É"]);
      const start = Math.floor(random() * (text.length + 1));
      return text.slice(start, start + 1 + Math.floor(random() * 4));
    }
    case "contains":
      return random() < 0.7
        ? pick(random, ["a", "b", "ea", "", "😀", "\uFF21", ...STRINGS])
        : pick(random, VALUES);
    default:
      return pick(random, [...VALUES, "alice", "bob", "5", 5]);
  }
}

function randomFilter(random: () => number, depth: number): FilterExpression {
  const roll = random();
  if (depth > 0 && roll < 0.3) {
    const kind = random() < 0.5 ? "and" : "or";
    const clauses = Array.from({ length: Math.floor(random() * 4) }, () => randomFilter(random, depth - 1));
    return { kind, clauses };
  }
  if (depth > 0 && roll < 0.4) return { kind: "not", clause: randomFilter(random, depth - 1) };
  const operator = pick(random, OPERATORS);
  const key = random() < 0.1 ? "missing" : pick(random, KEYS);
  return { kind: "compare", key, operator, value: randomOperand(random, operator) };
}

describe("compileFilter on PostgreSQL (PGlite) agrees with matchesFilter", () => {
  let postgres: TestPostgres;
  let store: PgVectorStore;
  const records: VectorStoreRecord[] = [];

  beforeAll(async () => {
    postgres = await startTestPostgres();
    store = new PgVectorStore({ connectionString: postgres.connectionString, table: "filters" });
    await store.initialize({ dimension: 2, modelId: "model" });
    const random = randomSource(7);
    for (let index = 0; index < 80; index++) {
      records.push({ id: `p${index}`, vector: [1, index + 1], payload: randomPayload(random) });
    }
    await store.insert(records);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await postgres?.close();
  });

  const expected = (filter: FilterExpression) =>
    records.filter((record) => matchesFilter(record.payload, filter)).map((record) => record.id);
  const listed = async (filter: FilterExpression) =>
    (await store.list({ filter })).entries.map((entry) => entry.id);

  it("on 600 generated filters over 80 varied payloads, in list and search", async () => {
    const random = randomSource(20261207);
    let matchedSome = 0;
    for (let round = 0; round < 600; round++) {
      const filter = randomFilter(random, 3);
      const want = expected(filter);
      if (want.length > 0 && want.length < records.length) matchedSome++;
      expect(await listed(filter), `round ${round}: ${JSON.stringify(filter)}`).toEqual(want);
      if (round % 6 === 0) {
        const hits = await store.search([1, 0], { filter, limit: 1000 });
        expect(hits.map((hit) => hit.id).sort(), `search, round ${round}`).toEqual([...want].sort());
      }
    }
    // The generated filters must tell payloads apart, or the comparison above proves little.
    expect(matchedSome).toBeGreaterThan(300);
  });

  it("orders strings by UTF-16 code unit, as JavaScript does (U+FF21 after an emoji)", async () => {
    for (const [key, bound] of [
      ["s", "😀"],
      ["s", "\uFF21"],
      ["s", "\uFFFF"],
      ["s", "\u{10FFFF}"],
      ["s", "é"],
    ] as const) {
      for (const operator of ["gt", "gte", "lt", "lte"] as const) {
        const filter: FilterExpression = { kind: "compare", key, operator, value: bound };
        expect(await listed(filter), `${operator} ${JSON.stringify(bound)}`).toEqual(expected(filter));
      }
    }
    const emojiFirst = parseFilter({ s: { gt: "😀" } });
    expect(expected(emojiFirst).length).toBeGreaterThan(0);
  });

  it("matches a scope key of another type exactly (the indexed column holds strings only)", async () => {
    const extra: VectorStoreRecord[] = [
      { id: "number-scope", vector: [1, 0], payload: { user_id: 5 } },
      { id: "string-scope", vector: [1, 0], payload: { user_id: "5" } },
      { id: "null-scope", vector: [1, 0], payload: { user_id: null } },
    ];
    const scoped = new PgVectorStore({ connectionString: postgres.connectionString, table: "filters_scope" });
    try {
      await scoped.initialize({ dimension: 2, modelId: "model" });
      await scoped.insert(extra);
      for (const written of [
        { user_id: "5" },
        { user_id: 5 },
        { user_id: ["5"] },
        { user_id: ["5", 5] },
        { user_id: { ne: "5" } },
        { user_id: { nin: ["5"] } },
        { NOT: [{ user_id: "5" }] },
        { user_id: null },
        { user_id: "*" },
      ]) {
        const filter = parseFilter(written);
        const want = extra
          .filter((record) => matchesFilter(record.payload, filter))
          .map((record) => record.id);
        const got = (await scoped.list({ filter })).entries.map((entry) => entry.id);
        expect(got, JSON.stringify(written)).toEqual(want);
      }
    } finally {
      await scoped.close();
    }
  });

  it("never writes a value or key into the SQL text", () => {
    const parameters = new SqlParameters();
    const filter = parseFilter({
      "x'; DROP TABLE t; --": { eq: "'; DROP TABLE t; --" },
      user_id: ["a'b"],
      note: { icontains: "O'HARA" },
    });
    const sql = compileFilter(filter, parameters, {
      textColumns: new Set(["user_id"]),
      caseFoldCollation: undefined,
    });
    expect(sql).not.toContain("DROP");
    expect(sql).not.toContain("'b");
    expect(sql).not.toMatch(/o'hara/i);
    expect(parameters.values).toContain(JSON.stringify("'; DROP TABLE t; --"));
    expect(parameters.values).toContain("x'; DROP TABLE t; --");
  });

  it("refuses an unknown operator and a non-list operand of in, naming them", async () => {
    const unknown = {
      kind: "compare",
      key: "n",
      operator: "regex",
      value: "a",
    } as unknown as FilterExpression;
    await expect(store.list({ filter: unknown })).rejects.toThrowError(InputError);
    await expect(store.list({ filter: unknown })).rejects.toThrow(/"regex"/);
    const notList: FilterExpression = { kind: "compare", key: "n", operator: "in", value: 3 };
    await expect(store.search([1, 0], { filter: notList, limit: 1 })).rejects.toThrow(/needs a list/);
  });
});
