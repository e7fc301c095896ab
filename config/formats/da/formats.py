"""How dates read on the Danish pages, as Danish public sites write them:
"4. december 2026", "fredag den 4. december 2026 kl. 17.00"."""

DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = "j. b Y"
DATETIME_FORMAT = r"l \d\e\n j. F Y \k\l. H.i"
SHORT_DATETIME_FORMAT = r"j. b Y \k\l. H.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
TIME_FORMAT = "H.i"
FIRST_DAY_OF_WEEK = 1  # Monday
