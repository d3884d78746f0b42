/** RFC 3986 escaping as SigV4 defines it: encodeURIComponent plus `!'()*`. */
export function sigv4Escape(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
