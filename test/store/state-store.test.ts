import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryStateStore } from "../../src/store/memory-store.js";
import { SqliteStateStore } from "../../src/store/sqlite-store.js";
import { describeStateStore } from "./state-store-suite.js";

describeStateStore("memory", () => {
  const store = new MemoryStateStore();
  return { store, dispose: () => store.close() };
});

describeStateStore("sqlite", () => {
  const dir = mkdtempSync(join(tmpdir(), "optout-store-"));
  const store = SqliteStateStore.open(join(dir, "state.sqlite"));
  return {
    store,
    dispose: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
