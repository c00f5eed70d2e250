# Arabic dates.
# A 24-hour clock, as in UN Arabic documents, not Django's "g:i A".
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
WEEKDAY_DATE_FORMAT = "l j F Y"
WEEKDAY_DATETIME_FORMAT = "l j F Y، H:i"
WEEKDAY_MONTH_DAY_FORMAT = "l j F"
WEEKDAY_MONTH_DAY_TIME_FORMAT = "l j F، H:i"
SHORT_WEEKDAY_FORMAT = "D j F"
SHORT_WEEKDAY_TIME_FORMAT = "D j F، H:i"
ZONED_DATETIME_FORMAT = "j F Y، H:i e"
