import { describe, expect, it } from "vitest";
import { createLogger, type LineSink } from "../../src/observability/logger.js";

const TOKEN = "Zq9-tok_3n.SECRETvalue123";

function recorder(): LineSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line: string) => lines.push(line) };
}

describe("createLogger", () => {
  it("writes one JSON event per line with level, time and message", () => {
    const sink = recorder();
    const logger = createLogger({ level: "info", pretty: false, destination: sink });
    logger.info({ notificationId: "42" }, "mention received");
    logger.debug("not at info level");
    expect(sink.lines).toHaveLength(1);
    const line = sink.lines[0]!;
    expect(line.endsWith("\n")).toBe(true);
    expect(line.trimEnd()).not.toContain("\n");
    expect(JSON.parse(line)).toMatchObject({ level: 30, msg: "mention received", notificationId: "42" });
    expect(JSON.parse(line).time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("never lets the access token through, wherever it is logged", () => {
    const sink = recorder();
    const logger = createLogger({ level: "trace", pretty: false, secrets: [TOKEN], destination: sink });
    logger.info({ accessToken: TOKEN }, "top-level key");
    logger.info({ config: { accessToken: TOKEN, token: TOKEN } }, "nested keys");
    logger.info({ settings: { mastodon: { accessToken: TOKEN } } }, "two levels down");
    logger.info({ MASTODON_ACCESS_TOKEN: TOKEN }, "the variable");
    logger.info({ headers: { authorization: `Bearer ${TOKEN}` } }, "headers");
    logger.info(
      { req: { headers: { authorization: `Bearer ${TOKEN}`, Authorization: `Bearer ${TOKEN}` } } },
      "req",
    );
    logger.info(`request failed with token ${TOKEN} in the message`);
    logger.info("printf style %s", TOKEN);
    logger.warn({ url: `wss://social.example/api/v1/streaming?access_token=${TOKEN}&stream=user` }, "stream");
    logger.error(new Error(`401 for Authorization: Bearer ${TOKEN}`), "error text");
    logger.info({ list: [{ value: TOKEN }], deep: { a: { b: { c: `x${TOKEN}x` } } } }, "arrays and depth");
    logger.child({ token: TOKEN }).info("child bindings");

    expect(sink.lines).toHaveLength(12);
    for (const line of sink.lines) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain("SECRETvalue");
      expect(line).toContain("[Redacted]");
    }
  });

  it("removes Bearer and access_token values it was not told about", () => {
    const sink = recorder();
    const logger = createLogger({ level: "info", pretty: false, destination: sink });
    logger.info({ header: "Bearer other-token.123" }, "see https://x.example/?access_token=abc123&y=1");
    expect(sink.lines[0]).not.toContain("other-token.123");
    expect(sink.lines[0]).not.toContain("abc123");
    expect(sink.lines[0]).toContain("&y=1");
  });

  it("removes a secret that JSON has to escape", () => {
    const sink = recorder();
    const odd = 'tok"with\\quote';
    const logger = createLogger({ level: "info", pretty: false, secrets: [odd], destination: sink });
    logger.info({ value: odd }, "escaped");
    expect(JSON.parse(sink.lines[0]!).value).toBe("[Redacted]");
  });

  it("writes human-readable lines when pretty, still without the token", () => {
    const sink = recorder();
    const logger = createLogger({ level: "info", pretty: true, secrets: [TOKEN], destination: sink });
    logger.info({ token: TOKEN }, `hello ${TOKEN}`);
    expect(sink.lines).toHaveLength(1);
    expect(() => JSON.parse(sink.lines[0]!)).toThrow();
    expect(sink.lines[0]).toContain("hello [Redacted]");
    expect(sink.lines[0]).not.toContain(TOKEN);
  });
});
