/** A started bot: `done` settles when it ends by itself; `stop()` shuts it down cleanly. */
export interface RunningApp {
  readonly done: Promise<unknown>;
  stop(): Promise<void>;
}
