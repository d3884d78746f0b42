/** Four short documents on unrelated topics, so the right one ranks first for a topical query. */
export const SAMPLE_DOCUMENTS = [
  "Lisbon is the coastal capital of Portugal",
  "Espresso is strong coffee brewed under pressure",
  "Tennis is played on a court with a net",
  "Embedding vectors make semantic search possible",
];
