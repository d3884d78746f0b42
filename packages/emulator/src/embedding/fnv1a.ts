const fnvOffsetBasis = 0x811c9dc5;
const fnvPrime = 0x01000193;
const utf8 = new TextEncoder();

/** 32-bit FNV-1a over the UTF-8 bytes: tiny, fast and identical on every platform, so vectors never drift. */
export function fnv1a(text: string): number {
  let hash = fnvOffsetBasis;
  for (const byte of utf8.encode(text)) {
    hash = Math.imul(hash ^ byte, fnvPrime);
  }
  return hash >>> 0;
}

/** Murmur3's finalizer: FNV's low bits are weak, so mix before taking a sign bit from the same hash. */
export function mix32(value: number): number {
  let hash = value;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}
