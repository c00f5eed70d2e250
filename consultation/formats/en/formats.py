# English as the UN writes it: day before month, a 24-hour clock ("1 December
# 2026, 21:13"), not Django's American default ("Dec. 1, 2026, 9:13 p.m.").
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# Our own names (consultation/formats/__init__.py).
WEEKDAY_DATE_FORMAT = "l j F Y"
WEEKDAY_DATETIME_FORMAT = "l j F Y, H:i"
WEEKDAY_MONTH_DAY_FORMAT = "l j F"
WEEKDAY_MONTH_DAY_TIME_FORMAT = "l j F, H:i"
SHORT_WEEKDAY_FORMAT = "D j M"
SHORT_WEEKDAY_TIME_FORMAT = "D j M, H:i"
ZONED_DATETIME_FORMAT = "j F Y, H:i e"
