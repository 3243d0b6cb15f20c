"""@mentions in comments: who a comment names, so they can be told.

The syntax, shown next to the comment box: `@` followed by the first part of someone's e-mail
address (`@mperez` for mperez@…) or by their name, whole and without spaces (`@MaríaPérez`,
`@maria.perez`) or a single word of it (`@María`) when nobody else's name has that word.
Case and accents do not matter (`@maria` finds María). A mention that names nobody, or more
than one person, is ignored: a notice is never sent on a guess. An e-mail address written in
the text (ana@example.org) is not a mention, since its `@` follows a letter.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Person, User

#: `@` at the start or after something that is not a letter, digit or one of `.-_`.
_MENTION = re.compile(r"(?<![\w.\-@])@(\w[\w.\-]*)")
_SEPARATORS = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lower-case without accents: «Pérez» and «perez» are the same word here."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def mention_tokens(text: str | None) -> list[str]:
    """The words written after an `@`, folded, in order, each once (trailing dots dropped:
    «gracias, @ana.» names @ana)."""
    tokens = (fold(match.rstrip(".-")) for match in _MENTION.findall(text or ""))
    return list(dict.fromkeys(token for token in tokens if token))


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", fold(text))


class MentionDirectory:
    """The accounts a mention can name, indexed three ways (see the module's docstring)."""

    def __init__(self, accounts: list[tuple[int, str, str]]):
        self.by_local_part: dict[str, set[int]] = defaultdict(set)
        self.by_full_name: dict[str, set[int]] = defaultdict(set)
        self.by_name_word: dict[str, set[int]] = defaultdict(set)
        for user_id, email, name in accounts:
            self.by_local_part[fold(email.split("@", 1)[0])].add(user_id)
            self.by_full_name[_compact(name)].add(user_id)
            for word in _SEPARATORS.split(fold(name)):
                if word:
                    self.by_name_word[word].add(user_id)

    def resolve(self, token: str) -> int | None:
        """The one account `token` names, or None (nobody, or several: ambiguous)."""
        for found in (
            self.by_local_part.get(token),
            self.by_full_name.get(_compact(token)),
            self.by_name_word.get(token),
        ):
            if found:
                return next(iter(found)) if len(found) == 1 else None
        return None


def mentioned_user_ids(text: str | None) -> list[int]:
    """The enabled accounts a comment mentions; one query, and none without an `@`."""
    tokens = mention_tokens(text)
    if not tokens:
        return []
    accounts = db.session.execute(
        select(User.id, User.email, Person.name)
        .join(Person, User.person_id == Person.id)
        .where(User.is_enabled.is_(True), Person.deleted_at.is_(None))
    ).all()
    directory = MentionDirectory([tuple(row) for row in accounts])
    found = (directory.resolve(token) for token in tokens)
    return list(dict.fromkeys(user_id for user_id in found if user_id is not None))
