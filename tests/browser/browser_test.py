#!/usr/bin/env python3
"""The pages of `cite serve` in a real browser: headless Chromium loads the search, check and
source views from a live server on a loopback port and the rendered DOM (--dump-dom) is checked
against what `cite query/check/show --json` say. Then a source full of markup is served, and every
view must show it as text. Screenshots of the three views, at desktop and phone width, are written
to OUT_DIR/web-screenshots/.

Usage: browser_test.py CITE SOURCE_DIR OUT_DIR
Exits 0 when every check passes, 1 when one fails, 77 (CTest's skip) when Chromium is missing.
Only the Python standard library is used.
"""

import html.parser
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

SKIP = 77
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# What Chromium needs to run headless here, as root, without reaching the network.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--hide-scrollbars", "--mute-audio",
)
DESKTOP = (1280, 900)
PHONE = (390, 844)
QUERY = "deported 2024"
CLAIM = "Russia deported 100,000 foreigners in 2024"
VERDICT_LABELS = {"supported": "Supported", "conflicting": "Conflicting",
                  "partial": "Partial", "not_found": "Not found"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message, flush=True)
    return condition


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag=None, cls=None, **attrs):
        found = []
        for child in self.children:
            if isinstance(child, str):
                continue
            if ((tag is None or child.tag == tag) and (cls is None or cls in child.classes())
                    and all(child.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())):
                found.append(child)
            found.extend(child.find_all(tag, cls, **attrs))
        return found

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None


