import { AsyncLocalStorage } from "node:async_hooks";
import { AWS_THROTTLING_ERROR_NAMES, type EmbeddingUsage, emptyUsage } from "@bedrock-embeddings/core";

/** What the `send`s made inside one `SendRecorder.record` call returned: usage and the SDK error, if any. */
export interface SendRecord {
  usage: EmbeddingUsage;
  /** Set when a `send` failed: the SDK (or network) error itself. */
  failure?: { error: unknown };
  /** Set when a response body was not JSON: the parse error. */
  unreadable?: { error: unknown };
}

// What a failed send resolves to inside `record`: @langchain/aws reads `embedding` from it (null).
const STAND_IN_BODY = new TextEncoder().encode('{"embedding":null}');

/**
 * `@langchain/aws` catches every error of `client.send`, writes it to the console with
 * `console.error` (some 25 lines per failure, with no option to turn that off) and throws a new
 * Error that has lost the AWS error name, status and request id. It also returns only the vector,
 * not the token count.
 *
 * So the client handed to `BedrockEmbeddings` is wrapped: inside `record`, a failed `send` (or a
 * body that is not JSON) resolves to a stand-in response instead of failing in LangChain's hands
 * (nothing reaches its catch, nothing is logged) and the error is kept in the record; a successful one adds its attempts and token
 * count to the record's usage. Outside `record` (someone using the LangChain instance directly)
 * `send` is the client's own.
 *
 * @example
 * const recorder = new SendRecorder();
 * const embeddings = new BedrockEmbeddings({ client: recorder.wrap(client), maxRetries: 0 });
 * const { value, record } = await recorder.record(() => embeddings.embedDocuments(["hello"]));
 * if (record.failure) throw record.failure.error;
 */
export class SendRecorder {
  readonly #current = new AsyncLocalStorage<SendRecord>();

  /** A view of `client` whose `send` reports to the current record; every other member is the client's own. */
  wrap<Client extends object>(client: Client): Client {
    const send = (...args: unknown[]): unknown => {
      const original = (client as unknown as { send: (...sendArgs: unknown[]) => unknown }).send(...args);
      const record = this.#current.getStore();
      if (record === undefined) return original;
      return Promise.resolve(original).then(
        (response) => {
          countAnswered(record.usage, response);
          const parseError = bodyParseError(response);
          if (parseError === undefined) return response;
          record.unreadable ??= { error: parseError };
          return { body: STAND_IN_BODY, $metadata: {} };
        },
        (error: unknown) => {
          countFailed(record.usage, error);
          record.failure ??= { error };
          return { body: STAND_IN_BODY, $metadata: {} };
        },
      );
    };
    return new Proxy(client, {
      get: (target, property) => (property === "send" ? send : Reflect.get(target, property, target)),
    });
  }

  /** Runs `work` with a fresh record that the wrapped client's `send`s report to. */
  async record<Value>(work: () => Promise<Value>): Promise<{ value: Value; record: SendRecord }> {
    const record: SendRecord = { usage: emptyUsage() };
    const value = await this.#current.run(record, work);
    return { value, record };
  }
}

interface Metadata {
  $metadata?: { attempts?: unknown; httpStatusCode?: unknown };
}

// The SDK's own retries (maxAttempts) happen inside one send; its metadata counts the attempts.
function attemptsOf(value: unknown): number {
  const attempts = (value as Metadata | null)?.$metadata?.attempts;
  return typeof attempts === "number" && attempts >= 1 ? attempts : 1;
}

function countAnswered(usage: EmbeddingUsage, response: unknown): void {
  const attempts = attemptsOf(response);
  // Attempts before the last were retried after a throttle, a 5xx or a dropped connection; all
  // but dropped connections were answered, which the metadata does not tell apart.
  usage.calls += attempts;
  usage.retries += attempts - 1;
  usage.inputTokens += tokenCountOf(response);
}

function countFailed(usage: EmbeddingUsage, error: unknown): void {
  const attempts = attemptsOf(error);
  const answered = typeof (error as Metadata | null)?.$metadata?.httpStatusCode === "number";
  usage.calls += answered ? attempts : attempts - 1;
  usage.retries += attempts - 1;
  const name = (error as { name?: unknown } | null)?.name;
  const throttled = typeof name === "string" && AWS_THROTTLING_ERROR_NAMES.has(name);
  // The SDK retries a throttle with the same error, so a final throttle stands for every attempt.
  if (throttled) usage.throttles += attempts;
}

function parsedBody(response: unknown): { value: unknown } | { error: unknown } {
  const body = (response as { body?: unknown } | null)?.body;
  try {
    return { value: JSON.parse(new TextDecoder().decode(body as Uint8Array)) };
  } catch (error) {
    return { error };
  }
}

function bodyParseError(response: unknown): unknown {
  const parsed = parsedBody(response);
  return "error" in parsed ? parsed.error : undefined;
}

/** Titan's `inputTextTokenCount` from the response body; 0 when the body has none. */
function tokenCountOf(response: unknown): number {
  const parsed = parsedBody(response);
  if ("error" in parsed) return 0;
  const count = (parsed.value as { inputTextTokenCount?: unknown } | null)?.inputTextTokenCount;
  return typeof count === "number" && Number.isFinite(count) ? count : 0;
}
