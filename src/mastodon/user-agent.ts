import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  name: string;
  version: string;
};

export const PROJECT_URL = "https://github.com/optout-bot/optout-bot";

/** Sent with every request, the WebSocket upgrade included, so admins know who is calling. */
export const USER_AGENT = `${pkg.name}/${pkg.version} (+${PROJECT_URL})`;
