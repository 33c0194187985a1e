import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCliConfig } from "../../src/cli/load-config.js";

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe("loadCliConfig", () => {
  it("reads the project's knowledge by default", () => {
    expect(loadCliConfig({}).knowledge.campaigns[0]?.deadline).toBe("2025-05-26");
  });

  it("honours CAMPAIGN_FILE like the bot does, so ask shows what the bot would answer", () => {
    dir = mkdtempSync(join(tmpdir(), "optout-cli-config-"));
    const campaign = join(dir, "other-campaign.yaml");
    cpSync("config/campaign.yaml", campaign);
    writeFileSync(
      campaign,
      readFileSync(campaign, "utf8").replace('deadline: "2025-05-26"', 'deadline: "2025-05-25"'),
    );
    expect(loadCliConfig({ CAMPAIGN_FILE: campaign }).knowledge.campaigns[0]?.deadline).toBe("2025-05-25");
    expect(loadCliConfig({ CAMPAIGN_FILE: "" }).knowledge.campaigns[0]?.deadline).toBe("2025-05-26");
  });
});
