import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/observability/metrics.js";
import { metricsHooks } from "../../src/outbox/outbox-hooks.js";
import type { OutboxItem } from "../../src/store/state-store.js";

async function value(metrics: ReturnType<typeof createMetrics>, name: string, labels = {}): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(`optout_${name}`)?.get();
  const sample = metric?.values.find((v) => JSON.stringify(v.labels) === JSON.stringify(labels));
  return sample?.value ?? 0;
}

describe("metricsHooks", () => {
  it("counts posts, reminders and favourites, expiries, API errors, the budget left and the depth", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const hooks = metricsHooks(metrics);
    const reply = { kind: "post", reminderKey: null, position: 0 } as OutboxItem;
    hooks.onSent?.(reply);
    hooks.onSent?.({ ...reply, position: 1 } as OutboxItem);
    hooks.onSent?.({ kind: "post", reminderKey: "r", position: 0 } as OutboxItem);
    hooks.onSent?.({ kind: "post", reminderKey: "r", position: 1 } as OutboxItem);
    hooks.onSent?.({ kind: "favourite", reminderKey: null, position: 0 } as OutboxItem);
    hooks.onExpired?.(3);
    hooks.onApiError?.(429);
    hooks.onApiError?.("network");
    hooks.onRateLimit?.({ family: "statuses", remaining: 7, limit: 300 });
    hooks.onDepth?.(4);

    expect(await value(metrics, "replies_posted_total")).toBe(2);
    expect(await value(metrics, "reminders_posted_total")).toBe(1);
    expect(await value(metrics, "favourites_total")).toBe(1);
    expect(await value(metrics, "replies_expired_total")).toBe(3);
    expect(await value(metrics, "api_errors_total", { status: "429" })).toBe(1);
    expect(await value(metrics, "api_errors_total", { status: "network" })).toBe(1);
    expect(await value(metrics, "rate_limit_remaining", { family: "statuses" })).toBe(7);
    expect(await value(metrics, "outbox_depth")).toBe(4);
  });
});
