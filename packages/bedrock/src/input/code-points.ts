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
 * A family's `fitText` for models whose schema caps characters (counted in code points, as
 * core's text check counts them): START keeps the end of the text, END keeps the beginning,
 * anything else leaves it for the limit check to refuse.
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
