"""Workbooks a data officer might fill in, for the import tests."""

from cnnt.template import build_template

GOOD = {
    "rounds": [["P2021", None, "Cấp tỉnh", 2021, None, "TT26/2014", 70, "5/QĐ-UBND", "05/11/2021"]],
    "establishments": [
        ["E7", None, "Hộ kinh doanh Cà Phê Ea Lai", "Hộ kinh doanh", "xa ea lai, huyen m'drak", None, "2018"]
    ],
    "products": [["SP8", "E7", "Cà phê bột Ea Lai", "G2 – Chế biến nông, lâm, thủy sản và thực phẩm", "Không"]],
    "entries": [
        [None, "P2021", "SP8", "30", "30,5", 8, 8, None, "Có", "P2021/CN-01", "05/11/2021", None],
        [None, "P2021", "SP5", 25, 20, 5, 5, None, "Không", None, None, None],
    ],
    "financials": [
        ["E7", 2020, "1.200.000.000", 6, "4.500.000", "survey"],
        ["E7", 2021, "1.350.000.000", 7, "4.700.000", "survey"],
    ],
}


def good_workbook() -> bytes:
    return build_template(examples=GOOD)


def workbook(**sheets) -> bytes:
    return build_template(examples=sheets)
