import { runFloodBench } from "./flood-bench.js";
import { runLiveBench } from "./live-bench.js";
import { runMatcherBench } from "./matcher-bench.js";

// Benchmarks print their figures; they assert nothing (shared machines are noisy).
// `npm run bench -- --rss` prints only the idle bot's memory.
const rssOnly = process.argv.includes("--rss");
if (!rssOnly) runMatcherBench();
await runLiveBench({ rssOnly });
if (!rssOnly) await runFloodBench();
