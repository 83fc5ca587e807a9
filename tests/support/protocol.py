"""Streamlit's browser protocol without a browser: a websocket session and a simulated person.

:class:`Session` opens ``/_stcore/stream`` exactly as the browser does
(binary ``BackMsg`` protobufs in, ``ForwardMsg`` out) and times a rerun from
sending a widget change to ``script_finished``. :class:`Person` is a user of
the demo's scoring page: it loads the demo with ``?demo=1``, opens the
scoring page and its rules tab, and moves the MQL engagement-threshold
slider. Used by the load test and bench (:mod:`tests.support.load`), the
hostile-server journey and the busy-server bench. Standard library +
``websockets`` (a Streamlit dependency) + Streamlit's own protobufs.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from abm.i18n import t
from abm.ui.state import K_SCORING_TABS, widget_key

__all__ = [
    "SCORING_PAGE",
    "SLIDER_KEY",
    "Person",
    "ProtocolError",
    "RunResult",
    "Session",
    "check",
    "shared_threshold",
]

#: the slider a person moves (engagement threshold for MQL: every move rescores)
SLIDER_KEY = widget_key("scoring", "w.engagement_threshold")
SCORING_PAGE = "Scoring"
#: the slider lives on this tab of the scoring controls (tabs run lazily)
TABS_KEY, TAB = K_SCORING_TABS, "scoring.tab.rules"


class ProtocolError(RuntimeError):
    """The server answered something a browser would show as broken."""


@dataclass
class RunResult:
    """What one script run sent back."""

    seconds: float
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page script hash
    sliders: dict[str, tuple[str, float, float, float, float]] = field(default_factory=dict)
    tabs: dict[str, str] = field(default_factory=dict)  # user key -> widget id of st.tabs
    exceptions: int = 0
    error_alerts: int = 0
    metrics: int = 0


def _scan(msg: ForwardMsg, out: RunResult) -> None:
    """Note what one forward message says: pages, tabs, sliders, metrics, errors."""
    kind = msg.WhichOneof("type")
    if kind == "new_session":
        for page in msg.new_session.app_pages:
            out.pages[page.url_pathname or page.page_name] = page.page_script_hash
    elif kind == "navigation":
        for page in msg.navigation.app_pages:
            out.pages[page.url_pathname or page.page_name] = page.page_script_hash
    elif kind == "delta" and msg.delta.WhichOneof("type") == "add_block":
        block = msg.delta.add_block
        if block.WhichOneof("type") == "tab_container" and block.tab_container.id:
            out.tabs[block.tab_container.id.rsplit("-", 1)[-1]] = block.tab_container.id
    elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        el = msg.delta.new_element
        which = el.WhichOneof("type")
        if which == "exception":
            out.exceptions += 1
        elif which == "alert" and el.alert.format == el.alert.ERROR:
            out.error_alerts += 1
        elif which == "metric":
            out.metrics += 1
        elif which == "slider":
            s = el.slider
            key = s.id.rsplit("-", 1)[-1]
            value = s.value[0] if s.set_value and s.value else s.default[0]
            out.sliders[key] = (s.id, s.min, s.max, s.step, value)


class Session:
    """One browser session over a websocket (no browser)."""

    def __init__(self, base_url: str, *, locale: str = "ja-JP") -> None:
        self.base_url = base_url
        self.locale = locale
        self.ws = None
        self.page_hash = ""
        self.query = ""  # the URL's query string, as the browser keeps it

    async def __aenter__(self) -> Session:
        host = self.base_url.split("://", 1)[1]
        self.ws = await connect(
            f"ws://{host}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.base_url,
            max_size=None,
            open_timeout=30,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(
        self,
        *,
        query: str | None = None,
        page_hash: str | None = None,
        widgets: list[tuple[str, float | str]] = (),
        timeout: float = 120,
    ) -> RunResult:
        """Send one rerun request and wait until the script has finished.

        ``query`` replaces the URL's query string (navigation); by default the
        current one is sent, as the browser does.
        """
        if query is not None:
            self.query = query
        back = BackMsg()
        cs = back.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = self.page_hash if page_hash is None else page_hash
        cs.context_info.locale = self.locale
        cs.context_info.timezone = "Asia/Tokyo"
        for wid, value in widgets:
            ws = cs.widget_states.widgets.add()
            ws.id = wid
            if isinstance(value, str):
                ws.string_value = value  # st.tabs: the selected tab's label
            else:
                ws.double_array_value.data.append(value)  # st.slider
        out = RunResult(seconds=0.0)
        started = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        deadline = started + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise ProtocolError("script did not finish in time")
            raw = await asyncio.wait_for(self.ws.recv(), timeout=left)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            _scan(msg, out)
            kind = msg.WhichOneof("type")
            if kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    out.seconds = time.perf_counter() - started
                    return out
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise ProtocolError("script failed to compile")


def shared_threshold(query_string: str) -> float:
    """The engagement threshold in the page's share link (``?m=``), if any."""
    from urllib.parse import parse_qs

    from abm.scoring import ScoringModel, decode_model

    code = parse_qs(query_string).get("m", [""])[0]
    return (decode_model(code) if code else ScoringModel()).engagement_threshold


