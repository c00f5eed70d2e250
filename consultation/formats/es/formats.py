# Spanish dates ("martes 3 de marzo de 2026").
TIME_FORMAT = "H:i"
WEEKDAY_DATE_FORMAT = "l j \\d\\e F \\d\\e Y"
WEEKDAY_DATETIME_FORMAT = "l j \\d\\e F \\d\\e Y, H:i"
WEEKDAY_MONTH_DAY_FORMAT = "l j \\d\\e F"
WEEKDAY_MONTH_DAY_TIME_FORMAT = "l j \\d\\e F, H:i"
SHORT_WEEKDAY_FORMAT = "D j M"
SHORT_WEEKDAY_TIME_FORMAT = "D j M, H:i"
ZONED_DATETIME_FORMAT = "j \\d\\e F \\d\\e Y, H:i e"
