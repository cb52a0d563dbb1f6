import datetime as dt

from bot.knowledge.models import Hours
from bot.knowledge.office_hours import JST, is_business_day, next_business_day, office_status

HOURS = Hours(weekdays="08:30-17:15")


def at(*args):
    return dt.datetime(*args, tzinfo=JST)


def test_weekday_inside_hours_is_open():
    status = office_status(at(2026, 12, 1, 10, 0), HOURS)  # Tuesday
    assert status.open_now is True


def test_before_opening_opens_the_same_day():
    status = office_status(at(2026, 12, 1, 7, 0), HOURS)
    assert status.open_now is False
    assert status.next_open == at(2026, 12, 1, 8, 30)


def test_after_closing_on_friday_opens_monday():
    status = office_status(at(2026, 12, 4, 18, 0), HOURS)  # Friday evening
    assert status.next_open == at(2026, 12, 7, 8, 30)


def test_national_holiday_is_closed():
    assert not is_business_day(dt.date(2026, 11, 23))  # 勤労感謝の日 (Monday)
    status = office_status(at(2026, 11, 23, 10, 0), HOURS)
    assert status.open_now is False and status.next_open == at(2026, 11, 24, 8, 30)


def test_year_end_break_runs_to_january_4():
    status = office_status(at(2026, 12, 28, 17, 30), HOURS)  # Monday after closing
    assert status.next_open == at(2027, 1, 4, 8, 30)
    assert not is_business_day(dt.date(2027, 1, 2))


def test_unknown_hours_still_know_business_days():
    status = office_status(at(2026, 12, 5, 10, 0), None)  # Saturday
    assert status.open_now is None and not status.hours_known
    assert status.next_business_day == dt.date(2026, 12, 7)


def test_next_business_day_skips_happy_monday_weekend():
    assert next_business_day(dt.date(2027, 1, 8)) == dt.date(2027, 1, 12)  # 成人の日 2027-01-11


def test_utc_input_is_converted_to_japan_time():
    status = office_status(dt.datetime(2026, 12, 1, 0, 0, tzinfo=dt.timezone.utc), HOURS)  # 09:00 JST
    assert status.open_now is True
