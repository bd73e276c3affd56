#!/usr/bin/env python3
"""Baseline for bench/convert.py: Python's csv and json modules doing the same mapping as
`renkei convert --mapping public_facility --to ngsi-ld --jsonl --no-validate` on the columns of
the synthetic facility list (../shared/bench/gen.py points.csv): the same normalizers (full-width
to half-width codes, katakana check, phone numbers in 054-626-1139 form, HH:MM times, number
lexemes), the same attributes in the same order, NGSI-LD normalized, one entity per line.

usage: convert_baseline.py IN.csv OUT.jsonl"""
import csv, json, re, sys

CONTEXT = ["https://raw.githubusercontent.com/smart-data-models/dataModel.PointOfInterest/master/context.jsonld",
           "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]
WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
WIDTH[0x3000] = 0x20
PHONE = re.compile(r"^\(?0\d{1,4}\)?-?\d{1,4}-\d{3,4}$")
TIME = re.compile(r"^(\d{1,2})[:時](\d{1,2})?分?$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
KATAKANA = re.compile(r"^[\u30A0-\u30FF\u3000 ・ー]+$")


def width(text):
    return text.translate(WIDTH)


def phone(text):
    text = width(text).strip()
    if not PHONE.match(text):
        return None
    if text.startswith("("):
        area, rest = text[1:].split(")", 1)
        text = area + "-" + rest.lstrip("-")
    return text


def time_of_day(text):
    match = TIME.match(width(text).strip())
    if not match:
        return None
    return "%02d:%02d" % (int(match.group(1)), int(match.group(2) or 0))


def number(text):
    text = width(text).strip()
    return float(text) if NUMBER.match(text) else None


def prop(value):
    return {"type": "Property", "value": value}


def main():
    source, target = sys.argv[1], sys.argv[2]
    rows = rejected = 0
    with open(source, encoding="utf-8-sig", newline="") as f, open(target, "w", encoding="utf-8") as out:
        reader = csv.reader(f)
        header = next(reader)
        at = {name: index for index, name in enumerate(header)}
        for row in reader:
            rows += 1
            cell = lambda name: row[at[name]].strip() if at.get(name) is not None and at[name] < len(row) else ""
            code, ident, name = width(cell("全国地方公共団体コード")), width(cell("ID")), cell("名称")
            if not code or not ident or not name:
                rejected += 1
                continue
            entity = {"id": "urn:ngsi-ld:PointOfInterest:%s:%s" % (code, ident), "type": "PointOfInterest",
                      "name": prop(name)}
            kana = cell("名称_カナ")
            if kana and KATAKANA.match(kana):
                entity["nameKana"] = prop(kana)
            entity["category"] = prop(["publicFacility"])
            address = {"addressCountry": "JP"}
            if cell("住所"):
                address["streetAddress"] = cell("住所")
            entity["address"] = prop(address)
            lat, lon = number(cell("緯度")), number(cell("経度"))
            if lat is not None and lon is not None:
                entity["location"] = {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [lon, lat]}}
            if lat is not None:
                entity["latitude"] = prop(lat)
            if lon is not None:
                entity["longitude"] = prop(lon)
            tel = phone(cell("電話番号")) if cell("電話番号") else None
            if tel:
                entity["contactPoint"] = prop({"telephone": tel})
            opens = time_of_day(cell("開始時間")) if cell("開始時間") else None
            if opens:
                entity["opens"] = prop(opens)
            if cell("URL"):
                entity["url"] = prop(cell("URL"))
            entity["localGovernmentCode"] = prop(code)
            entity["identifier"] = prop(ident)
            if cell("備考"):
                entity["note"] = prop(cell("備考"))
            entity["@context"] = CONTEXT
            out.write(json.dumps(entity, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
    print("rows=%d rejected=%d" % (rows, rejected))


if __name__ == "__main__":
    main()
