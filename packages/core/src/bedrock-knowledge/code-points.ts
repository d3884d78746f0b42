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
