"""Folding names to ASCII search keys, readable transliteration and name casing.

Search works on *folded* text: ASCII, lower case, no diacritics, every script transliterated. The index
stores, per contact, every folded variant people actually type (``fold_index_text``); a query is folded
with ``fold`` and its tokens are matched as prefixes, so ``fold(query)`` must equal one of the variants.

Why our own tables rather than FTS5 or ``unidecode``: FTS5's ``remove_diacritics`` does not fold Đ, ı or
any Cyrillic/Greek letter, and ``unidecode`` is language-blind (``Ђорђевић`` -> ``Djordjevitsh``). The
per-script tables below are precomputed once at import into ``str.translate`` tables, so folding a
30-character name costs a few microseconds.

Four folding tables:

* ``_PRIMARY`` -- the primary form. Latin: diacritics stripped (đ->d, ß->ss, ı/İ->i). Cyrillic:
  English/BGN-like (ж->zh, х->kh, ц->ts, ч->ch, ш->sh, щ->shch, ю->yu, я->ya, й->y), except the
  Serbian/Macedonian letters, always South-Slavic (ђ->d, ћ->c, џ->dz, љ->lj, њ->nj, ј->j, ѓ->gj, ќ->kj,
  ѕ->dz). Greek: ELOT 743 (χ->ch, υ->y, ου->ou, μπ->mp, ντ->nt, γκ->gk).
* ``_SERBIAN`` -- used instead of the primary one when the text contains a Serbian-only letter
  (ђ ћ џ љ њ ј, and no Macedonian ѓ ќ ѕ): then *all* Cyrillic letters take the Serbian Latin value
  (ж->z, ч->c, ш->s, х->h), so ``fold("Живковић") == fold("Živković") == "zivkovic"``.
* ``_ALT`` -- the other common spelling: đ/ђ->dj, ä/ö/ü->ae/oe/ue, Cyrillic in South-Slavic Latin
  style (ж->z, ч->c, ю->ju, я->ja, й->j, є->je, ї->ji), Greek phonetic (χ->h, υ->i, ξ->ks, initial μπ->b...).
* ``_ENGLISH`` -- English-style spelling of háček letters (č/ć->ch, š->sh, ž->zh, ş->sh, ç->ch, đ->dj):
  ``Petrović`` also indexes ``petrovich``, which is what a Russian-Cyrillic query ``Петрович`` folds to.

Variants are whole-string (every ambiguous letter takes the same alternative): no combinatorial
explosion. Per-token indexing makes this cheap to live with, as each word is matched on its own.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from functools import lru_cache

__all__ = [
    "fold",
    "fold_index_text",
    "fold_variants",
    "greek_latin_keys",
    "has_greek",
    "is_latin",
    "lang_for_country",
    "proper_case",
    "query_alternatives",
    "query_tokens",
    "sound_key",
    "sound_query",
    "south_slavic_fold",
    "transliterate",
]

# --------------------------------------------------------------------------------------------------
# Per-script folding data (lower-case keys; upper case is derived)
# --------------------------------------------------------------------------------------------------

_LATIN_PRIMARY: dict[str, str] = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ł": "l",
    "ı": "i",
    "ħ": "h",
    "ŧ": "t",
    "ŋ": "ng",
    "ĸ": "k",
    "ƒ": "f",
    "ə": "e",
    "ǝ": "e",
    "ɨ": "i",
    "ɛ": "e",
    "ɔ": "o",
    "ʒ": "z",
    "ɣ": "g",
    "ŀ": "l",
    # punctuation people paste from word processors: keep the ASCII meaning
    "ʼ": "'",
    "ʻ": "'",
    "’": "'",
    "‘": "'",
    "‛": "'",
    "´": "'",
    "′": "'",
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "―": "-",
    "−": "-",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‹": "'",
    "›": "'",
    "·": "",  # Catalan l·l, Greek ano teleia (NFC turns U+0387 into U+00B7)
}
_LATIN_ALT: dict[str, str] = {
    "đ": "dj",
    "ð": "dj",
    "ä": "ae",
    "ö": "oe",
    "ü": "ue",
    "ő": "oe",
    "ű": "ue",
    "ø": "oe",
    "å": "aa",
    "ə": "a",
}
_LATIN_ENGLISH: dict[str, str] = {
    "č": "ch",
    "ć": "ch",
    "š": "sh",
    "ž": "zh",
    "ş": "sh",
    "ș": "sh",
    "ç": "ch",
    "đ": "dj",
    "ð": "dj",
}

_CYR_BASE: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # letters of the other Cyrillic alphabets, for mixed text
    "є": "ye",
    "і": "i",
    "ї": "yi",
    "ґ": "g",
    "ў": "u",
    "ђ": "đ",
    "ћ": "ć",
    "џ": "dž",
    "љ": "lj",
    "њ": "nj",
    "ј": "j",
    "ѓ": "gj",
    "ќ": "kj",
    "ѕ": "dz",
    "ә": "a",
    "ғ": "gh",
    "қ": "q",
    "ң": "ng",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
}

# Folding starts from the readable romanisation and keeps only ASCII: the few letters where they part are
# replaced (ђ ћ џ lose their diacritics, ъ is the Bulgarian vowel, a few Old and Central Asian letters).
_CYRILLIC_PRIMARY: dict[str, str] = {
    **_CYR_BASE,
    "ъ": "a",  # Bulgarian vowel; the Russian separator (before е ё ю я) is removed beforehand
    "ђ": "d",
    "ћ": "c",
    "џ": "dz",
    "ғ": "g",
    "қ": "k",
    "ѵ": "i",
    "ѳ": "f",
    "ѣ": "e",
}
_CYRILLIC_SOUTH_SLAVIC: dict[str, str] = {
    "ж": "z",
    "х": "h",
    "ц": "c",
    "ч": "c",
    "ш": "s",
    "щ": "sc",
    "ю": "ju",
    "я": "ja",
    "й": "j",
    "є": "je",
    "ї": "ji",
    "ђ": "dj",
}
_CYRILLIC_ENGLISH: dict[str, str] = {"ћ": "ch", "ђ": "dj"}

_GREEK_PRIMARY: dict[str, str] = {
    "α": "a",
    "β": "v",
    "γ": "g",
    "δ": "d",
    "ε": "e",
    "ζ": "z",
    "η": "i",
    "θ": "th",
    "ι": "i",
    "κ": "k",
    "λ": "l",
    "μ": "m",
    "ν": "n",
    "ξ": "x",
    "ο": "o",
    "π": "p",
    "ρ": "r",
    "σ": "s",
    "ς": "s",
    "τ": "t",
    "υ": "y",
    "φ": "f",
    "χ": "ch",
    "ψ": "ps",
    "ω": "o",
    "ϊ": "i",
    "ϋ": "y",
    "ΐ": "i",
    "ΰ": "y",
    "ϐ": "v",
    "ϑ": "th",
    "ϕ": "f",
    "ϖ": "p",
    "ϲ": "s",
    "ϳ": "j",
}
_GREEK_ALT: dict[str, str] = {"υ": "i", "ϋ": "i", "ΰ": "i", "χ": "h", "ξ": "ks"}

# Code points covered by the precomputed tables; anything else goes through `_fallback` (cached).
_TABLE_RANGES = (
    range(0x80, 0x530),  # Latin-1 .. Latin Extended-B, IPA, spacing modifiers, combining, Greek, Cyrillic
    range(0x1D00, 0x1DC0),  # phonetic extensions
    range(0x1E00, 0x2150),  # Latin Extended Additional, Greek Extended, punctuation, letterlike
)


def _generic_fold(ch: str) -> str:
    """Fold one character with no table entry: compatibility decomposition, else by category."""
    decomposed = unicodedata.normalize("NFKD", ch)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    if kept and kept.isascii():
        return "".join(c for c in kept.lower() if c.isprintable() or c.isspace())
    if ch.isspace():
        return " "
    category = unicodedata.category(ch)
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    if category[0] in "PSZ":
        return " "
    return ""  # letters of scripts we do not transliterate, marks, format and control characters


@lru_cache(maxsize=4096)
def _fallback(ch: str) -> str:
    return ch if ch.isascii() else _generic_fold(ch)


_TABLE_SIZE = 0x2150  # tables are tuples indexed by code point: faster in str.translate than a dict


def _build_table(overrides: dict[str, str]) -> tuple[str, ...]:
    table: dict[int, str] = {}
    for cp in range(0x80):  # ASCII: lower-case letters, drop control characters
        ch = chr(cp)
        if "A" <= ch <= "Z":
            table[cp] = ch.lower()
        elif not ch.isprintable() and not ch.isspace():
            table[cp] = ""
    for block in _TABLE_RANGES:
        for cp in block:
            ch = chr(cp)
            lower = ch.lower()
            if ch in overrides:
                table[cp] = overrides[ch]
                continue
            if lower in overrides:
                table[cp] = overrides[lower]
                continue
            decomposed = unicodedata.normalize("NFD", ch)
            base = decomposed[0]
            if len(decomposed) > 1 and base.lower() in overrides:  # accented letter of a mapped base
                table[cp] = overrides[base.lower()]
                continue
            table[cp] = _generic_fold(ch)
    # Code points past the end raise IndexError (a LookupError): str.translate keeps them for `_fallback`.
    return tuple(table.get(cp, chr(cp)) for cp in range(_TABLE_SIZE))


def _merge(*parts: dict[str, str]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for part in parts:
        merged.update(part)
    return merged


_PRIMARY = _build_table(_merge(_LATIN_PRIMARY, _CYRILLIC_PRIMARY, _GREEK_PRIMARY))
_SERBIAN = _build_table(_merge(_LATIN_PRIMARY, _CYRILLIC_PRIMARY, _CYRILLIC_SOUTH_SLAVIC, {"ђ": "d"}, _GREEK_PRIMARY))
_ALT = _build_table(
    _merge(_LATIN_PRIMARY, _LATIN_ALT, _CYRILLIC_PRIMARY, _CYRILLIC_SOUTH_SLAVIC, _GREEK_PRIMARY, _GREEK_ALT)
)
_ENGLISH = _build_table(_merge(_LATIN_PRIMARY, _LATIN_ENGLISH, _CYRILLIC_PRIMARY, _CYRILLIC_ENGLISH, _GREEK_PRIMARY))
_ASCII_TABLE = _PRIMARY[:0x80]
_BEYOND_LATIN_RE = re.compile("[^\x00-\u036f]")  # Greek, Cyrillic and every later block

_GREEK_CHARS = "\u0370-\u03ff\u1f00-\u1fff"
_GREEK_RE = re.compile(f"[{_GREEK_CHARS}]")
_CYRILLIC_RE = re.compile("[\u0400-\u052f]")
_SERBIAN_RE = re.compile("[ђћџљњјЂЋЏЉЊЈ]")
_MACEDONIAN_RE = re.compile("[ѓќѕЃЌЅ]")
_HARD_SIGN_SEPARATOR_RE = re.compile("[ъЪ](?=[еёюяЕЁЮЯ])")
_ENGLISH_LETTERS_RE = re.compile(
    "[" + "".join(sorted({c for k in (*_LATIN_ENGLISH, *_CYRILLIC_ENGLISH) for c in (k, k.upper())})) + "]"
)
_TOKEN_RE = re.compile("[a-z0-9]+")
_APOSTROPHE_WORD_RE = re.compile("[a-z0-9]+(?:'[a-z0-9]+)+")

# --------------------------------------------------------------------------------------------------
# Greek digraphs (ELOT 743; the alternative is the phonetic spelling common in English)
# --------------------------------------------------------------------------------------------------

_GREEK_UNACCENT = str.maketrans("άέήίόύώ", "αεηιουω")
_GREEK_VOICELESS = frozenset("θκξπστφχψς")
_GREEK_DIGRAPH_RE = re.compile("[αάεέηή][υύ]|[οό][υύ]|γ[γκξχ]|μπ|ντ")
_GREEK_DIGRAPH_ALT_RE = re.compile(f"[αάεέηή][υύ]|[οό][υύ]|γ[γκξχ]|μπ|ντ|(?<![{_GREEK_CHARS}])γι(?=[αάεέοόωώ])")


def _is_greek_letter(ch: str) -> bool:
    return ("\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff") and ch.isalpha()


def _greek_pair(low: str, start: int, alt: bool) -> str:
    """Latin for the Greek digraph at ``low[start:start + 2]`` (``low`` is lower case)."""
    pair = low[start : start + 2].translate(_GREEK_UNACCENT)
    initial = start == 0 or not _is_greek_letter(low[start - 1])
    if pair[1] == "υ":
        if pair[0] == "ο":
            return "ou"
        nxt = low[start + 2] if start + 2 < len(low) else ""
        voiceless = nxt in _GREEK_VOICELESS or not _is_greek_letter(nxt)
        return {"α": "a", "ε": "e", "η": "i"}[pair[0]] + ("f" if voiceless else "v")
    if pair == "γγ":
        return "ng"
    if pair == "γξ":
        return "nx"
    if pair == "γχ":
        return "nh" if alt else "nch"
    if pair == "γκ":
        return ("g" if initial else "ng") if alt else "gk"
    if pair == "μπ":
        return ("b" if initial else "mb") if alt else "mp"
    if pair == "ντ":
        return ("d" if initial else "nd") if alt else "nt"
    if pair == "γι":
        return "y"
    raise AssertionError(pair)  # pragma: no cover - the regexes only match the pairs above


def _greek_digraphs(low: str, alt: bool) -> str:
    pattern = _GREEK_DIGRAPH_ALT_RE if alt else _GREEK_DIGRAPH_RE
    return pattern.sub(lambda m: _greek_pair(low, m.start(), alt), low)


# --------------------------------------------------------------------------------------------------
# Folding
# --------------------------------------------------------------------------------------------------


def _fold_nfc(text: str, table: tuple[str, ...], greek_alt: bool = False, latin: bool = False) -> str:
    """Fold NFC ``text`` with ``table``; ``latin`` says it has nothing from Greek onwards (skip checks)."""
    if not latin:
        if "ъ" in text or "Ъ" in text:
            text = _HARD_SIGN_SEPARATOR_RE.sub("", text)
        if _GREEK_RE.search(text):
            text = _greek_digraphs(text.lower(), greek_alt)
    text = text.translate(table)
    if not text.isascii():
        text = "".join([_fallback(c) for c in text])
    return " ".join(text.split())


def _is_serbian(text: str) -> bool:
    return _SERBIAN_RE.search(text) is not None and _MACEDONIAN_RE.search(text) is None


def fold(text: str) -> str:
    """The primary folded form: ASCII, lower case, transliterated, diacritics stripped.

    Non-letters (digits, ``@``, ``.``, punctuation) are kept so e-mail addresses survive; whitespace is
    collapsed. Deterministic: also used as a sort key and for duplicate matching.
    """
    if text.isascii():
        if text.isprintable():
            return " ".join(text.lower().split())
        return " ".join(text.translate(_ASCII_TABLE).split())
    text = unicodedata.normalize("NFC", text)
    if not _BEYOND_LATIN_RE.search(text):
        return _fold_nfc(text, _PRIMARY, latin=True)
    return _fold_nfc(text, _SERBIAN if _is_serbian(text) else _PRIMARY)


def fold_variants(text: str) -> tuple[str, ...]:
    """1 to 6 distinct folded spellings of ``text``; the first is ``fold(text)``.

    The others are the alternative spellings (đ->dj, ä->ae, South-Slavic Latin for Cyrillic, phonetic
    Greek), the English-style spelling (č->ch, ž->zh; for Serbian Cyrillic: ж->zh, ћ->ch) and, for
    Cyrillic/Greek text, the fold of the national romanisation (``transliterate``), e.g. Ukrainian
    ``Ігор`` -> ``ihor``. Each variant is whole-string.
    """
    if text.isascii():
        return (fold(text),)
    text = unicodedata.normalize("NFC", text)
    latin = not _BEYOND_LATIN_RE.search(text)
    serbian = not latin and _is_serbian(text)
    candidates = [
        _fold_nfc(text, _SERBIAN if serbian else _PRIMARY, latin=latin),
        _fold_nfc(text, _ALT, greek_alt=True, latin=latin),
    ]
    if serbian or _ENGLISH_LETTERS_RE.search(text):  # Serbian: _SERBIAN differs from _ENGLISH in ж ч ш х
        candidates.append(_fold_nfc(text, _ENGLISH, latin=latin))
    if not latin and _CYRILLIC_RE.search(text):
        lang = _detect_cyrillic_lang(text)
        if lang in _NATIONAL_DIFFERS:  # for ru, sr and Greek the national form folds like the primary
            national = unicodedata.normalize("NFC", _translit_cyrillic(text, lang))
            candidates.append(_fold_nfc(national, _PRIMARY))
    variants = list(dict.fromkeys(candidates))[:3]
    # The spellings people type for letters the national systems write as digraphs: Macedonian ќ ѓ ѕ as k g z
    # ("Kosevski", "Gorgiev", "Zvezdoski") or as Serbian Latin writes them (ć, đ: "Ćosevski"); Greek as it sounds,
    # ει οι as i and αι as e ("Vasilios", "Ikonomou", "Ekaterini"). After the three above, which stay first.
    if not latin and _MACEDONIAN_RE.search(text):
        variants += [_fold_nfc(text.translate(table), _PRIMARY) for table in _MACEDONIAN_TYPED]
    if not latin and _GREEK_RE.search(text):
        variants.append(_fold_nfc(_greek_as_it_sounds(text), _PRIMARY))
    return tuple(dict.fromkeys(variants))


_MACEDONIAN_TYPED = (
    str.maketrans({"ѓ": "г", "Ѓ": "Г", "ќ": "к", "Ќ": "К", "ѕ": "з", "Ѕ": "З"}),
    str.maketrans({"ѓ": "ђ", "Ѓ": "Ђ", "ќ": "ћ", "Ќ": "Ћ"}),
)
_GREEK_SOUNDS = re.compile("ει|οι|υι|αι", re.IGNORECASE)


def _greek_as_it_sounds(text: str) -> str:
    """A Greek text with the vowel pairs read as one sound (ει, οι, υι as ι; αι as ε), accents off."""
    plain = _strip_greek_accents(unicodedata.normalize("NFC", text))
    return _GREEK_SOUNDS.sub(lambda m: "ε" if m[0].lower() == "αι" else "ι", plain)


# A Greek name is typed in Latin letters in many ways at once: "Οικονόμου" as oikonomou, ikonomou, economou;
# "Μπακογιάννη" as mpakogianni, bakoyanni, bakogianni, bakojani; "Γεωργίου" as georgiou, yeoryiou. Whole-string
# variants (`fold_variants`) cannot hold every mix of the choices (each of μπ, γι, νν, ου, η... is written two or
# three ways, in any combination), so the index also holds one *sound key* per Greek word: its ELOT spelling with
# every such choice made the same way. An ASCII query word is keyed the same way (`sound_key`) and tried against
# those keys alone (they carry the `SOUND_KEY_MARK` prefix), so a key only ever finds a Greek-script name.
# The choices, in order: digraphs for one consonant (ph th ch kh dh; c k q as k; x as ks; dj dz as tz, τζ), mp mb
# as b, nt nd as d, gk as g, gg as ng; ou as u, au eu as av ev (and af ef before a voiceless consonant); gi yi before
# a vowel, y before a vowel and g before e i y (not after n) as j; ai as e, oi ei ui and y as i; b as v (β is v or b,
# μπ b); doubled letters once ("Bakojani" for Μπακογιάννη). e and i stay apart ("ivan" is no Ευάγγελος), but a word
# beginning with οι also has the key of its Latin spelling with e ("Economou", "Economides" for Οικονόμου,
# Οικονομίδης), and a word with η that of η written e, as Cyprus often writes it ("Demetriou" for Δημητρίου).
SOUND_KEY_MARK = "0"
_SOUND_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        ("ph", "f"),
        ("th", "t"),
        ("[ck]h", "h"),
        ("dh", "d"),
        ("gh", "g"),
        ("[cq]", "k"),
        ("d[jz]", "tz"),
        ("x", "ks"),
        ("m[pb]", "b"),
        ("n[td]", "d"),
        ("gk", "g"),
        ("gg", "ng"),
        ("ou", "u"),
        ("(?<=[ae])u", "v"),
        ("(?<=[ae])f(?=[stkpfh])", "v"),
        ("[gyj]i(?=[aeiouy])", "j"),
        ("y(?=[aeou])", "j"),
        ("(?<!n)g(?=[eiy])", "j"),
        ("ai", "e"),
        ("[eiou]i", "i"),
        ("y", "i"),
        ("b", "v"),
        ("w", "o"),
        (r"([a-z])\1+", r"\1"),
    )
)
# Letters whose key depends on the letter after them ("g" of "gi", "o" of "ou", "m" of "mp"): a query word ending in
# one of them is keyed without it (up to three), so that a name is found while it is being typed ("bakog", "economo").
_SOUND_OPEN_END = re.compile("(?:[aeoygnmcktp]|(?<=[gyj])i){1,3}$")
_SOUND_MIN = 4  # letters of a query word before it is tried by sound (as `_TYPED_SPELLINGS_MIN`)


def sound_key(token: str) -> str:
    """The sound key of a folded word (``[a-z]``): how a Greek name is found however it was put in Latin letters,
    ``sound_key("bakoyanni") == sound_key("mpakogianni") == "vakojani"``. See `_SOUND_RULES`."""
    for pattern, replacement in _SOUND_RULES:
        token = pattern.sub(replacement, token)
    return token


def sound_query(token: str) -> str | None:
    """A query word's sound key as the index holds it (with `SOUND_KEY_MARK`), to be matched as a prefix; None for
    a word too short or not of letters alone."""
    if len(token) < _SOUND_MIN or not token.isalpha():
        return None
    trimmed = _SOUND_OPEN_END.sub("", token)
    if len(trimmed) >= _SOUND_MIN:
        token = trimmed
    return SOUND_KEY_MARK + sound_key(token)


def fold_index_text(*texts: str) -> str:
    """One string for the full-text index: all tokens of all variants of all ``texts``, deduplicated.

    Tokens are runs of ``[a-z0-9]``. A word with apostrophes also gives its joined form
    (``O'Brien`` -> ``o brien obrien``) so a query typed without the apostrophe still matches.
    """
    tokens: dict[str, None] = {}
    for text in texts:
        if text:
            tokens.update(dict.fromkeys(_index_tokens(text)))
    return " ".join(tokens)


@functools.lru_cache(maxsize=16384)
def _index_tokens(text: str) -> tuple[str, ...]:
    # Cached: organisations, positions, cities and given names repeat row after row in a list or a directory.
    tokens: dict[str, None] = {}
    variants = fold_variants(text)
    for variant in variants:
        for token in _TOKEN_RE.findall(variant):
            tokens[token] = None
        if "'" in variant:
            for word in _APOSTROPHE_WORD_RE.findall(variant):
                tokens[word.replace("'", "")] = None
    if _GREEK_RE.search(text):  # a sound key per Greek word (`sound_key`), from its ELOT spelling
        spellings = [variants[0]]
        if _ETA_RE.search(text):  # and from η written e as well ("Demetriou" for Δημητρίου)
            spellings.append(fold(text.translate(_ETA_AS_E)))
        for spelling in spellings:
            for token in _TOKEN_RE.findall(spelling):
                if token.isalpha():
                    tokens[SOUND_KEY_MARK + sound_key(token)] = None
                    if token.startswith("oi"):  # "Economou", "Economides"
                        tokens[SOUND_KEY_MARK + sound_key("e" + token[2:])] = None
    return tuple(tokens)


# Where a name in Latin letters is likely a Greek name put in Latin letters: a person of these countries
# (`contacts.index_text` decides; it also asks the person's languages and a Greek spelling beside the Latin one).
GREEK_COUNTRIES = frozenset({"GR", "CY"})
# The letters a Greek name in Latin letters is written with: ASCII, and a vowel with the accent or dialytika it has
# in Greek ("Geórgios", "Loïzou"). A name with another letter (ı ş ğ ç ö ü of a Turkish Cypriot's "Doğan", "Yılmaz";
# č ć đ) is not read the Greek way.
_NOT_GREEKLISH_RE = re.compile("[^\x00-\x7fáéíóúýàèìòùïÿëÁÉÍÓÚÝÀÈÌÒÙÏŸË]")


def has_greek(text: str) -> bool:
    """Whether `text` has a Greek letter (or any character of the Greek blocks)."""
    return not text.isascii() and _GREEK_RE.search(text) is not None


def greek_latin_keys(*names: str) -> list[str]:
    """The sound keys (`sound_key`, with `SOUND_KEY_MARK`) of the words of a Greek person's name written in Latin
    letters, read the Greek way: "Giorgos Oikonomou" is found by "yorgos", "ikonomou" and "economou" as Γιώργος
    Οικονόμου is. Names with Greek letters or with letters Greek names are not written with give none (the former
    have their keys from `fold_index_text`)."""
    keys: dict[str, None] = {}
    for name in names:
        if name:
            keys.update(dict.fromkeys(_greek_latin_keys(name)))
    return list(keys)


@functools.lru_cache(maxsize=4096)
def _greek_latin_keys(name: str) -> tuple[str, ...]:
    name = unicodedata.normalize("NFC", name)
    if _NOT_GREEKLISH_RE.search(name):
        return ()
    keys: dict[str, None] = {}
    for token in _TOKEN_RE.findall(fold(name)):
        if token.isalpha():
            keys[SOUND_KEY_MARK + sound_key(token)] = None
            if token.startswith("oi"):  # "Oikonomou" found by "economou", as Οικονόμου is
                keys[SOUND_KEY_MARK + sound_key("e" + token[2:])] = None
    return tuple(keys)


# η with any accent or breathing, as ε (capital as capital)
_ETA_AS_E = {
    cp: ("Ε" if unicodedata.normalize("NFD", chr(cp))[0] == "Η" else "ε")
    for block in (range(0x370, 0x400), range(0x1F00, 0x2000))
    for cp in block
    if unicodedata.normalize("NFD", chr(cp))[:1] in ("η", "Η")
}
_ETA_RE = re.compile("[" + "".join(chr(cp) for cp in _ETA_AS_E) + "]")


def query_tokens(text: str) -> list[str]:
    """``fold(text)`` split into ``[a-z0-9]+`` tokens (empty for empty or punctuation-only text)."""
    return _TOKEN_RE.findall(fold(text))


# Serbian and Macedonian names as Russian, Ukrainian or Bulgarian writers spell them: Джокович for Đoković
# (дж for ђ, not only for џ), Любица, Ньегош. The index holds the South-Slavic spellings; a query written so
# also tries them. `_CYRILLIC_SOUTH_SLAVIC` (the _ALT table) already reads й as j, ч as c, ж as z, ю as ju.
_RUSSIAN_FOR_SOUTH_SLAVIC = re.compile("(?i)дж|[лн]ь")


def _south_slavic_letter(m: re.Match[str]) -> str:
    found = m[0]
    letter = {"дж": "ђ", "ль": "љ", "нь": "њ"}[found.lower()]
    return letter.upper() if found[0].isupper() else letter


# Where a name in Russian-style Cyrillic is likely a South-Slavic name written by someone else: the duplicate
# checks read such names the South-Slavic way only for contacts of these countries (elsewhere, in Moldova or
# Ukraine, it is the name's own spelling, and a second reading would only be more names to compare).
SOUTH_SLAVIC_COUNTRIES = frozenset({"RS", "BA", "ME", "HR", "MK", "SI", "XK"})


def south_slavic_fold(text: str) -> str | None:
    """Cyrillic `text` read as a South-Slavic name written the Russian way ("Джорджевич" -> "djordjevic",
    "Йованович" -> "jovanovic"), folded; None for text without Cyrillic. The import's duplicate check and the
    search use it: the stored name is folded the Serbian way, the Russian spelling the Russian way otherwise.
    None as well for Serbian or Macedonian Cyrillic (ђ, ј, ќ...): folded the South-Slavic way already."""
    if text.isascii() or not _CYRILLIC_RE.search(text) or _SERBIAN_RE.search(text) or _MACEDONIAN_RE.search(text):
        return None
    text = unicodedata.normalize("NFC", text)
    return _fold_nfc(_RUSSIAN_FOR_SOUTH_SLAVIC.sub(_south_slavic_letter, text), _ALT)


def query_alternatives(text: str) -> list[tuple[str, ...]]:
    """The words of a query (``query_tokens``), each with the spellings it may be indexed under.

    The index holds every common spelling of what is *stored* (``fold_variants``), but a query is typed in
    one spelling, which may be another than the stored name's: "Đorđević" typed for a "Djordjevic" stored
    in ASCII, "Müller" for "Mueller", "Йованович" (Russian) for "Jovanović". A query with letters beyond
    ASCII therefore also tries its alternative and English folds and, in Cyrillic, the South-Slavic and the
    Romanian (Moldovan) readings of Russian spellings; an ASCII query is already in the index's alphabet and
    is looked up as typed. A variant whose words do not line up with the primary ones (a digraph splitting
    differently) is left out.
    """
    primary = query_tokens(text)
    if text.isascii() or not primary:
        return [_other_spellings((token,)) for token in primary]
    text = unicodedata.normalize("NFC", text)
    latin = not _BEYOND_LATIN_RE.search(text)
    variants = [_fold_nfc(text, _ALT, greek_alt=True, latin=latin), _fold_nfc(text, _ENGLISH, latin=latin)]
    if not latin and _RUSSIAN_FOR_SOUTH_SLAVIC.search(text) and (south := south_slavic_fold(text)):
        variants.append(south)
    if not latin and _CYRILLIC_RE.search(text) and _detect_cyrillic_lang(text) == "ru":
        variants.append(fold(_translit_romanian(text)))  # "Чобану" for a Moldovan written "Ciobanu"
    words = [dict.fromkeys([token]) for token in primary]
    for variant in variants:
        tokens = _TOKEN_RE.findall(variant)
        if len(tokens) == len(primary):
            for spellings, token in zip(words, tokens, strict=True):
                spellings[token] = None
    if _GREEK_RE.search(text) and text.rstrip()[-1:] in "γΓ" and words:  # "Ευαγ" typed on the way to "Ευαγγέλου"
        last = next(iter(words[-1]))
        words[-1][last[:-1] + "n"] = None
    return [_other_spellings(tuple(spellings)) for spellings in words]


# Spellings of one name in the region that folding cannot tell apart from the letters typed (ASCII has no ђ, ћ, я):
# a query word also tries them. (pattern, replacement) applied to the whole word, each over the others' results.
_TYPED_SPELLINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        ("ia", "iya"),  # "maria", "natalia", "anastasia": Мария (Mariya), Наталия; Ukrainian Марія (Mariia)
        ("ia", "ija"),
        ("ia", "iia"),
        ("(?<!^)ei$", "ey"),  # "alexei": Алексей (Aleksey, Aleksej)
        ("(?<!^)ei$", "ej"),
        ("x(?!h)", "ks"),  # "alexey", "xenia": Алексей, Ксения
        ("ct", "kt"),  # "victoria": Виктория
        ("q", "c"),  # Albanian q and xh, Serbian ć and dž: "krasniqi" and "Krasnići", "hoxha" and "Hodža"
        ("ci$", "qi"),
        ("xh", "dz"),
        ("dz", "xh"),
        ("dj", "gj"),  # Đorđević, Macedonian Ѓорѓиев (Gjorgjiev), Albanian Gjergj
        ("gj", "dj"),
        ("^d(?=[ou])", "dj"),  # "dordevic", "duric", "andela" for a Djordjevic, Djuric, Andjela typed in ASCII
        ("(?<=[rn])d(?=[aeiou])", "dj"),
        ("u(?=ll|tz|hn|rg|ck|nch|ss|hl|rn)", "ue"),  # "muller", "jurgen" for a Mueller, Juergen typed in ASCII
    )
)
_TYPED_SPELLINGS_MIN = 4  # letters: the first letters of a word are a prefix of too much to try other spellings of
_TYPED_SPELLINGS_MAX = 8
# A family name's particle typed together with it: "deluca" for "De Luca", "vanderberg" for "van der Berg"
_PARTICLES_JOINED = {
    p.replace(" ", ""): p
    for p in ("van der", "van den", "von der", "de la", "della", "del", "van", "von", "de", "di", "da", "le", "la")
}


def _other_spellings(spellings: tuple[str, ...]) -> tuple[str, ...]:
    """`spellings` with the other spellings of the region's names (`_TYPED_SPELLINGS`) and a joined particle apart
    ("de luca"), minus those another spelling is a prefix of (words are matched as prefixes: "djordjevich" adds
    nothing to "djordjevic")."""
    found = dict.fromkeys(spellings)
    if max(len(t) for t in spellings) >= _TYPED_SPELLINGS_MIN:
        for pattern, replacement in _TYPED_SPELLINGS:
            for token in list(found):
                if len(found) >= _TYPED_SPELLINGS_MAX:
                    break
                if pattern.search(token):
                    found[pattern.sub(replacement, token)] = None
        for token in spellings:
            for joined, particle in _PARTICLES_JOINED.items():
                if token.startswith(joined) and len(token) - len(joined) >= 3:
                    found[f"{particle} {token[len(joined) :]}"] = None
    return tuple(t for t in found if not any(t != o and t.startswith(o) for o in found))


# --------------------------------------------------------------------------------------------------
# Readable transliteration
# --------------------------------------------------------------------------------------------------

_CYR_TABLES: dict[str, dict[str, str]] = {
    "ru": _CYR_BASE,
    "sr": _merge(
        _CYR_BASE,
        {"ж": "ž", "х": "h", "ц": "c", "ч": "č", "ш": "š", "й": "j", "ђ": "đ", "ћ": "ć", "џ": "dž"},
    ),
    "mk": _merge(
        _CYR_BASE,
        {"ж": "zh", "х": "h", "ц": "c", "ч": "ch", "ш": "sh", "џ": "dzh", "ѓ": "gj", "ќ": "kj", "ѕ": "dz"},
    ),
    # Ukrainian national system (2010); the word-initial forms of є ї й ю я are in _UK_INITIAL
    "uk": _merge(
        _CYR_BASE,
        {"г": "h", "ґ": "g", "и": "y", "і": "i", "є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"},
    ),
    # Bulgarian streamlined system (2009); word-final -ия is -ia
    "bg": _merge(_CYR_BASE, {"х": "h", "щ": "sht", "ъ": "a", "ь": "y"}),
    "be": _merge(_CYR_BASE, {"г": "h", "ў": "u", "і": "i"}),
}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_APOSTROPHES = "'’ʼ"

_GREEK_MARKS_RE = re.compile(f"([{_GREEK_CHARS}])([\u0300-\u036f]+)")
_GREEK_DIGRAPH_KEYS = frozenset(
    ["αυ", "ευ", "ηυ", "ου", "γγ", "γκ", "γξ", "γχ", "μπ", "ντ"]  # after accents are stripped
)
_NATIONAL_DIFFERS = frozenset(["uk", "bg", "mk", "be"])


def _detect_cyrillic_lang(text: str) -> str:
    if _MACEDONIAN_RE.search(text):  # ѓ ќ ѕ are Macedonian-only, while ј љ њ џ are shared with Serbian
        return "mk"
    if _SERBIAN_RE.search(text):
        return "sr"
    if "ў" in text or "Ў" in text:
        return "be"
    if re.search("[іїєґІЇЄҐ]", text):
        return "uk"
    if re.search("[ъЪ](?![еёюяЕЁЮЯ])", text) and not re.search("[ыэёЫЭЁ]", text):
        return "bg"  # ъ as a vowel, not the Russian separator
    return "ru"


def _detect_lang(text: str) -> str | None:
    if _CYRILLIC_RE.search(text):
        return _detect_cyrillic_lang(text)
    if _GREEK_RE.search(text):
        return "el"
    return None


def _all_caps_context(text: str, start: int, end: int) -> bool:
    """Whether the upper-case letter(s) at ``text[start:end]`` sit in an ALL-CAPS word."""
    if end - start > 1:
        return text[start + 1].isupper()
    if end < len(text) and text[end].isalpha():
        return text[end].isupper()
    if start > 0 and text[start - 1].isalpha():
        return text[start - 1].isupper()
    return False


def _cased(rep: str, text: str, start: int, end: int) -> str:
    if not rep or not text[start].isupper():
        return rep
    if len(rep) > 1 and _all_caps_context(text, start, end):
        return rep.upper()
    return rep[0].upper() + rep[1:]


def _translit_cyrillic(text: str, lang: str) -> str:
    table = _CYR_TABLES[lang]
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        low = ch.lower()
        rep = table.get(low)
        if rep is None:
            if (
                ch in _APOSTROPHES
                and lang in ("uk", "be", "ru")
                and 0 < i < n - 1
                and _CYRILLIC_RE.match(text[i - 1])
                and _CYRILLIC_RE.match(text[i + 1])
            ):
                continue  # Ukrainian/Belarusian apostrophe inside a word is not transliterated
            out.append(ch)
            continue
        prev = text[i - 1].lower() if i > 0 else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if lang == "uk":
            if low in _UK_INITIAL and not (prev.isalpha() or (prev and prev in _APOSTROPHES)):
                rep = _UK_INITIAL[low]
            elif low == "г" and prev == "з":
                rep = "gh"  # зг -> zgh, so it is not read as the digraph zh
        elif lang == "bg" and low == "я" and prev == "и" and not nxt.isalpha():
            rep = "a"
        out.append(_cased(rep, text, i, i + 1))
    return "".join(out)


# Moldovan names written in Russian Cyrillic, spelt back in Romanian: "Чобану" is Ciobanu, "Кожокару" Cojocaru,
# "Георге" Gheorghe, "Мунтяну" Munteanu, "Вячеслав" Veaceslav, as Moldova's documents write them. Written by hand:
# no library has this romanisation, and it turns on the next letter (г, к and ч before е or и; я after a consonant).
_RO_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i",
    "к": "c", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "h", "ц": "ț", "ч": "ci", "ш": "ș", "щ": "șci", "ъ": "", "ы": "î", "ь": "", "э": "ă", "ю": "iu", "я": "ia",
}  # fmt: skip
_RO_FRONT = frozenset("еиюяё")  # after г and к these want "gh", "ch"; after ч and дж no "i" of their own
_RO_VOWELS = frozenset("аеёиоуыэюяй")
_RO_WORD = re.compile("[Ѐ-ӿ]+")


def _romanian_word(word: str) -> str:
    low = word.lower()
    out: list[str] = []
    i, n = 0, len(low)
    while i < n:
        ch, nxt = low[i], low[i + 1] if i + 1 < n else ""
        prev = low[i - 1] if i else ""
        if ch == "д" and nxt == "ж":  # "Джеорджеску": ge, gi before front vowels, gia, gio, giu otherwise
            rep, size = ("g" if low[i + 2 : i + 3] in _RO_FRONT and low[i + 2 : i + 3] else "gi"), 2
        elif ch == "к" and nxt == "с":
            rep, size = "x", 2  # "Александру" -> Alexandru, "Ксения" -> Xenia
        elif ch in "гк" and nxt in _RO_FRONT and nxt:
            rep, size = ("gh" if ch == "г" else "ch"), 1
        elif ch in "чщ" and nxt in _RO_FRONT and nxt:
            rep, size = ("c" if ch == "ч" else "șc"), 1  # "Чебан" -> Ceban, "Щербина" -> Șcerbina
        elif ch in "чщ" and nxt == "а":
            rep, size = ("ce" if ch == "ч" else "șce"), 1  # "Гречаный" -> Greceanîi, "Чадыр" -> Ceadîr
        elif ch == "я" and prev and prev not in _RO_VOWELS and prev != "ь":
            rep, size = "ea", 1  # "Мунтяну" -> Munteanu; "Мария", "Наталья", "Яков" keep ia
        elif ch == "я" and prev == "и":
            rep, size = "a", 1  # "Мария" -> Maria
        else:
            rep, size = _RO_LETTERS.get(ch, ch), 1
        out.append(_cased(rep, word, i, i + size) if rep else rep)
        i += size
    return "".join(out)


def _translit_romanian(text: str) -> str:
    return _RO_WORD.sub(lambda m: _romanian_word(m[0]), text)


def _strip_greek_accents(text: str) -> str:
    """Remove tonos, breathings etc. from Greek letters, keeping the dialytika (it changes the reading)."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = _GREEK_MARKS_RE.sub(lambda m: m.group(1) + ("\u0308" if "\u0308" in m.group(2) else ""), decomposed)
    return unicodedata.normalize("NFC", stripped)


def _translit_greek(text: str) -> str:
    text = _strip_greek_accents(text)
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = low[i]
        if not _is_greek_letter(ch):
            out.append(text[i])
            i += 1
            continue
        if low[i : i + 2] in _GREEK_DIGRAPH_KEYS:
            rep, size = _greek_pair(low, i, alt=False), 2
        else:
            rep, size = _GREEK_PRIMARY.get(ch, text[i]), 1
        out.append(_cased(rep, text, i, i + size))
        i += size
    return "".join(out)


# Letters and endings only Russian spelling has: a name with them is Russian-spelt whatever the country.
_RUSSIAN_SPELLING = re.compile("(?i)[ыэёъ]|ия")


def transliterate(text: str, lang: str | None = None) -> str:
    """A readable Latin spelling of a Cyrillic or Greek name, in the national romanisation.

    ``lang`` is an ISO 639-1 code (``sr``, ``mk``, ``ru``, ``uk``, ``bg``, ``el``, ``be``; a region
    suffix such as ``sr-Cyrl`` is ignored). When it is None or unsupported, the language is detected
    from the letters: ѓ ќ ѕ -> mk, ђ ћ џ љ њ ј -> sr, ў -> be, і ї є ґ -> uk, vowel ъ -> bg, Greek -> el,
    other Cyrillic -> ru. Case is kept (``ЉИЉАНА`` -> ``LJILJANA``, ``Љиљана`` -> ``Ljiljana``); Latin
    text is returned unchanged.
    """
    if not text or text.isascii():
        return text
    text = unicodedata.normalize("NFC", text)
    has_cyrillic = _CYRILLIC_RE.search(text) is not None
    has_greek = _GREEK_RE.search(text) is not None
    if not has_cyrillic and not has_greek:
        return text
    code = lang.lower().replace("_", "-").split("-")[0] if lang else None
    if has_greek:
        text = _translit_greek(text)
    if has_cyrillic and code == "ro" and _detect_cyrillic_lang(text) == "ru":
        return _translit_romanian(text)
    if code == "uk" and has_cyrillic and _RUSSIAN_SPELLING.search(text) and _detect_cyrillic_lang(text) == "ru":
        code = "ru"  # a Ukrainian's name written the Russian way ("Наталия", not "Наталія"): read as written
    if has_cyrillic:
        cyr_lang = code if code in _CYR_TABLES else _detect_cyrillic_lang(text)
        text = _translit_cyrillic(text, cyr_lang)
        if _CYRILLIC_RE.search(text):
            # Rare letters outside the tables (Ӝ, Ӓ...): transliterate their base letter, keep the accent.
            text = "".join(
                _translit_cyrillic(unicodedata.normalize("NFD", c), cyr_lang) if _CYRILLIC_RE.match(c) else c
                for c in text
            )
            text = _CYRILLIC_RE.sub("", unicodedata.normalize("NFC", text))
    return text


_COUNTRY_LANG: dict[str, str] = {
    "RS": "sr",
    "ME": "sr",
    "BA": "sr",
    "XK": "sr",
    "MK": "mk",
    "RU": "ru",
    "KZ": "ru",
    "KG": "ru",
    "MD": "ro",  # Moldovans' names in Russian Cyrillic are spelt in Latin the Romanian way
    "RO": "ro",
    "BY": "ru",
    "UA": "uk",
    "BG": "bg",
    "GR": "el",
    "CY": "el",
}


def lang_for_country(code: str | None) -> str | None:
    """The language whose romanisation fits names from a country (ISO 3166 alpha-2), or None."""
    if not code:
        return None
    return _COUNTRY_LANG.get(code.strip().upper())


@lru_cache(maxsize=2048)
def _is_latin_letter(ch: str) -> bool:
    cp = ord(ch)
    if cp < 0x250 or 0x1E00 <= cp <= 0x1EFF:
        return True
    if 0x2B0 <= cp <= 0x36F:  # modifier letters (ʼ ʻ) and combining marks: not a script of their own
        return True
    return unicodedata.name(ch, "").startswith("LATIN")


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is Latin script (digits and punctuation are ignored)."""
    if text.isascii():
        return True
    return all(_is_latin_letter(ch) for ch in text if ch.isalpha())


# --------------------------------------------------------------------------------------------------
# Name casing
# --------------------------------------------------------------------------------------------------

_PARTICLES = frozenset(
    ["van", "der", "de", "von", "da", "di", "del", "della", "la", "le", "du", "den", "des", "dos", "das"]
)
_WORD_SPLIT_RE = re.compile(r"(\s+)")


_TURKISH_ONLY = "İĞğı"  # letters no other language of the region writes
_ROMANIAN = "ĂăÂâÎîȚțŢţȘș"  # Romanian lists write Ș and Ț with the old cedilla too: Ş and Ţ


def _is_turkish(text: str) -> bool:
    if any(c in text for c in _TURKISH_ONLY):
        return True
    # Ş alone is Turkish unless the text is Romanian written with the legacy cedilla letters
    return ("Ş" in text or "ş" in text) and not any(c in text for c in _ROMANIAN)


def turkish_name(given: str, family: str, country: str | None) -> bool:
    """Whether a person's name in capitals lowers the Turkish way (I -> ı): a letter of either part says so
    ("Ayşe YILMAZ" -> "Yılmaz", "İpek AYDIN" -> "Aydın"). A Ş/ş from another part only for a person of Turkey or
    Azerbaijan: "Ştefan VASILESCU" of Romania stays "Vasilescu". "MARIA SILVA" of Türkiye, with no such letter,
    stays "Silva" too."""
    both = f"{given} {family}"
    if any(c in both for c in _TURKISH_ONLY):
        return True
    return country in ("TR", "AZ") and _is_turkish(both)


def _lower_name(word: str, turkish: bool) -> str:
    """Lower case of the same length as ``word`` (İ -> i, not i + combining dot)."""
    if turkish:
        word = word.replace("I", "ı")
    return word.replace("İ", "i").lower()


def _upper_char(ch: str, turkish: bool) -> str:
    if turkish and ch == "i":
        return "İ"
    up = ch.title()
    return up if len(up) == 1 else ch.upper()[:1]


def _proper_word(word: str, first: bool, turkish: bool) -> str:
    has_upper = any(c.isupper() for c in word)
    has_lower = any(c.islower() and c != "ß" for c in word)
    if has_upper and has_lower:
        return word  # already mixed case (McDonald, DeVito): leave as typed
    if not has_upper and not has_lower:
        return word  # no cased letters
    low = _lower_name(word, turkish)
    if not first and low in _PARTICLES:
        return low
    chars = list(low)
    run = 0  # length of the current run of letters
    capitalize_next = True
    for i, ch in enumerate(low):
        if ch.isalpha():
            if capitalize_next:
                chars[i] = word[i] if word[i].isupper() else _upper_char(ch, turkish)
                capitalize_next = False
            run += 1
        else:
            # a new part after a hyphen; after an apostrophe only for O'Brien, D'Angelo (not Mark's)
            if ch == "-" or (ch in _APOSTROPHES and run == 1):
                capitalize_next = True
            run = 0
    return "".join(chars)


@lru_cache(maxsize=8192)  # lists repeat the same given names (and family names) row after row
def proper_case(text: str, turkish: bool | None = None) -> str:
    """Title case for names typed in ALL CAPS (or all lower case); mixed-case words are kept.

    Turkish-aware (``ÖZDEMİR`` -> ``Özdemir``, ``IŞIK`` -> ``Işık`` when the text has İ, Ğ or Ş),
    hyphenated and O'-names (``MARIĆ-KOVAČ`` -> ``Marić-Kovač``, ``O'BRIEN`` -> ``O'Brien``), particles
    lower case unless first (``VAN DER BERG`` -> ``Van der Berg``), Cyrillic and Greek (final sigma). `turkish`:
    whether the text lowers the Turkish way, when another part of the name tells (`turkish_name`); by default
    the text's own letters tell.
    """
    if not text:
        return text
    if turkish is None:
        turkish = _is_turkish(text)
    # A lower-case word beside capitalised ones was typed so on purpose ("von Berg", "de la Cruz"): only a text
    # that is entirely in lower case gets its lower-case words capitalised.
    all_lower = not any(c.isupper() for c in text)
    out: list[str] = []
    first = True
    for part in _WORD_SPLIT_RE.split(text):
        if not part or part.isspace():
            out.append(part)
            continue
        if not all_lower and not any(c.isupper() for c in part):
            out.append(part)
        else:
            out.append(_proper_word(part, first, turkish))
        if any(c.isalpha() for c in part):
            first = False
    return "".join(out)
