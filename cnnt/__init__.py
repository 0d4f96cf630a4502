"""CNNT: analytics for Đắk Lắk's programme of typical rural industrial products.

Everything that is not UI lives here: the data contract (:mod:`cnnt.schema`), the
snapshot store (:mod:`cnnt.store`), the only door to DuckDB (:mod:`cnnt.db`),
validation, reference and sample data, formatting and translations.
"""

__version__ = "0.1.0"
