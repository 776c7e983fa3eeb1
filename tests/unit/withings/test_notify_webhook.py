"""parse_notification: the form body Withings POSTs to a callback (withings-api.md addendum §1.3)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from skill.withings.errors import MalformedNotificationError, WithingsError
from skill.withings.notify import Appli, Notification, parse_notification

# 2026-11-25 06:00:00 UTC and 06:00:05 UTC, written out rather than computed by the code under test.
START, END = "1795586400", "1795586405"
START_AT = datetime(2026, 11, 25, 6, 0, 0, tzinfo=UTC)
END_AT = datetime(2026, 11, 25, 6, 0, 5, tzinfo=UTC)


def test_a_weight_notification():
    parsed = parse_notification({"userid": "12345678", "appli": "1", "startdate": START, "enddate": END})

    assert parsed == Notification("12345678", 1, START_AT, END_AT, None, None)
    assert parsed.appli is Appli.WEIGHT
    assert parsed.start is not None and parsed.start.tzinfo is UTC


def test_extras_date_action_and_unknown_fields():
    parsed = parse_notification(
        {
            "userid": "42",
            "appli": "46",
            "startdate": START,
            "enddate": START,
            "date": "2026-11-24",
            "action": "unlink",
            "deviceid": "abc",
        }
    )

    assert parsed.date == date(2026, 11, 24)
    assert parsed.action == "unlink"
    assert parsed.appli is Appli.USER
    assert parsed.start == parsed.end == START_AT


def test_date_as_an_epoch_reads_in_utc():
    assert parse_notification({"userid": "1", "appli": "44", "date": "1795564800"}).date == date(2026, 11, 25)


@pytest.mark.parametrize("odd", ["2026-13-01", "yesterday", "2026-11-24T00:00", "-5"])
def test_an_unreadable_date_is_none_not_a_lost_notification(odd):
    body = {"userid": "1", "appli": "1", "startdate": START, "enddate": END, "date": odd}
    parsed = parse_notification(body)

    assert parsed.date is None
    assert parsed.start == START_AT


def test_a_bed_event_has_only_a_start_and_a_profile_event_maybe_no_dates():
    bed_out = parse_notification({"userid": "7", "appli": "51", "startdate": START})
    profile = parse_notification({"userid": "7", "appli": "46", "action": "delete"})

    assert (bed_out.start, bed_out.end, bed_out.appli) == (START_AT, None, Appli.BED_OUT)
    assert (profile.start, profile.end, profile.action) == (None, None, "delete")


def test_an_unknown_appli_is_kept_as_its_code():
    parsed = parse_notification({"userid": "7", "appli": "77", "startdate": START, "enddate": END})

    assert parsed.appli_code == 77
    assert parsed.appli is Appli.UNKNOWN


def test_whitespace_and_empty_values_are_forgiven():
    parsed = parse_notification({"userid": " 42 ", "appli": "16\n", "startdate": "", "enddate": END})

    assert (parsed.userid, parsed.appli_code, parsed.start, parsed.end) == ("42", 16, None, END_AT)


def test_a_long_action_is_cut():
    assert parse_notification({"userid": "1", "appli": "46", "action": "x" * 500}).action == "x" * 64


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({}, "userid"),
        ({"appli": "1"}, "userid"),
        ({"userid": "", "appli": "1"}, "userid"),
        ({"userid": "12a", "appli": "1"}, "userid"),
        ({"userid": "-12", "appli": "1"}, "userid"),
        ({"userid": "1" * 21, "appli": "1"}, "userid"),
        ({"userid": "１２", "appli": "1"}, "userid"),  # fullwidth digits: str.isdigit() would say yes
        ({"userid": "12"}, "appli"),
        ({"userid": "12", "appli": "weight"}, "appli"),
        ({"userid": "12", "appli": "1.0"}, "appli"),
        ({"userid": "12", "appli": "-1"}, "appli"),
        ({"userid": "12", "appli": "1", "startdate": "soon"}, "startdate"),
        ({"userid": "12", "appli": "1", "startdate": "-1"}, "startdate"),
        ({"userid": "12", "appli": "1", "startdate": "1.5"}, "startdate"),
        ({"userid": "12", "appli": "1", "enddate": "99999999999999"}, "enddate"),
        ({"userid": "12", "appli": "1", "startdate": END, "enddate": START}, "after"),
        ({"userid": ["12"], "appli": "1"}, "userid"),
    ],
)
def test_malformed_bodies_raise(body, says):
    with pytest.raises(MalformedNotificationError, match=says) as raised:
        parse_notification(body)
    assert isinstance(raised.value, WithingsError)
    assert raised.value.status is None


def test_repr_leaves_the_userid_out():
    parsed = parse_notification({"userid": "98765432", "appli": "1", "startdate": START, "enddate": END})

    assert "98765432" not in repr(parsed)
