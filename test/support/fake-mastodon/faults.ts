/** Injected failures: the next n matching requests answer an error status. */
import type { FailOptions } from "./types.js";

export interface FaultPlan {
  remaining: number;
  status: number;
  pathPrefix: string;
  when: "before" | "after";
  message: string;
}

const MESSAGES: Record<number, string> = {
  429: "Too many requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export class FaultInjector {
  private plans: FaultPlan[] = [];

  add(count: number, status: number, options: FailOptions = {}): void {
    if (count <= 0) return;
    this.plans.push({
      remaining: count,
      status,
      pathPrefix: options.pathPrefix ?? "/",
      when: options.when ?? "before",
      message: options.message ?? MESSAGES[status] ?? `Error ${status}`,
    });
  }

  /** Takes one failure for this path, if a plan matches. */
  take(path: string): FaultPlan | undefined {
    const plan = this.plans.find((p) => p.remaining > 0 && path.startsWith(p.pathPrefix));
    if (!plan) return undefined;
    plan.remaining -= 1;
    this.plans = this.plans.filter((p) => p.remaining > 0);
    return plan;
  }

  /** Failures still to come. */
  pending(): number {
    return this.plans.reduce((n, p) => n + p.remaining, 0);
  }

  clear(): void {
    this.plans = [];
  }
}
