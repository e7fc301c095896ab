"""Reference data shipped with the site, loaded by data migrations.

``municipalities.csv`` lists Denmark's 98 municipalities (since the 2007 reform;
Christiansø is administered by the state and is not one): the official
three-digit code, the Danish name, the region (``community.models.Region``
values) and the town hall's latitude and longitude, used for distances between
members. Edit the file only together with a new data migration.
"""

import csv
from pathlib import Path

MUNICIPALITIES_CSV = Path(__file__).resolve().parent / "municipalities.csv"


def municipality_rows() -> list[dict]:
    """The rows of ``municipalities.csv`` as Municipality field values."""
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as handle:
        return [
            {
                "code": int(row["code"]),
                "name": row["name"],
                "region": row["region"],
                "latitude": float(row["latitude"]),
                "longitude": float(row["longitude"]),
            }
            for row in csv.DictReader(handle)
        ]
