#!/usr/bin/env python3
"""Writes a deterministic call log in the shape of the LA 311 export (same 33 columns, value mix
and quoting as ../shared/data/la311_2017_calls.csv) for import benchmarks.

Usage: gen_la311.py ROWS OUTPUT.csv
"""
import csv
import random
import sys
from datetime import datetime, timedelta

HEADER = ("SRNumber,CreatedDate,UpdatedDate,ActionTaken,Owner,RequestType,Status,RequestSource,MobileOS,"
          "Anonymous,AssignTo,ServiceDate,ClosedDate,AddressVerified,ApproximateAddress,Address,HouseNumber,"
          "Direction,StreetName,Suffix,ZipCode,Latitude,Longitude,Location,TBMPage,TBMColumn,TBMRow,APC,CD,"
          "CDMember,NC,NCName,PolicePrecinct").split(",")
TYPES = [("Bulky Items", 44), ("Graffiti Removal", 29), ("Illegal Dumping Pickup", 8),
         ("Metal/Household Appliances", 7), ("Electronic Waste", 4), ("Homeless Encampment", 3),
         ("Dead Animal Removal", 2), ("Other", 2), ("Single Streetlight Issue", 1)]
STATUS = [("Closed", 970), ("Cancelled", 25), ("Referred Out", 1), ("Open", 1)]
SOURCES = [("Call", 42), ("Mobile App", 21), ("Driver Self Report", 20), ("Self Service", 16), ("Email", 1)]
STREETS = ["BELLEVUE", "MESA", "SUNSET", "FIGUEROA", "VERMONT", "WESTERN", "OLYMPIC", "PICO", "VENICE"]
SUFFIX = ["AVE", "ST", "BLVD", "DR", "PL"]
NC = ["GREATER ECHO PARK ELYSIAN NC", "HISTORIC HIGHLAND PARK NC", "WILSHIRE CENTER - KOREATOWN NC",
      "MID-TOWN NORTH HOLLYWOOD NC", "DOWNTOWN LOS ANGELES"]
MEMBERS = ["Mitch O'Farrell", "Gilbert Cedillo", "Herb J. Wesson Jr.", "Jose Huizar", "Paul Krekorian"]
PRECINCTS = ["RAMPART", "NORTHEAST", "OLYMPIC", "NORTH HOLLYWOOD", "CENTRAL", "HOLLYWOOD"]
FMT = "%m/%d/%Y %I:%M:%S %p"


def pick(rng, weighted):
    values, weights = zip(*weighted)
    return rng.choices(values, weights)[0]


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(311)
    start = datetime(2017, 1, 1)
    span = 2 * 365 * 24 * 3600  # two years: 2017 and 2018
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for i in range(rows):
            created = start + timedelta(seconds=span * (rows - 1 - i) // rows + rng.randrange(60))
            status = pick(rng, STATUS)
            closed = created + timedelta(seconds=rng.randrange(3600, 30 * 86400))
            rtype = pick(rng, TYPES)
            lat, lon = 34.0 + rng.random() / 4, -118.5 + rng.random() / 3
            house, street, suf, zipc = rng.randrange(100, 20000), rng.choice(STREETS), rng.choice(SUFFIX), rng.randrange(90001, 91609)
            w.writerow([f"1-{870704831 - i * 7}", created.strftime(FMT), closed.strftime(FMT), "SR Created",
                        "OCB" if rtype == "Graffiti Removal" else "BOS", rtype, status, pick(rng, SOURCES),
                        rng.choice(["", "Android", "iOS"]), rng.choice("NNNNY"), rng.choice(["NC", "EV", "WV", "SLA", ""]),
                        (created + timedelta(days=3)).strftime("%m/%d/%Y 12:00:00 AM"),
                        "" if status == "Open" else closed.strftime(FMT), "Y", rng.choice("NY"),
                        f"{house} {rng.choice('NSEW')} {street} {suf}, {zipc}", house, rng.choice("NSEW"), street, suf,
                        zipc, f"{lat:.9f}", f"{lon:.9f}", f"({lat:.9f}, {lon:.9f})", rng.randrange(500, 700),
                        rng.choice("ABCDEFGHJ"), rng.randrange(1, 8), "East Los Angeles APC", rng.randrange(1, 16),
                        rng.choice(MEMBERS), rng.randrange(1, 100), rng.choice(NC), rng.choice(PRECINCTS)])


if __name__ == "__main__":
    main()
