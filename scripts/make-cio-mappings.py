#!/usr/bin/env python3
"""Writes the built-in mappings from the recommended-dataset CSV layouts to the NEC FIWARE models
(profiles/mappings/<dataset>.yaml) from the bundled schemas in profiles/models/nec-fiware/.
Run from the repository root; the output is committed, hand-written mappings (PointOfInterest,
Event) are not touched. Each column maps to the attribute of the same name (the NEC models use
the datasets' column names), so the mapping inverts exactly (round trip)."""
import csv, json, os, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = os.path.join(ROOT, "profiles/models/nec-fiware/dataModel.CIO")
OUT = os.path.join(ROOT, "profiles/mappings")
CONTEXT = "https://raw.githubusercontent.com/NEC-FIWARE/smart-data-models/master/cio/datamodels.context-ngsi.jsonld"

V1 = ["都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名"]
# New-format (自治体標準オープンデータセット) spellings of the v1 columns, as aliases.
NEW = {"都道府県コード又は市区町村コード": ["全国地方公共団体コード"], "NO": ["ID"], "住所": ["所在地_連結表記"],
       "方書": ["建物名等(方書)", "建物名等（方書）"], "都道府県名": ["所在地_都道府県"], "市区町村名": ["所在地_市区町村"]}

DATASETS = [
    # name, model, id slug, title, columns (None: the model's properties in order)
    ("aed", "AED設置箇所一覧", "AED", "AED設置箇所一覧"),
    ("care_service", "介護サービス事業所一覧", "CareService", "介護サービス事業所一覧"),
    ("hospital", "医療機関一覧", "Hospital", "医療機関一覧"),
    ("cultural_property", "文化財一覧", "CulturalProperty", "文化財一覧"),
    ("evacuation_space", "指定緊急避難場所一覧", "EvacuationSpace", "指定緊急避難場所一覧"),
    ("preschool", "子育て施設一覧", "Preschool", "子育て施設一覧"),
    ("public_wireless_lan", "公衆無線LANアクセスポイント一覧", "PublicWirelessLAN", "公衆無線LANアクセスポイント一覧"),
    ("open_data_list", "オープンデータ一覧", "OpenDataList", "オープンデータ一覧"),
]

# The 2024 standard layouts seen in real files: (column, attribute of the NEC model or None for the same name, aliases)
NEW_LAYOUTS = {
    "fire_hydrant": ("消防水利施設一覧", "FireHydrant", "消防水利施設一覧", [
        ("全国地方公共団体コード", "都道府県コード又は市区町村コード", ["都道府県コード又は市区町村コード"]),
        ("ID", "NO", ["NO"]), ("地方公共団体名", None, []), ("種別", None, []),
        ("所在地_全国地方公共団体コード", None, []), ("町字ID", None, []),
        ("所在地_連結表記", "住所", ["住所"]), ("所在地_都道府県", "都道府県名", ["都道府県名"]),
        ("所在地_市区町村", "市区町村名", ["市区町村名"]), ("所在地_町字", None, []), ("所在地_番地以下", None, []),
        ("建物名等(方書)", "方書", ["方書"]), ("緯度", None, []), ("経度", None, []), ("口径", None, []), ("備考", None, [])]),
    "public_toilet": ("公衆トイレ一覧", "PublicToilet", "公衆トイレ一覧", [
        ("全国地方公共団体コード", "都道府県コード又は市区町村コード", ["都道府県コード又は市区町村コード"]),
        ("ID", "NO", ["NO"]), ("地方公共団体名", None, []), ("名称", None, []), ("名称_カナ", None, []),
        ("名称_英語", None, []), ("所在地_全国地方公共団体コード", None, []), ("町字ID", None, []),
        ("所在地_連結表記", "住所", ["住所"]), ("所在地_都道府県", "都道府県名", ["都道府県名"]),
        ("所在地_市区町村", "市区町村名", ["市区町村名"]), ("所在地_町字", None, []), ("所在地_番地以下", None, []),
        ("建物名等(方書)", "方書", ["方書"]), ("設置位置", None, []), ("緯度", None, []), ("経度", None, []),
        ("高度の種別", None, []), ("高度の値", None, []),
        ("男性トイレ総数", None, []), ("男性トイレ数（小便器）", None, []), ("男性トイレ数（和式）", None, []),
        ("男性トイレ数（洋式）", None, []), ("女性トイレ総数", None, []), ("女性トイレ数（和式）", None, []),
        ("女性トイレ数（洋式）", None, []), ("男女共用トイレ総数", None, []), ("男女共用トイレ数（和式）", None, []),
        ("男女共用トイレ数（洋式）", None, []), ("バリアフリートイレ数", "多機能トイレ数", ["多機能トイレ数"]),
        ("車椅子使用者用トイレ有無", None, []), ("乳幼児用設備設置トイレ有無", None, []),
        ("オストメイト設置トイレ有無", None, []), ("利用開始時間", None, []), ("利用終了時間", None, []),
        ("利用可能時間特記事項", None, []), ("画像", None, []), ("画像_ライセンス", None, []), ("備考", None, [])]),
}

