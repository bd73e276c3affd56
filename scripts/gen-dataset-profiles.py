#!/usr/bin/env python3
"""Writes profiles/datasets/<name>.yaml from the sources in ../shared/models/jp/ (run once; the YAML
files are what renkei reads and what is reviewed):

  templates-2023-tablelinker/xxxxxx_<name>.csv   the 推奨データセット CSV templates (header = columns, in order)
  NEC-FIWARE-smart-data-models/cio/*/model.yaml  `required` of each dataset
  SPEC-NOTES.md section B                        2024 自治体標準オープンデータセット headers seen in real files

Column types come from the column names (TYPES below), each with the GIF clause it follows."""
import csv, glob, os, sys
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JP = os.path.normpath(os.path.join(ROOT, "..", "shared", "models", "jp"))
OUT = os.path.join(ROOT, "profiles", "datasets")

TEMPLATE_URL = "https://github.com/InfoProto/tablelinker-lib/tree/7160a77a00067ec402cff4b645226de5f6aa659c/templates"
NEC_URL = "https://github.com/NEC-FIWARE/smart-data-models/tree/master/cio"
YAIZU_URL = "https://github.com/yaizu-city/opendata/tree/e2393df49f76c121b65e95650222f99d329e349c/data"

DATASETS = {  # name: (title, NEC folder)
    "aed": ("AED設置箇所一覧", "01_AED設置箇所一覧"),
    "care_service": ("介護サービス事業所一覧", "02_介護サービス事業所一覧"),
    "hospital": ("医療機関一覧", "03_医療機関一覧"),
    "cultural_property": ("文化財一覧", "04_文化財一覧"),
    "tourism": ("観光施設一覧", "05_観光施設一覧"),
    "event": ("イベント一覧", "06_イベント一覧"),
    "public_wireless_lan": ("公衆無線LANアクセスポイント一覧", "07_公衆無線LANアクセスポイント一覧"),
    "public_toilet": ("公衆トイレ一覧", "08_公衆トイレ一覧"),
    "fire_hydrant": ("消防水利施設一覧", "09_消防水利施設一覧"),
    "evacuation_space": ("指定緊急避難場所一覧", "10_指定緊急避難場所一覧"),
    "population": ("地域・年齢別人口", "11_地域・年齢別人口"),
    "public_facility": ("公共施設一覧", "12_公共施設一覧"),
    "preschool": ("子育て施設一覧", "13_子育て施設一覧"),
    "open_data_list": ("オープンデータ一覧", "14_オープンデータ一覧"),
    "food_business_all": ("食品等営業許可・届出一覧（全件）", None),
    "food_business_new": ("食品等営業許可・届出一覧（新規）", None),
}
FILES = {"population": "xxxxxx_population_yyyymmdd.csv", "food_business_new": "xxxxxx_food_business_new_yyyymmdd_yyyymmdd.csv"}
PATTERNS = {"population": "{code}_population_{date}.csv", "food_business_new": "{code}_food_business_new_{date}_{date}.csv"}

GIF_DATE = "DS-441 コアデータパーツ 日時 (日付 YYYY-MM-DD)"
GIF_TIME = "DS-441 コアデータパーツ 日時 (時刻 HH:MM:SS, 秒は省略可)"
GIF_WEEK = "DS-441 コアデータパーツ 日時 (曜日)"
GIF_PHONE = "DS-445 コアデータパーツ 電話番号 §1"
GIF_GEO = "DS-444 コアデータパーツ 地理座標 (緯度・経度 10進数)"
GIF_LG = "DS-442 コアデータパーツ 住所 (全国地方公共団体コード, JIS X 0402 検査数字付き6桁)"
RULE = "機械判読可能なデータの表記方法の統一ルール (数値は半角)"


