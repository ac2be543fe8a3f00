import { sql, type RawBuilder } from 'kysely';

/**
 * True when the vector `vector`, indexed in the language named by `language`, matches `q` read in
 * that same language: a Danish text only through the Danish query, an English one only through
 * the English query (so `hoster` does not find "hosting", and `og` finds no Danish text). Two
 * index conditions, OR-ed: the GIN index serves both (issue #10 item 10). Shared by every module
 * that searches its own texts, so all of them read a query the same way.
 */
export function matchInOwnLanguage(vector: RawBuilder<unknown>, language: RawBuilder<unknown>, q: string) {
  return sql<boolean>`((${language} = 'danish' and ${vector} @@ websearch_to_tsquery('danish', ${q}))
     or (${language} = 'english' and ${vector} @@ websearch_to_tsquery('english', ${q})))`;
}
