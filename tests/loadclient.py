"""A minimal Streamlit client for load tests: one websocket per session, speaking the
same protobuf messages as the browser (a rerun request per page, then the page's
deltas until ``script_finished``).  Much lighter than a browser, so 20 sessions fit
on a small machine; it counts exceptions and error boxes the pages send."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class SessionResult:
    pages: int = 0
    exceptions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def _collect(msg: ForwardMsg, result: SessionResult) -> None:
    if msg.WhichOneof("type") != "delta":
        return
    delta = msg.delta
    if delta.WhichOneof("type") != "new_element":
        return
    el = delta.new_element
    kind = el.WhichOneof("type")
    if kind == "exception":
        result.exceptions.append(f"{el.exception.type}: {el.exception.message}")
    elif kind == "alert" and el.alert.format == el.alert.ERROR:
        result.errors.append(el.alert.body)
    elif kind == "heading":
        result.texts.append(el.heading.body)


async def run_session(url: str, pages: list[str], query: str = "", timeout: float = 120) -> SessionResult:
    """Open one session on ``url`` (http://host:port) and run ``pages`` (url paths) in turn."""
    from websockets.asyncio.client import connect

    ws_url = url.replace("http://", "ws://", 1) + "/_stcore/stream"
    result = SessionResult()
    async with connect(ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout) as ws:
        for page in pages:
            back = BackMsg(rerun_script=ClientState(query_string=query, page_name=page))
            started = time.monotonic()
            await ws.send(back.SerializeToString())
            while True:
                data = await asyncio.wait_for(ws.recv(), timeout=timeout)
                msg = ForwardMsg()
                msg.ParseFromString(data)
                _collect(msg, result)
                if msg.WhichOneof("type") == "script_finished":
                    if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        break  # a rerun the page asked for (st.rerun) is followed to its end
            result.seconds.append(time.monotonic() - started)
            result.pages += 1
    return result


async def run_many(url: str, sessions: int, pages: list[str], query: str = "", timeout: float = 120):
    return await asyncio.gather(*(run_session(url, pages, query, timeout) for _ in range(sessions)))
