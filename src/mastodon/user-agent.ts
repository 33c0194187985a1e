import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../config/project-root.js";

const pkg = JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8")) as {
  name: string;
  version: string;
};

export const PROJECT_URL = "https://github.com/optout-bot/optout-bot";

/** Sent with every request, the WebSocket upgrade included, so admins know who is calling. */
export const USER_AGENT = `${pkg.name}/${pkg.version} (+${PROJECT_URL})`;
