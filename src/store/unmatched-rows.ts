import type { Language } from "../domain/language.js";
import type { UnmatchedSqlRow } from "./sqlite-statements.js";
import type { UnmatchedInput, UnmatchedRecord } from "./state-store.js";

/** The parameters of `insertUnmatched`, in order. */
export function toUnmatchedParams(
  input: UnmatchedInput,
): [string, string | null, string, string, string, number] {
  return [
    input.content,
    input.language,
    input.detectedLanguage,
    JSON.stringify(input.found),
    input.reason,
    input.createdAt.getTime(),
  ];
}

export function fromUnmatchedRow(row: UnmatchedSqlRow): UnmatchedRecord {
  return {
    id: row.id,
    content: row.content,
    language: row.language,
    detectedLanguage: row.detected_language as Language,
    found: JSON.parse(row.found) as string[],
    reason: row.reason,
    createdAt: new Date(row.created_at),
  };
}
