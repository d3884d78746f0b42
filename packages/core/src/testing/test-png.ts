import { deflateSync } from "node:zlib";

/**
 * A valid, solid-colour RGB PNG of the given size, built in memory (for tests and demos of
 * image inputs against the emulator). Different colours give different bytes, so different
 * vectors.
 *
 * @example
 * const red = createTestPng({ width: 2, height: 2, rgb: [255, 0, 0] });
 * await embedder.embedInputs([{ image: { bytes: red } }]);
 */
export function createTestPng(
  options: { width?: number; height?: number; rgb?: readonly [number, number, number] } = {},
): Uint8Array {
  const { width = 1, height = 1, rgb = [200, 30, 30] } = options;
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, no filter, no interlace
  // Each scanline: a filter-type byte (0, none) then RGB per pixel.
  const row = new Uint8Array(1 + width * 3);
  for (let pixel = 0; pixel < width; pixel++) row.set(rgb, 1 + pixel * 3);
  const raw = new Uint8Array(row.length * height);
  for (let line = 0; line < height; line++) raw.set(row, line * row.length);
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", new Uint8Array(deflateSync(raw))),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typed = concat([new TextEncoder().encode(type), data]);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typed, 4);
  view.setUint32(8 + data.length, crc32(typed));
  return out;
}

let table: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_unused, index) => {
    let value = index;
    for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
    return value >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of bytes) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
