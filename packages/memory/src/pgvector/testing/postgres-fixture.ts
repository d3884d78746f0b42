import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * A PostgreSQL server for tests: its connection string and how to stop it.
 *
 * @example
 * const postgres = await startTestPostgres();
 * const store = new PgVectorStore({ connectionString: postgres.connectionString });
 */
export interface TestPostgres {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres`; any password is accepted. */
  connectionString: string;
  /** Stops the server and frees the database. Close the clients first. */
  close(): Promise<void>;
}

/**
 * Options of `startTestPostgres`.
 *
 * @example
 * await startTestPostgres({ maxConnections: 4 });
 */
export interface TestPostgresOptions {
  /** Connections served at once (default 64); one more is refused with "Too many connections". */
  maxConnections?: number;
}

/** Wire protocol message types after which a connection has no statement half-way. */
const SYNC = 0x53;
const SIMPLE_QUERY = 0x51;
const TERMINATE = 0x58;

/**
 * Starts a real PostgreSQL engine with pgvector, from npm alone: in-memory PGlite with the `vector`
 * extension available (not yet created: `CREATE EXTENSION vector` is the client's job), served over
 * the wire protocol on 127.0.0.1, port 0 (a free port). Starting takes a few seconds, so start one
 * per test file.
 *
 * PGlite is one database session: every connection shares it and statements run one at a time.
 * The socket server keeps another connection's statements out while a transaction is open, but not
 * between the Parse, Bind and Execute messages of one statement, so a large statement split across
 * TCP packets could have another connection's statement run in between and answer the wrong query.
 * This server also keeps others out until such a statement is complete (its Sync), so any client may
 * use several connections. Session settings (`SET`, not `SET LOCAL`) are shared by all connections.
 *
 * @example
 * const postgres = await startTestPostgres();
 * afterAll(() => postgres.close());
 */
export async function startTestPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const database = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({
    db: statementAtomic(database),
    host: "127.0.0.1",
    port: 0,
    maxConnections: options.maxConnections ?? 64,
  });
  try {
    await server.start();
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    connectionString: `postgresql://postgres@${server.getServerConn()}/postgres`,
    async close() {
      await server.stop();
      if (!database.closed) await database.close();
    },
  };
}

/**
 * The database as the socket server sees it, reporting "in a transaction" while a connection is
 * half-way through an extended-protocol statement, so the server's queue runs that connection's
 * messages first (see `startTestPostgres`).
 */
function statementAtomic(database: PGlite): PGlite {
  let statementOpen = false;
  return new Proxy(database, {
    get(target, property) {
      if (property === "isInTransaction") return () => statementOpen || target.isInTransaction();
      if (property === "execProtocolRawStream") {
        return (message: Uint8Array, streamOptions: Parameters<PGlite["execProtocolRawStream"]>[1]) => {
          const type = message[0];
          // A startup message begins with its length, whose first byte is 0.
          statementOpen = !(type === 0 || type === SYNC || type === SIMPLE_QUERY || type === TERMINATE);
          return target.execProtocolRawStream(message, streamOptions);
        };
      }
      if (property === "exec") {
        // The server calls exec only to roll back after a client left: nothing is half-way after it.
        return (...parameters: Parameters<PGlite["exec"]>) => {
          statementOpen = false;
          return target.exec(...parameters);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
