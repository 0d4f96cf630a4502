"""The catalogue of every label the UI shows, in Vietnamese and English.

Pages never hold UI text: they ask ``t(key, lang)``.  Vietnamese is the
default; English is one switch away (``?lang=en``).  A test checks that every key
has both languages and that every key the code uses exists.
"""

from __future__ import annotations

import re
import unicodedata

LANGS = ("vi", "en")
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}

CATALOGUE: dict[str, tuple[str, str]] = {
    # app and navigation
    "app.title": ("CNNT Đắk Lắk", "CNNT Đắk Lắk"),
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
    "sidebar.scope": ("Phạm vi", "Scope"),
    "sidebar.scope_help": (
        "Tỉnh Đắk Lắk hiện nay gồm lịch sử của hai tỉnh cũ. Chọn một tỉnh cũ để xem riêng các kỳ của tỉnh đó "
        "(và các cơ sở trên địa bàn đó trong các kỳ sau 1/7/2025).",
        "Today's Đắk Lắk holds the histories of two former provinces. Pick one to see only its own rounds "
        "(and, after 1 July 2025, the establishments on its territory).",
    ),
    "scope.merged": ("Toàn tỉnh (sau sáp nhập)", "Merged province"),
    "scope.daklak_old": ("Chỉ Đắk Lắk cũ", "Old Đắk Lắk only"),
    "scope.phuyen_old": ("Chỉ Phú Yên cũ", "Old Phú Yên only"),
    "scope.daklak": ("Đắk Lắk (từ 1/7/2025)", "Đắk Lắk (from 1 July 2025)"),
    "scope.merger_note": (
        "Giai đoạn đã chọn vượt qua mốc sáp nhập 1/7/2025: trước mốc này là các kỳ riêng của Đắk Lắk cũ và "
        "Phú Yên cũ, sau đó là các kỳ chung của tỉnh mới; so sánh qua mốc này cần lưu ý.",
        "The period crosses the merger of 1 July 2025: before it, old Đắk Lắk and old Phú Yên held their own "
        "rounds; after it, the merged province holds one. Read comparisons across it with care.",
    ),
    "scope.merger_note_territory": (
        "Phạm vi “{scope}”: sau 1/7/2025 chỉ tính các cơ sở trên địa bàn này trong các kỳ chung của tỉnh mới; "
        "so sánh qua mốc sáp nhập cần lưu ý.",
        "Scope “{scope}”: after 1 July 2025 only the establishments on this territory in the merged province's "
        "rounds are counted; read comparisons across the merger with care.",
    ),
    "owner.daklak_old": ("Đắk Lắk cũ", "Old Đắk Lắk"),
    "owner.phuyen_old": ("Phú Yên cũ", "Old Phú Yên"),
    "owner.daklak": ("Đắk Lắk (sau sáp nhập)", "Đắk Lắk (merged)"),
    "empty.no_data": (
        "Chưa có dữ liệu: hãy nạp kỳ bình chọn đầu tiên ở trang Dữ liệu.",
        "No data yet: load the first round on the Data page.",
    ),
    "empty.no_data_reader": (
        "Chưa có dữ liệu: chưa có kỳ bình chọn nào được nạp. Cán bộ dữ liệu của Sở nạp và công bố kết quả ở trang Dữ liệu.",
        "No data yet: no round has been loaded. The Department's data officers load and publish results on the Data page.",
    ),
    "empty.go_to_data": ("Đến trang Dữ liệu để nạp kỳ đầu tiên", "Go to the Data page to load the first round"),
    "empty.how": (
        "Nạp danh sách công bố kết quả (tệp Excel như đăng trên báo, hoặc mẫu nhập liệu) rồi xem trước và công bố.",
        "Load a results list (an Excel announcement list as published, or the template), preview it and publish.",
    ),
    "meta.scope": ("Phạm vi", "Scope"),
    "sample.badge": ("Dữ liệu mẫu", "Sample data"),
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
    "overview.held_span": (
        "các kỳ trong dữ liệu: từ {y0} đến {y1} ({n} năm có kỳ)",
        "rounds in the data: {y0} to {y1} ({n} years with a round)",
    ),
    "overview.held_one": ("các kỳ trong dữ liệu: chỉ năm {y}", "rounds in the data: {y} only"),
    "overview.rounds_held": ("Số kỳ tổ chức", "Rounds held"),
    "overview.establishments": ("Lượt cơ sở tham gia", "Establishments taking part (times)"),
    "overview.products": ("Lượt sản phẩm tham gia", "Products entered (times)"),
    "overview.certified": ("Lượt sản phẩm được công nhận", "Products certified (times)"),
    "overview.delta": ("{delta} kỳ {latest} so với kỳ {previous}", "{delta} in {latest} vs {previous}"),
    "overview.delta_merger": (
        "{delta} kỳ {latest} so với các kỳ {previous} trước sáp nhập",
        "{delta} in {latest} vs the pre-merger rounds of {previous}",
    ),
    "overview.merger_compared": (
        "Kỳ {latest} do tỉnh mới tổ chức; so sánh với các kỳ cuối của tỉnh cũ: {rounds}.",
        "The {latest} round was held by the merged province; compared with the former provinces' last rounds: {rounds}.",
    ),
    "overview.only_round": ("chỉ có kỳ {latest}", "only the {latest} round"),
    "overview.no_rounds": (
        "Không có kỳ nào trong giai đoạn và bộ lọc đã chọn.",
        "No round in the chosen period and filters.",
    ),
    "overview.counting": (
        "Cách đếm: mỗi kỳ đếm số cơ sở và số sản phẩm (kể cả bộ sản phẩm) tham gia; các kỳ được cộng dồn "
        "(một cơ sở tham gia hai kỳ được đếm hai lượt; một sản phẩm được công nhận lại được đếm hai lượt), như cách "
        "các báo cáo của tỉnh công bố. Mỗi cấp đếm riêng: lần đầu/dự lại cũng tính theo từng cấp.",
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
        for a, b in (("y0", "y1"), ("p0", "p1")):
            if a in values and str(values[a]) == str(values.get(b)):
                text = _one_year(text, str(values[a]))
    return unicodedata.normalize("NFC", text)


def _one_year(text: str, year: str) -> str:
    """A period of one year said as that year: "Năm 2023", not "Giai đoạn 2023–2023"."""
    span = re.escape(f"{year}–{year}")
    for pattern, one in (
        (rf"\bGiai đoạn {span}", f"Năm {year}"),
        (rf"\bgiai đoạn {span}", f"năm {year}"),
        (rf"\bPeriod {span}", f"Year {year}"),
    ):
        text = re.sub(pattern, one, text)
    return text.replace(f"{year}–{year}", year)


CATALOGUE.update(
    {
        "page.participation": ("Tham gia", "Participation"),
        "page.pass_rates": ("Tỷ lệ đạt", "Pass rates"),
        "page.lookup": ("Tra cứu", "Lookup"),
        # panels
        "panel.show_table": ("Xem dạng bảng", "Show as table"),
        "table.show_all": ("Xem cả {n} dòng", "Show all {n} rows"),
        "table.first_rows": (
            "Đang hiện {shown} dòng đầu trong {n} dòng.",
            "Showing the first {shown} of {n} rows.",
        ),
        "panel.n": ("Dựa trên {n} lượt sản phẩm.", "Based on {n} entries."),
        "panel.n_est": ("Dựa trên {n} lượt cơ sở.", "Based on {n} establishment entries."),
        "panel.download_csv": ("Tải CSV", "Download CSV"),
        "panel.download_xlsx": ("Tải Excel", "Download Excel"),
        "panel.empty": ("Không có dữ liệu cho bộ lọc đã chọn.", "No data for the chosen filters."),
        "meta.title": ("Nội dung", "Content"),
        "meta.snapshot": ("Bản dữ liệu", "Data snapshot"),
        "meta.sample": ("Dữ liệu mẫu", "Sample data"),
        "meta.years": ("Năm tổ chức", "Round years"),
        "meta.levels": ("Cấp", "Levels"),
        "meta.groups": ("Nhóm sản phẩm", "Product groups"),
        "meta.localities": ("Địa bàn", "Localities"),
        "meta.created": ("Tải lúc", "Downloaded at"),
        "meta.yes": ("Có", "Yes"),
        "meta.no": ("Không", "No"),
        "meta.data_sheet": ("Dữ liệu", "Data"),
        "meta.meta_sheet": ("Thông tin", "About"),
        # overview additions
        "overview.summary_title": ("Tóm tắt", "Summary"),
        "overview.summary.level": (
            "{verb} {rounds} kỳ bình chọn {level_lower} với {est} lượt cơ sở/{prod} lượt sản phẩm tham gia, "
            "{cert} sản phẩm được công nhận",
            "{verb} {rounds} {level_lower} {round_word} with {est} establishment {est_word}/{prod} product {prod_word}, "
            "{cert} {cert_word} certified",
        ),
        "overview.summary.lead": ("Giai đoạn {y0}–{y1}, tỉnh ", "In {y0}–{y1}, the province "),
        "overview.summary.join": ("; ", "; "),
        "overview.verb.provincial": ("tổ chức", "held"),
        "overview.verb.other": ("tham gia", "took part in"),
        "overview.summary.end": (".", "."),
        "overview.summary.rate": (
            " Tỷ lệ được công nhận cấp tỉnh là {rate} ({cert}/{prod}).",
            " The provincial pass rate was {rate} ({cert} of {prod}).",
        ),
        "overview.funnel_title": (
            "Từ cấp tỉnh lên cấp quốc gia: {share} sản phẩm được công nhận cấp tỉnh đi tiếp lên cấp khu vực",
            "From provincial to national: {share} of provincially certified products went on to the regional round",
        ),
        "overview.funnel_empty_title": ("Từ cấp tỉnh lên cấp quốc gia", "From provincial to national"),
        "overview.stage.provincial_entered": ("Tỉnh: tham gia", "Provincial: entered"),
        "overview.stage.provincial_certified": ("Tỉnh: công nhận", "Provincial: certified"),
        "overview.stage.regional_entered": ("Khu vực: tham gia", "Regional: entered"),
        "overview.stage.regional_certified": ("Khu vực: công nhận", "Regional: certified"),
        "overview.stage.national_entered": ("Quốc gia: tham gia", "National: entered"),
        "overview.stage.national_certified": ("Quốc gia: công nhận", "National: certified"),
        "overview.cycle": ("Chu kỳ {year}", "Cycle {year}"),
        "overview.timeline_finding": (
            "Sản phẩm tham gia cấp tỉnh: {first} ({y_first}) → {last} ({y_last})",
            "Provincial entries: {first} ({y_first}) → {last} ({y_last})",
        ),
        "level_lower.provincial": ("cấp tỉnh", "provincial"),
        "level_lower.regional": ("cấp khu vực", "regional"),
        "level_lower.national": ("cấp quốc gia", "national"),
        # definitions, written once
        "def.participation": (
            "Lượt tham gia: mỗi kỳ, mỗi cơ sở (hoặc sản phẩm, bộ sản phẩm) có ít nhất một bài dự thi được đếm một lần; "
            "cộng các kỳ lại (một cơ sở dự hai kỳ là hai lượt).",
            "Participation: in each round, every establishment (or product, product set) with an entry counts once; "
            "rounds are added up (an establishment in two rounds counts twice).",
        ),
        "def.pass_rate": (
            "Tỷ lệ đạt = số sản phẩm được công nhận ÷ số sản phẩm tham gia, tính trên mọi lượt tham gia (sản phẩm dự lại "
            "được tính ở mỗi kỳ). Khoảng tin cậy 95% theo phương pháp Wilson; n nhỏ được đánh dấu, không bị ẩn.",
            "Pass rate = products certified ÷ products entered, over every entry (a product that re-enters counts in "
            "each round). 95% interval by the Wilson method; small n is flagged, not hidden.",
        ),
        "note.unscored_certified": (
            "{rounds}: số được công nhận lớn hơn số đạt ngưỡng vì dữ liệu không có điểm của một số sản phẩm được "
            "công nhận (danh sách công bố thường không ghi điểm).",
            "{rounds}: more products certified than reached the threshold, because the data hold no score for some "
            "certified products (announcement lists often publish none).",
        ),
        "def.eligible": (
            "Đạt điểm (≥ ngưỡng, thường 70/100) khác với được công nhận: hội đồng có thể chỉ công nhận một phần số bài đạt điểm.",
            "Reaching the threshold (usually 70/100) is not certification: the council may certify only part of them.",
        ),
        "def.new_returning": (
            "Lần đầu: chưa từng dự kỳ nào cùng cấp trước đó (xét toàn bộ lịch sử). Dự lại sau khi trượt: sản phẩm đã dự "
            "cùng cấp trước đó nhưng chưa lần nào được công nhận.",
            "First time: no earlier round of the same level (whole history). Re-entering after failing: the product "
            "entered the same level before and was never certified there.",
        ),
        "def.progression": (
            "Theo dõi từng sản phẩm qua liên kết bài dự thi: được công nhận cấp tỉnh năm Y → dự cấp khu vực Y+1 → "
            "dự cấp quốc gia Y+2.",
            "Follows each product through the links between entries: certified provincially in year Y → regional "
            "round Y+1 → national round Y+2.",
        ),
        "def.criteria": (
            "Điểm trung bình mỗi nhóm tiêu chí, tính theo % điểm tối đa của nhóm, so sánh bài được và không được công nhận.",
            "Average points per criteria group, as % of the group's maximum, for certified versus not certified entries.",
        ),
        "note.regulation": (
            "Quy định thay đổi trong giai đoạn: Thông tư 26/2014/TT-BCT (sửa đổi 2018) áp dụng đến 30/6/2025; "
            "Thông tư 38/2025/TT-BCT từ 1/7/2025.",
            "The rules changed during the period: Circular 26/2014/TT-BCT (amended 2018) until 30/6/2025; "
            "Circular 38/2025/TT-BCT from 1/7/2025.",
        ),
        "note.small_n": ("n < {n}: ước lượng kém tin cậy.", "n < {n}: unreliable estimate."),
        # participation page
        "part.title": ("Tham gia bình chọn", "Participation"),
        "part.by_group": ("{group} chiếm {share} số sản phẩm tham gia", "{group} make up {share} of entries"),
        "part.by_form": (
            "{form} là loại hình tham gia nhiều nhất ({share} lượt cơ sở)",
            "{form} take part most ({share} of establishment entries)",
        ),
        "part.new_returning": (
            "{share} lượt cơ sở là lần đầu tham gia; {reentries} sản phẩm dự lại sau khi trượt",
            "{share} of establishment entries are first-timers; {reentries} products re-entered after failing",
        ),
        "part.localities": ("{name} có nhiều lượt sản phẩm tham gia nhất ({n})", "{name} has the most entries ({n})"),
        "part.localities_tie": (
            "{name} và {others} địa bàn khác cùng có nhiều lượt sản phẩm tham gia nhất ({n})",
            "Most entries ({n}): {name} and {others} more",
        ),
        "part.drill": ("Sản phẩm và cơ sở phía sau số liệu", "The products and establishments behind the figures"),
        "part.drill_hint": (
            "Bấm vào một cột ở biểu đồ nhóm sản phẩm để lọc danh sách theo kỳ đó.",
            "Click a bar in the product-group chart to filter this list to that round.",
        ),
        "part.drill_round": ("Kỳ", "Round"),
        "part.certified_only": ("Chỉ sản phẩm được công nhận", "Certified products only"),
        "part.new": ("Lần đầu ở cấp này", "First time at this level"),
        "part.returning": ("Dự lại ở cấp này", "Returning at this level"),
        "part.reentering": ("Dự lại sau khi trượt", "Re-entering after failing"),
        # pass rates page
        "rate.title": ("Tỷ lệ được công nhận", "Pass rates"),
        "rate.dimension": ("Xem theo", "Break down by"),
        "rate.dim.round": ("Kỳ bình chọn", "Round"),
        "rate.dim.level": ("Cấp", "Level"),
        "rate.dim.group": ("Nhóm sản phẩm", "Product group"),
        "rate.dim.legal_form": ("Loại hình", "Legal form"),
        "rate.dim.locality": ("Địa bàn", "Locality"),
        "rate.finding": ("Tỷ lệ đạt cao nhất: {name} ({rate}, n = {n})", "Highest pass rate: {name} ({rate}, n = {n})"),
        "rate.finding_one": ("Tỷ lệ được công nhận: {name} ({rate}, n = {n})", "Pass rate: {name} ({rate}, n = {n})"),
        "rate.scores": (
            "Phân bố điểm: {share} bài đạt ngưỡng {threshold} điểm",
            "Score distribution: {share} of entries reach the {threshold}-point threshold",
        ),
        "rate.criteria_lost": (
            "Sản phẩm không được công nhận mất điểm nhiều nhất ở: {name} (trung bình mất {lost} điểm)",
            "Entries not certified lose most points in: {name} ({lost} points lost on average)",
        ),
        "rate.criteria_heading": ("Điểm theo nhóm tiêu chí", "Points by criteria group"),
        "rate.criteria_tie": (
            "Sản phẩm không được công nhận mất điểm gần như ngang nhau ở: {first} và {second} (khoảng {lost} điểm)",
            "Entries not certified lose about as many points in {first} as in {second} (about {lost} points)",
        ),
        "rate.progression": ("Tỷ lệ đi tiếp qua các cấp theo chu kỳ", "Progression through the levels, cycle by cycle"),
        "rate.pass_rate": ("Tỷ lệ đạt", "Pass rate"),
        "rate.ci": ("Khoảng tin cậy 95%", "95% interval"),
        "rate.entries": ("Số bài (n)", "Entries (n)"),
        "rate.certified": ("Được công nhận", "Certified"),
        "rate.small": ("n nhỏ", "small n"),
        "rate.threshold": ("Ngưỡng", "Threshold"),
        "rate.score": ("Tổng điểm", "Total score"),
        "rate.outcome.certified": ("Được công nhận", "Certified"),
        "rate.outcome.not_certified": ("Không được công nhận", "Not certified"),
        "rate.share_of_max": ("% điểm tối đa", "% of maximum"),
        # lookup page
        "lookup.title": ("Tra cứu sản phẩm, cơ sở", "Find a product or establishment"),
        "lookup.query": (
            "Tên sản phẩm hoặc cơ sở (gõ có dấu hoặc không dấu)",
            "Product or establishment name (with or without diacritics)",
        ),
        "lookup.placeholder": ("ví dụ: ca phe, mật ong, HTX", "e.g. ca phe, mật ong, HTX"),
        "lookup.none": ("Không tìm thấy. Thử một phần của tên.", "Nothing found. Try part of the name."),
        "lookup.pick": ("Chọn cơ sở", "Choose an establishment"),
        "lookup.results": ("{n} kết quả", "{n} results"),
        "lookup.results_capped": (
            "Từ {n} kết quả trở lên; danh sách dừng ở {n} kết quả khớp nhất — hãy gõ cụ thể hơn để thu hẹp.",
            "{n} or more results; the list stops at the {n} best matches — type more to narrow it.",
        ),
        "lookup.entries": ("Bài dự thi, điểm và giấy chứng nhận", "Entries, scores and certificates"),
        "lookup.support": ("Hỗ trợ khuyến công đã nhận", "Industrial-extension support received"),
        "lookup.no_entries": ("Cơ sở chưa dự kỳ bình chọn nào.", "This establishment has not entered any round."),
        "lookup.no_support": ("Chưa có hỗ trợ khuyến công.", "No khuyến công support recorded."),
        "lookup.before": ("Trước 1/7/2025", "Before 1/7/2025"),
        "lookup.after": ("Từ 1/7/2025", "From 1/7/2025"),
        "lookup.legal_form": ("Loại hình", "Legal form"),
        "lookup.founded": ("Năm thành lập", "Founded"),
        "lookup.address": ("Địa chỉ", "Address"),
        "lookup.total_support": ("Tổng hỗ trợ: {amount}", "Total support: {amount}"),
        # table columns
        "col.round": ("Kỳ", "Round"),
        "col.level": ("Cấp", "Level"),
        "col.year": ("Năm", "Year"),
        "col.product": ("Sản phẩm", "Product"),
        "col.establishment": ("Cơ sở", "Establishment"),
        "col.group": ("Nhóm sản phẩm", "Product group"),
        "col.legal_form": ("Loại hình", "Legal form"),
        "col.locality": ("Địa bàn (trước 1/7/2025)", "Locality (before 1/7/2025)"),
        "col.score": ("Tổng điểm", "Total score"),
        "col.eligible": ("Đạt ngưỡng", "Reached threshold"),
        "col.certified": ("Được công nhận", "Certified"),
        "col.certificate_no": ("Số giấy chứng nhận", "Certificate no."),
        "col.certificate_date": ("Ngày cấp", "Issued"),
        "col.valid_until": ("Hiệu lực đến", "Valid until"),
        "col.c1": ("Tiêu chí 1 (thị trường, /40)", "Criteria 1 (market, /40)"),
        "col.c2": ("Tiêu chí 2 (KT–KT–XH–MT, /40)", "Criteria 2 (econ.–tech., /40)"),
        "col.c3": ("Tiêu chí 3 (văn hóa, /10)", "Criteria 3 (culture, /10)"),
        "col.c4": ("Tiêu chí 4 (khác, /10)", "Criteria 4 (other, /10)"),
        "col.products": ("Lượt sản phẩm tham gia", "Product entries"),
        "col.establishments": ("Cơ sở tham gia", "Establishments"),
        "col.establishments_known": ("Cơ sở đã biết", "Known establishments"),
        "col.rounds_with_entry": ("Số kỳ có tham gia", "Rounds with an entry"),
        "col.year_grant": ("Năm", "Year"),
        "col.programme": ("Chương trình", "Programme"),
        "col.activity": ("Nội dung hỗ trợ", "Activity"),
        "col.amount": ("Số tiền (đồng)", "Amount (VND)"),
        "col.entries": ("Số lượt dự", "Entries"),
        "col.category": ("Nhóm", "Category"),
        "programme.national": ("Khuyến công quốc gia", "National khuyến công"),
        "programme.local": ("Khuyến công địa phương", "Local khuyến công"),
        "activity.machinery": ("Máy móc, thiết bị", "Machinery and equipment"),
        "activity.trade_promotion": ("Xúc tiến thương mại", "Trade promotion"),
        "activity.fairs_showrooms": ("Hội chợ, phòng trưng bày", "Fairs and showrooms"),
        "activity.packaging_design": ("Bao bì, thiết kế", "Packaging and design"),
        "activity.training": ("Đào tạo", "Training"),
        "activity.technology_transfer": ("Chuyển giao công nghệ", "Technology transfer"),
        "activity.reward": ("Khen thưởng", "Reward"),
        "bool.yes": ("Có", "Yes"),
        "bool.no": ("Không", "No"),
    }
)


CATALOGUE.update(
    {
        "page.localities": ("Địa bàn", "Localities"),
        "page.locality_profile": ("Hồ sơ địa bàn", "Locality profile"),
        "loc.title": ("Mức độ tham gia của các địa bàn", "How localities take part"),
        "loc.view": ("Cách xem địa bàn", "View localities as"),
        "loc.view.legacy": ("Như trước 1/7/2025 (huyện, tỉnh cũ)", "As it was before 1/7/2025 (districts)"),
        "loc.view.current": ("Hiện nay (xã, phường của tỉnh mới)", "As it is now (communes and wards)"),
        "loc.reform": (
            "Từ 1/7/2025 cấp huyện chấm dứt hoạt động và tỉnh Phú Yên nhập vào tỉnh Đắk Lắk; tỉnh mới có 102 xã, "
            "phường. “Như trước 1/7/2025” xem theo 15 huyện, thị xã, thành phố của Đắk Lắk cũ và 9 của Phú Yên cũ. "
            "“Hiện nay” xem theo xã, phường mới: lịch sử của mỗi cơ sở được gắn theo xã cũ của cơ sở → xã mới (phần "
            "lớn diện tích), nên mỗi lượt tham gia chỉ được đếm một lần; cơ sở chỉ biết huyện được xếp vào dòng "
            "“huyện … — chưa rõ xã”. Một xã mới gồm phần của nhiều huyện cũ thì số liệu của nó là tổng của các cơ sở "
            "thuộc những phần đó, không so được trực tiếp với số liệu huyện cũ. Mỗi địa bàn chỉ được so với các kỳ "
            "mà nó được tham gia (kỳ của tỉnh cũ của nó và các kỳ của tỉnh mới).",
            "On 1/7/2025 the district level ended and Phú Yên merged into Đắk Lắk; the new province has 102 "
            "communes and wards. “As it was” shows the 15 districts of old Đắk Lắk and the 9 of old Phú Yên. “As it "
            "is now” shows the new communes: each establishment's history follows its old commune to the new one "
            "that took its main part, so every entry counts once; establishments known only by their district stand "
            "under “district … — district known, commune unknown”. A new commune formed from parts of several old "
            "districts sums the establishments of those parts and cannot be compared directly with an old district. "
            "Each locality is measured only against the rounds open to it (its former province's and the merged "
            "province's).",
        ),
        "loc.measure": ("Tô màu theo", "Colour by"),
        "loc.measure.engagement_class": ("Mức tham gia", "Engagement"),
        "loc.measure.participation_per_100": ("Cơ sở tham gia /100 cơ sở", "Participants per 100 establishments"),
        "loc.measure.pass_rate": ("Tỷ lệ đạt", "Pass rate"),
        "loc.measure.entries": ("Lượt sản phẩm tham gia", "Entries"),
        "loc.measure.gap": ("Khoảng thiếu hụt", "Engagement gap"),
        "loc.known": ("Cơ sở CNNT đã biết", "Known establishments"),
        "loc.participants": ("Cơ sở đã tham gia", "Establishments that took part"),
        "loc.per100": ("Cơ sở tham gia /100 cơ sở", "Participants per 100 establishments"),
        "loc.entries": ("Lượt sản phẩm tham gia", "Entries"),
        "loc.class": ("Mức tham gia", "Engagement"),
        "loc.class.never": ("Chưa từng tham gia", "Never took part"),
        "loc.commune_unknown": ("chưa rõ xã", "district known, commune unknown"),
        "loc.current_rows": (
            "Bản đồ và bảng dưới đây gồm {communes} xã, phường và {unknown} dòng ghi “chưa rõ xã” (cơ sở chỉ biết "
            "huyện, thị xã hoặc thành phố cũ).",
            "The map and table below hold {communes} communes and wards and {unknown} rows marked “district known, "
            "commune unknown” (establishments known only by their old district, town or city).",
        ),
        "loc.class.no_round": ("Chưa có kỳ nào trong giai đoạn", "No round in the period"),
        "loc.class.lapsed": ("Đã ngừng (2 kỳ gần nhất không tham gia)", "Lapsed (none in the last two rounds)"),
        "loc.class.below": ("Dưới mức bình quân tỉnh", "Below the province rate"),
        "loc.class.ok": ("Bằng hoặc trên mức bình quân", "At or above the province rate"),
        "loc.map_title": (
            "{never} địa bàn chưa từng tham gia, {lapsed} địa bàn đã ngừng tham gia",
            "{never} localities never took part, {lapsed} have lapsed",
        ),
        "loc.map_title_unknown": (
            "{never} địa bàn chưa từng tham gia, {lapsed} địa bàn đã ngừng tham gia (chưa kể {unknown} dòng “chưa rõ xã”)",
            "{never} localities never took part, {lapsed} have lapsed (not counting {unknown} “commune unknown” rows)",
        ),
        "loc.map_note": (
            "Mỗi chấm là trọng tâm một địa bàn, to theo số cơ sở đã biết; chấm xám là các xã, phường (không cần bản đồ nền trực tuyến).",
            "Each dot is a locality's centroid, sized by its known establishments; grey dots are communes (no online base map needed).",
        ),
        "loc.gap_title": (
            "Xếp hạng khoảng thiếu hụt: {name} đứng đầu, thiếu {gap} cơ sở so với mức chung của tỉnh",
            "Engagement gap ranking: {name} comes first, {gap} establishments short of the province's rate",
        ),
        "loc.gap_title_none": (
            "Xếp hạng khoảng thiếu hụt: không địa bàn nào thấp hơn mức tham gia chung của tỉnh",
            "Engagement gap ranking: no locality is below the province's participation rate",
        ),
        "loc.gap_explain": (
            "Khoảng thiếu hụt = số cơ sở lẽ ra tham gia nếu địa bàn đạt mức bình quân của tỉnh ({rate} cơ sở tham gia "
            "trên 100 cơ sở đã biết) trừ số cơ sở đã tham gia; số càng lớn càng nên ưu tiên vận động.",
            "Gap = establishments expected to take part at the province rate ({rate} per 100 known establishments) "
            "minus those that did; the larger it is, the higher the priority for recruitment.",
        ),
        "loc.def": (
            "Chỉ tính bài dự thi cấp tỉnh (cửa vào của chương trình), trong các năm đã chọn; cơ sở đã biết là cơ sở "
            "trong danh sách (đã nhận khuyến công, trong sổ theo dõi), không chỉ cơ sở đã tham gia.",
            "Counts provincial entries only (the programme's entry point) in the chosen years; known establishments "
            "are everyone on the list (supported by khuyến công, in the registry), not only participants.",
        ),
        "loc.col.rank": ("Hạng", "Rank"),
        "loc.col.name": ("Địa bàn", "Locality"),
        "loc.col.expected": ("Kỳ vọng (cơ sở)", "Expected (establishments)"),
        "loc.col.gap": ("Thiếu hụt (cơ sở)", "Gap (establishments)"),
        "loc.col.last_year": ("Lần gần nhất", "Last entry"),
        "loc.col.rounds_since": ("Số kỳ từ lần gần nhất", "Rounds since last entry"),
        "loc.prospects": ("Danh sách cơ sở nên vận động", "Establishments worth nominating"),
        "loc.prospects_for": ("Địa bàn của danh sách", "Localities in this list"),
        "loc.prospects_default": (
            "Mặc định: mọi địa bàn chưa từng tham gia hoặc đã ngừng.",
            "By default: every locality that never took part or has lapsed.",
        ),
        "loc.prospects_title": (
            "{n} cơ sở chưa từng tham gia; {supported} đã nhận hỗ trợ khuyến công",
            "Establishments that never entered: {n}; of them, with khuyến công support: {supported}",
        ),
        "loc.prospects_shown": (
            "Trên màn hình: {shown} cơ sở triển vọng nhất trong {n}; các tệp tải về (CSV, Excel và danh sách theo "
            "dõi) có đủ {n} cơ sở.",
            "On screen: the {shown} most promising of {n}; the downloads (CSV, Excel and the follow-up list) hold all "
            "{n}.",
        ),
        "loc.prospects_def": (
            "Mức triển vọng (0–4): đã nhận khuyến công; nhận trong 3 năm gần nhất; nhóm sản phẩm có tỷ lệ đạt cấp tỉnh "
            "cao hơn bình quân; có bộ sản phẩm hoặc nhiều sản phẩm.",
            "Promise (0–4): received khuyến công support; received it in the last three years; a product group "
            "with an above-average provincial pass rate; a product set or several products.",
        ),
        "loc.revenue_hidden": (
            "Quy mô doanh thu là thông tin mật của cơ sở và đang ẩn với vai trò hiện tại.",
            "Revenue size is an establishment's confidential information and is hidden for the current role.",
        ),
        "loc.followup_xlsx": ("Tải danh sách theo dõi (Excel)", "Download follow-up list (Excel)"),
        "loc.col.address": ("Địa chỉ", "Address"),
        "loc.col.support": ("Hỗ trợ khuyến công đã nhận (đồng)", "Industrial-extension support received (VND)"),
        "loc.col.grants": ("Số lần hỗ trợ", "Grants"),
        "loc.col.last_support": ("Năm hỗ trợ gần nhất", "Last support year"),
        "loc.col.revenue_band": ("Quy mô doanh thu (tỷ đồng)", "Revenue band (billion VND)"),
        "loc.col.promise": ("Mức triển vọng", "Promise"),
        "loc.col.no": ("STT", "No."),
        "loc.col.contact": ("Người liên hệ", "Contact person"),
        "loc.col.phone": ("Điện thoại", "Phone"),
        "loc.col.contact_date": ("Ngày liên hệ", "Date contacted"),
        "loc.col.outcome": ("Kết quả", "Outcome"),
        "loc.col.notes": ("Ghi chú", "Notes"),
        "loc.share_of_province": ("Tỷ trọng trong toàn tỉnh", "Share of the province"),
        # profile
        "prof.title": ("Hồ sơ địa bàn: {name}", "Locality profile: {name}"),
        "prof.pick": ("Chọn địa bàn", "Choose a locality"),
        "prof.rounds_title": ("{name} qua các kỳ cấp tỉnh", "{name} in the provincial rounds"),
        "prof.vs": ("So với tỉnh và các địa bàn lân cận", "Compared with the province and its neighbours"),
        "prof.vs_title": (
            "{name}: {rate} cơ sở tham gia /100 cơ sở, bình quân tỉnh {province}",
            "{name}: {rate} participants per 100 establishments; province {province}",
        ),
        "prof.neighbours_note": (
            "Lân cận: {n} địa bàn có trọng tâm gần nhất.",
            "Neighbours: the {n} localities with the nearest centroids.",
        ),
        "prof.province": ("Toàn tỉnh", "Province"),
        "prof.establishments": ("Cơ sở và sản phẩm của địa bàn", "Establishments and products here"),
        "prof.reform": ("Thay đổi từ 1/7/2025", "What changed on 1/7/2025"),
        "prof.reform_legacy": (
            "Các xã của {name} đã nhập vào {n} xã, phường mới.",
            "The communes of {name} went into {n} new communes and wards.",
        ),
        "prof.reform_current": (
            "{name} được lập từ {n} xã cũ thuộc {d} huyện cũ.",
            "{name} was formed from {n} old communes in {d} former district(s).",
        ),
        "prof.col.legacy_commune": ("Xã cũ", "Old commune"),
        "prof.col.legacy_district": ("Huyện cũ", "Former district"),
        "prof.col.current_unit": ("Xã, phường mới", "New commune or ward"),
        "prof.col.is_main": ("Phần chính", "Main part"),
        "prof.none": ("Địa bàn này chưa có cơ sở nào trong danh sách.", "No known establishment in this locality."),
        "prof.people_shown": (
            "Danh sách trên màn hình có {shown} dòng đầu trong {n} (nhiều chứng nhận nhất trước);"
            " tệp tải về có đủ {n} dòng.",
            "The list on screen holds the first {shown} of {n} rows (most certified first); the downloads hold all {n}.",
        ),
    }
)


CATALOGUE.update(
    {
        "page.revenue": ("Sau công nhận", "After certification"),
        "rev.title": (
            "Doanh thu, việc làm, thu nhập sau khi được công nhận",
            "Revenue, jobs and income after certification",
        ),
        "rev.metric": ("Chỉ tiêu", "Measure"),
        "rev.metric.revenue": ("Doanh thu", "Revenue"),
        "rev.metric.employees": ("Số lao động", "Employees"),
        "rev.metric.income": ("Thu nhập bình quân/tháng của người lao động", "Average monthly income per worker"),
        "rev.rel_year": (
            "Năm so với năm sự kiện (0 = năm được công nhận lần đầu)",
            "Years from the event (0 = year of first certification)",
        ),
        "rev.index": ("Chỉ số (năm trước sự kiện = 100)", "Index (year before = 100)"),
        "rev.group.certified": (
            "Được công nhận (tính từ lần đầu được công nhận)",
            "Certified (from first certification)",
        ),
        "rev.group.entered_not_certified": (
            "Đã dự nhưng không được công nhận (tính từ lần dự đầu)",
            "Entered, never certified (from first entry)",
        ),
        "rev.group.not_yet_certified": (
            "Chưa được công nhận vào thời điểm đó (được công nhận sau)",
            "Not yet certified at the time (certified later)",
        ),
        "rev.side.above": ("Điểm vừa đủ đạt (≥ ngưỡng)", "Just above the pass mark"),
        "rev.side.below": ("Điểm vừa dưới ngưỡng", "Just below the pass mark"),
        "rev.event_title": (
            "{metric} của cơ sở được công nhận: chỉ số {value} sau {k} năm (trung vị, năm trước = 100)",
            "{metric} of certified establishments: index {value} after {k} years (median, year before = 100)",
        ),
        "rev.event_title_none": ("{metric} quanh năm được công nhận", "{metric} around the year of certification"),
        "rev.event_compare": (
            "{metric} năm {k} (chỉ số, năm −1 = 100): đã công nhận {value}; {others} — {verdict}",
            "{metric} in year {k} (index, year −1 = 100): certified {value}; {others} — {verdict}",
        ),
        "rev.support_compare": (
            "Hỗ trợ khuyến công sau công nhận: {value}/cơ sở/năm ({window} năm sau so với {window} năm trước); "
            "{others}",
            "Industrial-extension support after certification: {value} per establishment per year ({window} years "
            "after against {window} years before); {others}",
        ),
        "rev.support_vs_before": (
            "trước công nhận {value} — {verdict}",
            "before certification {value} — {verdict}",
        ),
        "rev.support_vs_entered": (
            "cơ sở dự thi chưa được công nhận (sau khi dự thi) {value} — {verdict}",
            "entered but not certified (after entering) {value} — {verdict}",
        ),
        "rev.support_verdict.higher": ("sau công nhận cao hơn rõ", "clearly higher after certification"),
        "rev.support_verdict.lower": ("sau công nhận thấp hơn rõ", "clearly lower after certification"),
        "rev.support_verdict.no_difference": ("không thấy khác biệt rõ", "no clear difference"),
        "rev.support_title_none": (
            "Hỗ trợ khuyến công: chưa đủ số liệu để so sánh các cửa sổ {window} năm",
            "Industrial-extension support: not enough data to compare {window}-year windows",
        ),
        "rev.col.window_years": ("Số năm mỗi cửa sổ", "Years per window"),
        "rev.col.per_est_year": ("Bình quân/cơ sở/năm", "Per establishment per year"),
        # the cycle's round is not among the loaded rounds (in the period and scope): it may
        # be still to come, or held but not loaded; never drawn as a zero
        "overview.not_yet_held": ("chưa có kỳ trong dữ liệu", "no round in the data"),
        "filters.years_mean": ("Năm ở trang này: {meaning}.", "Years on this page: {meaning}."),
        "filters.years.rounds": ("năm tổ chức kỳ bình chọn", "the years the rounds were held"),
        "filters.years.provincial_rounds": (
            "năm tổ chức các kỳ cấp tỉnh (mức tham gia tính theo kỳ cấp tỉnh)",
            "the years of the provincial rounds (engagement counts provincial rounds)",
        ),
        "filters.years.money": (
            "năm tài chính (tổng doanh thu, lao động), năm cấp hỗ trợ (khuyến công) và năm xảy ra sự kiện (năm được "
            "công nhận, năm dự thi đầu tiên) của nghiên cứu sự kiện",
            "financial years (totals), grant years (support) and the event years (year certified, year first "
            "entered) of the event study",
        ),
        "filters.years.none": (
            "không áp dụng (tra cứu toàn bộ lịch sử)",
            "not applied (the whole history is searched)",
        ),
        "filters.ignored": (
            "Không áp dụng ở trang này: {filter} — {why}.",
            "Not applied on this page: {filter} — {why}.",
        ),
        "filters.why.provincial_only": (
            "mức tham gia của địa bàn chỉ tính các kỳ cấp tỉnh",
            "locality engagement counts provincial rounds only",
        ),
        "filters.why.per_establishment": (
            "số liệu tài chính và hỗ trợ là của cơ sở, không theo cấp bình chọn",
            "money and support belong to establishments, not to a level",
        ),
        "filters.why.all_localities": (
            "trang so sánh mọi địa bàn với nhau; chọn một địa bàn ở trang Hồ sơ địa bàn",
            "the page compares every locality; pick one on the Locality profile page",
        ),
        "filters.why.current_view": (
            "bộ lọc địa bàn theo huyện cũ; ở dạng xem theo xã mới hãy chọn xã trong danh sách",
            "the locality filter names old districts; in the communes view pick the commune from the list",
        ),
        "filters.why.search": (
            "tra cứu tìm trong toàn bộ dữ liệu",
            "the lookup searches all the data",
        ),
        "filters.why.cycle": (
            "một chu kỳ đi qua cả ba cấp (tỉnh → khu vực → quốc gia)",
            "a cycle runs through all three levels (provincial → regional → national)",
        ),
        "rev.totals_empty": (
            "Không có tổng số liệu: chưa có cơ sở được công nhận nào có số liệu tài chính trong giai đoạn và bộ lọc "
            "đã chọn.",
            "No totals: no certified establishment has financial figures in the chosen period and filters.",
        ),
        "rev.support_empty": (
            "Không có hỗ trợ khuyến công nào trong giai đoạn và bộ lọc đã chọn.",
            "No industrial-extension support was granted in the chosen period and filters.",
        ),
        "cert.title": ("Giấy chứng nhận đang còn hiệu lực (ngày {date})", "Certificates valid today ({date})"),
        "cert.valid": ("Còn hiệu lực · {level}", "Valid · {level}"),
        "cert.expiring": ("Hết hạn trước kỳ cấp tỉnh {year}", "Expire before the {year} provincial round"),
        "cert.reentered": ("Lượt dự thi lại khi còn hiệu lực", "Entries made while still certified"),
        "cert.def": (
            "Thời hạn theo quy định áp dụng cho từng kỳ (đến 31/12 của năm thứ tư sau năm cấp, với giấy cấp từ 2018). "
            "Tổng {certified} lượt công nhận (một sản phẩm công nhận hai lần tính hai lượt); {unstated} lượt cấp "
            "theo quy định không ghi thời hạn.",
            "Validity follows the regulation in force at each round (until 31 December of the fourth year after issue, "
            "for certificates from 2018). {certified} certifications in all (times: a product certified twice counts "
            "twice); {unstated} were issued under a regulation that states no validity.",
        ),
        "col.cert_status": ("Tình trạng giấy chứng nhận", "Certificate status"),
        "cert.status.valid": ("Còn hiệu lực", "Valid"),
        "cert.status.expired": ("Hết hạn", "Expired"),
        "cert.status.unstated": ("Không ghi thời hạn", "No validity stated"),
        "rev.year_k": ("năm {k}", "year {k}"),
        "rev.event_group": ("{group} {value}", "{group} {value}"),
        "rev.verdict.no_difference": (
            "không thấy khác biệt rõ (khoảng tin cậy chồng nhau)",
            "no clear difference (the intervals overlap)",
        ),
        "rev.verdict.higher": ("nhóm được công nhận cao hơn rõ", "certified clearly higher"),
        "rev.verdict.lower": ("nhóm được công nhận thấp hơn rõ", "certified clearly lower"),
        "rev.verdict.mixed": (
            "khác biệt không nhất quán giữa các nhóm so sánh",
            "no consistent difference across the comparison groups",
        ),
        "rev.verdict.alone": ("chưa đủ số liệu của nhóm so sánh", "not enough data for a comparison group"),
        "rev.years_after": ("Số năm sau sự kiện (bảng cân bằng)", "Years after the event (balanced panel)"),
        "rev.balanced_note": (
            "Bảng cân bằng: mỗi đường chỉ gồm các cơ sở có số liệu đủ mọi năm từ −3 đến +{k}, mỗi cơ sở một lần "
            "trong mỗi nhóm; n ghi ở từng điểm; điểm dựa trên dưới {min_n} cơ sở không hiển thị. Năm sự kiện (năm "
            "được công nhận, năm dự thi đầu tiên) nằm trong giai đoạn đã chọn.",
            "Balanced panel: each line holds only establishments with figures in every year from −3 to +{k}, each "
            "establishment once per group; n is given at every point; points resting on fewer than {min_n} "
            "establishments are not shown. Event years (year certified, year first entered) lie in the chosen "
            "period.",
        ),
        "rev.event_caveat": (
            "Biểu đồ cho thấy cơ sở được công nhận thay đổi thế nào so với nhóm so sánh, không chứng minh công nhận là "
            "nguyên nhân. Sai lệch chọn: cơ sở tự chọn dự thi và thường dự thi khi đang tăng trưởng (xem các năm trước "
            "sự kiện). Sai lệch sống sót: cơ sở ngừng hoạt động không còn số liệu, nên chỉ cơ sở còn hoạt động đủ các "
            "năm được tính. Năm thiếu số liệu bị bỏ qua chứ không tính là 0. Dải màu là "
            "khoảng tin cậy 95% (bootstrap theo cơ sở); điểm dựa trên dưới 5 cơ sở không hiển thị.",
            "The chart shows how certified establishments changed next to comparison groups; it does not prove that "
            "certification caused it. Selection: establishments choose to enter, and tend to do so while already "
            "growing (see the years before). Survivorship: those that closed have no figures, so only establishments "
            "still active in every year are counted. Missing years are left out, never counted as zero. The band is "
            "a 95% bootstrap interval resampling establishments; points resting on fewer than 5 establishments are "
            "not shown.",
        ),
        "rev.band_large": (
            "Với nhóm trên {cap} cơ sở, dải màu là giới hạn mẫu lớn của khoảng bootstrap đó, tính đúng từ các phân vị "
            "của nhóm (các phân vị 0,5 ∓ 1,96/(2√n)).",
            "For a group of more than {cap} establishments the band is that bootstrap interval's large-sample limit, "
            "computed exactly from the group's quantiles (the quantiles 0.5 ∓ 1.96/(2√n)).",
        ),
        "rev.cohorts": ("Theo từng đợt công nhận", "By certification cohort"),
        "rev.cohorts_title": ("Từng đợt công nhận đi theo đường riêng", "Each certification cohort on its own line"),
        "rev.cohort": ("Đợt {year}", "Cohort {year}"),
        "rev.threshold_title": (
            "Sát ngưỡng đạt (±{window} điểm): {above} cơ sở trên ngưỡng, {below} cơ sở dưới ngưỡng",
            "Near the pass mark (±{window} points): {above} establishments above, {below} below",
        ),
        "rev.window": ("Khoảng điểm quanh ngưỡng", "Points either side of the threshold"),
        "rev.small_points": (
            "Điểm dựa trên dưới {min_n} cơ sở không hiển thị: trong bảng, các ô của điểm đó để trống, chỉ ghi n.",
            "Points resting on fewer than {min_n} establishments are not shown: their cells in the table are blank, "
            "with only n given.",
        ),
        "rev.threshold_caveat": (
            "So sánh cơ sở có điểm lần dự cấp tỉnh đầu tiên sát trên và sát dưới ngưỡng: hai nhóm giống nhau hơn, nên "
            "khác biệt sau đó gần với tác động của việc đạt hơn, nhưng số cơ sở nhỏ và hội đồng không công nhận mọi bài đạt điểm.",
            "Compares establishments whose first provincial entry scored just above and just below the threshold: "
            "the groups are more alike, so later differences come closer to the effect of passing, but the numbers "
            "are small and the council does not certify every entry that reaches the threshold.",
        ),
        "rev.totals_title": (
            "{metric} của các cơ sở đã được công nhận, theo năm và loại hình",
            "{metric} of certified establishments, by year and legal form",
        ),
        "rev.totals_caveat": (
            "Chỉ tính cơ sở đã được công nhận trong hoặc trước năm đó và có số liệu năm đó. Ô “×” bị ẩn để bảo mật: "
            "dựa trên dưới 3 cơ sở, một cơ sở chiếm trên 85%, hoặc ẩn kèm để không suy ra được ô khác từ tổng.",
            "Counts establishments certified in or before that year with figures that year. Cells marked “×” are "
            "hidden for confidentiality: fewer than 3 establishments, one establishment above 85%, or hidden with "
            "another so that no cell can be derived from the total.",
        ),
        "rev.total": ("Tổng", "Total"),
        "rev.totals_suppressed": ("Ẩn để bảo mật (×)", "Hidden for confidentiality (×)"),
        "rev.totals_download": (
            "Tệp CSV và Excel ghi mỗi ô một dòng, giá trị là số; ô bị ẩn không có giá trị và ghi “×” ở cột cuối.",
            "The CSV and Excel files hold one line per cell with its value as a number; a hidden cell has no value "
            "and “×” in the last column.",
        ),
        "rev.measure.revenue": ("Doanh thu (tỷ đồng)", "Revenue (billion VND)"),
        "rev.measure.employees": ("Lao động (người)", "Employees (persons)"),
        "rev.measure.income": ("Quỹ lương (tỷ đồng/năm)", "Wage bill (billion VND a year)"),
        "rev.growth_title": (
            "Tăng trưởng bình quân năm trước và sau sự kiện",
            "Yearly growth before and after the event",
        ),
        "rev.growth_caveat": (
            "Trước: từ năm −3 đến −1; sau: từ năm −1 đến +2; trung vị theo cơ sở có đủ hai mốc; dưới 3 cơ sở thì để trống.",
            "Before: years −3 to −1; after: −1 to +2; median over establishments with both end points; empty below 3.",
        ),
        "rev.growth_before": ("Trước", "Before"),
        "rev.growth_after": ("Sau", "After"),
        "rev.n_before": ("n trước", "n before"),
        "rev.n_after": ("n sau", "n after"),
        "rev.group": ("Nhóm", "Group"),
        "rev.support_title": (
            "Hỗ trợ khuyến công bình quân mỗi cơ sở: sau công nhận {after}, trước công nhận {before}",
            "Industrial-extension support per establishment: {after} after certification, {before} before",
        ),
        "rev.support_caveat": (
            "Cơ sở được công nhận được ưu tiên hỗ trợ, nên hỗ trợ vừa là hệ quả vừa có thể là một phần nguyên nhân của "
            "tăng trưởng sau công nhận.",
            "Certified establishments get priority for support, so support is both a consequence of certification "
            "and possibly part of the growth that follows.",
        ),
        "rev.support_per_est": ("Triệu đồng mỗi cơ sở", "Million VND per establishment"),
        "rev.series.certified:before": ("Được công nhận — trước", "Certified — before"),
        "rev.series.certified:after": ("Được công nhận — sau", "Certified — after"),
        "rev.series.entered_not_certified:all": ("Đã dự, không được công nhận", "Entered, not certified"),
        "rev.series.entered_not_certified:before": (
            "Đã dự, không được công nhận — trước lần dự đầu",
            "Entered, not certified — before first entry",
        ),
        "rev.series.entered_not_certified:after": (
            "Đã dự, không được công nhận — sau lần dự đầu",
            "Entered, not certified — after first entry",
        ),
        "rev.series.never_entered:all": ("Chưa từng dự", "Never entered"),
        "rev.col.rel_year": ("Năm so với sự kiện", "Years from event"),
        "rev.col.median": ("Trung vị chỉ số", "Median index"),
        "rev.col.lo": ("Cận dưới 95%", "95% low"),
        "rev.col.hi": ("Cận trên 95%", "95% high"),
        "rev.col.n": ("Số cơ sở (n)", "Establishments (n)"),
        "rev.col.status": ("Nhóm", "Group"),
        "rev.col.amount": ("Tổng hỗ trợ (đồng)", "Support (VND)"),
        "rev.col.per_est": ("Bình quân mỗi cơ sở (đồng)", "Per establishment (VND)"),
        "rev.own_hidden": (
            "Số liệu tài chính của từng cơ sở là thông tin mật và đang ẩn với vai trò hiện tại.",
            "An establishment's own financial figures are confidential and hidden for the current role.",
        ),
        "lookup.financials": ("Số liệu tài chính theo năm (mật)", "Yearly financial figures (confidential)"),
        "col.revenue": ("Doanh thu (đồng)", "Revenue (VND)"),
        "col.employees": ("Lao động", "Employees"),
        "col.income": ("Thu nhập bình quân/tháng (đồng)", "Average monthly income (VND)"),
        "col.source": ("Nguồn", "Source"),
    }
)


CATALOGUE.update(
    {
        "data.tab.import": ("Nạp dữ liệu", "Load data"),
        "data.tab.history": ("Lịch sử và khôi phục", "History and rollback"),
        "data.tab.reconcile": ("Đối chiếu số liệu công bố", "Reconciliation"),
        "imp.template": ("Tải mẫu Excel", "Download the Excel template"),
        "imp.template_help": (
            "Mẫu có hướng dẫn, danh mục chọn sẵn (cấp, nhóm sản phẩm, loại hình, địa bàn) và tiêu đề tiếng Việt/Anh.",
            "The template has instructions, drop-down lists (level, product group, legal form, locality) and VI/EN headers.",
        ),
        "imp.files": (
            "Tệp kết quả: danh sách công bố (.xlsx như đăng trên báo), mẫu nhập liệu, hoặc .csv; tối đa {limit} mỗi tệp",
            "Result files: an announcement list (.xlsx as published), the template, or .csv; at most {limit} each",
        ),
        "imp.by": ("Người thực hiện", "Your name"),
        "imp.check": ("Kiểm tra dữ liệu", "Check the data"),
        "imp.rows_read": ("Đã đọc: {rows}", "Read: {rows}"),
        "imp.errors": (
            "{n} lỗi phải sửa trước khi công bố. Dữ liệu đang công bố không thay đổi.",
            "Errors to fix before publishing: {n}. Published data are unchanged.",
        ),
        "imp.warnings": ("{n} cảnh báo cần xác nhận.", "Warnings that need your confirmation: {n}."),
        "imp.ok": ("Không có lỗi. Xem trước thay đổi rồi công bố.", "No errors. Preview the changes, then publish."),
        "imp.problems_download": ("Tải danh sách lỗi (Excel)", "Download the problem list (Excel)"),
        "imp.ack": (
            "Tôi đã kiểm tra các cảnh báo và xác nhận dữ liệu đúng",
            "I have checked the warnings and confirm the data",
        ),
        "imp.preview": ("Xem trước thay đổi so với bản đang dùng", "Preview: changes against the current snapshot"),
        "imp.headline_changes": ("Số liệu chính thay đổi", "Headline figures that change"),
        "imp.no_headline_change": ("Không số liệu chính nào thay đổi.", "No headline figure changes."),
        "imp.publish": ("Công bố bản dữ liệu mới", "Publish the new snapshot"),
        "imp.published": (
            "Đã công bố bản {id}. Bảng điều khiển đang dùng bản mới.",
            "Published {id}. The dashboard now uses it.",
        ),
        "imp.need_name": ("Ghi tên người thực hiện để công bố.", "Enter your name to publish."),
        "imp.col.table": ("Bảng", "Table"),
        "imp.col.added": ("Thêm", "Added"),
        "imp.col.changed": ("Sửa", "Changed"),
        "imp.col.removed": ("Xóa", "Removed"),
        "imp.col.figure": ("Số liệu", "Figure"),
        "imp.col.key": ("Dòng (mã · sản phẩm)", "Row (key · product)"),
        "imp.col.change": ("Thay đổi", "Change"),
        "imp.change.added": ("Thêm dòng", "Row added"),
        "imp.change.removed": ("Xóa dòng", "Row removed"),
        "imp.change.changed": ("Sửa ô", "Cell changed"),
        "imp.changed_rows": ("Chi tiết các dòng thay đổi", "The rows that change"),
        "imp.changed_rows_omitted": (
            "Chỉ hiện {shown} dòng đầu; còn {n} thay đổi nữa.",
            "Only the first {shown} lines are shown; {n} more changes.",
        ),
        "imp.col.before": ("Trước", "Before"),
        "imp.col.after": ("Sau", "After"),
        "imp.col.delta": ("Thay đổi", "Change"),
        "imp.col.severity": ("Mức", "Severity"),
        "imp.col.file": ("Tệp", "File"),
        "imp.col.sheet": ("Sheet", "Sheet"),
        "imp.col.row": ("Dòng", "Row"),
        "imp.col.column": ("Cột", "Column"),
        "imp.col.value": ("Giá trị", "Value"),
        "imp.col.message": ("Mô tả", "Problem"),
        "imp.severity.error": ("Lỗi", "Error"),
        "imp.severity.warning": ("Cảnh báo", "Warning"),
        "hist.events": ("Nhật ký công bố", "Publishing log"),
        "hist.col.at": ("Thời điểm", "When"),
        "hist.col.action": ("Thao tác", "Action"),
        "hist.col.by": ("Người thực hiện", "By"),
        "hist.col.previous": ("Bản trước đó", "Previous"),
        "hist.col.sources": ("Tệp nguồn (sha256)", "Source files (sha256)"),
        "hist.col.published_by": ("Người nạp", "Loaded by"),
        "hist.col.staged": ("Chưa công bố", "Not published"),
        "hist.action.publish": ("Công bố", "Publish"),
        "hist.action.rollback": ("Khôi phục", "Rollback"),
        "hist.show_checks": (
            "Hiện cả {n} lần kiểm tra chưa công bố",
            "Also show the {n} checks that were not published",
        ),
        "hist.pick": ("Chọn bản dữ liệu", "Choose a snapshot"),
        "hist.open": ("Xem bản này (chỉ đọc)", "Open it read-only"),
        "hist.rollback": ("Đặt làm bản hiện hành (khôi phục)", "Make it current (rollback)"),
        "hist.rollback_confirm": (
            "Tôi hiểu: bảng điều khiển của mọi người sẽ chuyển sang bản này; không bản nào bị xóa.",
            "I understand: everyone's dashboard switches to this snapshot; nothing is deleted.",
        ),
        "hist.rolled_back": ("Đã chuyển bản hiện hành sang {id}.", "The current snapshot is now {id}."),
        "hist.opened": ("Đang xem bản {id} (chọn ở thanh bên).", "Viewing {id} (see the sidebar)."),
        "rate.unscored": (
            "{n} bài dự thi không có điểm (danh sách không công bố điểm) không đưa vào biểu đồ điểm",
            "{n} entries without a recorded score (the list published none) are left out of the score chart",
        ),
        "hist.state.published": ("Đã công bố", "Published"),
        "hist.state.staged": ("Chờ công bố", "Staged, not published"),
        "hist.col.covers": ("Phạm vi nạp", "What it covers"),
        "hist.none": ("Chưa có bản dữ liệu nào.", "No snapshot yet."),
        "data.tab.withdraw": ("Rút dòng dữ liệu", "Withdraw rows"),
        "data.no_figures": ("Chưa có số liệu công bố nào để đối chiếu.", "No published figures to reconcile yet."),
        "data.col.owner": ("Đơn vị chủ trì", "Programme owner"),
        "imp.sample_root": (
            "Đây là thư mục dữ liệu mẫu: có thể thử kiểm tra tệp, nhưng dữ liệu thật không được nạp vào đây "
            "(đặt CNNT_DATA_DIR tới thư mục dữ liệu của tỉnh, hoặc chạy python -m cnnt init).",
            "This is the sample's data folder: files can be checked, but real data are never loaded into it "
            "(point CNNT_DATA_DIR at the province's folder, or run python -m cnnt init).",
        ),
        "imp.round_spec": ("Kỳ của danh sách (với danh sách công bố)", "Round of the list (for announcement lists)"),
        "imp.round_spec_help": (
            "Để trống thì đọc từ tiêu đề danh sách (ví dụ “… CẤP TỈNH NĂM 2023”, “UBND TỈNH PHÚ YÊN”). "
            "Các kỳ trước 1/7/2025 thuộc Đắk Lắk cũ hoặc Phú Yên cũ; từ 1/7/2025 thuộc tỉnh Đắk Lắk mới.",
            "Left blank, they are read from the list's title (e.g. “… CẤP TỈNH NĂM 2023”, “UBND TỈNH PHÚ YÊN”). "
            "Rounds before 1 July 2025 belong to old Đắk Lắk or old Phú Yên; from then on to the merged Đắk Lắk.",
        ),
        "imp.spec.owner": ("Đơn vị chủ trì", "Programme owner"),
        "imp.spec.level": ("Cấp", "Level"),
        "imp.spec.year": ("Năm", "Year"),
        "imp.spec.decision_no": ("Số quyết định", "Decision no."),
        "imp.spec.decision_date": ("Ngày quyết định", "Decision date"),
        "imp.spec.from_title": ("(theo tiêu đề)", "(from the title)"),
        "imp.replace": (
            "Tệp là toàn bộ kết quả của kỳ/năm trong tệp (thay thế)",
            "The file is the whole of the rounds/years it holds (replace)",
        ),
        "imp.replace_help": (
            "Các dòng của cùng kỳ (hoặc năm tài chính, năm hỗ trợ) không còn trong tệp sẽ được gỡ khi công bố. "
            "Bỏ chọn để chỉ thêm và cập nhật.",
            "Rows of the same round (or financial year, support year) that the file no longer holds are removed "
            "on publishing. Untick to only add and update.",
        ),
        "imp.covers": ("Phạm vi: {what}", "Covers: {what}"),
        "imp.unscored": (
            "{n} bài dự thi không có điểm (danh sách không công bố điểm): vẫn tính vào số tham gia và tỷ lệ đạt, "
            "không đưa vào biểu đồ điểm.",
            "{n} entries have no score (the list published none): counted in participation and pass rates, left "
            "out of score charts.",
        ),
        "imp.no_change": ("Tệp không thay đổi dòng nào.", "The file changes no row."),
        "imp.stale": (
            "Không công bố: bản này được kiểm tra so với bản {base}, nhưng bản hiện hành nay là {current} "
            "(có người vừa công bố hoặc khôi phục). Công bố sẽ làm mất thay đổi đó. Hãy kiểm tra lại với bản hiện hành.",
            "Not published: this was checked against {base}, but {current} is current now (someone published or "
            "rolled back meanwhile). Publishing would undo that change. Check it again against the current one.",
        ),
        "imp.recheck": ("Kiểm tra lại với bản hiện hành", "Check again against the current snapshot"),
        "imp.table.rounds": ("Kỳ bình chọn", "Rounds"),
        "imp.table.establishments": ("Cơ sở", "Establishments"),
        "imp.table.products": ("Sản phẩm", "Products"),
        "imp.table.entries": ("Bài dự thi", "Entries"),
        "imp.table.entry_scores": ("Điểm tiêu chí", "Criteria points"),
        "imp.table.financials": ("Tài chính", "Financials"),
        "imp.table.support": ("Khuyến công", "Support"),
        "imp.table.published_figures": ("Số liệu công bố", "Published figures"),
        "imp.table.announcement": ("Dòng danh sách công bố", "Announcement list rows"),
        "imp.table.admin_units": ("Đơn vị hành chính", "Administrative units"),
        "imp.table.admin_crosswalk": ("Bảng chuyển đổi địa bàn", "Locality crosswalk"),
        "imp.table.programme_owners": ("Đơn vị chủ trì", "Programme owners"),
        "imp.table.product_groups": ("Nhóm sản phẩm", "Product groups"),
        "imp.table.locality_base": ("Số cơ sở theo địa bàn", "Establishments per locality"),
        "imp.table.regulations": ("Văn bản quy định", "Regulations"),
        "imp.table.criteria": ("Tiêu chí", "Criteria"),
        "wd.help": (
            "Rút một dòng đã công bố (ví dụ một sản phẩm công bố nhầm) mà không cần tệp: hệ thống tạo bản mới không "
            "có dòng đó để xem trước rồi công bố; bản cũ vẫn giữ nguyên.",
            "Withdraw a published row (e.g. a product announced by mistake) without a file: a new snapshot without "
            "it is staged for preview and publishing; the old one is kept.",
        ),
        "wd.nothing": ("Chưa có dữ liệu thật để rút.", "No real data to withdraw from yet."),
        "wd.table": ("Bảng", "Table"),
        "wd.keys": ("Mã dòng (cách nhau bằng dấu phẩy)", "Row keys (comma-separated)"),
        "wd.keys_help": (
            "Mã bài dự thi (ví dụ PY-P2019-003), mã hỗ trợ, mã số liệu công bố; tài chính ghi “mã cơ sở|năm”.",
            "Entry ids (e.g. PY-P2019-003), grant ids, figure ids; financials as “establishment id|year”.",
        ),
        "wd.reason": ("Lý do", "Reason"),
        "wd.check": ("Tạo bản xem trước", "Stage a preview"),
    }
)

# real-data browser test
CATALOGUE.update(
    {
        "imp.owner_conflict": (
            "Tiêu đề danh sách ghi {title}, nhưng mục “Kỳ của danh sách” chọn đơn vị chủ trì {stated}. "
            "Chọn lại cho khớp với tiêu đề, hoặc để “(theo tiêu đề)”.",
            "The list's title names {title}, but “Round of the list” states the programme owner {stated}. "
            "Choose the owner the title names, or leave it “(from the title)”.",
        ),
        "imp.covers.round": ("kỳ {id} ({owner}, {level}, {year})", "round {id} ({owner}, {level}, {year})"),
        "imp.covers.round_id": ("kỳ {id}", "round {id}"),
        "imp.covers.certified_list": (
            "danh sách sản phẩm được công nhận (không có cột kết quả)",
            "a list of certified products (no result column)",
        ),
        "imp.covers.financials": ("số liệu tài chính năm {year}", "financial figures of {year}"),
        "imp.covers.support": (
            "hỗ trợ khuyến công năm {year} ({programme})",
            "industrial extension support of {year} ({programme})",
        ),
        "imp.covers.withdraw": ("rút khỏi bảng {table}: {rows}", "withdrawn from {table}: {rows}"),
    }
)

# roles and sign-in
CATALOGUE.update(
    {
        "role.public": ("Công chúng", "Public"),
        "role.planner": ("Cán bộ kế hoạch", "Planner"),
        "role.data_officer": ("Cán bộ dữ liệu", "Data officer"),
        "role.leadership": ("Lãnh đạo", "Leadership"),
        "auth.page": ("Đăng nhập", "Sign in"),
        "auth.account": ("Tài khoản", "Account"),
        "auth.password": ("Mật khẩu", "Password"),
        "auth.submit": ("Đăng nhập", "Sign in"),
        "auth.oidc": ("Đăng nhập bằng tài khoản của Sở", "Sign in with the Department's account"),
        "auth.failed": (
            "Không đăng nhập được: tài khoản hoặc mật khẩu không đúng, hoặc đã thử sai quá nhiều lần "
            "(khi đó hãy chờ {minutes} phút).",
            "Sign-in failed: the account or the password is wrong, or there were too many failed attempts "
            "(then wait {minutes} minutes).",
        ),
        "auth.help": (
            "Tài khoản do quản trị viên cấp (python -m cnnt users add). Chưa đăng nhập, bạn xem với vai trò "
            "“{role}”; nạp, công bố hay khôi phục dữ liệu luôn cần đăng nhập.",
            "Accounts are created by the administrator (python -m cnnt users add). Without signing in you see "
            "what the “{role}” role sees; loading, publishing or rolling back data always needs an account.",
        ),
        "auth.signed_in_as": ("Đã đăng nhập: {account} · {role}", "Signed in: {account} · {role}"),
        "auth.not_signed_in": ("Chưa đăng nhập · vai trò: {role}", "Not signed in · role: {role}"),
        "auth.unmapped": (
            "Đã đăng nhập: {email}, nhưng địa chỉ này chưa được gán vai trò; đang xem với vai trò {role}.",
            "Signed in as {email}, but this address has no role assigned; you see what the {role} role sees.",
        ),
        "auth.sign_out": ("Đăng xuất", "Sign out"),
        "auth.kept": (
            "Tải lại trang vẫn giữ đăng nhập, cho đến khi đóng trình duyệt, đăng xuất, hoặc sau {hours} giờ.",
            "Reloading the page keeps you signed in, until you close the browser, sign out, or after {hours} hours.",
        ),
        "auth.go_sign_in": ("Đăng nhập", "Sign in"),
        "auth.ended_changed": (
            "Lần đăng nhập trước đã kết thúc: mật khẩu hoặc vai trò của tài khoản đã đổi, hoặc tài khoản đã bị "
            "khóa. Hãy đăng nhập lại.",
            "Your earlier sign-in has ended: the account's password or role was changed, or the account was "
            "disabled. Please sign in again.",
        ),
        "auth.ended_expired": (
            "Lần đăng nhập trước đã hết hạn sau {hours} giờ. Hãy đăng nhập lại.",
            "Your earlier sign-in expired after {hours} hours. Please sign in again.",
        ),
        "auth.refused_title": ("Không có quyền truy cập", "Not allowed"),
        "auth.refused": (
            "Trang này cần quyền cao hơn vai trò hiện tại ({role}). Hãy đăng nhập bằng tài khoản được cấp quyền.",
            "This page needs more rights than the current role ({role}) has. Sign in with an account that has them.",
        ),
        "auth.demo_switch": ("Vai trò (chế độ thử)", "Role (demo)"),
        "auth.demo_help": (
            "Chỉ có trên dữ liệu mẫu: xem bảng điều khiển như từng vai trò. Trên dữ liệu thật cần đăng nhập.",
            "Only on the sample data: see the dashboard as each role does. Real data need a sign-in.",
        ),
        "auth.demo_banner": (
            "Chế độ thử trên dữ liệu mẫu: đang xem với vai trò {role} (đổi ở thanh bên). Trên dữ liệu thật, "
            "vai trò đến từ tài khoản đăng nhập.",
            "Demo on the sample data: you see what the {role} role sees (switch in the sidebar). On real data "
            "the role comes from the signed-in account.",
        ),
        "auth.demo_hint": (
            "Chọn vai trò khác ở thanh bên để xem trang này.",
            "Pick another role in the sidebar to see this page.",
        ),
        "auth.acting_as": (
            "Mọi thao tác nạp, công bố, khôi phục được ghi nhật ký với tài khoản: {account}",
            "Every load, publish and rollback is logged under the account: {account}",
        ),
        "auth.sign_in_to_change": (
            "Cần đăng nhập bằng tài khoản cán bộ dữ liệu để nạp, công bố, khôi phục hoặc rút dữ liệu.",
            "Sign in with a data officer's account to load, publish, roll back or withdraw data.",
        ),
        "auth.no_accounts": (
            "Máy chủ này chưa có tài khoản nào, nên chưa ai nạp được dữ liệu (mỗi lần nạp, công bố được ghi "
            "nhật ký theo tài khoản). Quản trị hệ thống tạo tài khoản cán bộ dữ liệu bằng lệnh "
            "`python -m cnnt users add TÊN --role data_officer`; trang **Đăng nhập** sẽ hiện trong menu.",
            "This server has no accounts yet, so nobody can load data (every load and publication is logged "
            "under an account). The administrator creates a data officer's account with "
            "`python -m cnnt users add NAME --role data_officer`; a **Sign in** page then appears in the menu.",
        ),
        "auth.two_person": (
            "Quy tắc hai người: một cán bộ nạp và kiểm tra, một cán bộ khác công bố.",
            "Two-person rule: one officer loads and checks, another publishes.",
        ),
        "auth.same_person": (
            "Không công bố: theo quy tắc hai người, bản này phải do một cán bộ khác với người đã nạp công bố.",
            "Not published: under the two-person rule another officer than the one who loaded it must publish it.",
        ),
        "auth.stage_gone": (
            "Không công bố: bản xem trước này không còn dùng được (đã quá hạn lưu hoặc bị xoá). Hãy kiểm tra lại.",
            "Not published: this preview is no longer usable (kept too long, or removed). Check the files again.",
        ),
        "access.refused_panel": (
            "Phần này cần quyền cao hơn vai trò hiện tại.",
            "This part needs more rights than the current role has.",
        ),
        "access.panel_hidden": (
            "Danh sách từng sản phẩm và cơ sở phía sau số liệu chỉ dành cho cán bộ đã đăng nhập.",
            "The list of products and establishments behind the figures is for signed-in staff only.",
        ),
        "hist.action.hide": ("Rút bản dữ liệu", "Withdraw snapshot"),
        "hist.action.unhide": ("Khôi phục bản đã rút", "Restore withdrawn snapshot"),
        "hist.action.remove_staged": ("Xoá bản chờ quá hạn", "Remove expired staged snapshot"),
        "hist.state.hidden": ("Đã rút", "Withdrawn"),
        "hide.title": ("Rút cả một bản dữ liệu", "Withdraw a whole snapshot"),
        "hide.help": (
            "Bản bị rút không còn xuất hiện trong mọi danh sách chọn nhưng vẫn lưu trên đĩa và trong nhật ký; "
            "có thể khôi phục. Không rút được bản hiện hành (hãy khôi phục bản khác trước).",
            "A withdrawn snapshot disappears from every picker but stays on disk and in the log, and can be "
            "restored. The current snapshot cannot be withdrawn (make another one current first).",
        ),
        "hide.nothing": ("Không có bản nào để rút.", "No snapshot to withdraw."),
        "hide.pick": ("Bản cần rút", "Snapshot to withdraw"),
        "hide.button": ("Rút bản này", "Withdraw this snapshot"),
        "hide.done": ("Đã rút bản {id}.", "Withdrew {id}."),
        "hide.refused": ("Không rút được bản này.", "This snapshot cannot be withdrawn."),
        "hide.restore_pick": ("Bản đã rút", "Withdrawn snapshot"),
        "hide.restore": ("Khôi phục bản đã rút", "Restore it"),
    }
)


# report
CATALOGUE.update(
    {
        "report.issuer_top": ("UBND TỈNH ĐẮK LẮK", "PEOPLE'S COMMITTEE OF ĐẮK LẮK PROVINCE"),
        "report.issuer": ("SỞ CÔNG THƯƠNG", "DEPARTMENT OF INDUSTRY AND TRADE"),
        "report.nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
        "report.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
        "report.number": ("Số:          /BC-SCT", "No.:          /BC-SCT"),
        "report.place_date": ("Đắk Lắk, ngày      tháng      năm {year}", "Đắk Lắk, ……………… {year}"),
        "report.draft": ("DỰ THẢO", "DRAFT"),
        "report.doc_type": ("BÁO CÁO", "REPORT"),
        "report.subject": (
            "Kết quả bình chọn sản phẩm công nghiệp nông thôn tiêu biểu giai đoạn {y0}–{y1}{where}",
            "Results of the selection of typical rural industrial products, {y0}–{y1}{where}",
        ),
        "report.where.merged": (" trên địa bàn tỉnh Đắk Lắk", " in Đắk Lắk province"),
        "report.where.daklak_old": (" của tỉnh Đắk Lắk (cũ)", " of former Đắk Lắk province"),
        "report.where.phuyen_old": (" của tỉnh Phú Yên (cũ)", " of former Phú Yên province"),
        "report.intro": (
            "Sở Công Thương báo cáo kết quả thực hiện chương trình bình chọn sản phẩm công nghiệp nông thôn tiêu "
            "biểu giai đoạn {y0}–{y1}{where} như sau:",
            "The Department of Industry and Trade reports on the selection of typical rural industrial products, "
            "{y0}–{y1}{where}, as follows:",
        ),
        "report.sample_warning": (
            "Lưu ý: báo cáo này được lập từ dữ liệu mẫu (cơ sở và sản phẩm hư cấu) để minh họa; không dùng cho "
            "văn bản chính thức.",
            "Note: this report was built from sample data (fictional establishments and products) for "
            "illustration; do not use it for an official document.",
        ),
        "report.scope_line": (
            "Điều kiện lọc số liệu: {filters}; bản dữ liệu {snapshot}.",
            "Filters: {filters}; data snapshot {snapshot}.",
        ),
        "report.source": (
            "Nguồn: dữ liệu chương trình, bản dữ liệu {snapshot} (truy vấn {queries}).",
            "Source: programme data, snapshot {snapshot} (query {queries}).",
        ),
        "report.table_no": ("Bảng {n}. {title}", "Table {n}. {title}"),
        "report.figure_no": ("Hình {n}. {title}", "Figure {n}. {title}"),
        "report.refused": (
            "Phần này không hiển thị với quyền truy cập hiện tại.",
            "This part is not shown for the current access rights.",
        ),
        "report.meta.as_of": ("Ngày tính hiệu lực giấy chứng nhận", "Certificates counted on"),
        "report.meta.generated": ("Ngày giờ lập báo cáo", "Generated at"),
        "report.s1": ("Kết quả bình chọn giai đoạn {y0}–{y1}", "Results, {y0}–{y1}"),
        "report.s1.numbers": (
            "Số kỳ bình chọn, cơ sở và sản phẩm tham gia",
            "Rounds, establishments and products",
        ),
        "report.prev.level": (
            "So với giai đoạn {p0}–{p1}, ở {level} số lượt sản phẩm tham gia {prod}; số sản phẩm được công nhận "
            "{cert}.",
            "Compared with {p0}–{p1}, at the {level} level products entered {prod}; products certified {cert}.",
        ),
        "report.prev.none": (
            "Dữ liệu không có kỳ nào ở {level} trong giai đoạn {p0}–{p1} để so sánh.",
            "The data hold no {level} round in {p0}–{p1} to compare with.",
        ),
        "report.change.up": ("tăng {d} (từ {a} lên {b})", "rose by {d} (from {a} to {b})"),
        "report.change.down": ("giảm {d} (từ {a} xuống {b})", "fell by {d} (from {a} to {b})"),
        "report.change.same": ("không đổi ({a})", "did not change ({a})"),
        "report.latest": (
            "Kỳ {level} gần nhất ({latest}) so với kỳ trước ({previous}): sản phẩm tham gia {prod}, được công "
            "nhận {cert}.",
            "Latest {level} round ({latest}) against the one before ({previous}): products entered {prod}, "
            "certified {cert}.",
        ),
        "report.latest_merger": (
            "Kỳ {level} gần nhất ({latest}, tỉnh mới) so với các kỳ cuối của hai tỉnh cũ ({rounds}): sản phẩm "
            "tham gia {prod}, được công nhận {cert}; so sánh qua mốc sáp nhập cần lưu ý.",
            "Latest {level} round ({latest}, merged province) against the former provinces' last rounds "
            "({rounds}): products entered {prod}, certified {cert}; read it with care across the merger.",
        ),
        "report.col.rate": ("Tỷ lệ công nhận", "Pass rate"),
        "report.col.prev_certified": ("Được công nhận {p0}–{p1}", "Certified {p0}–{p1}"),
        "report.col.change": ("Tăng/giảm", "Change"),
        "report.t.headline_alone": (
            "Kết quả theo cấp, giai đoạn {y0}–{y1}",
            "Results by level, {y0}–{y1}",
        ),
        "report.t.headline": (
            "Kết quả theo cấp, giai đoạn {y0}–{y1} (so với {p0}–{p1})",
            "Results by level, {y0}–{y1} (against {p0}–{p1})",
        ),
        "report.s1.published": ("Đối chiếu với số liệu đã công bố", "Reconciliation with published figures"),
        "report.published.none": (
            "Chưa có số liệu đã công bố nào về giai đoạn {y0}–{y1} để đối chiếu.",
            "No published figure about {y0}–{y1} to reconcile with.",
        ),
        "report.published.summary": (
            "Có {n} số liệu đã công bố liên quan đến giai đoạn; dữ liệu tái tạo đúng {k} số liệu.",
            "{n} published figures concern the period; the data reproduce {k} of them exactly.",
        ),
        "report.published.headline": (
            "Số liệu ở Bảng 1 trùng khớp với các số liệu công bố: {ids}.",
            "Figures in Table 1 match the published figures {ids}.",
        ),
        "report.published.rule": (
            "Mỗi số liệu công bố chỉ được đối chiếu với các kỳ của chính đơn vị chủ trì đã công bố, theo đúng cách "
            "đếm đã công bố.",
            "Each published figure is reconciled only against the rounds of the owner that published it, "
            "counted as published.",
        ),
        "report.t.published": ("Đối chiếu số liệu đã công bố", "Published figures against the data"),
        "report.s1.rounds": ("Diễn biến qua các kỳ", "Round by round"),
        "report.t.rounds": ("Kết quả từng kỳ", "Results of each round"),
        "report.s1.funnel": (
            "Kết quả tham gia cấp khu vực và cấp quốc gia",
            "On to the regional and national rounds",
        ),
        "report.funnel.text": (
            "Trong số {cert} sản phẩm được công nhận cấp tỉnh, {regional} sản phẩm dự cấp khu vực ({regional_cert} "
            "được công nhận) và {national} sản phẩm dự cấp quốc gia ({national_cert} được công nhận).",
            "Of {cert} products certified provincially, {regional} entered the regional round ({regional_cert} "
            "certified) and {national} the national round ({national_cert} certified).",
        ),
        "report.col.cycle": ("Chu kỳ", "Cycle"),
        "report.t.funnel": ("Từ cấp tỉnh lên cấp quốc gia", "From provincial to national"),
        "report.s1.rates": ("Tỷ lệ được công nhận", "Pass rates"),
        "report.t.rates": (
            "Tỷ lệ được công nhận từng kỳ, khoảng tin cậy 95%",
            "Pass rate of each round with its 95% interval",
        ),
        "report.s1.localities": (
            "Địa bàn chưa tham gia hoặc không còn tham gia",
            "Localities that never or no longer take part",
        ),
        "report.loc.text": (
            "Trong {n} địa bàn (chia theo: {view}), {never} địa bàn chưa từng có sản phẩm tham gia cấp tỉnh "
            "({never_names}); {lapsed} địa bàn đã tham gia nhưng không tham gia hai kỳ gần nhất ({lapsed_names}).",
            "Of {n} localities (by: {view}), {never} never had a provincial entry ({never_names}); {lapsed} took "
            "part before but not in the last two rounds ({lapsed_names}).",
        ),
        "report.t.gaps": (
            "{n} địa bàn có khoảng thiếu hụt lớn nhất",
            "The {n} localities with the largest engagement gap",
        ),
        "report.s1.certificates": (
            "Giấy chứng nhận còn hiệu lực và sắp hết hạn",
            "Certificates valid now and expiring before the next round",
        ),
        "report.cert.text": (
            "Đến ngày {date}, có {valid} giấy chứng nhận còn hiệu lực; trong đó {expiring} giấy hết hạn trước kỳ "
            "bình chọn cấp tỉnh năm {year}. Có {reentered} lượt sản phẩm dự thi lại cùng cấp khi giấy chứng nhận "
            "trước đó còn hiệu lực.",
            "On {date}, {valid} certificates are valid; {expiring} of them expire before the {year} provincial "
            "round. {reentered} entries were made by products again at the same level while still certified.",
        ),
        "report.cert.next": (
            "Kỳ cấp tỉnh tiếp theo ({year}): kỳ đầu tiên đã có trong dữ liệu sau ngày tính, nếu không thì kỳ gần "
            "nhất cộng 2 năm (chu kỳ hai năm).",
            "Next provincial round ({year}): the first one in the data after the date, else the last one plus two "
            "years (the biennial cycle).",
        ),
        "report.cert.rule": (
            "Hiệu lực giấy chứng nhận theo quy định áp dụng cho từng kỳ: đến 31/12 của năm thứ tư sau năm cấp với "
            "giấy cấp từ 2018 (năm của kỳ thay cho ngày cấp còn thiếu); giấy cấp theo quy định không ghi thời hạn "
            "được đếm riêng.",
            "Certificate validity follows the regulation in force at each round: until 31 December of the fourth "
            "year after issue for certificates issued from 2018 (the round's year stands in for a missing date); "
            "certificates under a regulation that states no validity are counted apart.",
        ),
        "report.n_grants": ("Dựa trên {n} lượt hỗ trợ.", "Based on {n} grants."),
        "report.col.max_points": ("Điểm tối đa", "Maximum"),
        "report.col.avg_points": ("Điểm bình quân", "Average points"),
        "report.col.points_lost": ("Điểm bị mất", "Points lost"),
        "report.t.support_rates": (
            "Hỗ trợ bình quân mỗi cơ sở mỗi năm, cửa sổ {window} năm trước và sau",
            "Support per establishment per year, {window}-year windows before and after",
        ),
        "report.cert.none": ("Chưa có sản phẩm nào được công nhận.", "No product has been certified yet."),
        "report.col.cert_issued": ("Đã cấp (mọi năm)", "Issued (all years)"),
        "report.col.cert_valid": ("Còn hiệu lực ngày {date}", "Valid on {date}"),
        "report.col.cert_expiring": ("Hết hạn trước kỳ cấp tỉnh {year}", "Expiring before the {year} round"),
        "report.col.cert_unknown": ("Quy định không ghi thời hạn", "No validity stated"),
        "report.t.certificates": ("Giấy chứng nhận theo cấp", "Certificates by level"),
        "report.s2": (
            "Hiệu quả sau công nhận và hỗ trợ khuyến công",
            "After certification, and khuyến công support",
        ),
        "report.s2.revenue": ("Doanh thu sau khi được công nhận", "Revenue after certification"),
        "report.rev.no_event": (
            "Chưa đủ số liệu doanh thu quanh năm được công nhận để tính.",
            "Not enough revenue figures around certification to compute this.",
        ),
        "report.rev.no_totals": (
            "Chưa có số liệu doanh thu của cơ sở đã được công nhận trong giai đoạn.",
            "No revenue figures of certified establishments in the period.",
        ),
        "report.rev.unit": ("Đơn vị: tỷ đồng.", "Unit: VND billion."),
        "report.t.revenue": (
            "Doanh thu của các cơ sở đã được công nhận, theo năm và loại hình",
            "Revenue of certified establishments, by year and legal form",
        ),
        "report.s2.support": ("Hỗ trợ khuyến công", "Industrial-extension support"),
        "report.support.text": (
            "Giai đoạn {y0}–{y1} có {grants} lượt hỗ trợ khuyến công với tổng kinh phí {amount}.",
            "In {y0}–{y1}, {grants} khuyến công grants totalled {amount}.",
        ),
        "report.support.none": (
            "Chưa có số liệu hỗ trợ khuyến công trong giai đoạn.",
            "No khuyến công support recorded in the period.",
        ),
        "report.support.note": (
            "Số cơ sở được cộng theo từng nội dung hỗ trợ (một cơ sở nhận hai nội dung được tính hai lần).",
            "Establishments are added up over activities (one with two kinds of support counts twice).",
        ),
        "report.col.est_activity": ("Lượt cơ sở theo nội dung", "Establishments by activity"),
        "report.t.support": ("Hỗ trợ khuyến công theo nhóm cơ sở", "Industrial-extension support by group"),
        "report.s3": ("Đánh giá", "Assessment"),
        "report.s3.targets": ("Thực hiện chỉ tiêu kế hoạch", "Targets against actual"),
        "report.t.targets": ("Chỉ tiêu kế hoạch và kết quả thực hiện", "Plan targets and what was achieved"),
        "report.s3.peers": ("So sánh với các tỉnh khác", "Beside other provinces"),
        "report.t.peers": (
            "Đắk Lắk và các tỉnh khác: cùng cấp, cùng giai đoạn, cùng cách đếm",
            "Đắk Lắk and other provinces: same level, period and counting rule",
        ),
        "report.s3.weaknesses": ("Tồn tại, hạn chế thể hiện qua số liệu", "Weaknesses the data show"),
        "report.weak.criteria": (
            "{finding}. Ở nhóm “{name}”, các sản phẩm không được công nhận chỉ đạt bình quân {share} điểm tối đa "
            "(n = {n}); đây là nội dung cần ưu tiên hướng dẫn, hỗ trợ.",
            "{finding}. In “{name}” the entries not certified reach on average {share} of the maximum (n = {n}); "
            "guidance and support should start there.",
        ),
        "report.weak.no_scores": (
            "Các danh sách công bố không có điểm theo nhóm tiêu chí, nên chưa xác định được nội dung còn yếu.",
            "The lists published no points per criteria group, so the weak criteria cannot be shown.",
        ),
        "report.weak.localities": (
            "Còn {never} địa bàn chưa từng tham gia và {lapsed} địa bàn đã ngừng tham gia (mục I).",
            "{never} localities have never taken part and {lapsed} have stopped (section I).",
        ),
        "report.col.criteria": ("Nhóm tiêu chí", "Criteria group"),
        "report.t.criteria": (
            "Điểm bị mất theo nhóm tiêu chí, sản phẩm không được công nhận",
            "Points lost per criteria group by entries not certified",
        ),
        "report.s4": ("Phương hướng, nhiệm vụ và kiến nghị", "Next steps and recommendations"),
        "report.s4.placeholder": (
            "(Phần này do đơn vị soạn thảo bổ sung.)",
            "(To be written by the drafting office.)",
        ),
        "report.recipients": ("Nơi nhận:", "Recipients:"),
        "report.recipient_line": ("- ……………………;", "- ……………………;"),
        "report.recipient_archive": ("- Lưu: VT, ……….", "- Archive: VT, ………."),
        "report.signer": ("GIÁM ĐỐC", "DIRECTOR"),
        "report.appendix": ("PHỤ LỤC: THÔNG TIN VỀ SỐ LIỆU CỦA BÁO CÁO", "APPENDIX: ABOUT THE DATA OF THIS REPORT"),
        "report.appendix.data": ("1. Bản dữ liệu và bộ lọc", "1. Data snapshot and filters"),
        "report.appendix.definitions": ("2. Định nghĩa và cách tính", "2. Definitions"),
        "report.appendix.queries": ("3. Truy vấn đã dùng", "3. Queries used"),
        "report.appendix.queries_text": (
            "Mọi con số trong báo cáo được tính từ các truy vấn của ứng dụng trên bản dữ liệu nêu trên: {names}.",
            "Every number in this report is computed by the app's queries on the snapshot above: {names}.",
        ),
        "report.col.item": ("Mục", "Item"),
        "report.col.value": ("Giá trị", "Value"),
        "report.t.meta": ("Bản dữ liệu, bộ lọc và thời điểm lập", "Snapshot, filters and time of generation"),
        "report.page": ("Trang {n}", "Page {n}"),
        "report.chart_missing": (
            "(Không dựng được hình: máy chủ thiếu trình duyệt để xuất ảnh; số liệu của hình ở bảng kế tiếp.)",
            "(The chart could not be drawn: the server has no browser to export images; its figures are in the "
            "next table.)",
        ),
        "report.title": ("Báo cáo", "Report"),
        "report.help": (
            "Dự thảo báo cáo (Word để chỉnh sửa, hoặc PDF) theo thể thức Nghị định 30/2020/NĐ-CP, cho giai đoạn, "
            "phạm vi và bộ lọc đang chọn; mọi số liệu được tính từ bản dữ liệu này.",
            "A draft report (Word to edit, or PDF) in the format of Decree 30/2020/NĐ-CP, for the chosen period, "
            "scope and filters; every number is computed from this snapshot.",
        ),
        "report.download_docx": ("Tải báo cáo (Word)", "Download the report (Word)"),
        "report.download_pdf": ("Tải báo cáo (PDF)", "Download the report (PDF)"),
        "target.title": ("Chỉ tiêu kế hoạch và kết quả thực hiện", "Plan targets against actual"),
        "target.metric.products_certified": (
            "Sản phẩm được công nhận cấp tỉnh",
            "Products certified at the provincial level",
        ),
        "target.metric.localities_with_entry": (
            "Địa bàn có sản phẩm tham gia",
            "Localities with at least one entry",
        ),
        "target.metric.establishments_supported": ("Cơ sở được hỗ trợ khuyến công", "Establishments supported"),
        "target.metric.support_budget_vnd": ("Kinh phí hỗ trợ khuyến công", "Industrial-extension support budget"),
        "target.col.plan": ("Giai đoạn kế hoạch", "Plan period"),
        "target.col.owner": ("Đơn vị", "Owner"),
        "target.col.metric": ("Chỉ tiêu", "Target"),
        "target.col.target": ("Kế hoạch", "Planned"),
        "target.col.actual": ("Thực hiện", "Achieved"),
        "target.col.counted": ("Số liệu tính đến", "Counted"),
        "target.col.status": ("Đánh giá", "Progress"),
        "target.counted": ("{y0}–{y1}", "{y0}–{y1}"),
        "target.counted_none": ("{y0}–{y1}: chưa có", "{y0}–{y1}: none yet"),
        "target.met": ("Đã đạt", "Met"),
        "target.below": ("Đạt {share}", "{share} of target"),
        "target.no_data": ("Chưa có số liệu", "No data yet"),
        "target.none": (
            "Chưa nạp chỉ tiêu kế hoạch nào cho giai đoạn này (sheet “Chỉ tiêu kế hoạch” của mẫu nhập liệu).",
            "No plan targets are loaded for this period (the template's “Plan targets” sheet).",
        ),
        "target.summary": (
            "{n} chỉ tiêu kế hoạch: {met} đã đạt, {below} chưa đạt, {no_data} chưa có số liệu để tính.",
            "{n} plan targets: {met} met, {below} not yet met, {no_data} without data to count.",
        ),
        "target.def": (
            "Chỉ tiêu được tính từ năm đầu kế hoạch đến năm cuối kế hoạch hoặc năm cuối của giai đoạn đã chọn "
            "(năm nào sớm hơn), trên toàn địa bàn của đơn vị (không theo bộ lọc nhóm sản phẩm, địa bàn): sản phẩm "
            "được công nhận cấp tỉnh cộng dồn các kỳ; địa bàn có sản phẩm tham gia cấp tỉnh (huyện cũ; xã, phường "
            "với tỉnh mới); cơ sở nhận hỗ trợ khuyến công; kinh phí hỗ trợ. “Chưa có số liệu”: chưa có kỳ bình "
            "chọn hoặc khoản hỗ trợ nào được nạp cho những năm đó, không phải bằng 0.",
            "A target is counted from its plan's first year to its last year or the end of the chosen period "
            "(whichever is earlier), over the owner's whole territory (product-group and locality filters do not "
            "apply): provincial certifications summed over rounds; localities (old districts; communes and wards "
            "for the merged province) with a provincial entry; establishments with khuyến công support; the "
            "support paid. “No data yet”: no round or grant is loaded for those years, which is not zero.",
        ),
        "peer.title": ("So sánh với các tỉnh khác", "Beside other provinces"),
        "peer.none": (
            "Chưa nạp số liệu công bố của tỉnh khác cho giai đoạn này (sheet “Số liệu tỉnh khác”).",
            "No other province's published figures are loaded for this period (the “Other provinces” sheet).",
        ),
        "peer.summary": (
            "{n} số liệu công bố của {provinces} tỉnh khác, đặt cạnh số liệu của Đắk Lắk tính theo đúng cấp, giai "
            "đoạn và cách đếm của từng số liệu.",
            "{n} published figures of {provinces} other provinces, each beside Đắk Lắk's count for the same "
            "level, period and counting rule.",
        ),
        "peer.rule": (
            "Số liệu của Đắk Lắk được tính lại theo đúng cách đếm của số liệu tỉnh bạn (mỗi kỳ đếm cơ sở hoặc "
            "sản phẩm, không trùng trong kỳ, rồi cộng các kỳ của giai đoạn); không so sánh giữa các cách đếm khác "
            "nhau. Giai đoạn trước 1/7/2025 ở phạm vi toàn tỉnh gồm cả các kỳ của Đắk Lắk cũ và Phú Yên cũ (cột "
            "“Kỳ của Đắk Lắk”).",
            "Đắk Lắk's count follows the other province's counting rule (each round counts establishments or "
            "products once, then the rounds of the period are added); figures counted differently are never set "
            "side by side. Before 1 July 2025 the merged scope holds the rounds of both old Đắk Lắk and old Phú "
            "Yên (column “Đắk Lắk rounds”).",
        ),
        "peer.no_ours": ("Không có kỳ", "No round"),
        "peer.col.level": ("Cấp", "Level"),
        "peer.col.period": ("Giai đoạn", "Period"),
        "peer.col.metric": ("Chỉ tiêu", "Metric"),
        "peer.col.counting": ("Cách đếm", "Counting"),
        "peer.ours.merged": ("Đắk Lắk (toàn tỉnh)", "Đắk Lắk (whole province)"),
        "peer.ours.daklak_old": ("Đắk Lắk cũ", "Old Đắk Lắk"),
        "peer.ours.phuyen_old": ("Phú Yên cũ", "Old Phú Yên"),
        "report.sources_note": ("Nguồn: {sources}.", "Sources: {sources}."),
        "peer.col.province": ("Tỉnh", "Province"),
        "peer.col.value": ("Số liệu tỉnh", "Their figure"),
        "peer.col.rounds": ("Kỳ của Đắk Lắk", "Đắk Lắk rounds"),
        "peer.col.source": ("Nguồn", "Source"),
        "fin_source.survey": ("Khảo sát", "Survey"),
        "fin_source.tax_report": ("Báo cáo thuế", "Tax report"),
        "fin_source.self_reported": ("Cơ sở tự khai", "Self-reported"),
        "fin_source.sample": ("Dữ liệu mẫu", "Sample"),
        "counting.summed_over_rounds": ("Cộng dồn các kỳ", "Summed over rounds"),
        "counting.per_round": ("Trong một kỳ", "Per round"),
        "counting.distinct_in_round": ("Không trùng trong kỳ", "Distinct in the round"),
        "imp.table.plan_targets": ("Chỉ tiêu kế hoạch", "Plan targets"),
        "imp.table.peer_figures": ("Số liệu tỉnh khác", "Other provinces' figures"),
    }
)

# charts, map and downloads
CATALOGUE.update(
    {
        "geo.schematic_stamp": (
            "Sơ đồ: mỗi chấm là trọng tâm một địa bàn, không phải ranh giới hành chính",
            "Schematic: each dot is a locality's centroid, not its administrative boundary",
        ),
        "geo.boundaries_stamp": (
            "Bản đồ theo ranh giới hành chính do Sở cung cấp",
            "Map on the administrative boundaries provided by the Department",
        ),
        "geo.schematic_note": (
            "Đây là sơ đồ, không phải bản đồ ranh giới: chưa cấu hình tệp ranh giới hành chính (CNNT_BOUNDARIES).",
            "This is a schematic, not a boundary map: no administrative boundary file is configured (CNNT_BOUNDARIES).",
        ),
        "geo.boundaries_note": (
            "Vẽ theo ranh giới hành chính trong tệp {file}; địa bàn không có ranh giới riêng (dòng “chưa rõ xã”) "
            "được vẽ thành chấm.",
            "Drawn on the administrative boundaries in {file}; a locality without a boundary of its own (a "
            "“district known, commune unknown” row) is drawn as a dot.",
        ),
        "geo.problem.unreadable": (
            "Không đọc được tệp ranh giới {file} ({reason}); bản đồ hiển thị dạng sơ đồ.",
            "The boundary file {file} could not be read ({reason}); the map is shown as a schematic.",
        ),
        "geo.problem.unmatched": (
            "{n} vùng trong tệp ranh giới không khớp mã địa bàn nào (huyện trước 1/7/2025 hoặc xã, phường từ "
            "1/7/2025) nên không được vẽ: {codes}.",
            "{n} shapes in the boundary file match no locality code (a district before 1/7/2025 or a commune "
            "from 1/7/2025) and are not drawn: {codes}.",
        ),
        "geo.problem.unusable": (
            "{n} vùng trong tệp ranh giới không có đa giác theo kinh độ, vĩ độ (WGS 84) nên không được vẽ: {codes}.",
            "{n} shapes in the boundary file have no polygon in longitude and latitude (WGS 84) and are not "
            "drawn: {codes}.",
        ),
        "geo.problem.none_for_view": (
            "Tệp ranh giới {file} không có ranh giới nào cho cách xem này; bản đồ hiển thị dạng sơ đồ.",
            "The boundary file {file} holds no boundary for this view; the map is shown as a schematic.",
        ),
        "geo.problem.missing": (
            "{n} địa bàn không có ranh giới trong tệp nên được vẽ thành chấm: {names}.",
            "{n} localities have no boundary in the file and are drawn as dots: {names}.",
        ),
        "geo.no_value": ("Không có số liệu", "No value"),
        "geo.download_png": ("Tải ảnh bản đồ (PNG)", "Download the map (PNG)"),
        "geo.download_html": ("Tải bản đồ (HTML, mở không cần mạng)", "Download the map (HTML, opens offline)"),
        "meta.link": ("Đường dẫn mở lại đúng trang này", "Link that reopens this page as it is"),
        "meta.breakdown": ("Chia theo", "Broken down by"),
        "empty.no_round": (
            "Không có kỳ bình chọn nào trong giai đoạn {y0}–{y1} với phạm vi và cấp đã chọn.",
            "No round was held in {y0}–{y1} for the scope and levels chosen.",
        ),
        "empty.filtered": (
            "Có kỳ bình chọn trong giai đoạn nhưng không có bài dự thi nào khớp bộ lọc đã chọn.",
            "Rounds were held in the period, but no entry matches the filters chosen.",
        ),
        "empty.no_scores": (
            "Các bài dự thi trong giai đoạn không có điểm (danh sách công bố không ghi điểm), nên không vẽ được phân bố điểm.",
            "The entries of the period have no scores (the published lists give none), so no score distribution "
            "can be drawn.",
        ),
        "empty.no_criteria": (
            "Chưa có điểm theo từng nhóm tiêu chí cho các bài dự thi trong giai đoạn.",
            "No scores by criteria group are recorded for the entries of the period.",
        ),
        "empty.never": (
            "{name} chưa từng tham gia kỳ bình chọn cấp tỉnh nào đến năm {y1}.",
            "{name} never took part in a provincial round up to {y1}.",
        ),
        "empty.no_round_open": (
            "Không có kỳ bình chọn cấp tỉnh nào mở cho {name} trong giai đoạn {y0}–{y1}; đây không phải là “chưa "
            "từng tham gia”.",
            "No provincial round was open to {name} in {y0}–{y1}; this is not “never took part”.",
        ),
        "empty.event_study": (
            "Chưa đủ cơ sở có số liệu từ năm −1 đến năm +{k} quanh sự kiện trong giai đoạn đã chọn để vẽ.",
            "Too few establishments have figures from year −1 to year +{k} around an event in the period to draw.",
        ),
        "empty.threshold": (
            "Không đủ cơ sở có điểm trong khoảng ±{window} điểm quanh ngưỡng đạt và có số liệu các năm để vẽ.",
            "Too few establishments scored within {window} points of the pass mark and have the years of figures "
            "needed to draw.",
        ),
        "empty.no_prospects": (
            "Các địa bàn đã chọn không còn cơ sở nào đã biết mà chưa từng dự thi.",
            "The localities chosen have no known establishment that has never entered.",
        ),
    }
)

# performance
CATALOGUE.update(
    {
        "perf.col.scored": ("Số bài có điểm", "Entries with a score"),
        "perf.col.q1": ("Tứ phân vị dưới (điểm)", "Lower quartile (points)"),
        "perf.col.median": ("Trung vị (điểm)", "Median (points)"),
        "perf.col.q3": ("Tứ phân vị trên (điểm)", "Upper quartile (points)"),
        "perf.col.lower_fence": ("Râu dưới (điểm)", "Lower whisker (points)"),
        "perf.col.upper_fence": ("Râu trên (điểm)", "Upper whisker (points)"),
        "perf.col.outliers_n": ("Số điểm ngoại lai", "Outlying scores"),
        "perf.box_note": (
            "Hộp: tứ phân vị; râu: điểm xa nhất trong 1,5 lần khoảng tứ phân vị; "
            "mỗi kỳ vẽ tối đa {k} điểm ngoại lai xa nhất.",
            "Box: quartiles; whiskers: the farthest scores within 1.5 times the interquartile range; "
            "at most the {k} farthest outlying scores are drawn per round.",
        ),
        "perf.entries_capped": (
            "Hiển thị {shown} trong {n} bài dự thi (năm gần nhất trước); chọn kỳ để thu hẹp.",
            "Showing {shown} of {n} entries (latest year first); pick rounds to narrow the list.",
        ),
    }
)
