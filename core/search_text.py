"""How the site search reads what a reader typed: the one dialect every provider uses.

Only letters and digits are words (everything else is dropped before PostgreSQL sees it, so
no input can change a query's structure); a word matches itself or a longer word it begins
(stemmed in the page's language and unstemmed); æ, ø and å match the spellings readers type
without them (ae, oe, aa, and o for ø: "borneattest" finds "børneattest").
"""

import re

MAX_WORDS = 8
MAX_WORD_LENGTH = 40
_WORD = re.compile(r"[^\W_]+")
# The key a word is compared by (synonyms, the word list for corrections): æ/ø/å and the two
# ways of writing each without them come out the same.
_FOLDS = (("æ", "ae"), ("ä", "ae"), ("ø", "o"), ("ö", "o"), ("å", "a"), ("oe", "o"),
          ("aa", "a"))
# The letters a reader may have typed for æ/ø/å, tried in the text as written.
_SPELLINGS = (("ae", "æ"), ("oe", "ø"), ("aa", "å"), ("o", "ø"))
# A word with many o's would otherwise become hundreds of spellings.
MAX_SPELLINGS = 16


def search_words(text: str) -> list[str]:
    """The words of `text`, lower-case, at most MAX_WORDS of at most MAX_WORD_LENGTH letters."""
    words = _WORD.findall((text or "").lower())
    return [word[:MAX_WORD_LENGTH] for word in words[:MAX_WORDS]]


def fold(word: str) -> str:
    word = word.lower()
    for letters, folded in _FOLDS:
        word = word.replace(letters, folded)
    return word


def spellings(word: str) -> list[str]:
    """`word` first, then the ways it may be written with æ/ø/å ("borneattest" →
    "børneattest", "boernehave" → "børnehave"); at most MAX_SPELLINGS, and only for words of
    three letters or more (a short prefix with ø would match too much)."""
    if len(word) < 3:
        return [word]
    found, partial = [], [("", 0)]
    while partial and len(found) < MAX_SPELLINGS:
        prefix, at = partial.pop(0)
        if at == len(word):
            found.append(prefix)
            continue
        partial.append((prefix + word[at], at + 1))
        partial.extend((prefix + letter, at + len(letters)) for letters, letter in _SPELLINGS
                       if word.startswith(letters, at))
    return list(dict.fromkeys([word, *found]))[:MAX_SPELLINGS]


# The obvious ones the issue names, put in by a migration and by the demo loader where missing
# (a word staff deleted stays deleted in the database, but the demo puts it back).
SEED_SYNONYMS = (
    ("da", "fadøl", "øl"), ("da", "sommerfest", "arrangement"), ("da", "fest", "arrangement"),
    ("da", "lokale", "lokaler"), ("da", "loppemarked", "arrangement"),
    ("da", "koncert", "arrangement"), ("da", "straffeattest", "børneattest"),
    ("da", "spiritus", "alkohol"), ("da", "bevilling", "tilladelse"),
    ("en", "party", "event"), ("en", "beer", "alcohol"), ("en", "room", "premises"),
    ("en", "venue", "premises"),
)


def seed_synonyms(model) -> int:
    """Add the SEED_SYNONYMS `model` (core.SearchSynonym, or its migration state) lacks."""
    added = 0
    for language, word, alternatives in SEED_SYNONYMS:
        added += model.objects.get_or_create(
            language=language, folded=fold(word),
            defaults={"word": word, "alternatives": alternatives})[1]
    return added
