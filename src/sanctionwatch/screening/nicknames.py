"""Common given-name diminutives that share too few letters to match by spelling.

A short, hand-written table of everyday English usage (Ted for Theodore, Bill for
William); each group is one name, its full form first. Only whole tokens are looked up: a
diminutive and its full name are nicknames of each other (``encoded.py`` turns the groups
into bits the compiled scorer compares).
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
