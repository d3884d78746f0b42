import { createHash, timingSafeEqual } from "node:crypto";
import type { ApiKeyConfig } from "@bedrock-embeddings/core";
import type { KeyLimits } from "../limits/rate-limit-store.js";

/** An API key the server accepts, known by its digest only. */
export interface KnownKey {
  /** A short hash naming the key in rate-limit stores and logs; never the key itself. */
  id: string;
  limits: KeyLimits;
  /** Aliases the key may use; undefined means every alias. */
  models: ReadonlySet<string> | undefined;
  hasLimits: boolean;
}

interface StoredKey extends KnownKey {
  digest: Buffer;
}

function digestOf(key: string): Buffer {
  return createHash("sha256").update(key).digest();
}

/**
 * The server's API keys, compared in constant time: every configured key's sha256 digest is
 * compared with the presented one's, with no early exit, so timing says nothing about a key.
 *
 * @example
 * const keys = new ApiKeys(["sk-local"]);
 * keys.find("sk-local")?.id; // "3f1c…"
 */
export class ApiKeys {
  readonly #keys: StoredKey[];

  constructor(keys: readonly ApiKeyConfig[]) {
    this.#keys = keys.map((entry) => {
      const settings = typeof entry === "string" ? { key: entry } : entry;
      const digest = digestOf(settings.key);
      const limits: KeyLimits = {
        requestsPerMinute: "requestsPerMinute" in settings ? settings.requestsPerMinute : undefined,
        tokensPerMinute: "tokensPerMinute" in settings ? settings.tokensPerMinute : undefined,
      };
      return {
        digest,
        id: digest.toString("hex").slice(0, 16),
        limits,
        hasLimits: limits.requestsPerMinute !== undefined || limits.tokensPerMinute !== undefined,
        models: "models" in settings && settings.models ? new Set(settings.models) : undefined,
      };
    });
  }

  /** True when the server asks for keys at all. */
  get required(): boolean {
    return this.#keys.length > 0;
  }

  /** The configured key equal to `presented`, or undefined. */
  find(presented: string): KnownKey | undefined {
    const digest = digestOf(presented);
    let found: StoredKey | undefined;
    for (const key of this.#keys) {
      if (timingSafeEqual(key.digest, digest)) found = key;
    }
    if (!found) return undefined;
    const { digest: _digest, ...known } = found;
    return known;
  }
}

/**
 * The key of an `Authorization: Bearer <key>` header (OpenAI's), or undefined.
 *
 * @example
 * bearerKey("Bearer sk-local"); // "sk-local"
 */
export function bearerKey(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1];
}
