import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCliKnowledge } from "../../src/cli/load-config.js";

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe("loadCliKnowledge", () => {
  it("reads the project's knowledge by default", () => {
    expect(loadCliKnowledge({}).campaigns[0]?.deadline).toBe("2025-05-26");
  });

  it("honours CAMPAIGN_FILE like the bot does, so ask shows what the bot would answer", () => {
    dir = mkdtempSync(join(tmpdir(), "optout-cli-config-"));
    const campaign = join(dir, "other-campaign.yaml");
    cpSync("config/campaign.yaml", campaign);
    writeFileSync(
      campaign,
      readFileSync(campaign, "utf8").replace('deadline: "2025-05-26"', 'deadline: "2025-05-25"'),
    );
    expect(loadCliKnowledge({ CAMPAIGN_FILE: campaign }).campaigns[0]?.deadline).toBe("2025-05-25");
    expect(loadCliKnowledge({ CAMPAIGN_FILE: "" }).campaigns[0]?.deadline).toBe("2025-05-26");
  });
});
