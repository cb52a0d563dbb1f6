"""Is the office open now, and when does it open next? (weekdays, national holidays, 12/29–1/3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import jpholiday

from bot.knowledge.models import Hours

JST = ZoneInfo("Asia/Tokyo")


def is_year_end_holiday(day: dt.date) -> bool:
    """年末年始: 12月29日〜1月3日 (local governments close by ordinance)."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_business_day(day: dt.date) -> bool:
    """Weekday that is neither a national holiday nor in the year-end break."""
    return day.weekday() < 5 and not jpholiday.is_holiday(day) and not is_year_end_holiday(day)


@dataclass(frozen=True)
class OfficeStatus:
    """Open now? If not, when next. `hours_known` is False when only business days are known."""

    open_now: bool | None
    business_day_today: bool
    next_open: dt.datetime | None
    next_business_day: dt.date
    hours_known: bool


def next_business_day(after: dt.date) -> dt.date:
    """The first business day strictly after `after`."""
    day = after + dt.timedelta(days=1)
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    return day


def office_status(now: dt.datetime, hours: Hours | None) -> OfficeStatus:
    """Work out the office's state at `now` (converted to Japan time)."""
    local = now.astimezone(JST)
    today = local.date()
    business_today = is_business_day(today)
    if hours is None:
        following = today if business_today else next_business_day(today)
        return OfficeStatus(None, business_today, None, following, False)
    opens = dt.datetime.combine(today, hours.opens, JST)
    closes = dt.datetime.combine(today, hours.closes, JST)
    if business_today and opens <= local < closes:
        return OfficeStatus(True, True, None, today, True)
    day = today if business_today and local < opens else next_business_day(today)
    return OfficeStatus(False, business_today, dt.datetime.combine(day, hours.opens, JST), day, True)
