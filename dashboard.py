"""Entry point: ``streamlit run dashboard.py``.

Draws the shared sidebar (language, snapshot, filters — all kept in the URL),
then hands over to the chosen page in ``pages/``.
"""

import streamlit as st

from cnnt import ui
from cnnt.i18n import t

lang = ui.language()
st.set_page_config(page_title=t("app.title", lang), page_icon="🏺", layout="wide")

data_page = st.Page("pages/data.py", title=t("page.data", lang), icon="🗂️", url_path="du-lieu")
pages = [
    st.Page("pages/overview.py", title=t("page.overview", lang), icon="📊", default=True),
    st.Page("pages/participation.py", title=t("page.participation", lang), icon="👥", url_path="tham-gia"),
    st.Page("pages/pass_rates.py", title=t("page.pass_rates", lang), icon="✅", url_path="ty-le-dat"),
    st.Page("pages/revenue.py", title=t("page.revenue", lang), icon="📈", url_path="sau-cong-nhan"),
    st.Page("pages/localities.py", title=t("page.localities", lang), icon="🗺️", url_path="dia-ban"),
    st.Page("pages/locality_profile.py", title=t("page.locality_profile", lang), icon="📍", url_path="ho-so-dia-ban"),
    st.Page("pages/lookup.py", title=t("page.lookup", lang), icon="🔎", url_path="tra-cuu"),
    data_page,
]
page = st.navigation(pages, position="sidebar")
st.session_state["_data_page"] = data_page  # where the "no data yet" state points
st.session_state["_ctx"] = ui.sidebar()
page.run()
