"""Real browser journeys: Streamlit on 127.0.0.1 + Playwright driving Debian's Chromium.

Skipped with a clear message when /usr/bin/chromium is absent, unless
MORI_REQUIRE_BROWSER=1 (set by .ci/run), in which case they fail instead.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.server import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server

__all__ = [
    "ARTIFACTS", "CHROMIUM", "CHROMIUM_ARGS", "FULL_SHOTS", "ROOT", "Server", "block_cdn",
    "click_and_wait", "delete_workspace", "go", "oidc_provider", "upload",
]  # fmt: skip

#: ``MORI_SHOTS=full``: screenshots of whole pages (to look at every chart); a plain run saves
#: what the window shows, which is what the checks read
FULL_SHOTS = os.environ.get("MORI_SHOTS") == "full"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    e2e = [i for i in items if Path(str(i.fspath)).is_relative_to(here)]
    for item in e2e:
        item.add_marker(pytest.mark.e2e)
    if Path(CHROMIUM).exists() and shutil.which(CHROMIUM):
        return
    if os.environ.get("MORI_REQUIRE_BROWSER") == "1":
        return  # let them fail loudly in CI
    skip = pytest.mark.skip(
        reason=f"browser journeys skipped: {CHROMIUM} not found (apt-get install chromium)"
    )
    for item in e2e:
        item.add_marker(skip)


#: The session's browser (set by the ``browser`` fixture), for the failure screenshots.
_BROWSER: list = []
#: The contexts open before a test started: a failure shows only the test's own.
_BEFORE = pytest.StashKey[set]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    item.stash[_BEFORE] = {id(ctx) for b in _BROWSER for ctx in b.contexts}
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed journey leaves a screenshot of every page it opened that is still open
    (test-artifacts/screenshots/FAILED-<test>-<n>.png): CI's red run shows what the app
    showed, not only which locator timed out. Best effort: it never fails or stops a run."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed or not _BROWSER:
        return
    before = item.stash.get(_BEFORE, set())
    pages = [pg for ctx in _BROWSER[0].contexts if id(ctx) not in before for pg in ctx.pages]
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in item.name)[:80]
    out = ARTIFACTS / "screenshots"
    for n, pg in enumerate(pages):
        with contextlib.suppress(Exception):  # a page mid-navigation, a closed browser
            out.mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(out / f"FAILED-{name}-{n}.png"), timeout=15_000)


class Server:
    """A running ``streamlit run app.py`` on loopback (:func:`tests.support.server.streamlit_server`).

    The port comes from the OS (retried if taken in between); ``env`` replaces
    the server's environment (the privacy test gives it its own folders); ``launch``
    starts it as ``make run`` does (:mod:`abm.ui.launch`).
    """

    def __init__(
        self,
        extra_args: list[str] | None = None,
        name: str = "server",
        env: dict[str, str] | None = None,
        launch: bool = False,
    ) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.log_path = ARTIFACTS / f"streamlit-{name}-{os.getpid()}.log"
        self._running = streamlit_server(
            self.log_path, tuple(extra_args or ()), env=env, launch=launch
        )
        self.url, self.proc = self._running.__enter__()
        self.port = int(self.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        self._running.__exit__(None, None, None)


@contextmanager
def oidc_provider(users: Mapping[str, Mapping[str, object]]) -> Iterator[str]:
    """A real OpenID Connect provider on loopback (``oidc-provider-mock``), for team mode (#18).

    ``users`` maps each subject to its claims (``email``, ``groups``…); its
    authorization page has one button per subject. Yields the provider's base
    URL (``http://localhost:PORT``); ``PUT {url}/users/{sub}`` replaces a
    user's claims, which the next ID token carries (``exp`` included).
    """
    from oidc_provider_mock import User, run_server_in_thread

    claims = [User(sub=sub, claims=dict(c)) for sub, c in users.items()]
    with run_server_in_thread(user_claims=claims) as provider:
        yield f"http://localhost:{provider.server_port}"


def block_cdn(page) -> None:
    """The provider's pages link a stylesheet on a CDN: refuse it (CI has no network)."""
    page.context.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    srv = Server()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        _BROWSER.append(b)
        yield b
        _BROWSER.remove(b)
        b.close()


def _page(browser, locale: str, timeout_ms: int):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale=locale)
    pg = ctx.new_page()
    pg.set_default_timeout(timeout_ms)
    return ctx, pg


@pytest.fixture
def page(browser):
    """A fresh browser session (own cookies, own Streamlit session) in Japanese."""
    ctx, pg = _page(browser, "ja-JP", 60_000)
    yield pg
    ctx.close()


@pytest.fixture
def page_en(browser):
    """A fresh browser session in English (a slower default timeout for long journeys)."""
    ctx, pg = _page(browser, "en-US", 90_000)
    yield pg
    ctx.close()


#: what shows that a script run is requested, running or not yet fully drawn. The app's own
#: run state comes first: ``initial`` until the first run of a fresh page has started (a
#: busy server can take more than the settle time to begin it, and an empty page looked idle)
_BUSY = (
    '[data-testid="stApp"][data-test-script-state="initial"]',
    '[data-testid="stApp"][data-test-script-state="running"]',
    '[data-testid="stApp"][data-test-script-state="rerunRequested"]',
    '[data-testid="stStatusWidget"]',
    '[data-testid="stSkeleton"]',
    '[data-testid="stElementContainer"][data-stale="true"]',
)


#: Resolves ``null`` once the app is drawn and none of the busy selectors has matched for
#: ``settle`` ms, else with what is still busy after ``timeout`` ms (a page that went quiet
#: too late is not idle). The loop runs in the page: the same check polled from Python every
#: 100 ms cost the browser and Playwright's driver about a tenth of a core per waiting test
#: (a round trip per poll), and most of a journey is waiting.
_IDLE = """async ([busy, settle, timeout]) => {
  const any = busy.join(', ');
  const app = '[data-testid="stApp"]';
  const t0 = performance.now();
  let quiet = null;
  while (performance.now() - t0 < timeout) {
    const now = performance.now();
    if (!document.querySelector(app) || document.querySelector(any)) quiet = null;
    else if (quiet === null) quiet = now;
    else if (now - quiet >= settle) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
  const still = busy.filter((s) => document.querySelector(s));
  return document.querySelector(app) ? still : ['no app drawn', ...still];
}"""


def wait_idle(page, settle_ms: int = 800, timeout_s: float = 240) -> None:
    """Wait until the app is rendered and stays idle for ``settle_ms``.

    Idle means the page's first run has started and no run is requested or
    running (the app's run state, the status widget), no skeleton and no
    element left stale from the previous run (:data:`_BUSY`), checked every 100 ms
    in the page itself (:data:`_IDLE`). ``timeout_s`` is generous: it only stops a
    hang (a busy machine is slow, not broken). A navigation that replaces the
    document while waiting (a sign-in's redirects) starts the wait again on the new
    one. Journeys that expect a particular change still wait for it with a locator.
    """
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout_s
    still: list[str] = list(_BUSY)
    while (left := deadline - time.monotonic()) > 0:
        page.wait_for_selector('[data-testid="stApp"]', timeout=left * 1000)
        try:
            still = page.evaluate(_IDLE, [list(_BUSY), settle_ms, left * 1000])
        except PlaywrightError as err:  # the document was replaced while waiting
            if "context was destroyed" not in str(err) and "navigat" not in str(err):
                raise
            still = ["navigating"]
            continue
        if still is None:
            return
    raise AssertionError(f"app did not settle in {timeout_s:.0f} s; still busy: {still}")


#: counts the app's script runs in ``window.__moriRuns`` (installed once per document): a run
#: that starts and ends between two polls is still seen
_COUNT_RUNS = """() => {
  if (window.__moriRuns !== undefined) return window.__moriRuns;
  window.__moriRuns = 0;
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.target.getAttribute('data-test-script-state') === 'running') window.__moriRuns += 1;
    }
  }).observe(document.body, {
    attributes: true, subtree: true, attributeFilter: ['data-test-script-state'],
  });
  return 0;
}"""


def upload(
    page,
    files: list[tuple[str, bytes]],
    *,
    uploader=None,
    mime: str = "text/csv",
    timeout_s: float = 240,
) -> None:
    """Drop ``files`` (name, bytes) on a file uploader and wait for the run they cause.

    The browser sends the files over HTTP before the app reruns; on a busy server that
    can take longer than :func:`wait_idle`'s settle time, and a page that is idle
    *before* the rerun looked finished (a CI run read the demo's sidebar after an
    upload). So this waits until a script run has started after the drop, then until
    the app is idle. ``uploader`` is the ``stFileUploader`` locator (default: the
    page's first).
    """
    box = uploader if uploader is not None else page.get_by_test_id("stFileUploader").first
    _after_run(
        page,
        lambda: box.locator('input[type="file"]').set_input_files(
            files=[{"name": n, "mimeType": mime, "buffer": b} for n, b in files]
        ),
        timeout_s,
    )


def runs_seen(page) -> int:
    """The app's script runs this document has seen start (a failure message reports them)."""
    return int(page.evaluate(_COUNT_RUNS))


def click_and_wait(page, target, *, timeout_s: float = 240) -> None:
    """Click ``target`` (a page link, a button: anything that makes the app run), wait for the
    run it starts, then for the app to settle.

    A plain click then :func:`wait_idle` can return before a busy server starts the run: the
    page read next is then the previous one (a projector check measured the page it left).
    """
    _after_run(page, target.click, timeout_s)


#: How long :func:`_after_run` waits to see a run start before it leaves the rest to
#: :func:`wait_idle` (a short run can start and end within one frame, unseen).
RUN_GRACE_S = 20


def _after_run(page, action, timeout_s: float) -> None:
    """Do ``action``, wait until a script run has started after it, then until the app is idle.

    For actions that cause a run (a page link, an upload). The browser may not show the run
    state of a short run at all (React draws "running" and "not running" in one frame), so
    after :data:`RUN_GRACE_S` without a run seen the wait is left to :func:`wait_idle`: by
    then a run that was going to start late has long started. A new document (a full load)
    has no counter; its first run is :func:`wait_idle`'s to see.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    before = page.evaluate(_COUNT_RUNS)
    action()
    # unseen after the grace: a short run already drawn, or a slow one wait_idle now sees
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            "n => window.__moriRuns === undefined || window.__moriRuns > n",
            arg=before,
            polling=100,  # not every animation frame: a 20 s grace would keep Chromium drawing
            timeout=min(RUN_GRACE_S, timeout_s) * 1000,
        )
    wait_idle(page, timeout_s=timeout_s)


def assert_no_error(page, where: str) -> None:
    """No exception block and no error alert on the page."""
    exc = page.locator('[data-testid="stException"]').count()
    err = page.locator('[data-testid="stAlertContentError"]').count()
    assert exc == 0 and err == 0, f"{where}: {exc} exception(s), {err} error alert(s)"


def shot(page, name: str) -> Path:
    """Save a screenshot under test-artifacts/screenshots/ (the whole page with
    ``MORI_SHOTS=full``; what the window shows otherwise: a whole-page shot re-renders every
    chart and checks nothing)."""
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.png"
    page.screenshot(path=str(path), full_page=FULL_SHOTS)
    return path


def go(page, nav_key: str, lang: str, *, timeout_s: float = 240) -> None:
    """Open the page named ``nav_key`` from the sidebar, wait for the run it starts, then for
    the app to settle (a busy server can start that run after the settle time)."""
    from abm.i18n import t

    click_and_wait(
        page,
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name=t(nav_key, lang)).first,
        timeout_s=timeout_s,
    )


def delete_workspace(page, lang: str) -> None:
    """Delete the open workspace on the workspace page, its name typed to confirm.

    The name is committed with Enter (and the rerun awaited) before the button is clicked:
    a click that also blurs the field can reach a busy server while the run that commits
    the text is still drawing, and is then lost (a CI run waited 120 s for "deleted").
    """
    from abm.i18n import t

    name = t("workspace.default_name", lang)
    go(page, "nav.workspace", lang)
    page.get_by_text(t("workspace.danger", lang)).first.click()
    field = page.get_by_label(t("workspace.delete_confirm", lang, name=name))
    field.fill(name)
    field.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name=t("workspace.delete_button", lang)).click()
    wait_idle(page)
    page.get_by_text(t("workspace.deleted", lang, rows="")[:10]).first.wait_for()
