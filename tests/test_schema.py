from cnnt import schema
from tests.conftest import PROJECT


def test_docs_page_is_generated_from_the_schema():
    docs = (PROJECT / "docs" / "data-contract.md").read_text("utf-8")
    assert docs == schema.contract_markdown(), "run: python -m cnnt docs"


def test_keys_and_foreign_keys_name_real_columns():
    for t in schema.TABLES:
        assert set(t.primary_key) <= set(t.column_names), t.name
        for fk in t.foreign_keys:
            assert set(fk.columns) <= set(t.column_names), t.name
            ref = schema.table(fk.ref_table)
            assert set(fk.ref_columns) <= set(ref.column_names), t.name
        assert len(set(t.column_names)) == len(t.column_names), t.name


def test_contract_covers_every_table_of_the_design():
    assert set(schema.TABLE_NAMES) >= {
        "admin_units",
        "admin_crosswalk",
        "product_groups",
        "locality_base",
        "rounds",
        "criteria",
        "establishments",
        "products",
        "entries",
        "financials",
        "support",
        "published_figures",
    }
