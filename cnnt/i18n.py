"""The catalogue of every label the UI shows, in Vietnamese and English.

Pages never hold UI text: they ask ``t(key, lang)``.  Vietnamese is the
default; English is one switch away (``?lang=en``).  A test checks that every key
has both languages and that every key the code uses exists.
"""

from __future__ import annotations

import unicodedata

LANGS = ("vi", "en")
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}

CATALOGUE: dict[str, tuple[str, str]] = {
    # app and navigation
    "app.title": ("CNNT Đắk Lắk", "CNNT Đắk Lắk"),
    "app.subtitle": (
        "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu",
        "Typical rural industrial products programme",
    ),
    "page.overview": ("Tổng quan", "Overview"),
    "page.data": ("Dữ liệu", "Data"),
    # sidebar
    "sidebar.language": ("Ngôn ngữ", "Language"),
    "sidebar.snapshot": ("Bản dữ liệu", "Data snapshot"),
    "sidebar.snapshot_help": (
        "Mỗi lần nạp dữ liệu tạo một bản mới, không sửa bản cũ.",
        "Each data load makes a new snapshot; old ones are never changed.",
    ),
    "sidebar.filters": ("Bộ lọc chung", "Shared filters"),
    "sidebar.years": ("Năm tổ chức", "Round years"),
    "sidebar.levels": ("Cấp bình chọn", "Level"),
    "sidebar.groups": ("Nhóm sản phẩm", "Product group"),
    "sidebar.localities": ("Địa bàn (huyện trước 1/7/2025)", "Locality (district before 1/7/2025)"),
    "sidebar.all": ("Tất cả", "All"),
    "sidebar.reset": ("Xóa bộ lọc", "Clear filters"),
    "sample.badge": ("Dữ liệu mẫu / Sample data", "Sample data / Dữ liệu mẫu"),
    "sample.notice": (
        "Đây là dữ liệu mẫu sinh tự động: tên cơ sở là hư cấu; số liệu tổng hợp được hiệu chỉnh "
        "khớp các số liệu đã công bố.",
        "These are generated sample data: establishment names are fictional; totals are calibrated "
        "to match the published figures.",
    ),
    "snapshot.created": ("Tạo lúc", "Created"),
    "snapshot.current": ("đang dùng", "current"),
    # snapshot problems
    "snapshot.problem.no_pointer": (
        "Chưa chọn bản dữ liệu hiện hành.",
        "No current data snapshot is set.",
    ),
    "snapshot.problem.missing": (
        "Bản dữ liệu “{requested}” không tồn tại.",
        "Data snapshot “{requested}” does not exist.",
    ),
    "snapshot.problem.broken": (
        "Bản dữ liệu “{requested}” bị thiếu hoặc hỏng, không thể đọc.",
        "Data snapshot “{requested}” is incomplete or corrupt and cannot be read.",
    ),
    "snapshot.fallback": (
        "Đang hiển thị bản hợp lệ mới nhất: {id}.",
        "Showing the newest valid snapshot instead: {id}.",
    ),
    "snapshot.none_valid": (
        "Chưa có bản dữ liệu hợp lệ nào. Cán bộ dữ liệu hãy nạp dữ liệu, hoặc chạy "
        "`python -m cnnt sample` để có dữ liệu mẫu.",
        "There is no valid data snapshot yet. A data officer should load data, or run "
        "`python -m cnnt sample` for the sample data.",
    ),
    "snapshot.make_current": ("Đặt làm bản hiện hành", "Make it current"),
    # levels, legal forms
    "level.provincial": ("Cấp tỉnh", "Provincial"),
    "level.regional": ("Cấp khu vực", "Regional"),
    "level.national": ("Cấp quốc gia", "National"),
    "legal.doanh_nghiep": ("Doanh nghiệp", "Enterprise"),
    "legal.hop_tac_xa": ("Hợp tác xã", "Cooperative"),
    "legal.to_hop_tac": ("Tổ hợp tác", "Cooperative group"),
    "legal.ho_kinh_doanh": ("Hộ kinh doanh", "Household business"),
    # overview
    "overview.title": (
        "Tổng quan chương trình bình chọn sản phẩm CNNT tiêu biểu",
        "Overview of the typical rural industrial products programme",
    ),
    "overview.period": ("Giai đoạn {y0}–{y1}", "Period {y0}–{y1}"),
    "overview.rounds_held": ("Số kỳ tổ chức", "Rounds held"),
    "overview.establishments": ("Lượt cơ sở tham gia", "Establishments taking part"),
    "overview.products": ("Lượt sản phẩm tham gia", "Products entered"),
    "overview.certified": ("Sản phẩm được công nhận", "Products certified"),
    "overview.delta": ("{delta} kỳ {latest} so với kỳ {previous}", "{delta} in {latest} vs {previous}"),
    "overview.only_round": ("chỉ có kỳ {latest}", "only the {latest} round"),
    "overview.no_rounds": (
        "Không có kỳ nào trong giai đoạn và bộ lọc đã chọn.",
        "No round in the chosen period and filters.",
    ),
    "overview.counting": (
        "Cách đếm: mỗi kỳ đếm số cơ sở và số sản phẩm (kể cả bộ sản phẩm) tham gia; các kỳ được cộng dồn "
        "(một cơ sở tham gia hai kỳ được đếm hai lượt), như cách các báo cáo của tỉnh công bố.",
        "How it is counted: each round counts the establishments and products (including product sets) "
        "that took part; rounds are added up (an establishment in two rounds counts twice), as in the "
        "province's published reports.",
    ),
    "overview.published_match": ("Khớp số liệu công bố {ids}", "Matches published figure {ids}"),
    "overview.filtered_note": (
        "Đang lọc theo nhóm sản phẩm hoặc địa bàn: số liệu không so được với số công bố.",
        "Filtered by product group or locality: figures are not comparable with published ones.",
    ),
    "overview.timeline_title": (
        "Số sản phẩm tham gia và được công nhận qua các kỳ",
        "Products entered and certified, round by round",
    ),
    "overview.entered": ("Tham gia", "Entered"),
    "overview.round_year": ("Năm", "Year"),
    "overview.count": ("Số sản phẩm", "Products"),
    "overview.show_table": ("Xem dạng bảng", "Show as table"),
    "overview.snapshot_stamp": ("Nguồn: bản dữ liệu {id}", "Source: data snapshot {id}"),
    # data page
    "data.title": ("Dữ liệu và đối chiếu", "Data and reconciliation"),
    "data.snapshots": ("Các bản dữ liệu", "Data snapshots"),
    "data.reconciliation": ("Đối chiếu với số liệu đã công bố", "Reconciliation with published figures"),
    "data.matched": (
        "{n}/{total} số liệu công bố khớp với dữ liệu.",
        "{n} of {total} published figures match the data.",
    ),
    "data.col.id": ("Mã", "Id"),
    "data.col.created": ("Tạo lúc", "Created"),
    "data.col.sample": ("Dữ liệu mẫu", "Sample"),
    "data.col.state": ("Tình trạng", "State"),
    "data.col.current": ("Hiện hành", "Current"),
    "data.col.rows": ("Số dòng", "Rows"),
    "data.col.figure": ("Số liệu", "Figure"),
    "data.col.level": ("Cấp", "Level"),
    "data.col.period": ("Giai đoạn", "Period"),
    "data.col.metric": ("Chỉ tiêu", "Metric"),
    "data.col.published": ("Công bố", "Published"),
    "data.col.computed": ("Từ dữ liệu", "From the data"),
    "data.col.matches": ("Khớp", "Matches"),
    "data.col.source": ("Nguồn", "Source"),
    "data.state.ok": ("Hợp lệ", "Valid"),
    "data.state.broken": ("Hỏng: {problem}", "Broken: {problem}"),
    "data.contract": ("Quy ước dữ liệu", "Data contract"),
    "metric.establishments_participating": ("Cơ sở tham gia", "Establishments taking part"),
    "metric.products_participating": ("Sản phẩm tham gia", "Products taking part"),
    "metric.products_certified": ("Sản phẩm được công nhận", "Products certified"),
    "metric.establishments_certified": ("Cơ sở có sản phẩm được công nhận", "Establishments with a certified product"),
    "error.query": (
        "Không tải được số liệu này. Hãy thử lại hoặc báo cán bộ dữ liệu.",
        "These figures could not be loaded. Try again or tell the data officer.",
    ),
}


def t(key: str, lang: str = "vi", **values: object) -> str:
    """The label for ``key`` in ``lang``, with ``{placeholders}`` filled in, NFC."""
    vi, en = CATALOGUE[key]
    text = en if lang == "en" else vi
    if values:
        text = text.format(**values)
    return unicodedata.normalize("NFC", text)
