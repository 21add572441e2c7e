#!/usr/bin/env python3
"""Regenerates datasets/world/jurisdictions.csv and datasets/world/parties.csv.

These two files are long lists assembled from the input tables in build/inputs/ (see its
README) and from Debian's iso-codes package. criminalisation.csv, jurisdiction_rules.csv and
sources.csv are written by build/merge_law.py from build/law/; the other files by hand.
Each row written here names its sources (ids of datasets/world/sources.csv). Nothing is
inferred: where a source gives only a year or a window ("ratified by October 2017"), the date
is written as a year or as a range `EARLIEST..LATEST`, never as a made-up day.

Usage (from the repository root; needs Debian's iso-codes package for /usr/share/iso-codes):
    python3 datasets/world/build/generate.py
"""

import argparse
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORLD = os.path.dirname(HERE)

M49_REGIONS = {"002": "Africa", "019": "Americas", "142": "Asia", "150": "Europe", "009": "Oceania"}
M49_SUB_REGIONS = {
    "014": "Eastern Africa", "017": "Middle Africa", "015": "Northern Africa", "018": "Southern Africa",
    "011": "Western Africa", "029": "Caribbean", "013": "Central America", "005": "South America",
    "021": "Northern America", "143": "Central Asia", "030": "Eastern Asia", "035": "South-eastern Asia",
    "034": "Southern Asia", "145": "Western Asia", "151": "Eastern Europe", "154": "Northern Europe",
    "039": "Southern Europe", "155": "Western Europe", "053": "Australia and New Zealand",
    "054": "Melanesia", "057": "Micronesia", "061": "Polynesia",
}
# Observer states that are parties to UN treaties besides the UN members.
NON_MEMBER_STATES = {"VAT", "PSE"}
# Sub-national units whose facts differ from their state's in the sources (UK s.72 SOA 2003
# applies in England and Wales; Scotland has its own s.55 Sexual Offences (Scotland) Act 2009).
# Every other unit named by a fact in build/law/ is added too, with its ISO 3166-2 name.
SUBNATIONAL = [
    ("GB-ENG", "England", "GBR"),
    ("GB-WLS", "Wales", "GBR"),
    ("GB-SCT", "Scotland", "GBR"),
    ("GB-NIR", "Northern Ireland", "GBR"),
]

ALIASES = {
    "czech republic": "CZE", "czechia": "CZE", "republic of moldova": "MDA", "moldova": "MDA",
    "north macedonia": "MKD", "macedonia": "MKD", "russian federation": "RUS", "russia": "RUS",
    "slovak republic": "SVK", "slovakia": "SVK", "turkey": "TUR", "united kingdom": "GBR",
    "united states of america": "USA", "usa": "USA", "cote d'ivoire": "CIV", "cabo verde": "CPV",
    "cape verde": "CPV", "iran (islamic republic of)": "IRN", "democratic people's republic of korea": "PRK",
    "democratic republic of the congo": "COD", "congo": "COG", "viet nam": "VNM",
    "venezuela (bolivarian republic of)": "VEN", "united republic of tanzania": "TZA",
    "brunei darussalam": "BRN", "bosnia and herzegovina": "BIH", "netherlands": "NLD",
    "guinea-bissau": "GNB", "libya": "LBY", "bolivia": "BOL", "lao pdr": "LAO", "laos": "LAO",
    "republic of korea": "KOR", "syria": "SYR", "tunisia": "TUN", "kiribati": "KIR",
}


