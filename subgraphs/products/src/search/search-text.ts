/** Longest search text we look at; the rest is ignored. */
export const MAX_SEARCH_LENGTH = 200;

/**
 * Turns what a shopper typed into a `to_tsquery` string: every word must match, the last one as a
 * prefix so results follow the typing. Only letters and digits survive, so nothing typed can break
 * the query syntax. Null when no word is left.
 */
export function toPrefixTsQuery(text: string): string | null {
  const words =
    text
      .slice(0, MAX_SEARCH_LENGTH)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((word, index) => (index === words.length - 1 ? `${word}:*` : word)).join(' & ');
}
