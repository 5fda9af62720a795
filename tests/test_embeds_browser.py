"""Embeds on a clinic's page in Chromium, with the documented snippet (issue 15, item 7).

One small project with a retired FAQ id, served under Cloudflare's header-merging rules; a
"clinic" page on another origin holds four frames: two of the same answer at different
widths, one at the retired id, one loaded through another host name. The script is the one
docs/about/for-clinics.md tells clinics to paste.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from site_server import serve
from test_bad_input import make_project, own_copy
from test_editor_mistakes import FAQ_SITE

pytestmark = pytest.mark.browser

CLINIC = """<!doctype html><html><head><meta charset="utf-8"><title>Clinic</title></head><body>
<h1>Our aftercare</h1>
<iframe id="narrow" src="{a}/embed/faq/does-it-work/" title="A" width="320" height="1500"></iframe>
<iframe id="wide" src="{a}/embed/faq/does-it-work/" title="B" width="800" height="1500"></iframe>
<iframe id="retired" src="{a}/embed/faq/old-question/" title="C" width="600" height="60"></iframe>
<iframe id="other-host" src="{b}/embed/faq/is-it-safe/" title="D" width="600" height="1500"></iframe>
{snippet}
</body></html>"""


def documented_snippet() -> str:
    text = (ROOT / "docs" / "about" / "for-clinics.md").read_text(encoding="utf-8")
    return re.search(r"```html\n(<script>.*?</script>)\n```", text, re.S).group(1)


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("embeds")
    project = make_project(tmp, dict(FAQ_SITE))
    (own_copy(project, "data") / "faq-aliases.yml").write_text("old-question: does-it-work\n", encoding="utf-8")
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site"


def test_frames_fit_their_own_content(browser, guide: Path, tmp_path: Path) -> None:
    clinic = tmp_path / "clinic"
    clinic.mkdir()
    (clinic / "_headers").write_text("", encoding="utf-8")
    with serve(guide) as site, serve(clinic) as clinic_url:
        other = site.replace("127.0.0.1", "localhost")  # the same guide under another host name
        (clinic / "index.html").write_text(CLINIC.format(a=site, b=other, snippet=documented_snippet()),
                                           encoding="utf-8")
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(clinic_url + "/", wait_until="load")
        ids = ["narrow", "wide", "retired", "other-host"]
        page.wait_for_function(
            "ids => ids.every(id => { const f = document.getElementById(id); return f.style.height; })",
            arg=ids, timeout=15000)
        page.wait_for_timeout(300)  # a last resize message after fonts settle
        fitted = {}
        for fid in ids:
            frame = page.frame_locator(f"#{fid}")
            content = frame.locator("main").evaluate(
                "m => Math.ceil(m.getBoundingClientRect().bottom + window.pageYOffset)")
            height = page.eval_on_selector(f"#{fid}", "f => f.clientHeight")
            fitted[fid] = height
            assert abs(height - content) <= 2, (fid, height, content)
        assert fitted["narrow"] < 1500 and fitted["other-host"] < 1500, fitted  # frames shrink
        assert fitted["retired"] > 60, fitted  # ... and grow, also at a retired id
        assert fitted["narrow"] > fitted["wide"], fitted  # two frames of one answer each fit
        assert not errors, errors
        page.close()


def test_ping_gets_the_height_again(browser, guide: Path, tmp_path: Path) -> None:
    """A parent that listens late asks again: the embed answers with the id of its own address."""
    (tmp_path / "_headers").write_text("", encoding="utf-8")
    with serve(guide) as site, serve(tmp_path) as clinic_url:
        (tmp_path / "index.html").write_text(
            f'<!doctype html><title>Clinic</title><iframe id="f" src="{site}/embed/faq/old-question/" '
            'title="A" width="500" height="300"></iframe>', encoding="utf-8")
        page = browser.new_page()
        page.goto(clinic_url + "/", wait_until="load")
        page.evaluate("""() => {
            window.got = [];
            window.addEventListener('message', e => window.got.push(e.data));
            document.getElementById('f').contentWindow.postMessage({type: 'mng-faq-embed-ping'}, '*');
        }""")
        page.wait_for_function("window.got.length > 0", timeout=15000)
        got = page.evaluate("window.got[0]")
        assert got["type"] == "mng-faq-embed" and got["id"] == "old-question" and got["height"] > 50
        page.close()