def read_csv(path):
    with open(path, encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


def load_iso():
    with open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8") as handle:
        return json.load(handle)["3166-1"]


def name_index(iso):
    index = dict(ALIASES)
    for entry in iso:
        for key in ("name", "common_name", "official_name"):
            if key in entry:
                index.setdefault(entry[key].lower(), entry["alpha_3"])
    return index


def code_of(index, name):
    key = name.strip().lower()
    if key not in index:
        sys.exit(f"generate.py: no ISO code for `{name}`: add it to ALIASES")
    return index[key]


def jurisdictions(research, iso):
    lukes = {}
    with open(os.path.join(research, "iso3166_countries_lukes.csv"), encoding="utf-8") as handle:
        lines = [line.replace("\\,", "\u0000") for line in handle if not line.startswith("#")]
    for row in csv.DictReader(lines):
        lukes[row["alpha-3"]] = row
    un_members = {row["iso2"].replace("TP", "TL") for row in read_csv(os.path.join(research, "opsc_un_members_status_worldpoliticsdatalab.csv"))}
    rows = []
    for entry in sorted(iso, key=lambda e: e["alpha_3"]):
        alpha3 = entry["alpha_3"]
        regional = lukes.get(alpha3, {})
        region_code = regional.get("region-code", "")
        sub_code = regional.get("sub-region-code", "")
        region = M49_REGIONS.get(region_code, "Unassigned")
        sub_region = M49_SUB_REGIONS.get(sub_code, "Unassigned")
        kind = "state" if entry["alpha_2"] in un_members or alpha3 in NON_MEMBER_STATES else "territory"
        sources = ["iso_codes_debian"]
        if region_code:
            sources += ["m49_lukes", "unsd_m49"]
        if kind == "state" and alpha3 not in NON_MEMBER_STATES:
            sources.append("wpdl_opsc_status")
        rows.append({
            "code": alpha3,
            "name": entry.get("common_name", entry["name"]),
            "alpha2": entry["alpha_2"],
            "numeric": entry["numeric"],
            "kind": kind,
            "parent": "",
            "region": region,
            "sub_region": sub_region,
            "sources": ";".join(sources),
        })
    parent_of = {row["code"]: row for row in rows}
    for code, name, parent in SUBNATIONAL + law_units():
        state = parent_of[parent]
        rows.append({
            "code": code, "name": name, "alpha2": "", "numeric": "", "kind": "subnational",
            "parent": parent, "region": state["region"], "sub_region": state["sub_region"],
            "sources": "iso_codes_debian_3166_2",
        })
    return rows


def law_units():
    """Sub-national units named by a fact of build/law/ but not in SUBNATIONAL, with their
    ISO 3166-2 names and their state as parent."""
    with open("/usr/share/iso-codes/json/iso_3166-2.json", encoding="utf-8") as handle:
        names = {entry["code"]: entry["name"] for entry in json.load(handle)["3166-2"]}
    fixed = {code for code, _, _ in SUBNATIONAL}
    found = set()
    law = os.path.join(HERE, "law")
    for batch in sorted(os.listdir(law)):
        for file in ("criminalisation.csv", "jurisdiction_rules.csv"):
            path = os.path.join(law, batch, file)
            if os.path.exists(path):
                found.update(row["jurisdiction"] for row in read_csv(path) if "-" in row["jurisdiction"])
    units = []
    for code in sorted(found - fixed):
        if code not in names:
            sys.exit(f"generate.py: {code} (named in build/law) is not an ISO 3166-2 code")
        alpha2 = code.split("-")[0]
        parent = next(e["alpha_3"] for e in ISO if e["alpha_2"] == alpha2)
        units.append((code, names[code], parent))
    return units


def party(instrument, jurisdiction, sources, signed="", consented="", kind="", in_force="", withdrawn="", note=""):
    return {
        "instrument": instrument, "jurisdiction": jurisdiction, "signed_on": signed,
        "consented_on": consented, "consent_kind": kind, "in_force_on": in_force,
        "withdrawn_on": withdrawn, "sources": ";".join(sources), "note": note,
    }


def ymd(day_month_year):
    day, month, year = day_month_year.split("-")
    return f"{year}-{month}-{day}"


# OPSC: exact dates from the Dutch treaty database (verdragen.nl, parties A-Botswana), entry
# into force dates from inview.nl (parties A-Dominican Republic); the rest to the year only.
OPSC_EXACT = {
    "AFG": ("", "2002-09-19", "accession", "2002-10-19"), "ALB": ("", "2008-02-05", "accession", "2008-03-05"),
    "DZA": ("", "2006-12-27", "accession", "2007-01-27"), "AND": ("2000-09-07", "2001-04-30", "ratification", "2002-01-18"),
    "AGO": ("", "2005-03-24", "accession", "2005-04-24"), "ATG": ("2001-12-18", "2002-04-30", "ratification", "2002-05-30"),
    "ARM": ("2003-09-24", "2005-06-30", "ratification", "2005-07-30"), "AUS": ("2001-12-18", "2007-01-08", "ratification", "2007-02-08"),
    "AUT": ("2000-09-06", "2004-05-06", "ratification", "2004-06-06"), "AZE": ("2000-09-08", "2002-07-03", "ratification", "2002-08-03"),
    "BHS": ("", "2015-09-28", "accession", "2015-10-28"), "BHR": ("", "2004-09-21", "accession", "2004-10-21"),
    "BGD": ("2000-09-06", "2000-09-06", "ratification", "2002-01-18"), "BLZ": ("2000-09-06", "2003-12-01", "ratification", "2004-01-01"),
    "BEN": ("2001-02-22", "2005-01-31", "ratification", "2005-02-28"), "BTN": ("2005-09-15", "2009-10-26", "ratification", "2009-11-26"),
    "BOL": ("2001-11-10", "2003-06-03", "ratification", "2003-07-03"), "BIH": ("2000-09-07", "2002-09-04", "ratification", "2002-10-04"),
    "BWA": ("", "2003-09-24", "accession", "2003-10-24"),
}
OPSC_ARGENTINA = ("2002-04-01", "2003-09-25", "ratification", "2003-10-25")
OPSC_IN_FORCE_INVIEW = {
    "BLR": "2002-02-23", "BEL": "2006-04-17", "BRA": "2004-02-27", "BRN": "2006-12-21", "BGR": "2002-03-12",
    "BFA": "2006-04-30", "BDI": "2007-12-06", "KHM": "2002-06-30", "CAN": "2005-10-14", "CAF": "2012-11-24",
    "CHL": "2003-03-06", "CHN": "2003-01-03", "COL": "2003-12-11", "COM": "2007-03-23", "COD": "2002-01-18",
    "COG": "2009-11-27", "CRI": "2002-05-09", "CUB": "2002-01-18", "CYP": "2006-05-06", "DNK": "2003-08-24",
    "DJI": "2011-05-27", "DMA": "2002-10-20", "DOM": "2007-01-06",
}


def opsc(research, index):
    rows = []
    for row in read_csv(os.path.join(research, "opsc_un_members_status_worldpoliticsdatalab.csv")):
        if row["state party"] != "1":
            continue
        iso2 = row["iso2"].replace("TP", "TL")
        code = next(e["alpha_3"] for e in ISO if e["alpha_2"] == iso2)
        year = row["year ratification or accession"]
        if code in OPSC_EXACT:
            signed, consented, kind, in_force = OPSC_EXACT[code]
            if consented[:4] != year:
                sys.exit(f"generate.py: OPSC {code}: year {year} disagrees with {consented}")
            rows.append(party("opsc", code, ["wpdl_opsc_status", "nl_opsc_parties"], signed, consented, kind, in_force))
        elif code == "ARG":
            signed, consented, kind, in_force = OPSC_ARGENTINA
            rows.append(party("opsc", code, ["wpdl_opsc_status", "whatconvention_opsc", "inview_opsc_parties"], signed, consented, kind, in_force))
        elif code in OPSC_IN_FORCE_INVIEW:
            rows.append(party("opsc", code, ["wpdl_opsc_status", "inview_opsc_parties"], consented=year, in_force=OPSC_IN_FORCE_INVIEW[code],
                              note="ratification/accession year from UNTC via world-politics-datalab; entry into force from the Dutch treaty database"))
        else:
            rows.append(party("opsc", code, ["wpdl_opsc_status"], consented=year,
                              note="year of ratification/accession only; entry into force derived by art. 14(2)"))
    for code, name in (("VAT", "Holy See"), ("PSE", "State of Palestine")):
        rows.append(party("opsc", code, ["wikipedia_opsc"], consented="2000-05-25..2024-04-30",
                          note=f"{name} is a party (178 parties as of April 2024, UN members plus Holy See and State of Palestine); date not retrieved"))
    rows.append(party("opsc", "IMN", ["nl_opsc_parties"], in_force="2023-04-14", note="extension by the United Kingdom to the Isle of Man"))
    return rows


LANZAROTE_SOURCES = {
    "first_five": ["coe_sanmarino_lanzarote", "crin_lanzarote_2010"],
}


def lanzarote(index):
    rows = []
    first_five = {"ALB": "", "DNK": "2009-11-18", "GRC": "", "NLD": "", "SMR": "2010-03-22"}
    for code, deposit in first_five.items():
        rows.append(party("lanzarote", code, ["coe_sanmarino_lanzarote", "crin_lanzarote_2010"] + (["coe_denmark_lanzarote_decl"] if code == "DNK" else []),
                          consented=deposit or "2007-10-25..2010-03-22", kind="ratification", in_force="2010-07-01",
                          note="one of the five ratifications that brought the Convention into force on 1 July 2010"))
    specific = [
        ("FRA", "", "2011-01-01", ["coe_france_lanzarote"], "8th ratifying state"),
        ("AND", "2014-04-30", "2014-08-01", ["coe_andorra_lanzarote_decl"], ""),
        ("MCO", "2014-10-07", "2015-02-01", ["coe_monaco_lanzarote_decl"], ""),
        ("NOR", "", "2018-10-01", ["coe_norway_lanzarote"], "43rd Council of Europe member to ratify"),
        ("GBR", "", "2018-10-01", ["coe_uk_lanzarote"], ""),
        ("TUN", "2019-10-15", "2020-02-01", ["mem_tunisia_lanzarote", "childhub_tunisia_lanzarote"], "45th Party, first non-member of the Council of Europe"),
        ("AZE", "2019-12-19", "", ["nl_lanzarote_decl"], "instrument dated 19-12-2019 per the Dutch treaty database; entry into force derived by art. 45(4)"),
        ("ARM", "2020-09-07", "2021-01-01", ["artsakh_armenia_lanzarote", "lanzarote_committee_28"], "47th State Party"),
        ("IRL", "2020", "", ["wikipedia_lanzarote"], "last Council of Europe member to ratify, in 2020; entry into force derived by art. 45(4)"),
    ]
    for code, deposit, in_force, sources, note in specific:
        rows.append(party("lanzarote", code, sources, consented=deposit,
                          kind="ratification" if code != "TUN" else "accession", in_force=in_force, note=note))
    # Ratified by the 10th anniversary (Oct 2017): every member but Armenia, Azerbaijan,
    # Ireland, Norway and the United Kingdom (coe.int portal), named in the c. 2019 list.
    named_2019 = ["Albania", "Andorra", "Austria", "Belgium", "Bosnia and Herzegovina", "Bulgaria", "Croatia", "Cyprus",
                  "Czech Republic", "Denmark", "Estonia", "Finland", "France", "Georgia", "Germany", "Greece", "Hungary",
                  "Iceland", "Italy", "Latvia", "Liechtenstein", "Lithuania", "Luxembourg", "Malta", "Republic of Moldova",
                  "Monaco", "Montenegro", "Netherlands", "North Macedonia", "Norway", "Poland", "Portugal", "Romania",
                  "Russian Federation", "San Marino", "Serbia", "Slovak Republic", "Slovenia", "Spain", "Sweden",
                  "Switzerland", "Turkey", "Ukraine", "United Kingdom"]
    assert len(named_2019) == 44
    done = {row["jurisdiction"] for row in rows}
    for name in named_2019:
        code = code_of(index, name)
        if code in done:
            continue
        note = "ratified before the 10th anniversary (Oct 2017); exact date not retrieved"
        if code == "RUS":
            note += "; Russia left the Council of Europe on 16 Mar 2022 and was still asked to report as a Party in 2023"
        rows.append(party("lanzarote", code, ["coe_children_convention", "coe_lanzarote_10years"],
                          consented="2007-10-25..2017-10-25", kind="ratification", note=note))
    assert len(rows) == 48, len(rows)
    return rows


BUDAPEST_2015_CHART = [
    ("ALB", "2001-11-23", "2002-06-20", "2004-07-01"), ("ARM", "2001-11-23", "2006-10-12", "2007-02-01"),
    ("AUT", "2001-11-23", "2012-06-13", "2012-10-01"), ("AZE", "2008-06-30", "2010-03-15", "2010-07-01"),
    ("BEL", "2001-11-23", "2012-08-20", "2012-12-01"), ("BIH", "2005-02-09", "2006-05-19", "2006-09-01"),
    ("BGR", "2001-11-23", "2005-04-07", "2005-08-01"), ("HRV", "2001-11-23", "2002-10-17", "2004-07-01"),
    ("CYP", "2001-11-23", "2005-01-19", "2005-05-01"), ("CZE", "2005-02-09", "2013-08-22", "2013-12-01"),
    ("DNK", "2003-04-22", "2005-06-21", "2005-10-01"), ("EST", "2001-11-23", "2003-05-12", "2004-07-01"),
    ("FIN", "2001-11-23", "2007-05-24", "2007-09-01"), ("FRA", "2001-11-23", "2006-01-10", "2006-05-01"),
    ("GEO", "2008-04-01", "2012-06-06", "2012-10-01"), ("DEU", "2001-11-23", "2009-03-09", ""),
]


def budapest(index):
    rows = []
    for code, signed, consented, in_force in BUDAPEST_2015_CHART:
        sources = ["coe_ets185_chart_2015"] + (["finlex_ets185"] if code == "FIN" else [])
        note = "entry into force truncated in the source; derived by art. 36(4)" if not in_force else ""
        rows.append(party("budapest", code, sources, signed, consented, "ratification", in_force, note=note))
    done = {row["jurisdiction"] for row in rows}
    rows.append(party("budapest", "NLD", ["finlex_ets185"], consented="2006-11-16", kind="ratification", in_force="2007-03-01",
                      note="European part of the Netherlands"))
    done.add("NLD")
    # Ratified by April 2008 (22 ratifications named).
    for name in ["Iceland", "Latvia", "Lithuania", "Norway", "Romania", "Slovakia", "Slovenia", "Ukraine", "USA", "North Macedonia", "Hungary"]:
        code = code_of(index, name)
        if code not in done:
            rows.append(party("budapest", code, ["cyberlaw_ets185_2008"], consented="2001-11-23..2008-04-26", kind="ratification",
                              note="among the 22 ratifications of April 2008; exact date not retrieved"))
            done.add(code)
    # Parties in September 2015 (47 named).
    for name in ["Australia", "Canada", "Dominican Republic", "Italy", "Japan", "Luxembourg", "Malta", "Mauritius", "Moldova",
                 "Montenegro", "Panama", "Portugal", "Serbia", "Spain", "Sri Lanka", "Switzerland", "Turkey", "United Kingdom"]:
        code = code_of(index, name)
        if code not in done:
            # Not among the (complete) 22 of April 2008.
            rows.append(party("budapest", code, ["cybercrimelaw_ets185_2015", "cyberlaw_ets185_2008"], consented="2008-04-27..2015-09-30",
                              note="among the 47 parties of September 2015; exact date not retrieved"))
            done.add(code)
    rows.append(party("budapest", "BRA", ["coe_brazil_budapest"], consented="2022-11-30", kind="accession", note="acceded on 30 Nov 2022"))
    done.add("BRA")
    for code in ("BEN", "FJI", "KIR"):
        rows.append(party("budapest", code, ["miragenews_budapest_2024"], consented="2024-06-20", kind="accession",
                          note="acceded on 20 Jun 2024 (75 Parties that day)"))
        done.add(code)
    # The current list (c. 2024-2025), truncated after Kiribati.
    for name in ["Andorra", "Argentina", "Cabo Verde", "Cameroon", "Chile", "Colombia", "Costa Rica", "Cote d'Ivoire", "Ghana",
                 "Greece", "Grenada", "Israel"]:
        code = code_of(index, name)
        if code not in done:
            # Not among the (complete) 22 of April 2008; Andorra had only signed by Dec 2015.
            window = "2015-12-04..2025-12-31" if code == "AND" else "2008-04-27..2025-12-31"
            rows.append(party("budapest", code, ["coe_budapest_parties_page", "cyberlaw_ets185_2008"], consented=window,
                              note="listed as a Party on the Council of Europe page (c. 2024-2025); date not retrieved"))
            done.add(code)
    return rows


CETS224_SIGNATURES = """Albania,2023-02-27,
Andorra,2022-05-20,
Argentina,2023-02-16,
Armenia,2023-11-16,
Austria,2022-05-12,
Belgium,2022-05-12,
Bosnia and Herzegovina,2025-11-14,
Bulgaria,2022-05-12,
Cabo Verde,2023-06-28,
Canada,2023-06-20,
Chile,2022-05-12,
Colombia,2022-05-12,
Costa Rica,2022-06-13,
Croatia,2022-11-30,
Czech Republic,2024-06-20,
Dominican Republic,2023-01-30,
Estonia,2022-05-12,
Fiji,2025-06-05,
Finland,2022-05-12,
France,2023-01-27,
Georgia,2024-06-17,
Germany,2023-01-27,
Ghana,2023-06-28,
Greece,2023-01-20,
Hungary,2023-06-28,2026-02-05
Iceland,2022-05-12,
Italy,2022-05-12,
Japan,2022-05-12,2023-08-10
Latvia,2025-03-27,
Lithuania,2022-05-12,
Luxembourg,2022-05-12,
Malta,2023-06-22,
Mauritius,2023-05-31,
Moldova,2022-11-30,
Montenegro,2022-05-12,
Morocco,2022-05-12,
Netherlands,2022-05-12,
North Macedonia,2022-05-12,
Norway,2025-07-09,
Paraguay,2024-09-24,
Peru,2024-12-12,
Portugal,2022-05-12,
Romania,2022-05-12,
Serbia,2022-05-12,2023-02-09
Sierra Leone,2024-06-20,
Slovenia,2022-11-30,
Spain,2022-05-12,
Sri Lanka,2022-11-30,
Sweden,2022-05-12,
Ukraine,2022-11-30,
United Kingdom,2022-11-30,
United States of America,2022-05-12,"""


def cets224(index):
    rows = []
    for line in CETS224_SIGNATURES.splitlines():
        name, signed, ratified = line.split(",")
        rows.append(party("cets224", code_of(index, name), ["nl_cets224_parties"], signed, ratified, "ratification" if ratified else "",
                          note="not in force: needs five ratifications"))
    assert len(rows) == 52
    return rows


def uncc(research, index):
    rows = []
    for row in read_csv(os.path.join(research, "un_cybercrime_convention_2024_signatures.csv")):
        name = row["participant"]
        if name == "European Union":
            continue  # An organisation, not a jurisdiction; signed 2025-10-25 (UNTC).
        date = row["signature_date"]
        source_text = row["source"]
        if source_text == "UNTC" and len(date) == 10:
            signed, sources = date, ["untc_uncc"]
        elif source_text.startswith("UNTC"):
            signed, sources = "2025-10", ["untc_uncc"]
        else:
            signed = "2025-10"
            sources = {"news N1": ["newshour_uncc"], "news N2": ["ecofin_uncc"]}.get(source_text, ["qatar_uncc"])
        rows.append(party("uncc", code_of(index, name), sources, signed=signed, note="signature only; the Convention is not in force"))
    return rows


def eaw():
    sources = ["europeansources_eaw", "ec_enlargement"]
    waves = {
        "1958": ["BEL", "DEU", "FRA", "ITA", "LUX", "NLD"], "1973": ["DNK", "IRL", "GBR"], "1981": ["GRC"],
        "1986": ["PRT", "ESP"], "1995": ["AUT", "FIN", "SWE"],
    }
    rows = []
    for year, codes in waves.items():
        for code in codes:
            withdrawn = "2021-01-01" if code == "GBR" else ""
            note = "EU member since " + year
            extra = []
            if code == "GBR":
                note += "; left the scheme at the end of the Brexit transition period (31 Dec 2020)"
                extra = ["lexology_uk_eaw"]
            rows.append(party("eu_eaw", code, sources + extra, in_force="2004-01-01", withdrawn=withdrawn, note=note))
    for code in ["CYP", "CZE", "EST", "HUN", "LVA", "LTU", "MLT", "POL", "SVK", "SVN"]:
        rows.append(party("eu_eaw", code, sources + ["esteri_enlargement"], in_force="2004-05-01", note="EU member from 1 May 2004"))
    for code in ["BGR", "ROU"]:
        rows.append(party("eu_eaw", code, sources + ["esteri_enlargement"], in_force="2007-01", note="EU member from January 2007"))
    rows.append(party("eu_eaw", "HRV", sources, in_force="2013-07-01", note="EU member from 1 July 2013"))
    return rows


def tca():
    rows = [party("uk_eu_tca_surrender", "GBR", ["lawgazette_tca", "comparemela_tca"], in_force="2021-01-01", note="Title VII of Part 3 of the Trade and Cooperation Agreement")]
    for code in ["BEL", "DEU", "FRA", "ITA", "LUX", "NLD", "DNK", "IRL", "GRC", "PRT", "ESP", "AUT", "FIN", "SWE", "CYP", "CZE", "EST",
                 "HUN", "LVA", "LTU", "MLT", "POL", "SVK", "SVN", "BGR", "ROU", "HRV"]:
        rows.append(party("uk_eu_tca_surrender", code, ["lawgazette_tca", "comparemela_tca"], in_force="2021-01-01",
                          note="EU member state; the scheme links the UK and the EU27, not the EU27 among themselves"))
    return rows


def malabo(index):
    rows = []
    for name in ["Benin", "Cape Verde", "Cote d'Ivoire", "Congo", "Ghana", "Guinea", "Mozambique", "Mauritius", "Namibia", "Niger",
                 "Rwanda", "Senegal", "Togo", "Zambia", "Mauritania"]:
        code = code_of(index, name)
        consented = "2023-05-09" if code == "MRT" else "2014-06-27..2023-05-09"
        rows.append(party("malabo", code, ["dataguidance_malabo", "powerlaw_malabo"], consented=consented, in_force="2023-06-08",
                          note="one of the 15 ratifications that brought the Convention into force on 8 Jun 2023"))
    return rows


def c182():
    return [
        party("ilo_c182", "TON", ["dayton_c182"], consented="2020-08-04", kind="ratification",
              note="the last ILO member to ratify: universal ratification by all 187 members; per-state dates not retrieved"),
        party("ilo_c182", "NOR", ["etiskhandel_c182"], in_force="2001-12-21"),
    ]


INSTRUMENT_COLUMNS = ["code", "name", "scope", "opened_on", "in_force_on", "channels", "channel_articles",
                      "later_parties", "party_list", "accession", "hub", "channel_condition", "sources"]
PARTY_COLUMNS = ["instrument", "jurisdiction", "signed_on", "consented_on", "consent_kind", "in_force_on",
                 "withdrawn_on", "sources", "note"]
RESERVATION_COLUMNS = ["instrument", "jurisdiction", "article", "effect", "target", "condition", "from_age",
                       "from", "until", "summary", "sources"]


def instrument_folders():
    """The folders of build/instruments/ (but `base`), in name order."""
    root = os.path.join(HERE, "instruments")
    return [os.path.join(root, name) for name in sorted(os.listdir(root))
            if name != "base" and os.path.isdir(os.path.join(root, name))]


def folder_rows(folder, file, columns):
    """The rows of one file of an instrument folder; its header must be `columns`."""
    path = os.path.join(folder, file)
    if not os.path.exists(path):
        return []
    rows = read_csv(path)
    if rows and list(rows[0].keys()) != columns:
        sys.exit(f"generate.py: {path} has columns {','.join(rows[0].keys())}; expected {','.join(columns)}")
    return rows


def instruments():
    """instruments.csv: the rows of build/instruments/base plus each folder's instrument.csv."""
    rows = [{column: row.get(column, "") for column in INSTRUMENT_COLUMNS}
            for row in read_csv(os.path.join(HERE, "instruments", "base", "instruments.csv"))]
    for folder in instrument_folders():
        rows += folder_rows(folder, "instrument.csv", INSTRUMENT_COLUMNS)
    codes = [row["code"] for row in rows]
    duplicates = {code for code in codes if codes.count(code) > 1}
    if duplicates:
        sys.exit(f"generate.py: instruments defined twice: {', '.join(sorted(duplicates))}")
    return rows


def write(path, fieldnames, rows, header_comment):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for line in header_comment:
            handle.write(f"# {line}\n")
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main():
    global ISO
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--research", default=os.path.join(HERE, "inputs"), help="folder of the input tables (default: build/inputs)")
    parser.add_argument("--out", default=WORLD, help="dataset folder to write (default: datasets/world)")
    args = parser.parse_args()
    out = args.out
    ISO = load_iso()
    index = name_index(ISO)
    juris = jurisdictions(args.research, ISO)
    write(os.path.join(out, "jurisdictions.csv"), list(juris[0].keys()), juris, [
        "GENERATED by datasets/world/build/generate.py: edit the script, not this file.",
        "kind: state = UN member or observer state (Holy See, State of Palestine); territory = any other ISO 3166-1 entry (no position on status is implied).",
        "region / sub_region: UN M49; `Unassigned` where the source gives none.",
    ])
    parties = opsc(args.research, index) + lanzarote(index) + budapest(index) + cets224(index) + uncc(args.research, index) \
        + eaw() + tca() + malabo(index) + c182()
    # An instrument folder's parties.csv replaces the rows written above for its instruments
    # (e.g. exact depositary dates for OPSC) or adds a new instrument's.
    reservations = []
    for folder in instrument_folders():
        replacing = folder_rows(folder, "parties.csv", PARTY_COLUMNS)
        codes = {row["instrument"] for row in replacing}
        parties = [row for row in parties if row["instrument"] not in codes] + replacing
        reservations += folder_rows(folder, "reservations.csv", RESERVATION_COLUMNS)
    all_instruments = instruments()
    write(os.path.join(out, "instruments.csv"), INSTRUMENT_COLUMNS, all_instruments, [
        "GENERATED by datasets/world/build/generate.py from build/instruments/ (base/instruments.csv and each folder's instrument.csv).",
        "channels: opened between any two parties in force, or, with `hub`, only between the hub and each other party.",
        "channel_condition: channels open only in cases meeting it (e.g. organised crime); lacuna treats them as unknown for a case.",
        "accession: open = states may still join; closed = membership of an organisation (EU, AU) is required.",
        "party_list: complete = a state with no row in parties.csv is not a party; partial = its status is unknown.",
    ])
    base_reservations = read_csv(os.path.join(HERE, "instruments", "base", "reservations.csv"))
    write(os.path.join(out, "reservations.csv"), RESERVATION_COLUMNS, base_reservations + reservations, [
        "GENERATED by datasets/world/build/generate.py from build/instruments/ (base/reservations.csv and each folder's reservations.csv).",
        "effect: removes_obligation / narrows_obligation (target = obligation id), cuts_channel (target = channel), recorded (no modelled effect).",
    ])
    write(os.path.join(out, "parties.csv"), list(parties[0].keys()), parties, [
        "GENERATED by datasets/world/build/generate.py: edit the script, not this file.",
        "A range EARLIEST..LATEST is a window the sources pin the date to; a year alone means the source gives only the year.",
        "An empty in_force_on is derived by lacuna from the instrument's rule for later parties (see instruments.csv, later_parties).",
    ])
    print(f"wrote {len(juris)} jurisdictions, {len(all_instruments)} instruments and {len(parties)} party rows")


if __name__ == "__main__":
    main()
