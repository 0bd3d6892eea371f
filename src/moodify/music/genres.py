"""One genre vocabulary for every provider, defined once.

Deezer's genre names ("Rap/Hip Hop", "Electro"), MTG-Jamendo's genre tags ("genre---hiphop"), Audius's genres
("Hip-Hop/Rap", "Drum & Bass"), a local file's ID3 genre ("Heavy Metal", "(9)") and free Last.fm tags
("thrash metal", "hip_hop") all land on the short list in :data:`GENRES`, so "block metal" means the same thing
on every source and "hip hop" and "rap" are one genre. Words that name no genre ("seen live", "female
vocalists", "sad") map to ``None``: they stay mood/theme tags and never become a genre by accident.

The mapping is an alias table first (exact names), then keyword rules in a fixed order, most specific
first: "death metal" is metal before it can be rock, "trip hop" is electronic before it can be hip hop.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# The vocabulary, in the order Settings lists it.
GENRES: tuple[str, ...] = (
    "rock", "pop", "electronic", "hip hop", "r&b", "jazz", "blues", "country", "folk", "metal", "punk",
    "reggae", "latin", "classical", "world", "ambient", "soundtrack",
)

# Exact names (after ``_normalise``) that keyword rules would get wrong or miss.
_ALIASES: dict[str, str | None] = {
    "rap": "hip hop", "hip hop rap": "hip hop", "rap hip hop": "hip hop", "hiphop": "hip hop",
    "trip hop": "electronic", "triphop": "electronic", "dance": "electronic", "disco": "electronic",
    "downtempo": "electronic", "chillout": "electronic", "lounge": "electronic", "industrial": "electronic",
    "soul": "r&b", "rnb": "r&b", "r b": "r&b", "r&b soul": "r&b", "soul & funk": "r&b", "funk": "r&b",
    "gospel": "r&b", "rhythm and blues": "r&b", "new age": "ambient", "newage": "ambient",
    "singer songwriter": "folk", "singer & songwriter": "folk", "films games": "soundtrack",
    "alternative": "rock", "alternrock": "rock", "classic rock": "rock", "rock & roll": "rock",
    "indie": "rock", "grunge": "rock", "britpop": "rock", "new wave": "rock", "emo": "punk",
    "screamo": "punk", "hardcore": "punk", "post hardcore": "punk", "grindcore": "metal",
    "latin music": "latin", "bossa nova": "latin", "african music": "world", "asian music": "world",
    "indian music": "world", "brazilian music": "latin", "international": "world", "j pop": "pop",
    "k pop": "pop", "jpop": "pop", "kpop": "pop", "synthpop": "electronic", "electropop": "electronic",
    "pop rock": "rock", "indie pop": "pop", "vocal": "pop", "big band": "jazz", "easy listening": "pop", "kids": "pop",
    "children's music": "pop", "dancehall": "reggae", "ragga": "reggae", "ska": "reggae", "dub": "reggae",
    "post rock": "rock", "noise": "rock", "experimental": "rock", "avant garde": "rock",
    # Words that look like genres but say nothing about one.
    "instrumental": None, "acoustic": None, "oldies": None, "other": None, "vocal jazz": "jazz",
    "ambiental": None,  # MTG-Jamendo's mood/theme tag (ambient-sounding), not its genre "ambient"
}

# MTG-Jamendo's genre tags ("genre---easylistening") are genres by construction, so words that elsewhere are a
# mood or too loose ("atmospheric", "club" as a Last.fm tag) count here, and compounds are written as one word.
_MTG_PREFIX = "genre---"
_MTG_GENRE_TAGS: dict[str, str | None] = {
    "easylistening": "pop", "singersongwriter": "folk", "newwave": "rock", "bossanova": "latin",
    "drumnbass": "electronic", "deephouse": "electronic", "eurodance": "electronic", "club": "electronic",
    "minimal": "electronic", "darkwave": "electronic", "symphonic": "classical", "choir": "classical",
    "medieval": "classical", "ethno": "world", "chanson": "pop", "psychedelic": "rock",
    "atmospheric": "ambient",
    # Too broad to name one genre: "progressive" is rock or house, "contemporary" classical or pop.
    "progressive": None, "contemporary": None, "improvisation": None, "groove": None, "hard": None,
}

# (genre, whole words, substrings), tried in this order.
_RULES: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = (
    ("metal", frozenset({"djent", "deathcore", "grindcore", "thrash", "doom"}), ("metal",)),
    ("punk", frozenset({"emo", "screamo", "hardcore", "oi"}), ("punk",)),
    ("hip hop", frozenset({"rap", "trap", "grime", "gangsta", "hiphop"}), ("hip hop", "hip-hop")),
    ("reggae", frozenset({"ska", "dub", "dancehall", "ragga", "rocksteady"}), ("reggae",)),
    ("electronic", frozenset({"edm", "idm", "dnb", "house", "techno", "trance", "dubstep", "dance", "disco",
                              "breakbeat", "jungle", "garage", "synth", "electronica"}),
     ("electro", "techno", "drum and bass", "drum & bass", "synth", "trip hop")),
    ("r&b", frozenset({"soul", "funk", "rnb", "motown", "gospel"}), ("r&b", "rhythm and blues")),
    ("jazz", frozenset({"swing", "bebop", "fusion"}), ("jazz",)),
    ("blues", frozenset(), ("blues",)),
    ("country", frozenset({"bluegrass", "americana"}), ("country",)),
    ("folk", frozenset(), ("folk", "singer songwriter")),
    ("classical", frozenset({"baroque", "opera", "orchestral", "chamber", "romantic era"}), ("classical",)),
    ("latin", frozenset({"salsa", "reggaeton", "bachata", "tango", "samba", "cumbia", "flamenco", "mpb"}),
     ("latin",)),
    ("world", frozenset({"african", "celtic", "afrobeat", "afro"}), ("world",)),
    ("ambient", frozenset({"drone"}), ("ambient", "new age")),
    ("soundtrack", frozenset({"ost"}), ("soundtrack",)),
    ("rock", frozenset({"grunge", "shoegaze", "britpop", "indie", "alternative"}), ("rock",)),
    ("pop", frozenset({"pop"}), ("pop",)),
)

_ID3_NUMBER = re.compile(r"^\((\d{1,3})\)")


def _normalise(word: str) -> str:
    text = word.strip().lower().removeprefix("genre---").replace("_", " ").replace("-", " ").replace("/", " ")
    return " ".join(text.split())


def canonical_genre(word: str) -> str | None:
    """The vocabulary's name for one genre word from any source, or None when it names no genre."""
    lowered = word.strip().lower()
    if lowered.startswith(_MTG_PREFIX) and lowered[len(_MTG_PREFIX):] in _MTG_GENRE_TAGS:
        return _MTG_GENRE_TAGS[lowered[len(_MTG_PREFIX):]]
    key = _normalise(_id3_name(word))
    if not key:
        return None
    if key in GENRES:
        return key
    if key in _ALIASES:
        return _ALIASES[key]
    tokens = set(key.split())
    for genre, words, parts in _RULES:
        if tokens & words or any(p in key for p in parts):
            return genre
    return None