CODES = {"都道府県コード又は市区町村コード", "全国地方公共団体コード", "所在地_全国地方公共団体コード", "市区町村コード", "NO", "ID",
         "法人番号", "事業所番号", "医療機関コード", "POIコード", "内線番号", "連絡先内線番号", "町字ID", "地域コード"}
PHONES = {"電話番号", "FAX番号", "連絡先電話番号", "施設電話番号"}
DAYS = {"利用可能曜日", "診療曜日"}
FLAGS = {"○": "1", "◯": "1", "〇": "1"}


def q(text):
    return json.dumps(text, ensure_ascii=False)


def column_yaml(name, prop, required, aliases, evacuation_flag):
    parts = ["name: " + q(name)]
    if aliases:
        parts.append("aliases: [" + ", ".join(q(a) for a in aliases) + "]")
    kind = None
    if prop:
        if prop.get("type") == "number" or name in ("緯度", "経度"):
            kind = "number"
        elif prop.get("format") == "date":
            kind = "date"
        elif prop.get("format") == "time":
            kind = "time"
    elif name in ("緯度", "経度", "高度の値"):
        kind = "number"
    elif name.endswith("時間") and ("開始" in name or "終了" in name):
        kind = "time"
    if kind:
        parts.append("type: " + kind)
    normalize = []
    if name in CODES:
        normalize.append("width")
    if name.endswith("_カナ"):
        normalize.append("katakana")
    if name in PHONES:
        normalize.append("phone")
    if name in DAYS:
        normalize.append("weekdays")
    if normalize:
        parts.append("normalize: [" + ", ".join(normalize) + "]")
    if evacuation_flag:
        parts.append("values: {" + ", ".join(q(k) + ": " + q(v) for k, v in FLAGS.items()) + "}")
    if required:
        parts.append("required: true")
    return "  - {" + ", ".join(parts) + "}"


def write(dataset, model, slug, title, columns):
    """columns: (column, attribute, aliases)"""
    schema = json.load(open(os.path.join(MODELS, model, "schema.json")))
    props = schema["properties"]
    required = set(schema.get("required", []))
    id_columns = [c for c, a, _ in columns if (a or c) in ("都道府県コード又は市区町村コード", "市区町村コード")][:1] + \
        [c for c, a, _ in columns if (a or c) == "NO"][:1]
    lines = [
        "# " + title + " (" + dataset + ") → NEC FIWARE model " + model + ".",
        "# Written by scripts/make-cio-mappings.py from profiles/models/nec-fiware; see profiles/mappings/README.md.",
        "title: " + q(title + " → " + model),
        "dataset: " + dataset,
        "files: [" + q("*_" + dataset + ".csv") + ", " + q("*_" + dataset + "_*.csv") + "]",
        "model: " + q(model),
        "context: [" + q(CONTEXT) + "]",
        "id: " + q("urn:ngsi-ld:" + slug + ":" + ":".join("{" + c + "}" for c in id_columns)),
        "columns:",
    ]
    attributes = []
    has_lat = any(c == "緯度" for c, _, _ in columns)
    for column, attribute, aliases in columns:
        target = attribute or column
        prop = props.get(target)
        flag = target.startswith("災害種別_") or target == "指定避難所との重複"
        is_required = target in required and not flag and column not in id_columns
        lines.append(column_yaml(column, prop, is_required, aliases, flag))
        if flag:
            attributes.append("  " + q(target) + ": {from: " + q(column) + ", empty: \"\"}")
        elif target == column:
            attributes.append("  " + q(target) + ": " + q(column))
        else:
            attributes.append("  " + q(target) + ": {from: " + q(column) + "}")
    if has_lat and "location" in props:
        attributes.append("  location: {point: {latitude: 緯度, longitude: 経度}}")
    lines.append("attributes:")
    lines += attributes
    open(os.path.join(OUT, dataset + ".yaml"), "w").write("\n".join(lines) + "\n")


# The Digital Agency's CSV templates as copied in InfoProto/tablelinker-lib (see SOURCE.txt there).
TEMPLATES = os.path.join(ROOT, "..", "shared", "models", "jp", "templates-2023-tablelinker")
for dataset, model, slug, title in DATASETS:
    with open(os.path.join(TEMPLATES, "xxxxxx_" + dataset + ".csv"), encoding="utf-8-sig") as f:
        header = next(csv.reader(f))
    props = json.load(open(os.path.join(MODELS, model, "schema.json")))["properties"]
    def attr(column):
        if column in props:
            return None
        folded = {unicodedata.normalize("NFKC", p): p for p in props}
        return folded.get(unicodedata.normalize("NFKC", column))
    columns = []
    for c in header:
        aliases = list(NEW.get(c, []))
        if dataset == "preschool" and c == "都道府県コード又は市区町村コード":
            aliases.append("都道府県コ―ド又は市区町村コ―ド")
        columns.append((c, attr(c), aliases))
    write(dataset, model, slug, title, columns)
for dataset, (model, slug, title, columns) in NEW_LAYOUTS.items():
    write(dataset, model, slug, title, columns)
