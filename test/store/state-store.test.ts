import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestStore } from "../support/test-store.js";
import { describeStateStore } from "./state-store-suite.js";

describeStateStore("sqlite", () => {
  const dir = mkdtempSync(join(tmpdir(), "optout-store-"));
  const store = openTestStore(join(dir, "state.sqlite"));
  return {
    store,
    dispose: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
