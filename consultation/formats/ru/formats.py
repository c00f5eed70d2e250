# Russian dates.
# Months in the genitive ("3 марта"): Django's "E".
DATE_FORMAT = "j E Y г."
MONTH_DAY_FORMAT = "j E"
DATETIME_FORMAT = "j E Y г., H:i"
TIME_FORMAT = "H:i"
WEEKDAY_DATE_FORMAT = "l, j E Y г."
WEEKDAY_DATETIME_FORMAT = "l, j E Y г., H:i"
WEEKDAY_MONTH_DAY_FORMAT = "l, j E"
WEEKDAY_MONTH_DAY_TIME_FORMAT = "l, j E, H:i"
SHORT_WEEKDAY_FORMAT = "D, j E"
SHORT_WEEKDAY_TIME_FORMAT = "D, j E, H:i"
ZONED_DATETIME_FORMAT = "j E Y г., H:i e"