def check(run: RunResult, where: str) -> None:
    """Raise :class:`ProtocolError` if the run showed an exception or an error element."""
    if run.exceptions or run.error_alerts:
        raise ProtocolError(f"{where}: {run.exceptions} exception(s), {run.error_alerts} error(s)")


@dataclass
class Person:
    """A simulated user: a session on the scoring page with its slider."""

    session: Session
    rng: random.Random
    slider_id: str = ""
    lo: float = 0.0
    hi: float = 100.0
    step: float = 1.0
    value: float = 0.0
    reruns: list[float] = field(default_factory=list)

    async def open(self) -> float:
        """Load the demo data, open the scoring page; return the seconds it took."""
        t0 = time.perf_counter()
        home = await self.session.rerun(query="demo=1", page_hash="")
        check(home, "home")
        page_hash = home.pages.get(SCORING_PAGE)
        if page_hash is None:
            raise ProtocolError("scoring page not listed")
        scoring = await self.session.rerun(query="", page_hash=page_hash)
        check(scoring, "scoring")
        if TABS_KEY not in scoring.tabs:
            raise ProtocolError("scoring page did not render its tabs")
        label = t(TAB, "ja" if self.session.locale.startswith("ja") else "en")
        scoring = await self.session.rerun(widgets=[(scoring.tabs[TABS_KEY], label)])
        check(scoring, "scoring rules tab")
        if SLIDER_KEY not in scoring.sliders or not scoring.metrics:
            raise ProtocolError("scoring page did not render its slider and metrics")
        self.slider_id, self.lo, self.hi, self.step, self.value = scoring.sliders[SLIDER_KEY]
        return time.perf_counter() - t0

    async def move(self) -> float:
        """Move the slider to another value (as a drag would) and time the rerun."""
        n_steps = round((self.hi - self.lo) / self.step)
        new = self.value
        while new == self.value:
            new = self.lo + self.step * self.rng.randint(0, n_steps)
        run = await self.session.rerun(widgets=[(self.slider_id, new)])
        check(run, "slider move")
        if SLIDER_KEY not in run.sliders or not run.metrics:
            raise ProtocolError("scoring page lost its slider or metrics")
        if shared_threshold(self.session.query) != new:
            raise ProtocolError("share link does not carry the value this session sent")
        self.value = new
        self.reruns.append(run.seconds)
        return run.seconds

    async def round(self, moves: int, think: tuple[float, float]) -> None:
        """``moves`` slider moves, each after a think time drawn from ``think``."""
        for _ in range(moves):
            await asyncio.sleep(self.rng.uniform(*think))
            await self.move()
