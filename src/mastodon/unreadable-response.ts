import { MastoDeserializeError } from "masto";

/**
 * A server answer that could not be read, kept without its body: a notifications page holds
 * other people's direct messages, and an error's message and fields end up in the logs and in
 * `/readyz`. What is kept: masto's error type, the content type, the body's size.
 */
export class UnreadableResponseError extends Error {
  override readonly name = "UnreadableResponseError";

  constructor(
    /** masto's error class, e.g. `MastoDeserializeError`. */
    readonly errorType: string,
    /** How masto tried to read it: `json`, or the unknown content type. */
    readonly contentType: string,
    /** The body's size in bytes (UTF-8). */
    readonly bytes: number,
  ) {
    super(`the server's answer could not be read (${errorType}, ${contentType}, ${bytes} bytes)`);
  }
}

/**
 * The error masto threw, with a response body it carries removed: its deserialize error quotes
 * the whole body in its message and keeps it in `data`. Every other error is returned as it is.
 * Applied where masto's errors leave the adapter (notification pages, posting, the stream).
 */
export function withoutResponseBody(error: unknown): unknown {
  return error instanceof MastoDeserializeError ? unreadableResponse(error) : error;
}

/** masto's deserialize error as the project's, its body reduced to a size. */
export function unreadableResponse(error: MastoDeserializeError): UnreadableResponseError {
  const bytes = typeof error.data === "string" ? Buffer.byteLength(error.data, "utf8") : 0;
  return new UnreadableResponseError(error.name, String(error.contentType), bytes);
}
