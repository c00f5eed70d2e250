"""Date and time formats of our own, where Django's for a language do not fit a UN
secretariat (FORMAT_MODULE_PATH); anything not set here is Django's.

Besides Django's names (DATE_FORMAT, MONTH_DAY_FORMAT, TIME_FORMAT...), each
language names the patterns our pages print: a day with its weekday, a short day,
a moment with its time zone. Templates ask for them by name with the
``local_date`` filter (consultation/templatetags/local_formats.py), so every
language writes a date its own way ("lundi 3 mars 2026", "3 марта 2026 г.",
"2026年3月3日 星期二").
"""

from django.utils import formats, translation

# The names our templates use, beside Django's own.
OUR_FORMATS = (
    "WEEKDAY_DATE_FORMAT",
    "WEEKDAY_DATETIME_FORMAT",
    "WEEKDAY_MONTH_DAY_FORMAT",
    "WEEKDAY_MONTH_DAY_TIME_FORMAT",
    "SHORT_WEEKDAY_FORMAT",
    "SHORT_WEEKDAY_TIME_FORMAT",
    "ZONED_DATETIME_FORMAT",
)


def named_format(name: str, language: str | None = None) -> str:
    """The pattern a language uses for one of our named formats, or Django's."""
    if name not in OUR_FORMATS:
        return formats.get_format(name, lang=language)
    language = language or translation.get_language() or "en"
    for module in [*formats.get_format_modules(language), *_english()]:
        if hasattr(module, name):
            return getattr(module, name)
    raise ValueError(f"No format named {name}")


def _english():
    return formats.get_format_modules("en")
