import { InputError, ResponseError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { parseJsonDocument, parseJsonLines, toJsonLines } from "./jsonl.js";
import { buildS3ClientConfig } from "./s3-client.js";
import { formatS3Uri, joinS3Uri, parseS3Uri, s3BaseName } from "./s3-uri.js";

describe("S3 URIs", () => {
  it("splits bucket and key, with or without a key", () => {
    expect(parseS3Uri("s3://media/clips/intro.mp4")).toEqual({ bucket: "media", key: "clips/intro.mp4" });
    expect(parseS3Uri("s3://media")).toEqual({ bucket: "media", key: "" });
    expect(parseS3Uri("s3://media/")).toEqual({ bucket: "media", key: "" });
    expect(formatS3Uri({ bucket: "media", key: "a/b.json" })).toBe("s3://media/a/b.json");
  });

  it("refuses what is not an S3 URI, naming it", () => {
    for (const bad of ["https://media/x", "s3://Upper/x", "s3://ab/x", "media/x", "s3:///x"]) {
      expect(() => parseS3Uri(bad, "outputS3Uri")).toThrow(InputError);
    }
    expect(() => parseS3Uri("s3://UP/x", "outputS3Uri")).toThrow(
      /outputS3Uri "s3:\/\/UP\/x" is not an S3 URI/,
    );
  });

  it("joins segments with exactly one slash between them", () => {
    expect(joinS3Uri("s3://bucket/out/", "abc123", "output.json")).toBe("s3://bucket/out/abc123/output.json");
    expect(joinS3Uri("s3://bucket", "/inputs/", "t.txt")).toBe("s3://bucket/inputs/t.txt");
    expect(joinS3Uri("s3://bucket/out//", "")).toBe("s3://bucket/out");
    expect(s3BaseName("s3://bucket/in/records.jsonl")).toBe("records.jsonl");
    expect(s3BaseName("s3://bucket/in/folder/")).toBe("folder");
  });
});

describe("JSON Lines", () => {
  it("round-trips records, skipping blank lines but keeping line numbers", () => {
    const text = toJsonLines([{ a: 1 }, { b: "x\ny" }]);
    expect(text).toBe('{"a":1}\n{"b":"x\\ny"}\n');
    expect(parseJsonLines(`${text}\n\r\n{"c":3}\r\n`, "file", "model")).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { b: "x\ny" } },
      { line: 5, value: { c: 3 } },
    ]);
  });

  it("names the file and line of a damaged line", () => {
    expect(() => parseJsonLines('{"a":1}\n{"b":\n', "s3://b/out.jsonl.out", "m")).toThrow(
      /s3:\/\/b\/out.jsonl.out line 2 is not JSON/,
    );
    expect(() => parseJsonDocument("nope", "s3://b/output.json", "m")).toThrow(ResponseError);
  });
});

describe("S3 client configuration", () => {
  it("uses path style and lenient checksums for a custom endpoint, with its own credentials", () => {
    const config = buildS3ClientConfig(
      { region: "us-east-1", credentials: { accessKeyId: "AKIDBEDROCK", secretAccessKey: "bedrock-secret" } },
      {
        endpoint: "http://127.0.0.1:4568",
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      },
      {},
    );
    expect(config).toMatchObject({
      region: "us-east-1",
      endpoint: "http://127.0.0.1:4568",
      forcePathStyle: true,
      requestChecksumCalculation: "WHEN_REQUIRED",
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
  });

  it("falls back to the Bedrock region, credentials or profile for AWS S3", () => {
    const fromCredentials = buildS3ClientConfig(
      { credentials: { accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "token" } },
      {},
      { AWS_REGION: "eu-west-1" },
    );
    expect(fromCredentials).toEqual({
      region: "eu-west-1",
      credentials: { accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "token" },
    });
    expect(buildS3ClientConfig({ region: "us-west-2", profile: "dev" }, {}, {})).toEqual({
      region: "us-west-2",
      profile: "dev",
    });
    // An S3 profile replaces the Bedrock credentials rather than mixing with them.
    expect(
      buildS3ClientConfig(
        { region: "us-west-2", credentials: { accessKeyId: "AKID", secretAccessKey: "secret" } },
        { profile: "storage", region: "eu-central-1" },
        {},
      ),
    ).toEqual({ region: "eu-central-1", profile: "storage" });
  });

  it("needs a region from somewhere", () => {
    expect(() => buildS3ClientConfig({}, {}, {})).toThrow(/no AWS region/);
  });
});
