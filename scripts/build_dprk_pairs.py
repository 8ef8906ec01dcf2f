"""Build ``tests/screening/data/dprk_pairs.csv``, the labelled DPRK name pairs.

The pairs are curated by hand in the tables below; this script only assembles them,
checks them against the lists they cite and writes the CSV in a fixed order, so the
output is deterministic. The tests read the CSV and never run this script.

Three kinds of pair:

* list pairs: both names are written in the cited list entry (a primary name and an
  alias, or two aliases; or, for negatives, the names of two different designees);
* hand pairs: one name is written in the cited entry and the other is a variant (or a
  near miss) written by hand; the source reads ``hand:<entry>``;
* pure hand pairs (``hand``): neither name is a list name as written (e.g. the Hangul
  of a designee against its South Korean Hangul spelling).

Every name that the tables claim comes from a list is looked up in that list; a
mismatch stops the build. Usage::

    python scripts/build_dprk_pairs.py [--shared ../shared] [--out PATH]

``--out`` defaults to ``tests/screening/data/dprk_pairs.csv``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree

ROOT = Path(__file__).resolve().parent.parent
UN_FILE = Path("data/lists/un/consolidated-2025-08-02.xml")
OFAC_SDN = Path("data/lists/ofac/2024-05-03/sdn.csv")
# The 2024-05-03 snapshot has no alt.csv; aliases of the same ent_num come from 2021-04.
OFAC_ALT = Path("data/lists/ofac/2021-04/alt.csv")
HEADER = ("schema", "name1", "name2", "is_match", "variant", "source")

PER = "Person"
ORG = "Organization"
COM = "Company"
VES = "Vessel"


@dataclass(frozen=True)
class Pair:
    schema: str
    name1: str
    name2: str
    is_match: bool
    variant: str
    source: str
    # List entries whose names must include name1 / name2 (None: written by hand).
    from1: str | None
    from2: str | None


# The data tables below keep one pair per line for review; the formatter leaves them alone.
# fmt: off
# ---------------------------------------------------------------------------------------
# Person, positives taken from the lists: (entry, name, alias, variant).
# Aliases that are different names (Kim Hak Song for KIM SONG CHOL, Jiang Wen-ji for KANG
# MUN KIL, Min Byong Chun for MIN BYONG CHOL, Pak Chang-Ho for PAEK CHANG-HO, ...) are left
# out: they are not spellings of the same name.
PERSON_LIST_ALIASES: list[tuple[str, str, str, str]] = [
    ("UN KPi.001", "YUN HO-JIN", "Yun Ho-chin", "voicing"),
    ("UN KPi.002", "RI JE-SON", "Ri Che-son", "voicing"),
    ("UN KPi.006", "PAEK CHANG-HO", "Paek Ch'ang-Ho", "mr_apostrophe"),
    ("UN KPi.007", "CHANG MYONG-CHIN", "Jang Myong-Jin", "voicing"),
    ("UN KPi.008", "RA KY'ONG-SU", "Ra Kyung-Su", "sk_spelling"),
    ("UN KPi.008", "RA KY'ONG-SU", "Ra Kyong-Su", "mr_apostrophe"),
    ("UN KPi.008", "Chang Myo’ng-Ho", "Chang Myong Ho", "mr_apostrophe"),
    ("UN KPi.012", "MUN CHO'NG-CH'O'L", "Mun Chong-Chol", "mr_apostrophe"),
    ("UN KPi.013", "CHOE CHUN-SIK", "Ch’oe Ch’un Sik", "mr_apostrophe"),
    ("UN KPi.015", "HYON KWANG IL", "Hyon Gwang Il", "voicing"),
    ("UN KPi.018", "JON MYONG GUK", "Cho’n Myo’ng-kuk", "mr_apostrophe"),
    ("UN KPi.021", "KIM JUNG JONG", "Kim Chung Chong", "voicing"),
    ("UN KPi.023", "KIM TONG MY’ONG", "Kim Tong-Myong", "mr_apostrophe"),
    ("UN KPi.023", "Kim Tong-Myo’ng", "Kim Tong Myong", "mr_apostrophe"),
    ("UN KPi.023", "Kim Chin-So’k", "Kim Jin-Sok", "voicing"),
    ("UN KPi.024", "KIM YONG CHOL", "Kim Young-Chol", "sk_spelling"),
    ("UN KPi.024", "KIM YONG CHOL", "Kim Young-Cheol", "rr"),
    ("UN KPi.034", "JO YONG CHOL", "Cho Yong Chol", "voicing"),
    ("UN KPi.037", "CHANG CHANG HA", "Jang Chang Ha", "voicing"),
    ("UN KPi.038", "CHO CHUN RYONG", "Jo Chun Ryong", "voicing"),
    ("UN KPi.040", "CHO IL U", "Cho Il Woo", "sk_spelling"),
    ("UN KPi.040", "Cho Ch’o’l", "Jo Chol", "mr_apostrophe"),
    ("UN KPi.041", "CHO YON CHUN", "Jo Yon Jun", "voicing"),
    ("UN KPi.043", "JO YONG-WON", "Cho Yongwon", "spacing"),
    ("UN KPi.045", "KIM KYONG OK", "Kim Kyong Ok", "case"),
    ("UN KPi.047", "MIN BYONG CHOL", "Min Pyo’ng-ch’o’l", "mr_apostrophe"),
    ("UN KPi.047", "MIN BYONG CHOL", "Min Byong-chol", "hyphen"),
    ("UN KPi.048", "PAEK SE BONG", "Paek Se Pong", "voicing"),
    ("UN KPi.050", "PAK TO CHUN", "Pak Do Chun", "voicing"),
    ("UN KPi.050", "PAK TO CHUN", "Pak To’-Ch’un", "mr_apostrophe"),
    ("UN KPi.051", "RI JAE IL", "RI Chae-Il", "voicing"),
    ("UN KPi.053", "RI YONG MU", "Ri Yong-Mu", "hyphen"),
    ("UN KPi.054", "CHOE CHUN YONG", "Ch’oe Ch’un-yo’ng", "mr_apostrophe"),
    ("UN KPi.055", "HAN JANG SU", "Chang-Su Han", "order"),
    ("UN KPi.063", "PAK YONG SIK", "Pak Yo’ng-sik", "mr_apostrophe"),
    ("UN KPi.064", "CH'OE SO’K MIN", "Choe Sok Min", "mr_apostrophe"),
    ("UN KPi.065", "CHU HYO’K", "Ju Hyok", "voicing"),
    ("UN KPi.066", "KIM JONG SIK", "Kim Cho’ng-sik", "mr_apostrophe"),
    ("UN KPi.067", "KIM KYONG IL", "Kim Kyo'ng-il", "mr_apostrophe"),
    ("UN KPi.073", "PAK BONG NAM", "Pak Pong Nam", "voicing"),
    ("UN KPi.076", "RI PYONG CHUL", "Ri Pyo’ng-ch’o’l", "mr_apostrophe"),
    ("UN KPi.076", "RI PYONG CHUL", "Ri Pyong Chol", "sk_spelling"),
    ("UN KPi.078", "RI U’N SO’NG", "Ri Eun Song", "sk_spelling"),
    ("UN KPi.078", "RI U’N SO’NG", "Ri Un Song", "mr_apostrophe"),
    ("OFAC 15771", "O, Kuk-Ryol", "O, Ku'k-ryo'l", "mr_apostrophe"),
    ("OFAC 18668", "RI, Chong Chol", "RI, Jong Chol", "voicing"),
    ("OFAC 19496", "HWANG, Pyong So", "HWANG, Pyo'ng-so'", "mr_apostrophe"),
    ("OFAC 20120", "CHOE, Pu Il", "CHOI, Bu-il", "sk_spelling"),
    ("OFAC 20120", "CHOE, Pu Il", "CH'OE, Pu-il", "mr_apostrophe"),
    ("OFAC 20576", "CHANG, Kyong-hwa", "JANG, Kyong Hwa", "voicing"),
    ("OFAC 21304", "KANG, P'il-Hun", "KANG, Phil Hun", "mr_apostrophe"),
    ("OFAC 21304", "KANG, P'il-Hun", "KANG, Pil Hoon", "sk_spelling"),
    ("OFAC 21444", "KIM, Yo Jong", "KIM, Yo'-cho'ng", "mr_apostrophe"),
    ("OFAC 22984", "PANG, Su Nam", "PANG, Sunam", "spacing"),
    ("OFAC 22999", "RYOM, Hui-bong", "RYO'M, Hu'i-pong", "mr_apostrophe"),
    ("OFAC 23086", "RI, Thae Chol", "RI, Tae-Chol", "aspiration"),
    ("OFAC 23087", "SIN, Yong Il", "SHIN, Yong Il", "sk_spelling"),
    ("OFAC 23089", "KU, Sung Sop", "KU, Seung Sub", "sk_spelling"),
    ("OFAC 23212", "JONG, Kyong Thaek", "CHO'NG, Kyo'ng-t'aek", "mr_apostrophe"),
    ("OFAC 23213", "CHOE, Ryong Hae", "CH'OE, Ryong-hae", "mr_apostrophe"),
    ("OFAC 23483", "KIM, Chol", "KIM, Ch'o'l", "mr_apostrophe"),
    ("OFAC 23516", "PAK, Kwang Hun", "PAK, Gwang Hun", "voicing"),
    ("OFAC 23516", "PAK, Kwang Hun", "BAK, Gwang Hun", "rr"),
    ("OFAC 24607", "RI, Jong Won", "RI, Jung Won", "sk_spelling"),
    ("OFAC 24918", "PARK, Jin Hyok", "PAK, Jin Hyok", "sk_spelling"),
    ("OFAC 24918", "PARK, Jin Hyok", "PAK, Ch'in-hyo'k", "mr_apostrophe"),
    ("OFAC 22609", "LI, Hong Ri", "LI, Hongri", "spacing"),
    ("OFAC 26928", "CHEN, Mei Hsiang", "CHEN, Mei-Hsiang", "hyphen"),
    ("OFAC 24517", "KOLCHANOV, Vasili Aleksandrovich", "KOLCHANOV, Vasiliy Aleksandrovich",
     "spelling"),
]

# The same designee on both lists, as each list writes the name: (UN, name, OFAC, name).
PERSON_CROSS_LIST: list[tuple[str, str, str, str]] = [
    ("UN KPi.024", "KIM YONG CHOL", "OFAC 17614", "KIM, Yong Chol"),
    ("UN KPi.026", "RI MAN GON", "OFAC 19491", "RI, Man Gon"),
    ("UN KPi.063", "PAK YONG SIK", "OFAC 19497", "PAK, Yong Sik"),
    ("UN KPi.036", "KIM SOK CHOL", "OFAC 17622", "KIM, Sok Chol"),
    ("UN KPi.042", "CHOE HWI", "OFAC 21306", "CHOE, Hwi"),
    ("UN KPi.061", "KIM NAM UNG", "OFAC 21746", "KIM, Nam Ung"),
    ("UN KPi.076", "RI PYONG CHUL", "OFAC 23215", "RI, Pyong Chol"),
    ("UN KPi.064", "CH'OE SO’K MIN", "OFAC 23001", "CH'OE, So'k-min"),
]

# Person, hand-written spellings of list names: (entry, list name, [(variant, form), ...]).
# Hangul is the designee's name where it is public (Kim Jong Un, Choe Ryong Hae, Ri Yong
# Gil, ...), otherwise the one reading the list romanisation allows. Cyrillic follows the
# Russian press (Kontsevich with press habits: Ким Чен Ын, Ли Ён Гиль, Чхве Рён Хэ).
PERSON_FORMS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("OFAC 20157", "KIM, Jong Un", [
        ("hangul", "김정은"), ("cyrillic", "Ким Чен Ын"), ("rr", "Gim Jeong-eun"),
        ("mr_breve", "Kim Chŏng-ŭn"), ("order", "Jong Un Kim"), ("case", "kim jong un"),
    ]),
    ("UN KPi.024", "KIM YONG CHOL", [("hangul", "김영철"), ("cyrillic", "Ким Ён Чхоль")]),
    ("OFAC 21444", "KIM, Yo Jong", [
        ("hangul", "김여정"), ("cyrillic", "Ким Ё Чжон"), ("rr", "Kim Yeo-jeong"),
    ]),
    ("OFAC 23213", "CHOE, Ryong Hae", [
        ("hangul", "최룡해"), ("cyrillic", "Чхве Рён Хэ"), ("sk_spelling", "Choi Ryong-hae"),
    ]),
    ("OFAC 19496", "HWANG, Pyong So", [
        ("hangul", "황병서"), ("rr", "Hwang Byeong-seo"), ("mr_breve", "Hwang Pyŏng-sŏ"),
    ]),
    ("OFAC 33936", "RI, Yong Gil", [
        ("hangul", "리영길"), ("cyrillic", "Ли Ён Гиль"), ("sk_spelling", "Lee Yeong-gil"),
        ("spacing", "Ri Yonggil"), ("order", "Yong Gil Ri"), ("hangul", "이영길"),
    ]),
    ("UN KPi.063", "PAK YONG SIK", [
        ("hangul", "박영식"), ("cyrillic", "Пак Ён Сик"), ("sk_spelling", "Park Young-sik"),
    ]),
    ("OFAC 23212", "JONG, Kyong Thaek", [("hangul", "정경택"), ("rr", "Jeong Gyeong-taek")]),
    ("OFAC 21443", "KIM, Won Hong", [("cyrillic", "Ким Вон Хон")]),
    ("UN KPi.026", "RI MAN GON", [("cyrillic", "Ли Ман Гон"), ("sk_spelling", "Lee Man-geon")]),
    ("UN KPi.076", "RI PYONG CHUL", [
        ("hangul", "리병철"), ("rr", "Ri Byeong-cheol"), ("sk_spelling", "Lee Byung-chul"),
    ]),
    ("UN KPi.066", "KIM JONG SIK", [("hangul", "김정식"), ("rr", "Kim Jeong-sik")]),
    ("OFAC 15771", "O, Kuk-Ryol", [("cyrillic", "О Гык Рёль"), ("mr_breve", "O Kŭk-ryŏl")]),
    ("OFAC 20120", "CHOE, Pu Il", [("hangul", "최부일")]),
    ("UN KPi.051", "RI JAE IL", [("cyrillic", "Ли Джэ Иль"), ("sk_spelling", "Lee Jae-il")]),
    ("UN KPi.045", "KIM KYONG OK", [("hangul", "김경옥")]),
    ("UN KPi.041", "CHO YON CHUN", [("cyrillic", "Чо Ён Чжун")]),
    ("UN KPi.047", "MIN BYONG CHOL", [("hangul", "민병철"), ("sk_spelling", "Min Byung-chul")]),
    ("UN KPi.042", "CHOE HWI", [("cyrillic", "Чхве Хви"), ("sk_spelling", "Choi Hwi")]),
    ("UN KPi.043", "JO YONG-WON", [("hangul", "조용원"), ("order", "Yong-Won Jo")]),
    ("UN KPi.052", "RI SU YONG", [("cyrillic", "Ли Су Ён")]),
    ("UN KPi.050", "PAK TO CHUN", [("sk_spelling", "Park Do-chun")]),
    ("OFAC 39498", "KIM, Su Gil", [("hangul", "김수길")]),
    ("OFAC 20126", "KIM, Ki Nam", [("cyrillic", "Ким Ги Нам"), ("rr", "Gim Gi-nam")]),
    ("UN KPi.053", "RI YONG MU", [("hangul", "리용무")]),
    ("UN KPi.073", "PAK BONG NAM", [("sk_spelling", "Park Bong-nam")]),
    ("UN KPi.001", "YUN HO-JIN", [("hangul", "윤호진")]),
    ("UN KPi.015", "HYON KWANG IL", [("rr", "Hyeon Gwang-il")]),
    ("UN KPi.065", "CHU HYO’K", [("hangul", "주혁"), ("sk_spelling", "Joo Hyuk")]),
    ("UN KPi.012", "MUN CHO'NG-CH'O'L", [("hangul", "문정철"), ("mr_breve", "Mun Chŏng-ch'ŏl")]),
    ("UN KPi.011", "KO CH'O'L-CHAE", [("rr", "Go Cheol-jae")]),
    ("UN KPi.004", "RI HONG-SOP", [("hangul", "리홍섭")]),
    ("UN KPi.048", "PAEK SE BONG", [("sk_spelling", "Paik Se-bong")]),
    ("UN KPi.007", "CHANG MYONG-CHIN", [("rr", "Jang Myeong-jin")]),
    ("UN KPi.018", "JON MYONG GUK", [("hangul", "전명국")]),
    ("UN KPi.019", "KANG MUN KIL", [("cyrillic", "Кан Мун Гиль")]),
    ("UN KPi.013", "CHOE CHUN-SIK", [("hangul", "최춘식")]),
    ("UN KPi.031", "SON JONG HYOK", [("cyrillic", "Сон Чон Хёк")]),
    ("UN KPi.033", "RI WON HO", [("hangul", "리원호")]),
    ("UN KPi.038", "CHO CHUN RYONG", [("cyrillic", "Чо Чхун Рён")]),
    ("UN KPi.072", "PAE WON UK", [("hangul", "배원욱")]),
    ("UN KPi.078", "RI U’N SO’NG", [("hangul", "리은성"), ("mr_breve", "Ri Ŭn-sŏng")]),
    ("UN KPi.067", "KIM KYONG IL", [("mr_breve", "Kim Kyŏng-il")]),
    ("UN KPi.027", "RYU JIN", [("hangul", "류진")]),
    ("UN KPi.009", "KIM KWANG-IL", [("cyrillic", "Ким Гван Иль")]),
    ("UN KPi.010", "YO'N CHO'NG NAM", [("rr", "Yeon Jeong-nam")]),
    ("UN KPi.071", "MUN KYONG HWAN", [("sk_spelling", "Moon Kyung-hwan")]),
    ("OFAC 24517", "KOLCHANOV, Vasili Aleksandrovich", [
        ("cyrillic", "Колчанов Василий Александрович"),
    ]),
    ("OFAC 22610", "PISKLIN, Mikhail Yur'evich", [("cyrillic", "Писклин Михаил Юрьевич")]),
    ("OFAC 37621", "KOZLOV, Sergey Mikhaylovich", [("cyrillic", "Козлов Сергей Михайлович")]),
    ("OFAC 23170", "SUN, Sidong", [("order", "Sidong Sun")]),
]

# Pure hand positives: two written forms of one designee's name, neither as the list
# writes it: (entry the name belongs to, form, form, variant).
PERSON_HAND_POSITIVE: list[tuple[str, str, str, str]] = [
    # South Korean Hangul drops an initial r/l (dueum beopchik): 리 -> 이, 룡 -> 용, 라 -> 나.
    ("OFAC 33936", "리영길", "이영길", "hangul_dueum"),
    ("OFAC 23213", "최룡해", "최용해", "hangul_dueum"),
    ("UN KPi.026", "리만건", "이만건", "hangul_dueum"),
    ("UN KPi.052", "리수용", "이수용", "hangul_dueum"),
    ("UN KPi.008", "라경수", "나경수", "hangul_dueum"),
    # The same name in two non-Latin scripts.
    ("OFAC 20157", "김정은", "Ким Чен Ын", "hangul_cyrillic"),
    ("OFAC 33936", "리영길", "Ли Ён Гиль", "hangul_cyrillic"),
    ("OFAC 19496", "황병서", "Хван Пён Со", "hangul_cyrillic"),
    # Revised Romanization against McCune-Reischauer with apostrophes.
    ("UN KPi.024", "Gim Yeong-cheol", "Kim Yo'ng-ch'o'l", "rr"),
]

# Person negatives: names of two different designees.
# (entry, name, entry, name, variant)
PERSON_DESIGNEE_NEGATIVES: list[tuple[str, str, str, str, str]] = [
    ("UN KPi.030", "KIM SONG CHOL", "UN KPi.036", "KIM SOK CHOL", "different_designees"),
    ("UN KPi.024", "KIM YONG CHOL", "UN KPi.034", "JO YONG CHOL", "different_surname"),
    ("UN KPi.024", "KIM YONG CHOL", "OFAC 21743", "KIM, Yong Su", "different_designees"),
    ("UN KPi.024", "KIM YONG CHOL", "UN KPi.030", "KIM SONG CHOL", "different_designees"),
    ("UN KPi.068", "KIM TONG CHOL", "UN KPi.024", "KIM YONG CHOL", "different_designees"),
    ("UN KPi.068", "KIM TONG CHOL", "UN KPi.046", "KIM TONG-HO", "different_designees"),
    ("UN KPi.060", "KIM MUN CHOL", "UN KPi.068", "KIM TONG CHOL", "different_designees"),
    ("UN KPi.060", "KIM MUN CHOL", "UN KPi.012", "MUN CHO'NG-CH'O'L", "different_designees"),
    ("UN KPi.067", "KIM KYONG IL", "UN KPi.045", "KIM KYONG OK", "different_designees"),
    ("UN KPi.067", "KIM KYONG IL", "OFAC 37658", "KANG, Kyong Il", "different_surname"),
    ("UN KPi.067", "KIM KYONG IL", "OFAC 23007", "KIM, Kyong Hyok", "different_designees"),
    ("UN KPi.067", "KIM KYONG IL", "UN KPi.009", "KIM KWANG-IL", "different_designees"),
    ("UN KPi.074", "RI CHUN HWAN", "UN KPi.075", "RI CHUN SONG", "different_designees"),
    ("UN KPi.013", "CHOE CHUN-SIK", "UN KPi.054", "CHOE CHUN YONG", "different_designees"),
    ("UN KPi.079", "PAK MUN IL", "UN KPi.029", "PAK CHUN IL", "different_designees"),
    ("UN KPi.076", "RI PYONG CHUL", "UN KPi.047", "MIN BYONG CHOL", "different_surname"),
    ("UN KPi.076", "RI PYONG CHUL", "OFAC 20121", "RI, Song Chol", "different_designees"),
    ("OFAC 20121", "RI, Song Chol", "UN KPi.077", "RI SONG HYOK", "different_designees"),
    ("OFAC 20121", "RI, Song Chol", "OFAC 18668", "RI, Chong Chol", "different_designees"),
    ("OFAC 20121", "RI, Song Chol", "UN KPi.056", "JANG SONG CHOL", "different_surname"),
    ("UN KPi.056", "JANG SONG CHOL", "OFAC 46131", "JANG, Myong Chol", "different_designees"),
    ("UN KPi.017", "JANG YONG SON", "UN KPi.056", "JANG SONG CHOL", "different_designees"),
    ("UN KPi.044", "KIM CHOL NAM", "OFAC 23008", "PAK, Chol Nam", "different_surname"),
    ("UN KPi.044", "KIM CHOL NAM", "UN KPi.035", "KIM CHOL SAM", "different_designees"),
    ("UN KPi.044", "KIM CHOL NAM", "OFAC 21327", "KIM, Il-Nam", "different_designees"),
    ("OFAC 17617", "KIM, Kwang Chun", "OFAC 17618", "KIM, Kwang Yon", "different_designees"),
    ("OFAC 17617", "KIM, Kwang Chun", "UN KPi.009", "KIM KWANG-IL", "different_designees"),
    ("OFAC 18848", "KIM, Kwang Hyok", "UN KPi.009", "KIM KWANG-IL", "different_designees"),
    ("UN KPi.033", "RI WON HO", "OFAC 23009", "RI, Ho Nam", "different_designees"),
    ("UN KPi.053", "RI YONG MU", "OFAC 33936", "RI, Yong Gil", "different_designees"),
    ("UN KPi.051", "RI JAE IL", "OFAC 24607", "RI, Jong Won", "different_designees"),
    ("UN KPi.051", "RI JAE IL", "OFAC 37657", "RI, Sung Il", "different_designees"),
    ("OFAC 26944", "KIM, Su Il", "OFAC 39498", "KIM, Su Gil", "different_designees"),
    ("OFAC 22991", "KIM, Sang-ho", "OFAC 43377", "KIM, Sang Man", "different_designees"),
    ("OFAC 43616", "CHOE, Un Jong", "OFAC 46449", "CHOE, Un Hyok", "different_designees"),
    ("OFAC 46129", "CHOE, Song Chol", "OFAC 23482", "CHOE, Song Nam", "different_designees"),
    ("UN KPi.014", "CHOE SONG IL", "OFAC 23482", "CHOE, Song Nam", "different_designees"),
    ("UN KPi.014", "CHOE SONG IL", "OFAC 46129", "CHOE, Song Chol", "different_designees"),
    ("OFAC 24979", "JONG, Song Hwa", "OFAC 48269", "JONG, Song Ho", "different_designees"),
    ("OFAC 23516", "PAK, Kwang Hun", "OFAC 26168", "PAK, Kwang Ho", "different_designees"),
    ("OFAC 22992", "KIM, Jong Man", "UN KPi.066", "KIM JONG SIK", "different_designees"),
    ("OFAC 22992", "KIM, Jong Man", "OFAC 23505", "KIM, Man Chun", "different_designees"),
    ("OFAC 22990", "KO, Chol Man", "OFAC 48267", "HAN, Chol Man", "different_surname"),
    ("OFAC 24997", "RI, Song Un", "UN KPi.078", "RI U’N SO’NG", "swapped_syllables"),
    ("OFAC 21743", "KIM, Yong Su", "OFAC 23091", "JONG, Yong Su", "different_surname"),
    ("UN KPi.032", "KIM SE GON", "UN KPi.026", "RI MAN GON", "different_designees"),
    ("OFAC 23086", "RI, Thae Chol", "OFAC 23512", "RYANG, Tae Chol", "different_surname"),
    ("OFAC 23087", "SIN, Yong Il", "OFAC 23000", "HO, Yong Il", "different_surname"),
    ("OFAC 23483", "KIM, Chol", "UN KPi.044", "KIM CHOL NAM", "subset_name"),
    ("OFAC 23508", "KIM, Song", "UN KPi.030", "KIM SONG CHOL", "subset_name"),
    ("UN KPi.022", "KIM KYU", "OFAC 23477", "KIM, Ho Kyu", "subset_name"),
    ("OFAC 40205", "KIM, Myong Chol", "OFAC 23092", "KIM, Min Chol", "different_designees"),
    ("OFAC 40205", "KIM, Myong Chol", "OFAC 46131", "JANG, Myong Chol", "different_surname"),
    ("OFAC 23090", "JO, Kyong-Chol", "UN KPi.034", "JO YONG CHOL", "different_designees"),
    ("OFAC 23482", "CHOE, Song Nam", "OFAC 20130", "KANG, Song Nam", "different_surname"),
]

# Person negatives written by hand against a list name: (entry, list name, other, variant).
# Every changed syllable is a different Hangul syllable under every romanisation (Sik 식 /
# Sok 석, Chol 철 / Chun 춘, Gil 길 / Il 일); no change is o/u, ŏ/o, k/g or the like.
PERSON_HAND_NEGATIVES: list[tuple[str, str, str, str]] = [
    ("UN KPi.066", "KIM JONG SIK", "Kim Jong Sok", "near_miss_syllable"),
    ("UN KPi.024", "KIM YONG CHOL", "Kim Yong Chun", "near_miss_syllable"),
    ("OFAC 20157", "KIM, Jong Un", "Kim Jong Il", "near_miss_syllable"),
    ("OFAC 20157", "KIM, Jong Un", "Kim Jong Nam", "near_miss_syllable"),
    ("OFAC 21444", "KIM, Yo Jong", "Kim Yo Jin", "near_miss_syllable"),
    ("OFAC 33936", "RI, Yong Gil", "Ri Yong Il", "near_miss_syllable"),
    ("OFAC 33936", "RI, Yong Gil", "Ri Yong Ho", "near_miss_syllable"),
    ("UN KPi.063", "PAK YONG SIK", "Pak Yong Su", "near_miss_syllable"),
    ("OFAC 19496", "HWANG, Pyong So", "Hwang Pyong Ho", "near_miss_syllable"),
    ("OFAC 23213", "CHOE, Ryong Hae", "Choe Ryong Su", "near_miss_syllable"),
    ("OFAC 23213", "CHOE, Ryong Hae", "Choe Ryong Ho", "near_miss_syllable"),
    ("UN KPi.076", "RI PYONG CHUL", "Ri Pyong Chun", "near_miss_syllable"),
    ("UN KPi.026", "RI MAN GON", "Ri Man Gil", "near_miss_syllable"),
    ("UN KPi.047", "MIN BYONG CHOL", "Min Byong Sik", "near_miss_syllable"),
    ("UN KPi.043", "JO YONG-WON", "Jo Yong-Nam", "near_miss_syllable"),
    ("UN KPi.045", "KIM KYONG OK", "Kim Kyong Ae", "near_miss_syllable"),
    ("UN KPi.041", "CHO YON CHUN", "Cho Yon Chol", "near_miss_syllable"),
    ("UN KPi.052", "RI SU YONG", "Ri Su Il", "near_miss_syllable"),
    ("UN KPi.050", "PAK TO CHUN", "Pak To Chol", "near_miss_syllable"),
    ("OFAC 39498", "KIM, Su Gil", "Kim Su Gon", "near_miss_syllable"),
    ("OFAC 20126", "KIM, Ki Nam", "Kim Ki Man", "near_miss_syllable"),
    ("UN KPi.053", "RI YONG MU", "Ri Yong Mun", "near_miss_syllable"),
    ("UN KPi.073", "PAK BONG NAM", "Pak Bong Man", "near_miss_syllable"),
    ("UN KPi.001", "YUN HO-JIN", "Yun Ho-jun", "near_miss_syllable"),
    ("UN KPi.015", "HYON KWANG IL", "Hyon Kang Il", "near_miss_syllable"),
    ("UN KPi.065", "CHU HYO’K", "Chu Hyon", "near_miss_syllable"),
    ("UN KPi.012", "MUN CHO'NG-CH'O'L", "Mun Chang-chol", "near_miss_syllable"),
    ("UN KPi.048", "PAEK SE BONG", "Paek Se Bok", "near_miss_syllable"),
    ("UN KPi.009", "KIM KWANG-IL", "Kim Kwang-ho", "near_miss_syllable"),
    ("UN KPi.019", "KANG MUN KIL", "Kang Mun Il", "near_miss_syllable"),
    ("UN KPi.013", "CHOE CHUN-SIK", "Choe Chun-sok", "near_miss_syllable"),
    ("UN KPi.033", "RI WON HO", "Ri Won Hak", "near_miss_syllable"),
    ("UN KPi.037", "CHANG CHANG HA", "Chang Chang Ho", "near_miss_syllable"),
    ("UN KPi.038", "CHO CHUN RYONG", "Cho Chun Ryol", "near_miss_syllable"),
    ("UN KPi.072", "PAE WON UK", "Pae Wan Uk", "near_miss_syllable"),
    ("UN KPi.078", "RI U’N SO’NG", "Ri Un Sok", "near_miss_syllable"),
    ("UN KPi.067", "KIM KYONG IL", "Kim Kyong Ik", "near_miss_syllable"),
    ("OFAC 21443", "KIM, Won Hong", "Kim Won Hyong", "near_miss_syllable"),
    ("OFAC 23212", "JONG, Kyong Thaek", "Jong Kyong Chol", "near_miss_syllable"),
    ("OFAC 15771", "O, Kuk-Ryol", "O Kuk-Chol", "near_miss_syllable"),
    ("OFAC 20120", "CHOE, Pu Il", "Choe Pu Nam", "near_miss_syllable"),
    ("UN KPi.051", "RI JAE IL", "Ri Jae Ho", "near_miss_syllable"),
    ("UN KPi.060", "KIM MUN CHOL", "Kim Mun Chun", "near_miss_syllable"),
    ("UN KPi.027", "RYU JIN", "Ryu Jun", "near_miss_syllable"),
    ("UN KPi.042", "CHOE HWI", "Choe Hui", "near_miss_syllable"),
    ("UN KPi.066", "KIM JONG SIK", "Kim Jeong-seok", "near_miss_rr"),
    ("OFAC 33936", "RI, Yong Gil", "Lee Yeong-ho", "near_miss_rr"),
    ("UN KPi.024", "KIM YONG CHOL", "Kim Young-chun", "near_miss_rr"),
    ("UN KPi.063", "PAK YONG SIK", "Park Young-su", "near_miss_rr"),
    ("OFAC 20157", "KIM, Jong Un", "Kim Jeong-il", "near_miss_rr"),
    ("OFAC 23213", "CHOE, Ryong Hae", "Choi Ryong-su", "near_miss_rr"),
    ("OFAC 19496", "HWANG, Pyong So", "Hwang Byeong-ho", "near_miss_rr"),
    ("UN KPi.076", "RI PYONG CHUL", "Lee Byung-hun", "near_miss_rr"),
    ("UN KPi.044", "KIM CHOL NAM", "Kim Nam Chol", "swapped_syllables"),
    ("OFAC 23008", "PAK, Chol Nam", "Pak Nam Chol", "swapped_syllables"),
    ("OFAC 21327", "KIM, Il-Nam", "Kim Nam-Il", "swapped_syllables"),
    ("UN KPi.067", "KIM KYONG IL", "Kim Il Kyong", "swapped_syllables"),
    ("UN KPi.030", "KIM SONG CHOL", "Kim Chol Song", "swapped_syllables"),
    ("OFAC 21743", "KIM, Yong Su", "Kim Su Yong", "swapped_syllables"),
    ("UN KPi.058", "JO CHOL SONG", "Jo Song Chol", "swapped_syllables"),
    ("UN KPi.075", "RI CHUN SONG", "Ri Song Chun", "swapped_syllables"),
    ("UN KPi.079", "PAK MUN IL", "Pak Il Mun", "swapped_syllables"),
    ("UN KPi.014", "CHOE SONG IL", "Choe Il Song", "swapped_syllables"),
    ("OFAC 23505", "KIM, Man Chun", "Kim Chun Man", "swapped_syllables"),
    ("UN KPi.069", "KO CHOL MAN", "Ko Man Chol", "swapped_syllables"),
    ("OFAC 20157", "KIM, Jong Un", "Kim Pyong Il", "different_person_same_surname"),
    ("UN KPi.024", "KIM YONG CHOL", "Kim Chang Ho", "different_person_same_surname"),
    ("OFAC 33936", "RI, Yong Gil", "Ri Chun Hui", "different_person_same_surname"),
    ("UN KPi.063", "PAK YONG SIK", "Pak Pong Ju", "different_person_same_surname"),
    ("OFAC 23213", "CHOE, Ryong Hae", "Choe Thae Bok", "different_person_same_surname"),
    ("OFAC 19496", "HWANG, Pyong So", "Hwang Sun Hui", "different_person_same_surname"),
    ("OFAC 21444", "KIM, Yo Jong", "Kim Kyong Hui", "different_person_same_surname"),
    ("UN KPi.026", "RI MAN GON", "Ri Il Hwan", "different_person_same_surname"),
    ("OFAC 15771", "O, Kuk-Ryol", "O Jin U", "different_person_same_surname"),
    ("UN KPi.052", "RI SU YONG", "Ri Son Gwon", "different_person_same_surname"),
    ("OFAC 20126", "KIM, Ki Nam", "Kim Yong Nam", "different_person_same_surname"),
    ("UN KPi.047", "MIN BYONG CHOL", "Min Song Il", "different_person_same_surname"),
    ("OFAC 37621", "KOZLOV, Sergey Mikhaylovich", "Kozlov Sergey Nikolayevich",
     "different_person_same_surname"),
    ("OFAC 24517", "KOLCHANOV, Vasili Aleksandrovich", "Kolchanov Viktor Aleksandrovich",
     "different_person_same_surname"),
    # Hangul or Cyrillic against a Latin list name: a different syllable, not a spelling.
    ("OFAC 20157", "KIM, Jong Un", "김정일", "near_miss_hangul"),
    ("OFAC 33936", "RI, Yong Gil", "리영호", "near_miss_hangul"),
    ("UN KPi.063", "PAK YONG SIK", "박영수", "near_miss_hangul"),
    ("OFAC 23213", "CHOE, Ryong Hae", "최룡수", "near_miss_hangul"),
    ("UN KPi.024", "KIM YONG CHOL", "김영춘", "near_miss_hangul"),
    ("OFAC 19496", "HWANG, Pyong So", "황병호", "near_miss_hangul"),
    ("OFAC 20157", "KIM, Jong Un", "Ким Чен Ир", "near_miss_cyrillic"),
    ("OFAC 33936", "RI, Yong Gil", "Ли Ён Хо", "near_miss_cyrillic"),
    ("UN KPi.063", "PAK YONG SIK", "Пак Ён Су", "near_miss_cyrillic"),
    ("UN KPi.024", "KIM YONG CHOL", "Ким Ён Чхун", "near_miss_cyrillic"),
    ("UN KPi.076", "RI PYONG CHUL", "Ли Сон Чхоль", "near_miss_cyrillic"),
    ("UN KPi.053", "RI YONG MU", "Ли Ён Гиль", "near_miss_cyrillic"),
]

# Pure hand negatives: both names written by hand in one script (entry, name, name, variant).
# Hangul against Hangul: one syllable differs although both romanise alike without breves
# (정 chŏng / 종 chong, 영 yŏng / 용 yong), or differs outright.
PERSON_HAND_PAIR_NEGATIVES: list[tuple[str, str, str, str]] = [
    ("OFAC 20157", "김정은", "김종은", "near_miss_hangul"),
    ("OFAC 20157", "김정은", "김정일", "near_miss_hangul"),
    ("OFAC 21444", "김여정", "김여진", "near_miss_hangul"),
    ("OFAC 23213", "최룡해", "최영해", "near_miss_hangul"),
    ("OFAC 19496", "황병서", "황명서", "near_miss_hangul"),
    ("OFAC 33936", "리영길", "리영일", "near_miss_hangul"),
    ("OFAC 33936", "리영길", "리용길", "near_miss_hangul"),
    ("UN KPi.024", "김영철", "김용철", "near_miss_hangul"),
    ("UN KPi.063", "박영식", "박용식", "near_miss_hangul"),
    ("UN KPi.076", "리병철", "리명철", "near_miss_hangul"),
    ("UN KPi.066", "김정식", "김종식", "near_miss_hangul"),
    ("UN KPi.051", "리재일", "리제일", "near_miss_hangul"),
    ("UN KPi.043", "조용원", "조영원", "near_miss_hangul"),
    ("UN KPi.047", "민병철", "민병칠", "near_miss_hangul"),
    ("OFAC 39498", "김수길", "김수일", "near_miss_hangul"),
    ("UN KPi.065", "주혁", "주현", "near_miss_hangul"),
    ("UN KPi.044", "김철남", "김남철", "swapped_syllables"),
    ("OFAC 20157", "Ким Чен Ын", "Ким Чен Ир", "near_miss_cyrillic"),
    ("OFAC 20157", "Ким Чен Ын", "Ким Чен Нам", "near_miss_cyrillic"),
    ("OFAC 33936", "Ли Ён Гиль", "Ли Ён Хо", "near_miss_cyrillic"),
    ("OFAC 23213", "Чхве Рён Хэ", "Чхве Рён Су", "near_miss_cyrillic"),
    ("UN KPi.024", "Ким Ён Чхоль", "Ким Ён Чхун", "near_miss_cyrillic"),
    ("OFAC 19496", "Хван Пён Со", "Хван Пён Хо", "near_miss_cyrillic"),
    ("OFAC 21444", "Ким Ё Чжон", "Ким Ё Чжин", "near_miss_cyrillic"),
]

# ---------------------------------------------------------------------------------------
# Organizations and companies.

# Positives from the lists: (schema, entry, name, alias, variant); entry may be "A + B"
# when the two names are the same body as the UN and OFAC lists write it.
ENTITY_LIST_POSITIVES: list[tuple[str, str, str, str, str]] = [
    (COM, "UN KPe.002", "KOREA RYONBONG GENERAL CORPORATION", "KOREA YONBONG GENERAL CORPORATION",
     "dueum"),
    (COM, "UN KPe.004", "NAMCHONGANG TRADING CORPORATION", "NAMCHONGANG TRADING", "legal_form"),
    (COM, "UN KPe.004", "NAMCHONGANG TRADING CORPORATION", "NAM CHON GANG CORPORATION", "spacing"),
    (COM, "UN KPe.004", "Korea Daeryonggang Trading Corporation",
     "Korea Tearyonggang Trading Corporation", "spelling"),
    (COM, "UN KPe.008", "Ryungseng Trading Corporation", "Ryung Seng Trading Corporation",
     "spacing"),
    (COM, "UN KPe.009", "AMROGGANG DEVELOPMENT BANKING CORPORATION", "AMROGGANG Development Bank",
     "legal_form"),
    (COM, "UN KPe.009", "AMROGGANG Development Bank", "Amnokkang Development Bank", "romanisation"),
    (COM, "UN KPe.010", "CHONGSONG YONHAP", "CH'O'NGSONG YO'NHAP", "mr_apostrophe"),
    (COM, "UN KPe.011", "KOREA HEUNGJIN TRADING COMPANY", "Korea Hengjin Trading Company",
     "romanisation"),
    (COM, "UN KPe.013", "Dongbang BANK", "TONGBANG BANK", "voicing"),
    (COM, "UN KPe.016", "KOREA RYONHA MACHINERY JOINT VENTURE CORPORATION",
     "Korea Ryenha Machinery J/V Corporation", "abbreviation"),
    (COM, "UN KPe.016", "KOREA RYONHA MACHINERY JOINT VENTURE CORPORATION",
     "Ryonha Machinery Joint Venture Corporation", "country_word"),
    (COM, "UN KPe.017", "LEADER (HONG KONG) INTERNATIONAL",
     "Leader (Hong Kong) International Trading Limited", "legal_form"),
    (COM, "UN KPe.022", "CHONGCHONGANG SHIPPING COMPANY", "Chong Chon Gang Shipping Co. Ltd.",
     "spacing"),
    (COM, "UN KPe.023", "DAEDONG CREDIT BANK (DCB)", "Taedong Credit Bank", "voicing"),
    (COM, "UN KPe.023", "DAEDONG CREDIT BANK (DCB)", "Dae-Dong Credit Bank", "hyphen"),
    (COM, "UN KPe.035", "KOREA DAESONG BANK", "Taesong Bank", "voicing"),
    (COM, "UN KPe.042", "KOREA DAESONG GENERAL TRADING CORPORATION",
     "Korea Daesong Trading Corporation", "legal_form"),
    (COM, "UN KPe.039", "Choson International Chemicals Joint Operation Company",
     "Chosun International Chemicals Joint Operation Company", "romanisation"),
    (COM, "UN KPe.055", "CHANG AN SHIPPING & TECHNOLOGY", "CHANG AN SHIPPING AND TECHNOLOGY",
     "ampersand"),
    (COM, "UN KPe.056", "CHONMYONG SHIPPING CO", "CHON MYONG SHIPPING COMPANY LIMITED",
     "legal_form"),
    (COM, "UN KPe.062", "KOREA ANSAN SHIPPING COMPANY", "KOREA ANSAN SHPG COMPANY", "abbreviation"),
    (COM, "UN KPe.020 + OFAC 17068", "OCEAN MARITIME MANAGEMENT COMPANY, LIMITED (OMM)",
     "OCEAN MARITIME MANAGEMENT COMPANY LIMITED", "cross_list"),
    (COM, "UN KPe.048 + OFAC 20573", "KOREAN NATIONAL INSURANCE COMPANY (KNIC)",
     "KOREA NATIONAL INSURANCE CORPORATION", "cross_list"),
    (COM, "UN KPe.064 + OFAC 23712", "KOREA SAMJONG SHIPPING", "KOREA SAMJONG SHIPPING CO",
     "cross_list"),
    (COM, "UN KPe.073 + OFAC 23769", "SHEN ZHONG INTERNATIONAL SHIPPING",
     "SHEN ZHONG INTERNATIONAL SHPG", "cross_list"),
    (COM, "UN KPe.060 + OFAC 23825", "KINGLY WON INTERNATIONAL CO., LTD",
     "KINGLY WON INTERNATIONAL CO., LTD.", "cross_list"),
    (COM, "UN KPe.047 + OFAC 15603", "FOREIGN TRADE BANK (FTB)",
     "FOREIGN TRADE BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "country_qualifier"),
    (COM, "UN KPe.008 + OFAC 11599", "KOREAN TANGUN TRADING CORPORATION",
     "KOREA TANGUN TRADING CORPORATION", "cross_list"),
    (COM, "OFAC 9345", "KOREA MINING DEVELOPMENT TRADING CORPORATION",
     "NORTH KOREAN MINING DEVELOPMENT TRADING CORPORATION", "translation"),
    (COM, "OFAC 19587", "KOREAN BUYON SHIPPING CO. LTD.", "KOREAN BUYON SHIPPING COMPANY LIMITED",
     "legal_form"),
    (COM, "OFAC 20579", "DAEWON INDUSTRIES", "TAEWO'N INDUSTRIES", "mr_apostrophe"),
    (COM, "OFAC 20581", "KOREA OIL EXPLORATION CORPORATION", "CHOSUN OIL EXPLORATION COMPANY",
     "translation"),
    (COM, "OFAC 21724", "PAEKSOL TRADING CORPORATION", "PAEKSO'L TRADING CORPORATION",
     "mr_apostrophe"),
    (COM, "OFAC 21724", "PAEKSOL TRADING CORPORATION", "BAEKSOL TRADING", "voicing"),
    (COM, "OFAC 22325", "KOREA ZINC INDUSTRIAL GROUP", "KOREA ZINC INDUSTRY GROUP", "word_form"),
    (COM, "OFAC 22323", "KOREA COMPUTER CENTER", "CHOSON COMPUTER CENTER", "translation"),
    (COM, "OFAC 23171", "DANDONG DONGYUAN INDUSTRIAL CO., LTD.",
     "DANDONG DONGYUAN INDUSTRY CO., LTD.", "word_form"),
    (COM, "OFAC 23183", "KOREA KUMBYOL TRADING COMPANY", "KUMBYOL TRADING", "legal_form"),
    (COM, "OFAC 23520", "KOREA MARINE & INDUSTRIAL TRDG", "KOREA MARINE AND INDUSTRIAL TRDG",
     "ampersand"),
    (COM, "OFAC 24606", "COMMERCIAL BANK AGROSOYUZ", "LLC COMMERCIAL BANK AGROSOYUZ", "legal_form"),
    (COM, "OFAC 26931", "JUI ZONG SHIP MANAGEMENT CO LTD", "JUI ZONG SHIP MANAGEMENT CO., LTD.",
     "punctuation"),
    (COM, "OFAC 27383", "KOREA NAMGANG TRADING CORPORATION", "DPRK NAMGANG TRADING COMPANY",
     "translation"),
    (COM, "OFAC 27533", "SILVER BRIDGE SHIPPING CO-HKG", "SILVER BRIDGE SHIPPING CO., LIMITED",
     "legal_form"),
    (COM, "OFAC 27688", "THINH CUONG COMPANY LIMITED", "CONG TY TNHH THINH CUONG", "legal_form"),
    (COM, "OFAC 28546", "TAEJIN TRADING CORPORATION", "TAECHIN TRADING CORPORATION", "voicing"),
    (COM, "OFAC 30082", "KOREA CHOLSAN GENERAL TRADING CORPORATION", "CHOLSAN TRADING COMPANY",
     "legal_form"),
    (COM, "OFAC 30083", "MOKRAN LLC", "OOO MOKRAN", "legal_form"),
    (COM, "OFAC 24516", "PROFINET PTE. LTD.", "PROFINET, OOO", "legal_form"),
    (COM, "OFAC 48260", "LIMITED LIABILITY COMPANY ALIS", "ALIS LLC", "legal_form"),
    (COM, "OFAC 20520", "AIR KORYO", "AIRKORYO", "spacing"),
    (ORG, "UN KPe.012", "KOREAN COMMITTEE FOR SPACE TECHNOLOGY",
     "DPRK Committee for Space Technology", "translation"),
    (ORG, "UN KPe.018", "SECOND ACADEMY OF NATURAL SCIENCES", "2ND ACADEMY OF NATURAL SCIENCES",
     "numeral"),
    (ORG, "UN KPe.030", "OFFICE 39", "Office #39", "numeral"),
    (ORG, "UN KPe.030", "OFFICE 39", "Office No. 39", "numeral"),
    (ORG, "UN KPe.054", "MINISTRY OF NATIONAL DEFENCE", "MINISTRY OF NATIONAL DEFENSE", "spelling"),
    (ORG, "UN KPe.031 + OFAC 12210", "Chongch’al Ch’ongguk", "CHONGCH'AL CH'ONGGUK", "punctuation"),
    (ORG, "UN KPe.051 + OFAC 19489",
     "CENTRAL MILITARY COMMISSION OF THE WORKERS’ PARTY OF KOREA (CMC)",
     "WORKERS' PARTY OF KOREA CENTRAL MILITARY COMMISSION", "order"),
    (ORG, "UN KPe.052 + OFAC 20123", "ORGANIZATION AND GUIDANCE DEPARTMENT (OGD)",
     "ORGANIZATION AND GUIDANCE DEPARTMENT", "acronym"),
    (ORG, "UN KPe.053 + OFAC 19528", "PROPAGANDA AND AGITATION DEPARTMENT (PAD)",
     "PROPAGANDA AND AGITATION DEPARTMENT", "acronym"),
    (ORG, "UN KPe.054 + OFAC 22285", "MINISTRY OF THE PEOPLE’S ARMED FORCES (MPAF)",
     "MINISTRY OF PEOPLE'S ARMED FORCES", "punctuation"),
    (ORG, "OFAC 19528", "KOREAN WORKERS PARTY, PROPAGANDA AND AGITATION DEPARTMENT",
     "PROPAGANDA AND AGITATION DEPARTMENT, WORKERS PARTY OF KOREA", "order"),
    (ORG, "OFAC 23211", "MINISTRY OF CRUDE OIL INDUSTRY", "CRUDE OIL INDUSTRY MINISTRY", "order"),
    (ORG, "OFAC 27308", "APT 38", "APT38", "spacing"),
]

# Hand-written forms of entity names: (schema, entry, list name, [(variant, form), ...]).
ENTITY_FORMS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (COM, "UN KPe.002", "KOREA RYONBONG GENERAL CORPORATION", [
        ("legal_form", "Korea Ryonbong General Corp."),
        ("country_word", "Ryonbong General Corporation"),
    ]),
    (COM, "UN KPe.010", "CHO'NGSONG UNITED TRADING COMPANY", [
        ("mr_apostrophe", "Chongsong United Trading Co."),
    ]),
    (COM, "UN KPe.010", "CHONGSONG YONHAP", [("hangul", "청송연합")]),
    (COM, "UN KPe.013", "TONGBANG U’NHAENG", [("hangul", "동방은행")]),
    (COM, "UN KPe.035", "Choson Taesong Unhaeng", [("hangul", "조선대성은행")]),
    (COM, "UN KPe.025", "KOREA KWANGSON BANKING CORPORATION (KKBC)", [
        ("legal_form", "Korea Kwangson Banking Corp."),
    ]),
    (COM, "UN KPe.003", "TANCHON COMMERCIAL BANK", [("case", "Tanchon Commercial Bank")]),
    (COM, "UN KPe.058", "HAPJANGGANG SHIPPING CORP", [
        ("spacing", "Hap Jang Gang Shipping Corporation"),
    ]),
    (COM, "UN KPe.057", "FIRST OIL JV CO LTD", [
        ("abbreviation", "First Oil Joint Venture Co., Ltd."),
    ]),
    (COM, "UN KPe.063", "KOREA MYONGDOK SHIPPING CO", [
        ("mr_apostrophe", "Korea Myo'ngdo'k Shipping Co"),
    ]),
    (COM, "OFAC 30083", "MOKRAN LLC", [("cyrillic", "ООО Мокран")]),
    (COM, "OFAC 36217", "INTELLEKT LLC", [("cyrillic", "ООО Интеллект")]),
    (COM, "OFAC 35758", "RK BRIZ, OOO", [("cyrillic", "ООО РК Бриз")]),
    (ORG, "UN KPe.007", "GENERAL BUREAU OF ATOMIC ENERGY (GBAE)", [
        ("acronym", "General Bureau of Atomic Energy"),
    ]),
    (ORG, "UN KPe.012", "KOREAN COMMITTEE FOR SPACE TECHNOLOGY", [
        ("acronym", "Korean Committee for Space Technology (KCST)"),
    ]),
    (ORG, "UN KPe.018", "CHE 2 CHAYON KWAHAKWON", [
        ("hyphen", "Che 2 Chayon Kwahak-won"), ("hangul", "제2자연과학원"),
    ]),
    (ORG, "UN KPe.018", "KUKPANG KWAHAK-WON", [
        ("hangul", "국방과학원"), ("rr", "Gukbang Gwahagwon"),
    ]),
    (ORG, "UN KPe.018", "CHAYON KWAHAK-WON", [("hangul", "자연과학원")]),
    (ORG, "UN KPe.031", "RECONNAISSANCE GENERAL BUREAU", [
        ("acronym", "Reconnaissance General Bureau (RGB)"),
    ]),
    (ORG, "UN KPe.031", "Chongch’al Ch’ongguk", [
        ("hangul", "정찰총국"), ("mr_apostrophe", "Chongchal Chongguk"),
    ]),
    (ORG, "UN KPe.046", "STRATEGIC ROCKET FORCE OF THE KOREAN PEOPLE’S ARMY", [
        ("punctuation", "Strategic Rocket Force of the Korean People's Army"),
    ]),
    (ORG, "OFAC 23173", "MARITIME ADMINISTRATION OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", [
        ("abbreviation", "Maritime Administration of the DPRK"),
    ]),
    (ORG, "OFAC 27308", "BLUENOROFF", [("spacing", "Blue Noroff")]),
]

# Entity negatives: two different designated bodies (schema, entry, name, entry, name, variant).
ENTITY_DESIGNEE_NEGATIVES: list[tuple[str, str, str, str, str, str]] = [
    (COM, "UN KPe.001", "KOREA MINING DEVELOPMENT TRADING CORPORATION", "UN KPe.002",
     "KOREA RYONBONG GENERAL CORPORATION", "shared_word"),
    (COM, "UN KPe.001", "KOREA MINING DEVELOPMENT TRADING CORPORATION", "UN KPe.014",
     "KOREA KUMRYONG TRADING CORPORATION", "shared_word"),
    (COM, "UN KPe.014", "KOREA KUMRYONG TRADING CORPORATION", "UN KPe.044",
     "KOREA KUMSAN TRADING CORPORATION", "near_miss_word"),
    (COM, "UN KPe.044", "KOREA KUMSAN TRADING CORPORATION", "OFAC 23183",
     "KOREA KUMBYOL TRADING COMPANY", "near_miss_word"),
    (COM, "UN KPe.038", "KOREA PUGANG TRADING CORPORATION", "UN KPe.026",
     "KOREA KWANGSONG TRADING CORPORATION", "shared_word"),
    (COM, "UN KPe.025", "KOREA KWANGSON BANKING CORPORATION (KKBC)", "UN KPe.026",
     "KOREA KWANGSONG TRADING CORPORATION", "near_miss_word"),
    (COM, "UN KPe.006", "KOREA HYOKSIN TRADING CORPORATION", "UN KPe.011",
     "KOREA HEUNGJIN TRADING COMPANY", "near_miss_word"),
    (COM, "UN KPe.035", "KOREA DAESONG BANK", "UN KPe.042",
     "KOREA DAESONG GENERAL TRADING CORPORATION", "shared_word"),
    (COM, "UN KPe.035", "KOREA DAESONG BANK", "UN KPe.041", "KOREA TAESONG TRADING COMPANY",
     "shared_word"),
    (COM, "UN KPe.023", "DAEDONG CREDIT BANK (DCB)", "UN KPe.049",
     "Daesong Credit Development Bank", "near_miss_word"),
    (COM, "UN KPe.045", "KORYO BANK", "UN KPe.049", "KORYO CREDIT DEVELOPMENT BANK", "shared_word"),
    (COM, "UN KPe.045", "KORYO BANK", "OFAC 23004", "KORYO COMMERCIAL BANK LTD.", "shared_word"),
    (COM, "UN KPe.033", "KOREA UNITED DEVELOPMENT BANK", "UN KPe.049",
     "KORYO CREDIT DEVELOPMENT BANK", "shared_word"),
    (COM, "UN KPe.033", "KOREA UNITED DEVELOPMENT BANK", "OFAC 23002",
     "INTERNATIONAL INDUSTRIAL DEVELOPMENT BANK", "shared_word"),
    (COM, "OFAC 23003", "JINSONG JOINT BANK", "OFAC 23006", "JINMYONG JOINT BANK",
     "near_miss_word"),
    (COM, "OFAC 22983", "AGRICULTURAL DEVELOPMENT BANK", "UN KPe.033",
     "KOREA UNITED DEVELOPMENT BANK", "shared_word"),
    (COM, "OFAC 23005", "RYUGYONG COMMERCIAL BANK", "UN KPe.003", "TANCHON COMMERCIAL BANK",
     "shared_word"),
    (COM, "OFAC 20570", "RASON INTERNATIONAL COMMERCIAL BANK", "UN KPe.034",
     "ILSIM INTERNATIONAL BANK", "shared_word"),
    (COM, "OFAC 20571", "KUMGANG BANK", "UN KPe.045", "KORYO BANK", "shared_word"),
    (COM, "OFAC 18953", "HAEJIN SHIP MANAGEMENT COMPANY LIMITED", "OFAC 18954",
     "YONGJIN SHIP MANAGEMENT COMPANY LIMITED", "near_miss_word"),
    (COM, "OFAC 18954", "YONGJIN SHIP MANAGEMENT COMPANY LIMITED", "OFAC 18955",
     "PYONGJIN SHIP MANAGEMENT COMPANY LIMITED", "near_miss_word"),
    (COM, "UN KPe.022", "CHONGCHONGANG SHIPPING COMPANY", "OFAC 19569", "CHONGBONG SHIPPING CO LTD",
     "near_miss_word"),
    (COM, "UN KPe.004", "NAMCHONGANG TRADING CORPORATION", "OFAC 27383",
     "KOREA NAMGANG TRADING CORPORATION", "near_miss_word"),
    (COM, "OFAC 19613", "KOREA RUNGRADO GENERAL TRADING CORPORATION", "OFAC 23154",
     "KOREA RUNGRADO SHIPPING CO", "shared_word"),
    (COM, "OFAC 19613", "KOREA RUNGRADO GENERAL TRADING CORPORATION", "OFAC 23153",
     "KOREA RUNGRADO RYONGAK TRADING CO", "shared_word"),
    (COM, "UN KPe.062", "KOREA ANSAN SHIPPING COMPANY", "UN KPe.061", "KOREA ACHIM SHIPPING CO",
     "shared_word"),
    (COM, "UN KPe.065", "KOREA SAMMA SHIPPING CO", "UN KPe.064", "KOREA SAMJONG SHIPPING",
     "near_miss_word"),
    (COM, "UN KPe.063", "KOREA MYONGDOK SHIPPING CO", "UN KPe.068", "MYOHYANG SHIPPING CO",
     "near_miss_word"),
    (COM, "UN KPe.066", "KOREA YUJONG SHIPPING CO LTD", "OFAC 23149", "YUSONG SHIPPING CO",
     "near_miss_word"),
    (COM, "UN KPe.069", "PAEKMA SHIPPING CO", "OFAC 21724", "PAEKSOL TRADING CORPORATION",
     "near_miss_word"),
    (COM, "OFAC 23513", "HWASONG SHIPPING CO LTD", "OFAC 19574", "HOERYONG SHIPPING CO LTD",
     "shared_word"),
    (COM, "OFAC 23510", "GOORYONG SHIPPING CO LTD", "OFAC 19574", "HOERYONG SHIPPING CO LTD",
     "near_miss_word"),
    (COM, "OFAC 23720", "SONGWON SHIPPING & MANAGEMENT", "OFAC 23718",
     "POCHON SHIPPING & MANAGEMENT", "shared_word"),
    (COM, "OFAC 23723", "TONGHUNG SHIPPING & TRADING CO", "OFAC 23710",
     "KOREA UNPHA SHIPPING & TRADING", "shared_word"),
    (COM, "OFAC 19579", "KOREA SAMILPO SHIPPING CO", "UN KPe.065", "KOREA SAMMA SHIPPING CO",
     "near_miss_word"),
    (COM, "OFAC 17068", "OCEAN MARITIME MANAGEMENT COMPANY LIMITED", "OFAC 19571",
     "OCEAN BUNKERING JV CO", "shared_word"),
    (COM, "UN KPe.057", "FIRST OIL JV CO LTD", "OFAC 19571", "OCEAN BUNKERING JV CO",
     "shared_word"),
    (COM, "OFAC 20578", "MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES", "OFAC 22703",
     "MANSUDAE OVERSEAS PROJECTS ARCHITECTURAL AND TECHNICAL SERVICES (PTY) LIMITED",
     "shared_word"),
    (COM, "OFAC 22614", "DANDONG TIANFU TRADE CO., LTD.", "OFAC 23476",
     "DANDONG JINXIANG TRADE CO., LTD.", "shared_word"),
    (COM, "OFAC 23476", "DANDONG JINXIANG TRADE CO., LTD.", "OFAC 23176",
     "DANDONG XIANGHE TRADING CO., LTD.", "near_miss_word"),
    (COM, "OFAC 23177", "DANDONG HONGDA TRADE CO. LTD.", "OFAC 22614",
     "DANDONG TIANFU TRADE CO., LTD.", "shared_word"),
    (COM, "OFAC 23171", "DANDONG DONGYUAN INDUSTRIAL CO., LTD.", "OFAC 23175",
     "DANDONG KEHUA ECONOMY & TRADE CO., LTD.", "shared_word"),
    (COM, "OFAC 26930", "JUI CHENG SHIPPING COMPANY LIMITED", "OFAC 26929",
     "JUI PANG SHIPPING CO LTD", "shared_word"),
    (COM, "OFAC 26931", "JUI ZONG SHIP MANAGEMENT CO LTD", "OFAC 26930",
     "JUI CHENG SHIPPING COMPANY LIMITED", "shared_word"),
    (COM, "OFAC 24566", "DALIAN SUN MOON STAR INTERNATIONAL LOGISTICS TRADING CO., LTD",
     "OFAC 22624", "DALIAN GLOBAL UNITY SHIPPING CO., LTD.", "shared_word"),
    (COM, "OFAC 26243", "DALIAN HAIBO INTERNATIONAL FREIGHT CO. LTD.", "OFAC 26244",
     "LIAONING DANXING INTERNATIONAL FORWARDING CO. LTD.", "shared_word"),
    (COM, "OFAC 24977", "YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD.", "OFAC 24978",
     "VOLASYS SILVER STAR", "shared_word"),
    (COM, "UN KPe.037", "KOREA FOREIGN TECHNICAL TRADE CENTER", "OFAC 22323",
     "KOREA COMPUTER CENTER", "shared_word"),
    (COM, "OFAC 22324", "SONGI TRADING COMPANY", "UN KPe.024", "HESONG TRADING COMPANY",
     "near_miss_word"),
    (COM, "UN KPe.015", "TOSONG TECHNOLOGY TRADING CORPORATION", "UN KPe.043",
     "KANGBONG TRADING CORPORATION", "shared_word"),
    (COM, "UN KPe.043", "KANGBONG TRADING CORPORATION", "UN KPe.002",
     "KOREA RYONBONG GENERAL CORPORATION", "near_miss_word"),
    (COM, "OFAC 30082", "KOREA CHOLSAN GENERAL TRADING CORPORATION", "OFAC 39500",
     "CHILSONG TRADING CORPORATION", "near_miss_word"),
    (COM, "OFAC 39499", "KOREA PAEKHO TRADING CORPORATION", "OFAC 21724",
     "PAEKSOL TRADING CORPORATION", "near_miss_word"),
    (COM, "OFAC 28546", "KOREA DAIZIN TRADING CORP.", "UN KPe.042",
     "KOREA DAESONG GENERAL TRADING CORPORATION", "shared_word"),
    (COM, "OFAC 20574", "KOREA HAEGUMGANG TRADING CORPORATION", "UN KPe.004",
     "NAMCHONGANG TRADING CORPORATION", "shared_word"),
    (ORG, "OFAC 20129", "MINISTRY OF STATE SECURITY", "OFAC 20118", "MINISTRY OF PEOPLE'S SECURITY",
     "shared_word"),
    (ORG, "OFAC 22283", "STATE AFFAIRS COMMISSION", "OFAC 21323", "STATE PLANNING COMMISSION",
     "shared_word"),
    (ORG, "UN KPe.052", "ORGANIZATION AND GUIDANCE DEPARTMENT (OGD)", "UN KPe.053",
     "PROPAGANDA AND AGITATION DEPARTMENT (PAD)", "shared_word"),
    (ORG, "OFAC 19490", "NATIONAL DEFENSE COMMISSION", "UN KPe.054", "MINISTRY OF NATIONAL DEFENCE",
     "shared_word"),
    (ORG, "OFAC 19490", "NATIONAL DEFENSE COMMISSION", "OFAC 19489",
     "WORKERS' PARTY OF KOREA CENTRAL MILITARY COMMISSION", "shared_word"),
    (ORG, "UN KPe.031", "RECONNAISSANCE GENERAL BUREAU", "OFAC 43337",
     "TECHNICAL RECONNAISSANCE BUREAU", "shared_word"),
    (ORG, "UN KPe.007", "GENERAL BUREAU OF ATOMIC ENERGY (GBAE)", "UN KPe.027",
     "MINISTRY OF ATOMIC ENERGY INDUSTRY", "shared_word"),
    (ORG, "UN KPe.028", "MUNITIONS INDUSTRY DEPARTMENT", "UN KPe.027",
     "MINISTRY OF ATOMIC ENERGY INDUSTRY", "shared_word"),
    (ORG, "UN KPe.032", "SECOND ECONOMIC COMMITTEE", "UN KPe.018",
     "SECOND ACADEMY OF NATURAL SCIENCES", "shared_word"),
    (ORG, "OFAC 19789", "MINISTRY OF STATE SECURITY PRISONS BUREAU", "OFAC 19790",
     "MINISTRY OF PEOPLE'S SECURITY CORRECTIONAL BUREAU", "shared_word"),
    (ORG, "OFAC 20129", "MINISTRY OF STATE SECURITY", "OFAC 40135",
     "MINISTRY OF STATE SECURITY BORDER GUARD GENERAL BUREAU", "sub_unit"),
    (ORG, "OFAC 22284", "KOREAN PEOPLE'S ARMY", "OFAC 22285", "MINISTRY OF PEOPLE'S ARMED FORCES",
     "shared_word"),
    (ORG, "OFAC 21308", "MINISTRY OF LABOR", "OFAC 23211", "MINISTRY OF CRUDE OIL INDUSTRY",
     "shared_word"),
    (ORG, "OFAC 27307", "LAZARUS GROUP", "OFAC 27309", "ANDARIEL", "different_organization"),
    (ORG, "OFAC 23083", "EXTERNAL CONSTRUCTION BUREAU", "OFAC 19611",
     "KOREA GENERAL CORPORATION FOR EXTERNAL CONSTRUCTION", "shared_word"),
    (ORG, "OFAC 23085", "MILITARY SECURITY COMMAND", "OFAC 20129", "MINISTRY OF STATE SECURITY",
     "shared_word"),
]

# Entity negatives written by hand: (schema, entry, list name, other, variant).
ENTITY_HAND_NEGATIVES: list[tuple[str, str, str, str, str]] = [
    (COM, "UN KPe.025", "KOREA KWANGSON BANKING CORPORATION (KKBC)",
     "Korea Kwangmyong Banking Corporation", "near_miss_word"),
    (COM, "UN KPe.035", "Choson Taesong Unhaeng", "조선대동은행", "near_miss_hangul"),
    (ORG, "UN KPe.030", "OFFICE 39", "Office 38", "number_differs"),
    (ORG, "UN KPe.031", "KPA Unit 586", "KPA Unit 568", "number_differs"),
    (ORG, "OFAC 43338", "110TH RESEARCH CENTER", "101st Research Center", "number_differs"),
    (ORG, "UN KPe.031", "Chongch’al Ch’ongguk", "정치총국", "near_miss_hangul"),
    (ORG, "UN KPe.018", "KUKPANG KWAHAK-WON", "국가과학원", "near_miss_hangul"),
    (ORG, "OFAC 43336", "PYONGYANG UNIVERSITY OF AUTOMATION",
     "Pyongyang University of Science and Technology", "shared_word"),
]

# ---------------------------------------------------------------------------------------
# Vessels (all OFAC; the UN consolidated list has no vessel entries).

VESSEL_FORMS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("OFAC 23734", "SAM JONG 2", [
        ("spacing", "SAMJONG 2"), ("vessel_number", "SAM JONG NO.2"),
        ("vessel_number", "SAM JONG II"), ("vessel_number", "Sam Jong No. 2"),
        ("hyphen", "SAM JONG-2"),
    ]),
    ("OFAC 23733", "SAM JONG 1", [("vessel_number", "SAM JONG NO 1")]),
    ("OFAC 23729", "CHON MA SAN", [
        ("spacing", "CHONMASAN"), ("hangul", "천마산"), ("mr_apostrophe", "CH'ONMASAN"),
        ("rr", "CHEONMASAN"),
    ]),
    ("OFAC 17069", "CHONG CHON GANG", [("spacing", "CHONGCHONGANG"), ("hangul", "청천강")]),
    ("OFAC 17084", "AM NOK GANG", [("hangul", "압록강")]),
    ("OFAC 17085", "BAEK MA KANG", [("voicing", "PAEK MA GANG"), ("hangul", "백마강")]),
    ("OFAC 17087", "HWANG GUM SAN 2", [
        ("vessel_number", "HWANG GUM SAN NO.2"), ("voicing", "HWANG KUM SAN 2"),
        ("hangul", "황금산 2"), ("vessel_number", "HWANG GUM SAN II"),
    ]),
    ("OFAC 17088", "HYOK SIN 2", [("spacing", "HYOKSIN 2")]),
    ("OFAC 17089", "JANG JA SAN CHONG NYON HO", [("spacing", "JANGJASAN CHONGNYON HO")]),
    ("OFAC 17090", "JON JIN 2", [("vessel_number", "JON JIN NO.2")]),
    ("OFAC 17092", "MU DU BONG", [("spacing", "MUDUBONG")]),
    ("OFAC 17093", "O UN CHONG NYON HO", [("spacing", "OUN CHONGNYON HO")]),
    ("OFAC 17094", "PO THONG GANG", [("rr", "BOTONG GANG"), ("hangul", "보통강")]),
    ("OFAC 17105", "TAE DONG GANG", [("rr", "DAEDONG GANG"), ("hangul", "대동강")]),
    ("OFAC 17103", "RYONG GANG 2", [("spacing", "RYONGGANG 2")]),
    ("OFAC 23186", "RYE SONG GANG 1", [("vessel_number", "RYE SONG GANG NO.1")]),
    ("OFAC 23157", "YU SONG 12", [
        ("vessel_number", "YU SONG NO.12"), ("vessel_number", "YU SONG XII"),
    ]),
    ("OFAC 23158", "YU SONG 7", [("vessel_number", "YU SONG VII")]),
    ("OFAC 23160", "KUM SONG 3", [("vessel_number", "KUM SONG III")]),
    ("OFAC 23163", "KUM UN SAN 3", [("spacing", "KUMUNSAN 3")]),
    ("OFAC 23166", "RUNG RA DO", [("spacing", "RUNGRADO")]),
    ("OFAC 23187", "SO BAEK SAN", [("hangul", "소백산")]),
    ("OFAC 23525", "UL JI BONG 6", [("spacing", "ULJIBONG 6")]),
    ("OFAC 23728", "HAP JANG GANG 6", [("spacing", "HAPJANGGANG 6")]),
    ("OFAC 23731", "KUM GANG 3", [("rr", "GEUMGANG 3")]),
    ("OFAC 23732", "YU PHYONG 5", [("aspiration", "YU PYONG 5")]),
    ("OFAC 23735", "SAM MA 2", [("spacing", "SAMMA 2")]),
    ("OFAC 23736", "YU JONG 2", [("vessel_number", "YU JONG NO 2")]),
    ("OFAC 19597", "THAE PYONG SAN", [("spacing", "THAEPHYONGSAN")]),
    ("OFAC 19570", "EVER BRIGHT 88", [("spacing", "EVERBRIGHT 88")]),
    ("OFAC 19572", "GOLD STAR 3", [("spacing", "GOLDSTAR 3")]),
    ("OFAC 19582", "SOUTH HILL 2", [("vessel_number", "SOUTH HILL NO.2")]),
    ("OFAC 23776", "XIN GUANG HAI", [("spacing", "XINGUANGHAI")]),
]

VESSEL_LIST_POSITIVES: list[tuple[str, str, str, str]] = [
    ("OFAC 17084", "AM NOK GANG", "AP ROK GANG", "romanisation"),
]

VESSEL_DESIGNEE_NEGATIVES: list[tuple[str, str, str, str, str]] = [
    ("OFAC 23733", "SAM JONG 1", "OFAC 23734", "SAM JONG 2", "vessel_number_differs"),
    ("OFAC 23734", "SAM JONG 2", "OFAC 23735", "SAM MA 2", "different_vessels"),
    ("OFAC 23517", "KUM UN SAN", "OFAC 23163", "KUM UN SAN 3", "vessel_number_missing"),
    ("OFAC 19592", "MI RIM", "OFAC 19593", "MI RIM 2", "vessel_number_missing"),
    ("OFAC 27408", "ASIA BRIDGE", "OFAC 23778", "ASIA BRIDGE 1", "vessel_number_missing"),
    ("OFAC 23168", "RUNG RA 1", "OFAC 23169", "RUNG RA 2", "vessel_number_differs"),
    ("OFAC 23166", "RUNG RA DO", "OFAC 23168", "RUNG RA 1", "different_vessels"),
    ("OFAC 19598", "TONG HUNG 1", "OFAC 23743", "TONG HUNG 5", "vessel_number_differs"),
    ("OFAC 23160", "KUM SONG 3", "OFAC 23161", "KUM SONG 5", "vessel_number_differs"),
    ("OFAC 23161", "KUM SONG 5", "OFAC 23162", "KUM SONG 7", "vessel_number_differs"),
    ("OFAC 23160", "KUM SONG 3", "OFAC 23163", "KUM UN SAN 3", "different_vessels"),
    ("OFAC 23158", "YU SONG 7", "OFAC 23157", "YU SONG 12", "vessel_number_differs"),
    ("OFAC 23738", "JI SONG 6", "OFAC 23739", "JI SONG 8", "vessel_number_differs"),
    ("OFAC 19594", "RA NAM 2", "OFAC 19595", "RA NAM 3", "vessel_number_differs"),
    ("OFAC 19582", "SOUTH HILL 2", "OFAC 19584", "SOUTH HILL 5", "vessel_number_differs"),
    ("OFAC 23770", "HAO FAN 2", "OFAC 23771", "HAO FAN 6", "vessel_number_differs"),
    ("OFAC 19575", "JIN TAI", "OFAC 19577", "JIN TENG", "different_vessels"),
    ("OFAC 19591", "HOE RYONG", "OFAC 23511", "GOO RYONG", "different_vessels"),
    ("OFAC 23741", "PO CHON", "OFAC 17091", "DOK CHON", "different_vessels"),
    ("OFAC 17095", "PHO THAE", "OFAC 17094", "PO THONG GANG", "different_vessels"),
    ("OFAC 23737", "PAEK MA", "OFAC 17085", "BAEK MA KANG", "different_vessels"),
    ("OFAC 23729", "CHON MA SAN", "OFAC 23726", "CHON MYONG 1", "different_vessels"),
    ("OFAC 17069", "CHONG CHON GANG", "OFAC 19588", "CHONG BONG", "different_vessels"),
    ("OFAC 19589", "CHONG RIM 2", "OFAC 19588", "CHONG BONG", "different_vessels"),
    ("OFAC 17102", "RAK WON 2", "OFAC 23164", "RAK RANG", "different_vessels"),
    ("OFAC 17103", "RYONG GANG 2", "OFAC 23186", "RYE SONG GANG 1", "different_vessels"),
    ("OFAC 19572", "GOLD STAR 3", "OFAC 19578", "ORION STAR", "different_vessels"),
    ("OFAC 27528", "LUCKY STAR", "OFAC 25689", "NYMEX STAR", "different_vessels"),
    ("OFAC 27408", "ASIA BRIDGE", "OFAC 27529", "CALM BRIDGE", "different_vessels"),
    ("OFAC 19570", "EVER BRIGHT 88", "OFAC 23522", "EVER GLORY", "different_vessels"),
    ("OFAC 23736", "YU JONG 2", "OFAC 23744", "YU SON", "different_vessels"),
]

VESSEL_HAND_NEGATIVES: list[tuple[str, str, str, str]] = [
    ("OFAC 23734", "SAM JONG 2", "SAM JONG NO.1", "vessel_number_differs"),
    ("OFAC 23733", "SAM JONG 1", "SAM JONG II", "vessel_number_differs"),
    ("OFAC 17087", "HWANG GUM SAN 2", "HWANG GUM SAN 3", "vessel_number_differs"),
    ("OFAC 17087", "HWANG GUM SAN 2", "HWANG GUM SAN 12", "vessel_number_differs"),
    ("OFAC 17088", "HYOK SIN 2", "HYOK SIN 3", "vessel_number_differs"),
    ("OFAC 17090", "JON JIN 2", "JON JIN 1", "vessel_number_differs"),
    ("OFAC 23157", "YU SONG 12", "YU SONG 2", "vessel_number_differs"),
    ("OFAC 23736", "YU JONG 2", "YU SONG 2", "near_miss_syllable"),
    ("OFAC 23731", "KUM GANG 3", "KUM GANG 5", "vessel_number_differs"),
    ("OFAC 23729", "CHON MA SAN", "CHON MA SAN 2", "vessel_number_missing"),
    ("OFAC 17105", "TAE DONG GANG", "TAE DONG GANG 2", "vessel_number_missing"),
    ("OFAC 23525", "UL JI BONG 6", "UL JI BONG 5", "vessel_number_differs"),
    ("OFAC 23739", "JI SONG 8", "JI SONG VI", "vessel_number_differs"),
    ("OFAC 23187", "SO BAEK SAN", "SO BAEK SU", "near_miss_syllable"),
]

VESSEL_HAND_PAIR_NEGATIVES: list[tuple[str, str, str, str]] = [
    ("OFAC 17087", "황금산 2", "황금산 3", "vessel_number_differs"),
    ("OFAC 17105", "대동강", "대령강", "near_miss_hangul"),
]
# fmt: on


# ---------------------------------------------------------------------------------------
def _clean(name: str) -> str:
    return " ".join(name.split())


def read_un(path: Path) -> dict[str, set[str]]:
    """UN KP entries: "UN KPi.001" -> the names (primary and aliases) as written."""
    root = ElementTree.parse(path).getroot()
    if root is None:
        raise ValueError(f"{path}: empty XML document")
    names: dict[str, set[str]] = {}
    for tag in ("INDIVIDUAL", "ENTITY"):
        for node in root.iter(tag):
            ref = (node.findtext("REFERENCE_NUMBER") or "").strip()
            if not ref.startswith("KP"):
                continue
            parts = [
                node.findtext(f) or ""
                for f in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
            ]
            found = {_clean(" ".join(p for p in parts if p.strip()))}
            for alias in node.iter(f"{tag}_ALIAS"):
                text = alias.findtext("ALIAS_NAME")
                if text and text.strip():
                    found.add(_clean(text))
            names[f"UN {ref}"] = found
    return names


def read_ofac(sdn: Path, alt: Path) -> dict[str, set[str]]:
    """OFAC DPRK entries: "OFAC 12345" -> SDN name, a.k.a.s in Remarks, alt.csv names."""
    names: dict[str, set[str]] = {}
    with sdn.open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 12 or "DPRK" not in row[3]:
                continue
            found = {_clean(row[1])}
            found.update(_clean(a) for a in re.findall(r"[afn]\.k\.a\. '([^']*)'", row[11]))
            names[f"OFAC {row[0].strip()}"] = found
    with alt.open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            key = f"OFAC {row[0].strip()}"
            if len(row) >= 4 and key in names:
                names[key].add(_clean(row[3]))
    return names


def build() -> list[Pair]:
    pairs: list[Pair] = []

    def add(
        schema: str,
        n1: str,
        n2: str,
        match: bool,
        variant: str,
        source: str,
        from1: str | None,
        from2: str | None,
    ) -> None:
        pairs.append(Pair(schema, n1, n2, match, variant, source, from1, from2))

    for ref, n1, n2, variant in PERSON_LIST_ALIASES:
        add(PER, n1, n2, True, variant, ref, ref, ref)
    for un, n1, ofac, n2 in PERSON_CROSS_LIST:
        add(PER, n1, n2, True, "cross_list", f"{un} + {ofac}", un, ofac)
    for ref, name, forms in PERSON_FORMS:
        for variant, form in forms:
            add(PER, name, form, True, variant, f"hand:{ref}", ref, None)
    for ref, n1, n2, variant in PERSON_HAND_POSITIVE:
        add(PER, n1, n2, True, variant, f"hand:{ref}", None, None)
    for ref1, n1, ref2, n2, variant in PERSON_DESIGNEE_NEGATIVES:
        add(PER, n1, n2, False, variant, f"{ref1} + {ref2}", ref1, ref2)
    for ref, name, other, variant in PERSON_HAND_NEGATIVES:
        add(PER, name, other, False, variant, f"hand:{ref}", ref, None)
    for ref, n1, n2, variant in PERSON_HAND_PAIR_NEGATIVES:
        add(PER, n1, n2, False, variant, f"hand:{ref}", None, None)

    for schema, source, n1, n2, variant in ENTITY_LIST_POSITIVES:
        refs = source.split(" + ")
        add(schema, n1, n2, True, variant, source, refs[0], refs[-1])
    for schema, ref, name, forms in ENTITY_FORMS:
        for variant, form in forms:
            add(schema, name, form, True, variant, f"hand:{ref}", ref, None)
    for schema, ref1, n1, ref2, n2, variant in ENTITY_DESIGNEE_NEGATIVES:
        add(schema, n1, n2, False, variant, f"{ref1} + {ref2}", ref1, ref2)
    for schema, ref, name, other, variant in ENTITY_HAND_NEGATIVES:
        add(schema, name, other, False, variant, f"hand:{ref}", ref, None)

    for ref, name, forms in VESSEL_FORMS:
        for variant, form in forms:
            add(VES, name, form, True, variant, f"hand:{ref}", ref, None)
    for ref, n1, n2, variant in VESSEL_LIST_POSITIVES:
        add(VES, n1, n2, True, variant, ref, ref, ref)
    for ref1, n1, ref2, n2, variant in VESSEL_DESIGNEE_NEGATIVES:
        add(VES, n1, n2, False, variant, f"{ref1} + {ref2}", ref1, ref2)
    for ref, name, other, variant in VESSEL_HAND_NEGATIVES:
        add(VES, name, other, False, variant, f"hand:{ref}", ref, None)
    for ref, n1, n2, variant in VESSEL_HAND_PAIR_NEGATIVES:
        add(VES, n1, n2, False, variant, f"hand:{ref}", None, None)
    return pairs


def check(pairs: list[Pair], lists: dict[str, set[str]]) -> list[str]:
    errors: list[str] = []
    seen: dict[tuple[str, frozenset[str]], Pair] = {}
    for pair in pairs:
        for name, ref in ((pair.name1, pair.from1), (pair.name2, pair.from2)):
            if ref is None:
                continue
            if ref not in lists:
                errors.append(f"{ref}: no such DPRK entry ({pair})")
            elif _clean(name) not in lists[ref]:
                errors.append(f"{ref}: {name!r} is not one of {sorted(lists[ref])}")
        if pair.name1 == pair.name2:
            errors.append(f"identical names: {pair}")
        key = (pair.schema, frozenset({pair.name1.casefold(), pair.name2.casefold()}))
        if key in seen and pair.name1.casefold() != pair.name2.casefold():
            errors.append(f"duplicate pair: {pair} / {seen[key]}")
        seen[key] = pair
    return errors


def write(pairs: list[Pair], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for p in pairs:
            match = "true" if p.is_match else "false"
            writer.writerow([p.schema, p.name1, p.name2, match, p.variant, p.source])


def summary(pairs: list[Pair]) -> str:
    lines = [f"{len(pairs)} pairs"]
    by_schema = Counter((p.schema, p.is_match) for p in pairs)
    for schema in (PER, ORG, COM, VES):
        pos, neg = by_schema[(schema, True)], by_schema[(schema, False)]
        lines.append(f"  {schema:<13} {pos + neg:>4}  positive {pos:>4}  negative {neg:>4}")
    variants: dict[tuple[bool, str], Counter[str]] = defaultdict(Counter)
    for p in pairs:
        variants[(p.is_match, p.variant)][p.schema] += 1
    for (match, variant), counts in sorted(
        variants.items(), key=lambda kv: (not kv[0][0], kv[0][1])
    ):
        detail = ", ".join(f"{s} {n}" for s, n in sorted(counts.items()))
        lines.append(
            f"  {'+' if match else '-'} {variant:<30} {sum(counts.values()):>4}  ({detail})"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "tests/screening/data/dprk_pairs.csv")
    args = parser.parse_args(argv)
    shared: Path = args.shared
    lists = read_un(shared / UN_FILE)
    lists.update(read_ofac(shared / OFAC_SDN, shared / OFAC_ALT))
    pairs = build()
    errors = check(pairs, lists)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    write(pairs, args.out)
    print(summary(pairs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