def column_type(name):
    """(type, spec clause) from the column's name."""
    if name in ("都道府県コード又は市区町村コード", "全国地方公共団体コード", "所在地_全国地方公共団体コード", "市区町村コード"):
        return "lgcode", GIF_LG
    if name in ("NO", "ID", "地域コード"):
        return "string", "推奨データセット NO/ID (VLED FAQ qa049: unique within the dataset)"
    if name.endswith("_カナ"):
        return "kana", "推奨データセット 項目定義 (全角カナ)"
    if name == "緯度":
        return "latitude", GIF_GEO
    if name == "経度":
        return "longitude", GIF_GEO
    if name.endswith("電話番号") or name == "FAX番号":
        return "phone", GIF_PHONE
    if name.endswith("時間") and "特記" not in name and name not in ("時間外における対応",):
        return "time", GIF_TIME
    if name.endswith("日") and not name.endswith("曜日") or name.endswith("年月日"):
        return "date", GIF_DATE
    if name.endswith("曜日"):
        return "weekdays", GIF_WEEK
    if name in ("URL", "画像", "連絡先FormURL"):
        return "url", "推奨データセット 項目定義 (URL)"
    if name == "法人番号":
        return "corporate_number", "法人番号 (13桁, 検査用数字付き; 番号法施行令)"
    if name.endswith("有無"):
        return "presence", "推奨データセット 項目定義 (有/無)"
    if ("トイレ数" in name or name.endswith("数") or name.endswith("定員") or name in ("総人口", "男性", "女性", "世帯数", "員数（数）")
            or name.endswith("の男性") or name.endswith("の女性") or name == "想定収容人数"):
        return "integer", RULE
    if name in ("標高", "高度の値"):
        return "number", RULE
    if any(k in name for k in ("説明", "備考", "特記事項", "概要", "アクセス方法", "駐車場情報", "詳細", "バリアフリー情報",
                               "対応", "許可条件", "参加申込方法", "提供エリア", "対象となる町会")):
        return "text", "推奨データセット 項目定義 (自由記述)"
    return "string", RULE


# Listed as required by the NEC-FIWARE model (an NGSI attribute must be present), but in the CSV an
# empty cell is meaningful: the place is not designated for that hazard / not also a 指定避難所.
NOT_REQUIRED_IN_CSV = "NEC-FIWARE model.yaml lists it as required, but in the CSV an empty cell means not designated; not required here"


def columns(header, required, origin):
    out = []
    for index, name in enumerate(header, 1):
        kind, clause = column_type(name)
        column = {"name": name, "type": kind}
        if name in required and (name.startswith("災害種別_") or name == "指定避難所との重複"):
            clause += "; " + NOT_REQUIRED_IN_CSV
        elif name in required:
            column["required"] = True
        if name in ("NO", "ID"):
            column["unique"] = True
        column["spec"] = "%s column %d; %s" % (origin, index, clause)
        out.append(column)
    return out


def nec_required(folder):
    if folder is None:
        return []
    model = yaml.safe_load(open(os.path.join(JP, "NEC-FIWARE-smart-data-models", "cio", folder, "model.yaml"), encoding="utf-8"))
    schemas = model["components"]["schemas"]
    return list(next(iter(schemas.values())).get("required", []))


