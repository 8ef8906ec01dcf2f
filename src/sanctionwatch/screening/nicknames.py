"""Common given-name diminutives that share too few letters to match by spelling.

A short, hand-written table of everyday English usage (Ted for Theodore, Bill for
William); each group is one name. Only whole tokens are looked up.
"""

from __future__ import annotations

# Each group: a full name, then its diminutives.
NICKNAME_GROUPS = (
    ("theodore", "ted", "teddy", "theo"),
    ("edward", "ted", "ed", "eddie", "ned"),
    ("william", "bill", "billy", "will", "willy"),
    ("robert", "bob", "bobby", "rob", "robbie", "bert"),
    ("richard", "dick", "rick", "rich", "ricky"),
    ("james", "jim", "jimmy", "jamie"),
    ("john", "jack", "johnny"),
    ("michael", "mike", "mick", "mikey"),
    ("benjamin", "ben", "benny", "bibi"),
    ("elizabeth", "liz", "beth", "betty", "lizzy", "eliza"),
    ("margaret", "maggie", "meg", "peggy", "marge"),
    ("catherine", "kate", "cathy", "katie", "kathy"),
    ("katherine", "kate", "kathy", "katie"),
    ("alexander", "alex", "sasha", "sandy"),
    ("aleksandr", "sasha", "sanya"),
    ("vladimir", "volodya", "vova"),
    ("dmitry", "dima"),
    ("charles", "charlie", "chuck"),
    ("thomas", "tom", "tommy"),
    ("joseph", "joe", "joey"),
    ("anthony", "tony"),
    ("daniel", "dan", "danny"),
    ("david", "dave", "davy"),
    ("andrew", "andy", "drew"),
    ("christopher", "chris", "kit"),
    ("nicholas", "nick", "nicky"),
    ("samuel", "sam", "sammy"),
    ("stephen", "steve"),
    ("steven", "steve"),
    ("jonathan", "jon"),
    ("patrick", "pat", "paddy"),
    ("henry", "harry", "hank"),
    ("lawrence", "larry"),
    ("gerald", "gerry", "jerry"),
    ("abraham", "abe"),
    ("mohammed", "mo", "hamid"),
)

NICKNAMES: dict[str, frozenset[str]] = {}
for _name, *_shorts in NICKNAME_GROUPS:
    for _short in _shorts:
        NICKNAMES[_name] = NICKNAMES.get(_name, frozenset()) | {_short}
        NICKNAMES[_short] = NICKNAMES.get(_short, frozenset()) | {_name}


def are_nicknames(a: str, b: str) -> bool:
    """True when one token is a common diminutive of the other."""
    return b in NICKNAMES.get(a, ())