def genres_of(words: Iterable[str]) -> tuple[str, ...]:
    """The distinct genres named by ``words``, in vocabulary order."""
    found = {g for g in (canonical_genre(w) for w in words) if g is not None}
    return tuple(g for g in GENRES if g in found)


def split_words(words: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """A person's stated words as (genres, other tags): "Heavy Metal" is the genre metal, "sad" a tag."""
    genres: set[str] = set()
    tags: set[str] = set()
    for word in words:
        if not word.strip():
            continue
        genre = canonical_genre(word)
        if genre is not None:
            genres.add(genre)
        else:
            tags.add(word.strip().lower())
    return frozenset(genres), frozenset(tags)


def _id3_name(word: str) -> str:
    """ID3v1 numeric genres ("(9)", "(9)Metal") as their names; anything else unchanged."""
    match = _ID3_NUMBER.match(word.strip())
    if not match:
        return word
    rest = word.strip()[match.end():].strip()
    if rest:
        return rest
    number = int(match.group(1))
    return ID3V1_GENRES[number] if number < len(ID3V1_GENRES) else ""


# The original ID3v1 genre list (0-79); later Winamp extensions are rarely written as numbers.
ID3V1_GENRES: tuple[str, ...] = (
    "Blues", "Classic Rock", "Country", "Dance", "Disco", "Funk", "Grunge", "Hip-Hop", "Jazz", "Metal",
    "New Age", "Oldies", "Other", "Pop", "R&B", "Rap", "Reggae", "Rock", "Techno", "Industrial",
    "Alternative", "Ska", "Death Metal", "Pranks", "Soundtrack", "Euro-Techno", "Ambient", "Trip-Hop", "Vocal",
    "Jazz+Funk", "Fusion", "Trance", "Classical", "Instrumental", "Acid", "House", "Game", "Sound Clip",
    "Gospel", "Noise", "AlternRock", "Bass", "Soul", "Punk", "Space", "Meditative", "Instrumental Pop",
    "Instrumental Rock", "Ethnic", "Gothic", "Darkwave", "Techno-Industrial", "Electronic", "Pop-Folk",
    "Eurodance", "Dream", "Southern Rock", "Comedy", "Cult", "Gangsta", "Top 40", "Christian Rap", "Pop/Funk",
    "Jungle", "Native American", "Cabaret", "New Wave", "Psychedelic", "Rave", "Showtunes", "Trailer", "Lo-Fi",
    "Tribal", "Acid Punk", "Acid Jazz", "Polka", "Retro", "Musical", "Rock & Roll", "Hard Rock",
)


# The default emotion -> genre alignment: a weak prior for people who have stated no favourite genre, which
# their own favourites and reactions override (music/learning.py). A judgement call, reviewed here only.
EMOTION_GENRES: dict[str, tuple[str, ...]] = {
    "angry": ("metal", "punk", "rock", "hip hop"),
    "disgust": ("punk", "metal", "rock"),
    "fear": ("ambient", "soundtrack", "classical", "electronic"),
    "happy": ("pop", "electronic", "reggae", "r&b", "latin"),
    "sad": ("folk", "blues", "r&b", "jazz", "classical"),
    "surprise": ("electronic", "pop", "rock", "hip hop"),
    "neutral": ("jazz", "folk", "ambient", "pop"),
}
