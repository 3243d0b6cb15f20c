"""Search terms: accents folded and words split the same way for documents and queries."""

import re
import unicodedata

#: Longest query read; a longer one is cut (a search box, not a document).
MAX_QUERY_CHARS = 200
#: Words of a query used; the rest are ignored (each word is one more index lookup).
MAX_TERMS = 8
#: Longest word kept (no real word is longer; a 10,000-letter one costs the index a scan).
MAX_TERM_CHARS = 40

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(value: str) -> str:
    """Lower case without diacritics: "Acción" and "accion" are the same word ("ñ" → "n"),
    as SQLite's `remove_diacritics 2` tokenizer reads them."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def terms(query: str | None) -> list[str]:
    """The words of a user's query, folded, without operators or punctuation of any engine."""
    words = _WORD.findall(fold((query or "")[:MAX_QUERY_CHARS]).replace("_", " "))
    unique = list(dict.fromkeys(w[:MAX_TERM_CHARS] for w in words))
    return unique[:MAX_TERMS]


def light_stem(word: str) -> str:
    """Spanish plurals reduced to a prefix ("acciones" → "accion", "informes" → "inform"), for
    SQLite, whose tokenizer has no Spanish stemmer; PostgreSQL's snowball stemmer does more."""
    if len(word) > 5 and word.endswith("es"):
        return word[:-2]
    if len(word) > 4 and word.endswith("s"):
        return word[:-1]
    return word
