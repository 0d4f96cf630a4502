"""Entry point: ``streamlit run dashboard.py``.

Draws the shared sidebar (language, snapshot, filters — all kept in the URL),
then hands over to the chosen page in ``pages/``.
"""

import streamlit as st

from cnnt import auth, db, ops, ui
from cnnt.i18n import t

lang = ui.language()
st.set_page_config(page_title=t("app.title", lang), page_icon="🏺", layout="wide")
ops.at_start(str(db.default_data_root()))  # once per process: leftovers of killed publishes, expired stages
auth.identify()  # who this is and with which role (cnnt.access): decides the menu below


def _page(path: str, **kw):
    """A page in the menu of the roles that may use it; for the others its URL is refused."""
    return st.Page(path, visibility=auth.visibility(path), **kw)


data_page = _page("pages/data.py", title=t("page.data", lang), icon="🗂️", url_path="du-lieu")
pages = [
    _page("pages/overview.py", title=t("page.overview", lang), icon="📊", default=True),
    _page("pages/participation.py", title=t("page.participation", lang), icon="👥", url_path="tham-gia"),
    _page("pages/pass_rates.py", title=t("page.pass_rates", lang), icon="✅", url_path="ty-le-dat"),
    _page("pages/revenue.py", title=t("page.revenue", lang), icon="📈", url_path="sau-cong-nhan"),
    _page("pages/localities.py", title=t("page.localities", lang), icon="🗺️", url_path="dia-ban"),
    _page("pages/locality_profile.py", title=t("page.locality_profile", lang), icon="📍", url_path="ho-so-dia-ban"),
    _page("pages/lookup.py", title=t("page.lookup", lang), icon="🔎", url_path="tra-cuu"),
    data_page,
    *auth.pages(lang),
]
page = st.navigation(pages, position="sidebar")
st.session_state["_data_page"] = data_page  # where the "no data yet" state points
auth.sidebar(lang)
st.session_state["_ctx"] = ui.sidebar()
auth.run(page)  # the page, or a refusal when this role may not use it
