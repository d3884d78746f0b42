import type { ImageFormat } from "./embedding-input.js";

/**
 * The image format named by the first bytes (PNG, JPEG, GIF or WebP signature), or undefined.
 *
 * @example
 * sniffImageFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])); // "png"
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") return "gif";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "webp";
  return undefined;
}

/**
 * Width and height in pixels read from the image header alone (no decoding), or undefined when
 * the header is not one of PNG, JPEG, GIF or WebP, or is cut short.
 *
 * @example
 * readImageSize(pngBytes); // { width: 640, height: 480 }
 */
export function readImageSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  switch (sniffImageFormat(bytes)) {
    case "png":
      // IHDR is always the first chunk: width and height are big-endian at 16 and 20.
      return bytes.length >= 24 && ascii(bytes, 12, 4) === "IHDR"
        ? { width: uint32(bytes, 16), height: uint32(bytes, 20) }
        : undefined;
    case "gif":
      return bytes.length >= 10 ? { width: uint16le(bytes, 6), height: uint16le(bytes, 8) } : undefined;
    case "webp":
      return webpSize(bytes);
    case "jpeg":
      return jpegSize(bytes);
    default:
      return undefined;
  }
}

/** Start-of-frame markers carry the frame size; every other segment is skipped by its length. */
const JPEG_FRAME_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  let offset = 2;
  while (offset + 9 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    // Fill bytes (0xFF runs) and markers without a length (RSTn, SOI, TEM) are one step each.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) {
      offset += 2;
      continue;
    }
    if (JPEG_FRAME_MARKERS.has(marker)) {
      return { height: uint16(bytes, offset + 5), width: uint16(bytes, offset + 7) };
    }
    offset += 2 + uint16(bytes, offset + 2);
  }
  return undefined;
}

function webpSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === "VP8X" && bytes.length >= 30) {
    return { width: 1 + uint24le(bytes, 24), height: 1 + uint24le(bytes, 27) };
  }
  if (chunk === "VP8L" && bytes.length >= 25) {
    const bits = bytes[21]! | (bytes[22]! << 8) | (bytes[23]! << 16) | (bytes[24]! << 24);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  if (chunk === "VP8 " && bytes.length >= 30) {
    return { width: uint16le(bytes, 26) & 0x3fff, height: uint16le(bytes, 28) & 0x3fff };
  }
  return undefined;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((value, position) => bytes[position] === value);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (bytes.length < offset + length) return "";
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function uint16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

function uint16le(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8);
}

function uint24le(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16);
}

function uint32(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset]! << 24) >>> 0) +
    (bytes[offset + 1]! << 16) +
    (bytes[offset + 2]! << 8) +
    bytes[offset + 3]!
  );
}
