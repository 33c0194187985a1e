import { register as globalRegistry } from "prom-client";
import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/observability/metrics.js";

describe("createMetrics", () => {
  it("exposes every metric of issue 5 in Prometheus text, with the values set", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.mentionsReceived.inc();
    metrics.mentionsReceived.inc();
    metrics.mentionsIgnored.inc({ reason: "cooldown" });
    metrics.repliesPosted.inc(3);
    metrics.favourites.inc();
    metrics.repliesExpired.inc(4);
    metrics.remindersPosted.inc();
    metrics.reconnects.inc();
    metrics.apiErrors.inc({ status: "429" });
    metrics.apiErrors.inc({ status: "429" });
    metrics.apiErrors.inc({ status: "network" });
    metrics.outboxDepth.set(7);
    metrics.rateLimitRemaining.set({ family: "statuses" }, 12);

    const text = await metrics.registry.metrics();
    for (const line of [
      "optout_mentions_received_total 2",
      'optout_mentions_ignored_total{reason="cooldown"} 1',
      "optout_replies_posted_total 3",
      "optout_favourites_total 1",
      "optout_replies_expired_total 4",
      "optout_reminders_posted_total 1",
      "optout_stream_reconnects_total 1",
      'optout_api_errors_total{status="429"} 2',
      'optout_api_errors_total{status="network"} 1',
      "optout_outbox_depth 7",
      'optout_rate_limit_remaining{family="statuses"} 12',
    ]) {
      expect(text.split("\n")).toContain(line);
    }
    expect(text).toContain("# TYPE optout_outbox_depth gauge");
    expect(text).toContain("# TYPE optout_replies_posted_total counter");
  });

  it("adds process metrics by default, and two registries do not collide", async () => {
    const first = createMetrics();
    const second = createMetrics();
    second.repliesPosted.inc();
    expect(await first.registry.metrics()).toContain("optout_process_resident_memory_bytes");
    expect(await first.registry.metrics()).toContain("optout_replies_posted_total 0");
    expect(await second.registry.metrics()).toContain("optout_replies_posted_total 1");
  });

  it("leaves prom-client's global registry alone", async () => {
    createMetrics();
    expect(await globalRegistry.metrics()).not.toContain("optout_");
  });
});
