"""Entry point: ``streamlit run dashboard.py``.

Draws the shared sidebar (language, snapshot, filters — all kept in the URL),
then hands over to the chosen page in ``pages/``.
"""

import streamlit as st

from cnnt import access, auth, db, ops, ui
from cnnt.i18n import t

lang = ui.language()
st.set_page_config(page_title=t("app.title", lang), page_icon="🏺", layout="wide")
ops.at_start(str(db.default_data_root()))  # once per process: leftovers of killed publishes, expired stages
auth.identify()  # who this is and with which role (cnnt.access): decides the menu below


def _page(path: str, **kw):
    """A page in the menu of the roles that may use it, at its address (cnnt.access); for
    the others its URL is refused."""
    address = access.ADDRESSES.get(path.removeprefix("pages/").removesuffix(".py"))
    return st.Page(path, visibility=auth.visibility(path), **({"url_path": address} if address else {}), **kw)


data_page = _page("pages/data.py", title=t("page.data", lang), icon="🗂️")
pages = [
    _page("pages/overview.py", title=t("page.overview", lang), icon="📊", default=True),
    _page("pages/participation.py", title=t("page.participation", lang), icon="👥"),
    _page("pages/pass_rates.py", title=t("page.pass_rates", lang), icon="✅"),
    _page("pages/revenue.py", title=t("page.revenue", lang), icon="📈"),
    _page("pages/localities.py", title=t("page.localities", lang), icon="🗺️"),
    _page("pages/locality_profile.py", title=t("page.locality_profile", lang), icon="📍"),
    _page("pages/lookup.py", title=t("page.lookup", lang), icon="🔎"),
    data_page,
    *auth.pages(lang),
]
page = st.navigation(pages, position="sidebar")
st.session_state["_data_page"] = data_page  # where the "no data yet" state points
auth.sidebar(lang)
st.session_state["_ctx"] = ui.sidebar()
auth.run(page)  # the page, or a refusal when this role may not use it
