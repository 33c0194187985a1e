import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A full garbage collection, as happens at any time in a running bot: what a timer only weakly
 * holds is gone afterwards (nodejs/node#57736). Works without starting node with --expose-gc.
 */
export function forceGc(): void {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  gc();
}
