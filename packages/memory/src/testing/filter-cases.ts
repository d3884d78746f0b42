import type { VectorStoreRecord } from "../vector-store.js";

/** Varied payloads (types, nulls, arrays, missing keys) for the filter conformance test. */
export const FILTER_RECORDS: VectorStoreRecord[] = [
  {
    id: "p1",
    vector: [1, 0, 0],
    payload: { user_id: "u", n: 1, topic: "tea", tags: ["a", "b"], note: "Green Tea", flag: true },
  },
  {
    id: "p2",
    vector: [0, 1, 0],
    payload: {
      user_id: "u",
      n: 2,
      topic: "coffee",
      tags: ["b"],
      note: "black coffee",
      created_at: "2026-01-02",
    },
  },
  {
    id: "p3",
    vector: [0, 0, 1],
    payload: { user_id: "u", n: 3, topic: "tea", note: null, nested: { k: 1 } },
  },
  {
    id: "p4",
    vector: [1, 1, 0],
    payload: { user_id: "u", n: "3", topic: "water", created_at: "2025-12-31" },
  },
  {
    id: "p5",
    vector: [0, 1, 1],
    payload: { user_id: "v", n: 2.5, topic: "tea", agent_id: "a1", flag: false },
  },
];

/** mem0 filters covering every operator, the wildcard and AND/OR/NOT, with a label each. */
export const FILTER_CASES: [string, Record<string, unknown>][] = [
  ["equality", { topic: "tea" }],
  ["scope and equality", { user_id: "u", topic: "tea" }],
  ["list means in", { topic: ["tea", "water"] }],
  ["eq operator on a string number", { n: { eq: "3" } }],
  ["eq on an array", { tags: { eq: ["a", "b"] } }],
  ["eq on an object", { nested: { eq: { k: 1 } } }],
  ["eq on null", { note: { eq: null } }],
  ["ne", { topic: { ne: "tea" } }],
  ["ne on a missing key", { flag: { ne: true } }],
  ["gt and lt", { n: { gt: 1, lt: 3 } }],
  ["gte number skips strings", { n: { gte: 2 } }],
  ["lte", { n: { lte: 2 } }],
  ["string range", { created_at: { gte: "2026-01-01" } }],
  ["in numbers", { n: { in: [1, 3] } }],
  ["nin", { topic: { nin: ["tea"] } }],
  ["contains substring", { note: { contains: "coffee" } }],
  ["contains array element", { tags: { contains: "b" } }],
  ["icontains", { note: { icontains: "TEA" } }],
  ["wildcard", { note: "*" }],
  ["booleans", { flag: false }],
  ["OR", { OR: [{ topic: "coffee" }, { n: 3 }] }],
  ["NOT", { NOT: [{ topic: "tea" }] }],
  ["NOT of two", { NOT: [{ topic: "tea" }, { topic: "coffee" }] }],
  ["AND", { AND: [{ user_id: "u" }, { flag: true }] }],
  [
    "nested logic",
    { user_id: "u", OR: [{ AND: [{ topic: "tea" }, { n: { gte: 2 } }] }, { tags: { contains: "a" } }] },
  ],
  ["$-prefixed", { $or: [{ topic: { $eq: "water" } }, { agent_id: "a1" }] }],
];
