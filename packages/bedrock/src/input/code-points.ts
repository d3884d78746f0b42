/**
 * Length in Unicode code points, the unit Bedrock's JSON-schema `maxLength` checks count
 * (an emoji is one character there, two UTF-16 units in `string.length`).
 */
export function codePointLength(text: string): number {
  let count = 0;
  for (let position = 0; position < text.length; position++) {
    const unit = text.charCodeAt(position);
    // A high surrogate followed by a low surrogate is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && position + 1 < text.length) {
      const next = text.charCodeAt(position + 1);
      if (next >= 0xdc00 && next <= 0xdfff) position++;
    }
    count++;
  }
  return count;
}

/** True when `text` has more than `limit` code points; cheap when `text.length <= limit`. */
export function exceedsCodePoints(text: string, limit: number): boolean {
  return text.length > limit && codePointLength(text) > limit;
}

/** The first `count` code points of `text`, never splitting a surrogate pair. */
export function firstCodePoints(text: string, count: number): string {
  return Array.from(text).slice(0, count).join("");
}

/** The last `count` code points of `text`, never splitting a surrogate pair. */
export function lastCodePoints(text: string, count: number): string {
  const points = Array.from(text);
  return points.slice(Math.max(0, points.length - count)).join("");
}

/**
 * A family's `fitText` for models whose schema caps characters: START keeps the end of the
 * text, END keeps the beginning, anything else leaves it for the limit check to refuse.
 *
 * @example
 * cutToCodePoints(2048)("x".repeat(3000), "END").length; // 2048
 */
export function cutToCodePoints(limit: number): (text: string, truncate: string) => string {
  return (text, truncate) => {
    if (truncate === "START") return lastCodePoints(text, limit);
    if (truncate === "END") return firstCodePoints(text, limit);
    return text;
  };
}
