"""Withdrawing a whole snapshot on the Data page: it disappears from every picker,
stays on disk, and the log records who did it and why (``Store.hide``); a
withdrawn snapshot can be offered again (``Store.unhide``).  The command-line
twin is ``python -m cnnt hide|unhide ID``."""

from __future__ import annotations

import streamlit as st

from cnnt.i18n import t
from cnnt.store import Store


def panel(store: Store, actor: str | None, lang: str) -> None:
    current = store.current_id()
    snaps = [s for s in store.list() if s.ok and (s.published or s.hidden)]
    visible = [s.id for s in snaps if not s.hidden and s.id != current]
    hidden = [s.id for s in snaps if s.hidden]
    with st.expander(t("hide.title", lang), icon="🙈"):
        st.caption(t("hide.help", lang))
        if not visible and not hidden:
            st.caption(t("hide.nothing", lang))
            return
        if visible:
            picked = st.selectbox(t("hide.pick", lang), visible, key="hide_pick")
            reason = st.text_input(t("wd.reason", lang), key="hide_reason")
            if st.button(t("hide.button", lang), key="hide_button", disabled=not (actor and reason.strip())):
                try:
                    store.hide(picked, by=actor or "", reason=reason.strip())
                except ValueError:
                    st.error(t("hide.refused", lang))
                else:
                    st.session_state["hide_done"] = picked
                    st.rerun()
        if st.session_state.get("hide_done"):
            st.success(t("hide.done", lang, id=st.session_state["hide_done"]))
        if hidden:
            back = st.selectbox(t("hide.restore_pick", lang), hidden, key="hide_restore_pick")
            if st.button(t("hide.restore", lang), key="hide_restore", disabled=not actor):
                store.unhide(back, by=actor or "")
                st.session_state.pop("hide_done", None)
                st.rerun()
