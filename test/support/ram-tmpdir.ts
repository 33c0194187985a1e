/**
 * vitest globalSetup: the quick suite's temporary files (data folders, config copies) go to a
 * folder in RAM when the machine has one. The store syncs every commit to disk
 * (`synchronous = FULL`), and on a disk that sync was most of the time of the tests that write.
 * Killing a process keeps its writes either way; only a power cut would tell the two apart.
 */
import { accessSync, constants, mkdtempSync, rmSync, statfsSync } from "node:fs";
import { join } from "node:path";

const RAM = "/dev/shm";
/** Less free than this (a container's default /dev/shm is 64 MB): the usual temporary folder. */
const MIN_FREE_BYTES = 256 * 1024 * 1024;

export default function setup(): (() => void) | undefined {
  if (!hasRoom(RAM)) return undefined;
  const dir = mkdtempSync(join(RAM, "optout-test-"));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}

function hasRoom(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    const { bavail, bsize } = statfsSync(dir);
    return bavail * bsize >= MIN_FREE_BYTES;
  } catch {
    return false;
  }
}
