#include "app/web/assets.hpp"

namespace cite::app::web {

// Light by default, dark when the system asks for it; one column that narrows to a phone.
const std::string_view kStyleSheet = R"css(:root {
  color-scheme: light dark;
  --bg: #f7f6f2; --fg: #1d1d1f; --muted: #5b6068; --line: #d8d5cc; --card: #ffffff;
  --accent: #1a5fb4; --on-accent: #ffffff;
  --mark: #ffe27a; --sentence: #dcebff; --cited: #fff0b8;
  --supported: #1b6e2f; --supported-bg: #e3f3e7;
  --conflicting: #a8231b; --conflicting-bg: #fbe6e4;
  --partial: #8a5a00; --partial-bg: #fdf1d2;
  --not-found: #545b63; --not-found-bg: #eceef0;
  --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #131518; --fg: #e4e5e7; --muted: #a2a7ae; --line: #33373d; --card: #1c1f23;
    --accent: #8ab4f8; --on-accent: #10151c;
    --mark: #6e5b00; --sentence: #1d3452; --cited: #4d4012;
    --supported: #86d39a; --supported-bg: #17331f;
    --conflicting: #f4958c; --conflicting-bg: #3f1d1a;
    --partial: #f3cd6b; --partial-bg: #3a2f12;
    --not-found: #a2a7ae; --not-found-bg: #262a2f;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
}
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
code, .citation, .gutter, .path { font-family: var(--mono); }
code { font-size: .92em; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: .5rem; z-index: 1; background: var(--card); padding: .3rem .6rem; }

.bar { background: var(--card); border-bottom: 1px solid var(--line); }
.bar nav {
  max-width: 62rem; margin: 0 auto; padding: .65rem 1rem;
  display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; align-items: baseline;
}
.bar a { color: var(--fg); text-decoration: none; padding-bottom: .1rem; }
.bar a:hover { color: var(--accent); }
.bar a[aria-current="page"] { font-weight: 600; border-bottom: 2px solid var(--accent); }
.bar .brand { font-weight: 800; letter-spacing: .03em; margin-right: .5rem; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem 1rem 3rem; }

.ask label { display: block; font-weight: 600; margin-bottom: .35rem; }
.ask .row { display: flex; flex-wrap: wrap; gap: .5rem .75rem; align-items: center; }
input[type="search"], textarea {
  flex: 1 1 14rem; min-width: 0; width: 100%; font: inherit; color: var(--fg);
  background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .55rem .7rem;
}
textarea { display: block; resize: vertical; margin-bottom: .5rem; }
button {
  font: inherit; font-weight: 600; cursor: pointer; padding: .5rem 1.2rem; border-radius: 6px;
  border: 1px solid var(--accent); background: var(--accent); color: var(--on-accent);
}
.hint, .summary, .intro { color: var(--muted); }
.hint { font-size: .9rem; }
q { font-style: italic; }

.help { margin-top: 1rem; }
.help summary { cursor: pointer; color: var(--accent); }
.help table { border-collapse: collapse; font-size: .92rem; margin-top: .4rem; }
.help td { padding: .35rem .6rem .35rem 0; border-top: 1px solid var(--line); vertical-align: top; }

ol.hits, ol.evidence-list { list-style: none; padding: 0; margin: 0; }
.hit, .evidence {
  background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: .75rem 1rem; margin: .75rem 0;
}
.cite-line { margin: 0 0 .35rem; font-size: .92rem; display: flex; flex-wrap: wrap; gap: .1rem .8rem; }
.citation { font-weight: 600; overflow-wrap: anywhere; }
.section { color: var(--muted); }
.section::before { content: "["; }
.section::after { content: "]"; }
.kind { color: var(--muted); font-style: italic; }
.text { margin: 0; overflow-wrap: anywhere; }
.text.heading, .para.heading .text { font-weight: 700; }
mark { background: var(--mark); color: inherit; border-radius: 2px; }
mark.sentence, mark.cited {
  padding: .12em 0; -webkit-box-decoration-break: clone; box-decoration-break: clone;
}
mark.sentence { background: var(--sentence); }
mark.cited { background: var(--cited); }
mark.sentence mark { background: var(--mark); }
.pager { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; justify-content: center; align-items: center; margin: 1rem 0; }