def write(name, doc):
    path = os.path.join(OUT, name + ".yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/gen-dataset-profiles.py; reviewed by hand. Format: README.md.\n")
        yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False, width=200)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, (title, folder) in DATASETS.items():
        template = FILES.get(name, "xxxxxx_%s.csv" % name)
        header = next(csv.reader(open(os.path.join(JP, "templates-2023-tablelinker", template), encoding="utf-8-sig")))
        required = nec_required(folder)
        sources = [{
            "document": "推奨データセット CSV template %s (デジタル庁, 2023-03-31 version) as copied in InfoProto/tablelinker-lib templates/" % template,
            "url": TEMPLATE_URL, "date": "2023-03-31",
            "license": "templates: デジタル庁 (公共データ利用規約 / CC BY 4.0 compatible); tablelinker-lib: MIT",
            "gives": "column names and order"}]
        if folder:
            sources.append({
                "document": "NEC-FIWARE smart-data-models cio/%s/model.yaml (推奨データセット基本編 data model)" % folder,
                "url": NEC_URL, "date": "2021", "license": "MIT (NEC Corporation)", "gives": "required columns"})
        else:
            sources.append({"document": "no data model in NEC-FIWARE smart-data-models", "gives": "no column is marked required"})
        write(name, {
            "name": name, "title": title, "edition": "推奨データセット (2023-03-31 templates)",
            "fileName": PATTERNS.get(name, "{code}_%s.csv" % name),
            "sources": sources,
            "columns": columns(header, required, template),
        })
    # 2024 自治体標準オープンデータセット: headers of real published files (SPEC-NOTES.md section B).
    notes = open(os.path.join(JP, "SPEC-NOTES.md"), encoding="utf-8").read()
    new = {
        "public_toilet": ("公衆トイレ一覧", "222127_public_toilet.csv", "yaizu-city/opendata data/公衆トイレ一覧/222127_public_toilet.csv", YAIZU_URL),
        "fire_hydrant": ("消防水利施設一覧", "222127_fire_hydrant.csv", "yaizu-city/opendata data/消防水利施設一覧/222127_fire_hydrant.csv", YAIZU_URL),
        "evacuation_space": ("指定緊急避難場所一覧", "指定緊急避難場所一覧 (third-party", "third-party transcription (scripts/convert_shelter.py), quoted in SPEC-NOTES.md section B", None),
    }
    for name, (title, marker, where, url) in new.items():
        line = next(l for l in notes.splitlines() if marker in l and ": " in l)
        header = line.split(": ", 1)[1].split(",")
        header = [h.strip() for h in header]
        src = {"document": "自治体標準オープンデータセット (2024 format): header of %s" % where,
               "date": "2024", "license": "PDL 1.0 (Yaizu City) / as published", "gives": "column names and order"}
        if url:
            src["url"] = url
        write(name + "-2024", {
            "name": name + "-2024", "title": title, "edition": "自治体標準オープンデータセット (2024 format)",
            "fileName": "{code}_%s.csv" % name,
            "sources": [src, {"document": "required flags are not documented in the sources at hand", "gives": "no column is marked required"}],
            "columns": columns(header, [], "2024 %s header" % name),
        })
    partial = {
        "aed": ("AED設置箇所一覧", ["全国地方公共団体コード", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_英字", "所在地_全国地方公共団体コード"],
                "08_AED設置箇所一覧.xlsx item definition (Digital Agency definition sheet republished by Tokushima Prefecture), items 1-7",
                "https://opendata.pref.tokushima.lg.jp/dataset/4988/resource/16323/content.html"),
        "tourism": ("観光施設一覧", ["全国地方公共団体コード", "法人番号", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_英語"],
                    "11_観光施設一覧.xlsx item definition (Digital Agency definition sheet republished by Tokushima Prefecture), items 1-7",
                    "https://opendata.pref.tokushima.lg.jp/dataset/4991/resource/16326/content.html"),
    }
    for name, (title, header, doc, url) in partial.items():
        write(name + "-2024", {
            "name": name + "-2024", "title": title, "edition": "自治体標準オープンデータセット (2024 format), first columns only",
            "fileName": "{code}_%s.csv" % name, "partial": True,
            "sources": [{"document": doc, "url": url, "date": "2024", "license": "政府標準利用規約 2.0 (CC BY 4.0 compatible)",
                         "gives": "the first columns; the rest of the definition is not at hand, so only these are checked"}],
            "columns": columns(header, [], "2024 %s definition item" % name),
        })
    # The benchmark's synthetic facility list (../shared/bench/gen.py): a 2024-style public facility subset.
    header = ["全国地方公共団体コード", "ID", "地方公共団体名", "名称", "名称_カナ", "住所", "緯度", "経度", "電話番号", "開始時間", "URL", "備考"]
    cols = columns(header, ["全国地方公共団体コード", "ID", "地方公共団体名", "名称", "住所", "緯度", "経度"], "bench facility header")
    cols[0]["listed"] = False
    write("facility", {
        "name": "facility", "title": "施設一覧 (benchmark)", "edition": "synthetic, 2024-style public facility columns",
        "fileName": "{code}_facility.csv",
        "sources": [{"document": "../shared/bench/gen.py HEADER and table_schema() (the 1,000,000-row benchmark file)",
                     "license": "project file", "gives": "columns and required flags; the generated codes have valid check digits but are not real municipalities, so the list is not consulted (listed: false)"}],
        "columns": cols,
    })


main()
