// Test helper, run as a separate process by the kill -9, two-process and compaction tests (through
// store-child.test-helpers.ts): it drives a FileVectorStore on the directory given as argument.
// Commands arrive as JSON lines on stdin; replies leave as JSON lines on stdout (synchronous on
// Linux pipes, so a line the parent received was written before anything that followed it).
import { createInterface } from "node:readline";
import { FileVectorStore } from "./file-vector-store.js";

const [directory] = process.argv.slice(2);
const store = new FileVectorStore({ directory });
await store.initialize({ dimension: 8, modelId: "test-model" });
const reply = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

/** A non-zero 8-d vector derived from the id, so every process computes the same one. */
function vectorFor(id) {
  let hash = 2166136261;
  for (const character of id) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
  return Array.from({ length: 8 }, (_, index) => ((hash >>> (index * 4)) & 15) + 1);
}

async function add(id, user) {
  await addBatch([id], user);
}

/** One insert of several memories (one record), each with its ADD history entry. */
async function addBatch(ids, user) {
  const createdAt = new Date().toISOString();
  await store.insert(
    ids.map((id) => ({ id, vector: vectorFor(id), payload: { data: `memory ${id}`, user_id: user } })),
    ids.map((id) => ({
      id: `h-${id}`,
      memoryId: id,
      previousValue: null,
      newValue: `memory ${id}`,
      event: "ADD",
      createdAt,
    })),
  );
}

async function count() {
  return (await store.list()).entries.length;
}

reply({ ready: true, pid: process.pid });
for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  if (command.op === "add-forever") {
    // Several loops at once, so that group commits of several records are killed too; inserts of
    // `batch` memories make records large enough for a kill to land in the middle of their write.
    for (let loop = 0; loop < command.loops; loop++) {
      void (async () => {
        for (let index = 0; ; index++) {
          const ids = Array.from(
            { length: command.batch },
            (_, item) => `${command.prefix}-${loop}-${index}-${item}`,
          );
          await addBatch(ids, command.user);
          reply({ acknowledged: ids });
        }
      })();
    }
  } else if (command.op === "add-many") {
    const loops = Array.from({ length: command.loops }, async (_, loop) => {
      for (let index = 0; index < command.count / command.loops; index++) {
        await add(`${command.prefix}-${loop}-${index}`, command.user);
      }
    });
    await Promise.all(loops);
    reply({ added: command.count });
  } else if (command.op === "wait-for-count") {
    const deadline = Date.now() + command.timeoutMilliseconds;
    let seen = await count();
    while (seen < command.count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      seen = await count();
    }
    reply({ count: seen });
  } else if (command.op === "count") {
    reply({ count: await count() });
  } else if (command.op === "add") {
    await add(command.id, command.user);
    reply({ added: command.id });
  } else if (command.op === "history") {
    reply({ history: (await store.history(command.id)).map((entry) => entry.event) });
  } else if (command.op === "compact") {
    await store.compact();
    reply({ compacted: true });
  } else if (command.op === "close") {
    await store.close();
    reply({ closed: true });
    process.exit(0);
  }
}
