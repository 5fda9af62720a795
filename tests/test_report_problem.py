"""Every page offers "Report a problem with this page": a mailto: link with the page filled in."""
from __future__ import annotations

import html
import re
import sys
import urllib.parse
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.exceptions import PluginError

from conftest import ROOT, page_urls

# The one setting the link and the editorial policy use (hooks/corrections_email.py).
ADDRESS = yaml.safe_load((ROOT / "mkdocs.yml").read_text().split("\nnav:")[0])["extra"]["corrections_email"]
LANGUAGES = yaml.safe_load((ROOT / "data" / "languages.yml").read_text(encoding="utf-8"))
LINK = re.compile(r'<p class="mng-report-problem">\s*<a href="(mailto:[^"]+)">(?P<text>[^<]+)</a>')


def content_pages(site: Path) -> list[str]:
    return [u for u in page_urls(site) if not re.match(r"/(?:[a-z]{2}/)?(?:embed|search|print|tags)/", u)]


def test_every_page_has_a_report_link_with_its_title_and_address(site: Path) -> None:
    site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text().split("\nnav:")[0])["site_url"].rstrip("/")
    problems = []
    for url in content_pages(site):
        page = (site / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
        ui = LANGUAGES["es" if url.startswith("/es/") else "en"]["ui"]  # the page's language's words
        m = LINK.search(page)
        if not m or m.group("text") != ui["report_problem"]:
            problems.append(f"{url}: no '{ui['report_problem']}' link")
            continue
        href = html.unescape(m.group(1))
        to, _, query = href[len("mailto:"):].partition("?")
        fields = urllib.parse.parse_qs(query, strict_parsing=True)
        title = html.unescape(re.search(r"<title>(.*?)(?: - [^<]*)?</title>", page).group(1))
        if to != ADDRESS:
            problems.append(f"{url}: sends to {to}")
        if re.search(r"[ <>\"\n]", href):
            problems.append(f"{url}: subject or body not URL-encoded")
        if title not in fields["subject"][0] or title not in fields["body"][0]:
            problems.append(f"{url}: the page title '{title}' is not filled in")
        if f"{ui['report_body_address']}{site_url}{url}\r\n" not in fields["body"][0]:
            problems.append(f"{url}: the page address is not filled in")
    assert not problems, "\n".join(problems[:20])


def test_editorial_policy_names_the_address_and_what_happens(site: Path) -> None:
    text = (ROOT / "docs" / "about" / "editorial-policy.md").read_text(encoding="utf-8")
    section = text.split("{#report-an-error}", 1)[1].split("\n## ", 1)[0]
    assert "corrections@" not in section, "write <!-- corrections-email -->, not the address itself"
    built = (site / "about" / "editorial-policy" / "index.html").read_text(encoding="utf-8")
    report = built.split('id="report-an-error"', 1)[1].split("<h2", 1)[0]
    assert f'<a href="mailto:{ADDRESS}">{ADDRESS}</a>' in report
    assert re.search(r"safety", section, re.I) and re.search(r"\b\d+ (working )?days?\b", section)


def test_the_address_setting_must_be_one_email_address() -> None:
    """hooks/corrections_email.py stops the build, naming the setting, when the address is missing or wrong."""
    sys.path.insert(0, str(ROOT / "hooks"))
    import corrections_email
    for bad in (None, "", "corrections at example.org", "a@b", ["corrections@example.org"]):
        with pytest.raises(PluginError, match="corrections_email"):
            corrections_email.on_config(SimpleNamespace(extra={"corrections_email": bad}))
    config = SimpleNamespace(extra={"corrections_email": " corrections@example.org "})
    assert corrections_email.on_config(config).extra["corrections_email"] == "corrections@example.org"
    page = "Write to <!-- corrections-email -->."
    assert corrections_email.on_page_markdown(page, None, config, None) == \
        "Write to [corrections@example.org](mailto:corrections@example.org)."
