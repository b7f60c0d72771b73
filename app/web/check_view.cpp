#include <algorithm>

#include "app/web/html.hpp"
#include "app/web/views.hpp"

namespace cite::app::web {
namespace {

struct VerdictText {
  const char* label;    // with a sign, so the verdict does not rest on colour alone
  const char* meaning;  // what it says about the sources
};

VerdictText verdict_text(Verdict verdict) {
  switch (verdict) {
    case Verdict::kSupported:
      return {"\u2713 Supported", "A source states the claim: its figures and most of its words."};
    case Verdict::kConflicting:
      return {"\u2717 Conflicting", "Sources about the same thing state a different figure."};
    case Verdict::kPartial:
      return {"\u25D0 Partial", "Sources state some parts of the claim; others are missing."};
    case Verdict::kNotFound:
      return {"\u2205 Not found", "The sources say nothing substantial about it."};
  }
  return {"", ""};
}

// The CSS class of a verdict or a relation: to_string's name with '_' as '-'.
std::string css_class(std::string name) {
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

std::string check_form(const CheckView& view) {
  // Tall enough for the claims given, up to a point.
  const auto lines =
      static_cast<std::size_t>(std::count(view.claims.begin(), view.claims.end(), '\n'));
  const std::size_t rows = std::clamp<std::size_t>(lines + 2, 3, 12);
  return "<form class=\"ask\" action=\"/claims\" method=\"get\">\n"
         "<label for=\"claims\">Claims to check, one per line</label>\n"
         "<textarea id=\"claims\" name=\"claims\" rows=\"" +
         std::to_string(rows) +
         "\" spellcheck=\"false\" "
         "placeholder=\"Russia deported 100,000 foreigners in 2024\" data-ctrl-enter-submits" +
         std::string(view.claims.empty() ? " autofocus" : "") + ">" + escape(view.claims) +
         "</textarea>\n<div class=\"row\"><button type=\"submit\">Check</button>"
         "<span class=\"hint\">The verdict describes the sources, never the truth.</span></div>\n"
         "</form>\n";
}

std::string chips(const std::vector<std::string>& words, const char* kind) {
  std::string list = "<ul class=\"chips\">";
  for (const std::string& word : words) {
    list += "<li class=\"word " + std::string(kind) + "\">" + escape(word) + "</li>";
  }
  return list + "</ul>";
}

std::string number_chip(const NumberCheck& number) {
  std::string chip = "<li class=\"num " + css_class(to_string(number.relation)) + "\">" +
                     "<span class=\"figure\">" + escape(number.claim) + "</span> ";
  switch (number.relation) {
    case NumberRelation::kSame:
      chip += "same";
      if (number.source != number.claim) chip += " (" + escape(number.source) + ")";
      break;
    case NumberRelation::kConflict:
      chip += "conflict: the source says <strong>" + escape(number.source) + "</strong>";
      break;
    case NumberRelation::kAbsent:
      chip += "absent";
      break;
  }
  return chip + "</li>";
}

std::string evidence_item(const Evidence& evidence) {
  const Citation& c = evidence.hit.citation;
  const ByteRange sentence{evidence.sentence.byte_start, evidence.sentence.byte_end};
  std::string item = "<li class=\"evidence\">" + citation_line(c, sentence) + "<p class=\"text\">" +
                     marked_text(c.text, c.byte_start, evidence.hit.highlights, sentence) +
                     "</p>\n<dl class=\"facts\">";
  if (!evidence.numbers.empty()) {
    item += "<div><dt>Figures</dt><dd><ul class=\"chips\">";
    for (const NumberCheck& number : evidence.numbers) item += number_chip(number);
    item += "</ul></dd></div>";
  }
  if (!evidence.matched.empty()) {
    item += "<div><dt>Matched</dt><dd>" + chips(evidence.matched, "matched") + "</dd></div>";
  }
  if (!evidence.missing.empty()) {
    item += "<div><dt>Missing</dt><dd>" + chips(evidence.missing, "missing") + "</dd></div>";
  }
  return item + "</dl></li>\n";
}

// Each source that states a figure for the claim's numbers, one row each, one column per
// number, so that differing figures can be read across; shown when any of them conflicts.
std::string figures_table(const CheckResult& result) {
  const auto conflicts = [](const Evidence& e) {
    return std::any_of(e.numbers.begin(), e.numbers.end(), [](const NumberCheck& n) {
      return n.relation == NumberRelation::kConflict;
    });
  };
  if (std::none_of(result.evidence.begin(), result.evidence.end(), conflicts)) return "";
  const std::vector<NumberCheck>& claimed = result.evidence.front().numbers;
  std::string table =
      "<div class=\"figures\"><h3>Figures in the sources, side by side</h3>"
      "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Source</th>";
  for (const NumberCheck& number : claimed) {
    table += "<th scope=\"col\">claim: " + escape(number.claim) + "</th>";
  }
  table += "</tr></thead>\n<tbody>\n";
  for (const Evidence& e : result.evidence) {
    const bool states_one = std::any_of(e.numbers.begin(), e.numbers.end(), [](const auto& n) {
      return n.relation != NumberRelation::kAbsent;
    });
    if (!states_one) continue;
    const Citation& c = e.hit.citation;
    table += "<tr><th scope=\"row\"><a href=\"" +
             escape(source_url(c, {e.sentence.byte_start, e.sentence.byte_end})) + "\">" +
             escape(citation_label(c)) + "</a></th>";
    for (const NumberCheck& number : e.numbers) {
      table += "<td class=\"" + css_class(to_string(number.relation)) + "\">" +
               (number.relation == NumberRelation::kAbsent ? std::string("\u2014")
                                                           : escape(number.source)) +
               "</td>";
    }
    table += "</tr>\n";
  }
  return table + "</tbody></table></div></div>\n";
}

std::string claim_section(const CheckResult& result, std::size_t number) {
  const std::string id = "claim-" + std::to_string(number);
  const VerdictText text = verdict_text(result.verdict);
  std::string section = "<section class=\"claim " + css_class(to_string(result.verdict)) +
                        "\" id=\"" + id + "\" aria-labelledby=\"" + id + "-text\">\n" +
                        "<h2 id=\"" + id + "-text\" class=\"claim-text\">" + escape(result.claim) +
                        "</h2>\n<div class=\"verdict-box\">" + "<p class=\"verdict\">" +
                        text.label + "</p><p class=\"meaning\">" + text.meaning + "</p></div>\n";
  section += figures_table(result);
  if (!result.evidence.empty()) {
    section += "<h3>Evidence</h3>\n<ol class=\"evidence-list\">\n";
    for (const Evidence& evidence : result.evidence) section += evidence_item(evidence);
    section += "</ol>\n";
  }
  return section + "</section>\n";
}

// With several claims, a line of links to each verdict first.
std::string summary(const std::vector<CheckResult>& results) {
  if (results.size() < 2) return "";
  std::string list = "<nav class=\"summary\" aria-label=\"Verdicts\"><ol>";
  for (std::size_t i = 0; i < results.size(); ++i) {
    list += "<li class=\"" + css_class(to_string(results[i].verdict)) +
            "\"><span class=\"badge\">" + verdict_text(results[i].verdict).label +
            "</span> <a href=\"#claim-" + std::to_string(i + 1) + "\">" + escape(results[i].claim) +
            "</a></li>";
  }
  return list + "</ol></nav>\n";
}

}  // namespace

std::string render_check(const CheckView& view) {
  std::string body = check_form(view) + summary(view.results);
  for (std::size_t i = 0; i < view.results.size(); ++i) {
    body += claim_section(view.results[i], i + 1);
  }
  const std::string title =
      view.results.size() == 1 ? view.results.front().claim + " \u2014 cite check"
      : view.results.empty()   ? std::string("Check claims \u2014 cite")
                               : std::to_string(view.results.size()) + " claims \u2014 cite check";
  return frame(title, Tab::kCheck, body);
}

}  // namespace cite::app::web
