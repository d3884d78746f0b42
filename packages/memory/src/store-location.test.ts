import { describe, expect, it } from "vitest";
import { describeStoreLocation, sameStoreLocation } from "./store-location.js";

describe("sameStoreLocation", () => {
  it("compares file stores by resolved folder and collection", () => {
    const file = (path: string, collection?: string) => ({
      provider: "file" as const,
      config: collection === undefined ? { path } : { path, collection },
    });
    expect(sameStoreLocation(file("/data/memory"), file("/data/memory/", "memories"))).toBe(true);
    expect(sameStoreLocation(file("/data/memory"), file("/data/memory", "other"))).toBe(false);
    expect(sameStoreLocation(file("/data/memory"), file("/data/other"))).toBe(false);
  });

  it("compares pgvector stores by server, database and table, whoever logs in", () => {
    const pg = (connectionString: string, table?: string) => ({
      provider: "pgvector" as const,
      config: table === undefined ? { connectionString } : { connectionString, table },
    });
    expect(
      sameStoreLocation(pg("postgresql://a:x@DB:5432/app"), pg("postgres://b:y@db/app", "memories")),
    ).toBe(true);
    expect(sameStoreLocation(pg("postgresql://db/app"), pg("postgresql://db/app", "memories_v2"))).toBe(
      false,
    );
    expect(sameStoreLocation(pg("postgresql://db/app"), pg("postgresql://db:5433/app"))).toBe(false);
    expect(sameStoreLocation(pg("host=db dbname=app password=x"), pg("dbname=app host=db password=y"))).toBe(
      true,
    );
    expect(sameStoreLocation(pg("host=db dbname=app"), pg("host=db dbname=other"))).toBe(false);
    expect(sameStoreLocation(pg("postgresql://db/app"), { provider: "file", config: { path: "/app" } })).toBe(
      false,
    );
  });

  it("describes a location without the password", () => {
    const described = describeStoreLocation({
      provider: "pgvector",
      config: { connectionString: "postgresql://app:hunter2@db.internal:6543/memories_db" },
    });
    expect(described).toBe("pgvector postgresql://db.internal:6543/memories_db table memories");
    expect(
      describeStoreLocation({
        provider: "pgvector",
        config: { connectionString: "host=db password='hunter 2'" },
      }),
    ).not.toContain("hunter");
  });
});
