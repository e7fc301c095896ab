"""How dates read on the English pages: "4 December 2026", "Friday 4 December
2026, 17:00" (British order, 24-hour clock, as in Denmark). Templates name these
formats (``|date:"DATE_FORMAT"``) instead of writing one out, so each language
gets its own."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "l j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
