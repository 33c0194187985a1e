import { runLiveBench } from "./live-bench.js";
import { runMatcherBench } from "./matcher-bench.js";

// Benchmarks print their figures; they assert nothing (shared machines are noisy).
runMatcherBench();
await runLiveBench();
