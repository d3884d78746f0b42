/**
 * Deterministic benchmark texts: sentences of 20 to 80 words drawn by a seeded generator from a
 * fixed vocabulary, so every contender and every run embeds exactly the same corpus.
 */

const subjects = [
  "the customer",
  "our team",
  "the new warehouse",
  "a regional manager",
  "the support agent",
  "the quarterly report",
  "the mobile app",
  "a long-time subscriber",
  "the billing system",
  "the onboarding flow",
  "the release train",
  "the data platform",
  "a field engineer",
  "the marketing budget",
  "the search index",
  "the delivery driver",
];
const verbs = [
  "asked about",
  "reported",
  "rescheduled",
  "approved",
  "reviewed",
  "complained about",
  "migrated",
  "documented",
  "cancelled",
  "renewed",
  "escalated",
  "summarized",
  "measured",
  "replaced",
  "translated",
  "forecast",
];
const objects = [
  "the late shipment",
  "a refund for the annual plan",
  "the broken login page",
  "two extra seats",
  "the invoice",
  "the database schema",
  "the travel itinerary",
  "a dentist appointment",
  "the vegetarian menu",
  "the API quota",
  "the holiday rota",
  "a faulty charger",
  "the password reset email",
  "the Paris office lease",
  "the tax form",
  "the onboarding checklist",
  "the latency dashboard",
  "a damaged parcel",
  "the contract renewal",
  "the backlog",
];
const modifiers = [
  "on Tuesday",
  "before the deadline",
  "after a long call",
  "without any warning",
  "for the third time",
  "in the shared channel",
  "with a short note",
  "during the outage",
  "next to the loading dock",
  "at short notice",
  "in great detail",
  "despite the storm",
  "ahead of the audit",
  "from the Berlin office",
  "over the weekend",
];
const fillers = ["and", "because", "although", "so", "while", "then", "but", "since", "whereas", "until"];

/** mulberry32: a small, fast, well-distributed 32-bit generator; same seed, same sequence. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function clause(random: () => number): string {
  return `${pick(subjects, random)} ${pick(verbs, random)} ${pick(objects, random)} ${pick(modifiers, random)}`;
}

function text(random: () => number): string {
  const targetWords = 20 + Math.floor(random() * 61);
  let sentence = clause(random);
  while (sentence.split(" ").length < targetWords) sentence += ` ${pick(fillers, random)} ${clause(random)}`;
  const words = sentence.split(" ").slice(0, targetWords);
  const first = words[0]!;
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return `${words.join(" ")}.`;
}

/**
 * `count` distinct texts for `seed`; a longer corpus with the same seed starts with the shorter one.
 *
 * @example
 * const texts = buildCorpus(300, 42); // texts[0] is the same on every run
 */
export function buildCorpus(count: number, seed: number): string[] {
  const random = generator(seed);
  const seen = new Set<string>();
  const texts: string[] = [];
  while (texts.length < count) {
    const candidate = text(random);
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    texts.push(candidate);
  }
  return texts;
}