.claim { margin: 1.75rem 0 2.25rem; }
.claim-text { font-size: 1.3rem; line-height: 1.35; margin: 0 0 .6rem; }
.supported { --v: var(--supported); --v-bg: var(--supported-bg); }
.conflicting { --v: var(--conflicting); --v-bg: var(--conflicting-bg); }
.partial { --v: var(--partial); --v-bg: var(--partial-bg); }
.not-found { --v: var(--not-found); --v-bg: var(--not-found-bg); }
.verdict-box {
  display: flex; flex-wrap: wrap; align-items: baseline; gap: .2rem 1rem;
  background: var(--v-bg); border-left: 6px solid var(--v); border-radius: 8px; padding: .7rem 1rem;
}
.verdict { margin: 0; font-size: 1.6rem; font-weight: 800; color: var(--v); }
.meaning { margin: 0; }
.claim h3 { font-size: 1rem; margin: 1.2rem 0 .2rem; color: var(--muted); }
.facts { margin: .65rem 0 0; display: grid; gap: .35rem; }
.facts > div { display: flex; flex-wrap: wrap; gap: .25rem .6rem; align-items: baseline; }
.facts dt { min-width: 4.5rem; font-size: .88rem; font-weight: 600; color: var(--muted); }
.facts dd { margin: 0; }
.chips { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .3rem; }
.chips li { font-size: .9rem; border: 1px solid var(--line); border-radius: 999px; padding: 0 .6rem; }
.chips .missing { border-style: dashed; color: var(--muted); }
.num.same, td.same { color: var(--supported); background: var(--supported-bg); }
.num.conflict, td.conflict { color: var(--conflicting); background: var(--conflicting-bg); font-weight: 600; }
.num.absent, td.absent { color: var(--muted); }
.num .figure { font-weight: 700; }
.scroll { overflow-x: auto; }
.figures table { border-collapse: collapse; font-size: .92rem; background: var(--card); }
.figures th, .figures td { border: 1px solid var(--line); padding: .35rem .7rem; text-align: left; }
.figures thead th { font-weight: 600; color: var(--muted); }
.figures th a { font-family: var(--mono); }
nav.summary ol { list-style: none; padding: 0; margin: 1rem 0 0; }
nav.summary li { margin: .25rem 0; display: flex; gap: .1rem .75rem; align-items: baseline; }
nav.summary .badge { font-weight: 700; color: var(--v); flex: 0 0 8rem; }

.path { font-size: 1.15rem; margin: .25rem 0 .5rem; overflow-wrap: anywhere; }
.where { display: flex; flex-wrap: wrap; gap: .2rem 1.5rem; margin: 0 0 .6rem; }
.where div { display: flex; gap: .4rem; }
.where dt { color: var(--muted); }
.where dd { margin: 0; font-weight: 600; }
.copy { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.copy code {
  background: var(--card); border: 1px solid var(--line); border-radius: 6px;
  padding: .3rem .55rem; user-select: all; overflow-wrap: anywhere;
}
.copy button { padding: .3rem .9rem; }
.doc { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .4rem 0; }
.para { display: grid; grid-template-columns: 6.5rem minmax(0, 1fr); gap: 0 .75rem; padding: .45rem 1rem; }
.para.cited { border-left: 4px solid var(--accent); padding-left: calc(1rem - 4px); }
.gutter { color: var(--muted); font-size: .82rem; text-decoration: none; }
.gutter span { display: block; }
.doc .text { white-space: pre-wrap; }
.error .message { background: var(--conflicting-bg); border-radius: 8px; padding: .75rem 1rem; overflow-wrap: anywhere; }

@media (max-width: 40rem) {
  main { padding: .75rem .75rem 2rem; }
  .para { grid-template-columns: minmax(0, 1fr); }
  .gutter span { display: inline; }
  .doc .text { white-space: normal; }
  .verdict { font-size: 1.35rem; }
  .claim-text { font-size: 1.15rem; }
  .hit, .evidence { padding: .65rem .75rem; }
  .figures th, .figures td { padding: .3rem .45rem; }
  .figures th a { word-break: break-all; }
}
)css";

// Conveniences only: every page is a plain form or link without this script.
const std::string_view kScript = R"js('use strict';
(function () {
  function copyBySelecting(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
    document.body.removeChild(area);
    return copied;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return copyBySelecting(text) ? Promise.resolve() : Promise.reject(new Error('not copied'));
  }

  // "Copy citation": the text is on the page either way; the button saves selecting it.
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener('click', function () {
      copy(button.getAttribute('data-copy')).then(
        function () { button.textContent = 'Copied'; },
        function () { button.textContent = 'Select the citation to copy it'; }
      ).then(function () {
        setTimeout(function () { button.textContent = label; }, 1600);
      });
    });
  });

  // Ctrl+Enter (or Cmd+Enter) in the claims box checks them, as Enter does in the search box.
  document.querySelectorAll('textarea[data-ctrl-enter-submits]').forEach(function (area) {
    area.addEventListener('keydown', function (event) {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      if (area.form.requestSubmit) area.form.requestSubmit(); else area.form.submit();
    });
  });

  // "/" jumps to the search box from anywhere but a text field.
  document.addEventListener('keydown', function (event) {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest && target.closest('input, textarea, select, [contenteditable]')) return;
    var box = document.querySelector('[data-slash-focus]');
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });
})();
)js";

}  // namespace cite::app::web
