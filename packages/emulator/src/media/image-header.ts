/** The image formats whose headers the emulator recognises. */
export type ImageFormat = "png" | "jpeg" | "gif" | "webp";

/** What the first bytes of an image say about it; the pixels themselves are never decoded. */
export interface ImageHeader {
  format: ImageFormat;
  /** Undefined when the header is too short or unusual to read the size from. */
  width?: number;
  height?: number;
  bitDepth: number;
}

/** Sniffs PNG (IHDR), JPEG (SOFn), GIF (logical screen) and WebP (VP8/VP8L/VP8X) headers. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length >= 8 && data.subarray(0, 8).equals(pngSignature)) return pngHeader(data);
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return jpegHeader(data);
  const ascii6 = data.subarray(0, 6).toString("latin1");
  if (ascii6 === "GIF87a" || ascii6 === "GIF89a") return gifHeader(data);
  if (
    data.subarray(0, 4).toString("latin1") === "RIFF" &&
    data.subarray(8, 12).toString("latin1") === "WEBP"
  ) {
    return webpHeader(data);
  }
  return undefined;
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngHeader(data: Buffer): ImageHeader {
  if (data.length < 25 || data.subarray(12, 16).toString("latin1") !== "IHDR") {
    return { format: "png", bitDepth: 8 };
  }
  return {
    format: "png",
    width: data.readUInt32BE(16),
    height: data.readUInt32BE(20),
    bitDepth: data[24] ?? 8,
  };
}

// Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames.
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegHeader(data: Buffer): ImageHeader {
  let offset = 2;
  while (offset + 4 <= data.length) {
    if (data[offset] !== 0xff) break;
    const marker = data[offset + 1] ?? 0;
    // Fill bytes and stand-alone markers (RSTn, SOI, TEM) have no length field.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) {
      offset += 2;
      continue;
    }
    const length = data.readUInt16BE(offset + 2);
    if (isStartOfFrame(marker) && offset + 9 <= data.length) {
      return {
        format: "jpeg",
        bitDepth: data[offset + 4] ?? 8,
        height: data.readUInt16BE(offset + 5),
        width: data.readUInt16BE(offset + 7),
      };
    }
    if (marker === 0xda || length < 2) break;
    offset += 2 + length;
  }
  return { format: "jpeg", bitDepth: 8 };
}

function gifHeader(data: Buffer): ImageHeader {
  if (data.length < 10) return { format: "gif", bitDepth: 8 };
  return { format: "gif", width: data.readUInt16LE(6), height: data.readUInt16LE(8), bitDepth: 8 };
}

function webpHeader(data: Buffer): ImageHeader {
  const chunk = data.subarray(12, 16).toString("latin1");
  if (chunk === "VP8X" && data.length >= 30) {
    return {
      format: "webp",
      width: data.readUIntLE(24, 3) + 1,
      height: data.readUIntLE(27, 3) + 1,
      bitDepth: 8,
    };
  }
  if (chunk === "VP8L" && data.length >= 25) {
    const bits = data.readUInt32LE(21);
    return { format: "webp", width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, bitDepth: 8 };
  }
  if (chunk === "VP8 " && data.length >= 30) {
    return {
      format: "webp",
      width: data.readUInt16LE(26) & 0x3fff,
      height: data.readUInt16LE(28) & 0x3fff,
      bitDepth: 8,
    };
  }
  return { format: "webp", bitDepth: 8 };
}

/** The MIME type Cohere data URIs use for each format. */
export function imageMimeType(format: ImageFormat): string {
  return `image/${format}`;
}
