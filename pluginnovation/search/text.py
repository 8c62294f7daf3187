"""Words, lemmas and query clean-up, shared by indexing and searching so both agree."""

import re
import unicodedata
from functools import lru_cache

from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy

# Greedy lemmatisation also reduces words missing from simplemma's dictionary by their endings:
# "mentorskapet" -> "mentorskap", "studieavbrotten" -> "studieavbrott".
_LEMMATIZER = Lemmatizer(lemmatization_strategy=DefaultStrategy(greedy=True))
LANGUAGES = {"sv", "en"}
WORD = re.compile(r"[^\W_]+")
MAX_TERM_LENGTH = 60
MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 8
# Search-engine habits are read as intent, not as words to find.
OPERATORS = re.compile(r"\b(?:AND|OR|NOT)\b")

# Words that almost every page contains; they are dropped from a query that has other words.
# fmt: off
STOP_WORDS = {
    "sv": frozenset(
        {
            "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till",
            "den", "har", "de", "inte", "om", "ett", "var", "jag", "sig", "men", "så", "vi",
            "hur", "vad", "när", "där", "eller", "från", "kan", "ska",
        }
    ),
    "en": frozenset(
        {
            "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "how", "in",
            "is", "it", "of", "on", "or", "that", "the", "this", "to", "was", "what", "when",
            "where", "which", "who", "why", "with",
        }
    ),
}
# fmt: on


def language_of(code):
    code = (code or "").split("-")[0].lower()
    return code if code in LANGUAGES else "sv"


@lru_cache(maxsize=100_000)
def lemma(word, language):
    try:
        return _LEMMATIZER.lemmatize(word, lang=language).lower()
    except (ValueError, KeyError):
        return word


def words(text):
    """The lower-case words of a text, in order."""
    return [word for word in WORD.findall(text.lower()) if len(word) <= MAX_TERM_LENGTH]


def terms_of_word(word, language):
    """What one word of a page is indexed under: itself, its lemma, and the lemma's lemma.

    Greedy lemmatisation is not idempotent ("mentorskapet" -> "mentorskap" -> "mentorskapa"),
    so a page keeps both steps and a query word matches either.
    """
    base = lemma(word, language)
    return tuple(dict.fromkeys((word, base, lemma(base, language))))


def clean_query(raw):
    """A reader's query as text fit to show again: no control characters, NUL or stray bytes."""
    raw = raw or ""
    cleaned = "".join(
        " " if unicodedata.category(char).startswith("C") or char == "\ufffd" else char
        for char in raw[: MAX_QUERY_LENGTH * 4]
    )
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH]


def query_terms(query, language):
    """For each meaningful word of a query, the forms a page may contain it in: the word itself
    and its lemma. Operators, quotes and punctuation are plain spaces."""
    found = words(OPERATORS.sub(" ", query))
    meaningful = [word for word in found if word not in STOP_WORDS[language]] or found
    groups = []
    for word in meaningful:
        forms = tuple(dict.fromkeys((word, lemma(word, language))))
        if forms not in groups:
            groups.append(forms)
    return groups[:MAX_QUERY_TERMS]
