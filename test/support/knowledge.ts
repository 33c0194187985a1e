import { join } from "node:path";
import { loadStartupConfig } from "../../src/config/load-startup-config.js";
import type { Knowledge } from "../../src/knowledge/knowledge.js";
import { defaultKnowledgePaths, loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { type CompiledMatcher, compileMatcher } from "../../src/matcher/compile-matcher.js";

let knowledge: Knowledge | undefined;
let matcher: CompiledMatcher | undefined;
let learned: CompiledMatcher | undefined;

/** The project's real knowledge base, loaded once per test file. */
export function realKnowledge(): Knowledge {
  knowledge ??= loadKnowledge(defaultKnowledgePaths("config"));
  return knowledge;
}

export function realMatcher(): CompiledMatcher {
  matcher ??= compileMatcher(realKnowledge());
  return matcher;
}

/** The matcher as the bot starts it: the real knowledge and the learned model, loaded once per test file. */
export function learnedMatcher(): CompiledMatcher {
  learned ??= loadStartupConfig({ CONFIG_DIR: join(import.meta.dirname, "../../config") }).matcher;
  return learned;
}

/** Wraps text the way Mastodon delivers a mention of the bot. */
export function mentionHtml(text: string, bot = "optout"): string {
  const escaped = text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
  return `<p><span class="h-card" translate="no"><a href="https://social.example/@${bot}" class="u-url mention">@<span>${bot}</span></a></span> ${escaped}</p>`;
}