class TreeBuilder(html.parser.HTMLParser):
    """The DOM Chromium serialised, as a tree of Nodes (its output is well formed)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def find_chromium():
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    def __init__(self, chromium, scratch):
        self.chromium, self.scratch, self.runs = chromium, scratch, 0

    def run(self, url, *flags):
        self.runs += 1
        profile = tempfile.mkdtemp(prefix="profile-", dir=self.scratch)
        command = [self.chromium, *CHROMIUM_FLAGS, "--user-data-dir=" + profile, *flags, url]
        result = subprocess.run(command, capture_output=True, timeout=120)
        shutil.rmtree(profile, ignore_errors=True)
        if result.returncode != 0:
            raise RuntimeError("chromium failed on %s: %s" % (url, result.stderr.decode()[-2000:]))
        return result.stdout.decode("utf-8")

    def dom(self, url, *flags):
        builder = TreeBuilder()
        builder.feed(self.run(url, "--dump-dom", *flags))
        return builder.root

    def screenshot(self, url, path, size, *flags):
        self.run(url, "--screenshot=" + path, "--window-size=%d,%d" % size, *flags)
        return check(os.path.getsize(path) > 1000, "screenshot %s is empty" % path)


class Server:
    """`cite serve --listen 127.0.0.1:0`: the kernel picks a free loopback port."""

    def __init__(self, cite, index):
        self.process = subprocess.Popen(
            [cite, "serve", "--index", index, "--listen", "127.0.0.1:0"],
            stdout=subprocess.PIPE, stderr=sys.stderr)
        ready, _, _ = select.select([self.process.stdout], [], [], 20)
        line = self.process.stdout.readline().decode().strip() if ready else ""
        if not line.startswith("listening on http://"):
            self.stop()
            raise RuntimeError("cite serve did not start: %r" % line)
        self.base = line[len("listening on "):]

    def url(self, route, **params):
        return self.base + route + ("?" + urllib.parse.urlencode(params) if params else "")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


def cite_json(cite, *args):
    result = subprocess.run([cite, *args, "--json"], capture_output=True, check=False)
    if result.returncode > 1:
        raise RuntimeError("cite %s failed: %s" % (" ".join(args), result.stderr.decode()))
    return json.loads(result.stdout)


def label(hit):
    lines = str(hit["line_start"])
    if hit["line_end"] != hit["line_start"]:
        lines += "-%d" % hit["line_end"]
    return "%s:%s \u00b6%d" % (hit["path"], lines, hit["paragraph"])


def file_bytes(hit, start, end):
    return hit["text"].encode()[start - hit["byte_start"]:end - hit["byte_start"]].decode()


def main_element(dom):
    main = dom.find("main")
    if main is None:
        raise RuntimeError("the page has no <main>")
    return main


def test_search(browser, server, cite, index):
    expected = cite_json(cite, "query", "--index", index, "--limit", "1", QUERY)
    dom = browser.dom(server.url("/", q=QUERY))
    first = main_element(dom).find("li", cls="hit")
    if not check(first is not None, "search: no hit on the page"):
        return None
    hit = expected["hits"][0]
    citation = first.find("a", cls="citation")
    check(citation.text() == label(hit),
          "search: first citation %r, expected %r" % (citation.text(), label(hit)))
    marks = [m.text() for m in first.find("p", cls="text").find_all("mark")]
    words = [file_bytes(hit, s, e) for s, e in hit["highlights"]]
    check(marks == words, "search: highlighted %r, expected %r" % (marks, words))
    summary = dom.find("p", cls="summary").text()
    check(summary.startswith("%d passages match" % expected["total"]), "search: " + summary)
    check(dom.find("input", id="q").attrs.get("value") == QUERY, "search: the box lost the query")
    print("search: first hit %s, %d marks" % (citation.text(), len(marks)), flush=True)
    return urllib.parse.urljoin(server.base, citation.attrs["href"]), hit


def test_check(browser, server, cite, index):
    expected = cite_json(cite, "check", "--index", index, CLAIM)
    dom = browser.dom(server.url("/claims", claims=CLAIM))
    claim = main_element(dom).find("section", cls="claim")
    if not check(claim is not None, "check: no claim on the page"):
        return None
    verdict = claim.find("p", cls="verdict").text()
    check(verdict.endswith(VERDICT_LABELS[expected["verdict"]]),
          "check: verdict %r, expected %s" % (verdict, expected["verdict"]))
    check(expected["verdict"] in claim.classes(), "check: the section is not styled as the verdict")
    evidence = expected["evidence"][0]
    item = claim.find("li", cls="evidence")
    sentence = item.find("mark", cls="sentence")
    check(sentence is not None and sentence.text() == evidence["sentence"]["text"],
          "check: highlighted sentence %r, expected %r"
          % (sentence and sentence.text(), evidence["sentence"]["text"]))
    check(item.find("a", cls="citation").text() == label(evidence), "check: first evidence cited")
    conflicts = [n for e in expected["evidence"] for n in e["numbers"] if n["relation"] == "conflict"]
    shown = [td.text() for td in claim.find_all("td", cls="conflict")]
    check(sorted(shown) == sorted(n["source"] for n in conflicts),
          "check: different figures side by side %r, expected %r"
          % (shown, [n["source"] for n in conflicts]))
    print("check: %s, sentence of %s, figures side by side %s"
          % (verdict, label(evidence), shown), flush=True)
    href = item.find("a", cls="citation").attrs["href"]
    # For the screenshot, a passage in which the sentence is only a part.
    partial = [i for i, e in enumerate(expected["evidence"])
               if e["sentence"]["text"] != e["text"]]
    shot = claim.find_all("li", cls="evidence")[partial[0]] if partial else item
    server.source_shot = urllib.parse.urljoin(
        server.base, shot.find("a", cls="citation").attrs["href"].split("#")[0])
    return urllib.parse.urljoin(server.base, href), evidence


def test_source(browser, cite, index, url, cited, marked_text):
    expected = cite_json(cite, "show", "--index", index,
                         "%s:%d" % (cited["path"], cited["paragraph"]))["passage"]
    dom = browser.dom(url)
    main = main_element(dom)
    code = main.find("code", id="citation")
    check(code is not None and code.text() == label(expected),
          "source: citation %r, expected %r" % (code and code.text(), label(expected)))
    button = main.find("button")
    check(button is not None and "hidden" not in button.attrs
          and button.attrs.get("data-copy") == label(expected),
          "source: the copy button is not shown by the script, or copies the wrong text")
    cited_block = main.find("div", id="cited")
    mark = cited_block and cited_block.find("mark", cls="cited")
    check(mark is not None and mark.text() == marked_text,
          "source: marked %r, expected %r" % (mark and mark.text(), marked_text))
    check(cited_block is not None and cited_block.find("p", cls="text").text() == expected["text"],
          "source: the cited passage is not the file's text")
    paragraphs = main.find_all("div", cls="para")
    check(len(paragraphs) > 1, "source: no paragraphs around the cited one")
    print("source: %s, %d paragraphs shown" % (code.text(), len(paragraphs)), flush=True)


def test_without_javascript(server):
    """The pages as served, before any script runs: what a browser without JavaScript shows.
    (Chromium's switches to turn scripts off also stop --dump-dom, so the HTML is read here.)"""
    def served(url):
        with urllib.request.urlopen(url, timeout=30) as response:
            builder = TreeBuilder()
            builder.feed(response.read().decode("utf-8"))
            return builder.root
    search = served(server.url("/", q=QUERY))
    check(len(search.find_all("li", cls="hit")) > 0, "no script: the search page has no hits")
    first = search.find("a", cls="citation").attrs["href"]
    source = served(urllib.parse.urljoin(server.base, first))
    button = source.find("button")
    check(button is not None and "hidden" in button.attrs,
          "no script: the copy button is shown though it cannot work")
    check(source.find("div", id="cited") is not None, "no script: the source view lost its passage")
    check(len(served(server.url("/claims", claims=CLAIM)).find_all("mark", cls="sentence")) > 0,
          "no script: the check page has no evidence")
    print("without JavaScript: search, check and source view are in the HTML", flush=True)


def test_hostile_source(browser, cite, source_dir, scratch):
    corpus = os.path.join(scratch, "hostile-corpus")
    os.makedirs(corpus)
    shutil.copy(os.path.join(source_dir, "tests", "data", "web", "hostile.md"), corpus)
    index = os.path.join(scratch, "hostile-index")
    subprocess.run([cite, "index", "--quiet", "--index", index, corpus], check=True)
    server = Server(cite, index)
    try:
        pages = {
            "search": server.url("/", q="zebras <script>alert(1)</script>"),
            "check": server.url("/claims", claims="42 zebras lived in the park in 2020"),
            "source": server.url("/source", path="hostile.md", paragraph="3", context="5"),
        }
        everything = ("<script>alert(1)</script>", '"quotes" & <b>tags</b>',
                      '<img src=x onerror="alert(2)">', "<em>census</em>")
        shown_as_text = {"search": everything, "check": everything[1:2], "source": everything}
        for view, url in pages.items():
            dom = browser.dom(url)
            scripts = [s.attrs.get("src") for s in dom.find_all("script")]
            check(scripts == ["/static/cite.js"], "%s: scripts %r in the DOM" % (view, scripts))
            main = main_element(dom)
            for tag in ("b", "img", "em", "i", "script", "iframe"):
                check(not main.find_all(tag), "%s: a <%s> element from the source" % (view, tag))
            check(not [a for a in main.find_all("a") if "javascript:" in a.attrs.get("href", "")],
                  "%s: a javascript: link from the source" % view)
            text = main.text()
            for raw in shown_as_text[view]:
                check(raw in text, "%s: %r is not shown as text" % (view, raw))
        print("hostile source: shown as text in %s" % ", ".join(pages), flush=True)
    finally:
        server.stop()


def screenshots(browser, server, out_dir, views):
    folder = os.path.join(out_dir, "web-screenshots")
    os.makedirs(folder, exist_ok=True)
    for name, url in views.items():
        for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
            browser.screenshot(url, os.path.join(folder, "%s-%s.png" % (name, size_name)), size)
    browser.screenshot(views["check"], os.path.join(folder, "check-dark.png"), DESKTOP,
                       "--force-dark-mode")
    print("screenshots: " + folder, flush=True)


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    cite, source_dir, out_dir = sys.argv[1:]
    chromium = find_chromium()
    if chromium is None:
        print("SKIPPED: Chromium is not installed, so the pages are not tested in a browser; "
              "install Debian's chromium (scripts/install-deps.sh does)", flush=True)
        return SKIP
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="cite-browser-") as scratch:
        browser = Browser(chromium, scratch)
        index = os.path.join(scratch, "index")
        subprocess.run([cite, "index", "--quiet", "--index", index,
                        os.path.join(source_dir, "corpus")], check=True)
        server = Server(cite, index)
        try:
            source_url, hit = test_search(browser, server, cite, index)
            test_source(browser, cite, index, source_url, hit, hit["text"])
            evidence_url, evidence = test_check(browser, server, cite, index)
            test_source(browser, cite, index, evidence_url, evidence,
                        evidence["sentence"]["text"])
            test_without_javascript(server)
            screenshots(browser, server, out_dir, {
                "search": server.url("/", q=QUERY),
                "check": server.url("/claims", claims=CLAIM),
                # Without its #cited, which scrolls the headless window oddly before the shot.
                "source": server.source_shot,
            })
        finally:
            server.stop()
        test_hostile_source(browser, cite, source_dir, scratch)
    print("%d Chromium runs in %.1f s" % (browser.runs, time.monotonic() - started))
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
