from __future__ import annotations

from sanctionwatch.maritime.identity import (
    IdentityRow,
    find_identity_changes,
    find_imo_on_several_mmsis,
)
from tests.maritime.helpers import HOUR, T0, params

P = params().section("identity")
IMO = 9074729  # a valid ship IMO number (check digit 9)


def test_rename_is_a_change_and_alternating_names_are_not() -> None:
    rows = [
        IdentityRow(445123456, T0, T0 + 10 * HOUR, IMO, "KUM UN SAN", "HMAB1", 80),
        IdentityRow(445123456, T0 + 11 * HOUR, T0 + 20 * HOUR, IMO, "PAEK MA", "HMAB1", 80),
    ]
    [event] = find_identity_changes(rows, P)
    assert event.attributes["kind"] == "name_change"
    assert (event.start, event.end) == (T0 + 10 * HOUR, T0 + 11 * HOUR)
    both = [
        IdentityRow(445123456, T0, T0 + 20 * HOUR, None, "A", None, None),
        IdentityRow(445123456, T0 + HOUR, T0 + 19 * HOUR, None, "B", None, None),
    ]
    assert find_identity_changes(both, P) == []


def test_invalid_imo_and_flag_mismatch() -> None:
    rows = [IdentityRow(445123456, T0, T0 + HOUR, 9074728, "X", declared_flag="PA")]
    kinds = sorted(e.attributes["kind"] for e in find_identity_changes(rows, P))
    assert kinds == ["flag_mismatch", "invalid_imo"]


def test_one_imo_on_two_mmsis_at_once_and_handed_over() -> None:
    rows = [
        IdentityRow(445123456, T0, T0 + 50 * HOUR, IMO, "A"),
        IdentityRow(352000001, T0 + 10 * HOUR, T0 + 40 * HOUR, IMO, "A"),
        IdentityRow(511000002, T0 + 51 * HOUR, T0 + 90 * HOUR, IMO, "A"),
    ]
    events = find_imo_on_several_mmsis(rows, P)
    kinds = {e.vessels: e.attributes["kind"] for e in events}
    assert kinds[(352000001, 445123456)] == "imo_on_two_mmsis"
    assert kinds[(445123456, 511000002)] == "flag_change"
    assert (352000001, 511000002) not in kinds  # 445123456 held it last: the handover is its


def test_handover_to_an_mmsi_seen_once() -> None:
    """A reflagging whose new MMSI sent one static report: still a handover."""
    rows = [
        IdentityRow(457796302, T0, T0 + 40 * HOUR, IMO, "SILVER WAVE"),
        IdentityRow(671130197, T0 + 65 * HOUR, T0 + 65 * HOUR, IMO, "EASTERN CREST"),
    ]
    [event] = find_imo_on_several_mmsis(rows, P)
    assert event.attributes["kind"] == "flag_change"
    assert (event.start, event.end) == (T0 + 40 * HOUR, T0 + 65 * HOUR)
