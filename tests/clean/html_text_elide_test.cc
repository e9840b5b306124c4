// Tests of text-run elision before gumbo (src/clean/html_text_elide.h): the
// tree parsed from the elided input and restored must equal, node by node
// (text, source offsets, attributes, flags), the tree gumbo builds from the
// input itself.
#include "clean/html_text_elide.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::html_internal {
namespace {

using sv = std::string_view;

struct Parsed {
  explicit Parsed(sv buf) : out(gumbo_parse_with_options(&kGumboDefaultOptions, buf.data(), buf.size())) {}
  ~Parsed() { gumbo_destroy_output(&kGumboDefaultOptions, out); }
  GumboOutput* out;
};

// Offset of a piece in `base`, or -1 when it has no source.
long Off(const GumboStringPiece& p, sv base) {
  return p.data == nullptr ? -1 : static_cast<long>(p.data - base.data());
}

// Appends a description of the tree to *out; source pointers as offsets
// into `base`.
void Dump(const GumboNode* n, sv base, std::string* out) {
  *out += "(" + std::to_string(n->type) + " f" + std::to_string(n->parse_flags);
  const GumboVector* kids = nullptr;
  if (n->type == GUMBO_NODE_DOCUMENT) {
    kids = &n->v.document.children;
  } else if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) {
    const GumboElement& e = n->v.element;
    *out += " t" + std::to_string(e.tag) + " @" + std::to_string(e.start_pos.offset) + "-" +
            std::to_string(e.end_pos.offset) + " o" + std::to_string(Off(e.original_tag, base)) +
            "+" + std::to_string(e.original_tag.length) + " c" +
            std::to_string(Off(e.original_end_tag, base)) + "+" +
            std::to_string(e.original_end_tag.length);
    for (unsigned i = 0; i < e.attributes.length; ++i) {
      const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
      *out += std::string(" [") + a->name + "=" + a->value + " " +
              std::to_string(Off(a->original_name, base)) + "+" +
              std::to_string(a->original_name.length) + " " +
              std::to_string(Off(a->original_value, base)) + "+" +
              std::to_string(a->original_value.length) + " " +
              std::to_string(a->name_start.offset) + "," + std::to_string(a->name_end.offset);
      if (a->original_value.data != a->original_name.data)  // else gumbo leaves them unset
        *out += "," + std::to_string(a->value_start.offset) + "," +
                std::to_string(a->value_end.offset);
      *out += "]";
    }
    kids = &e.children;
  } else {
    const GumboText& t = n->v.text;
    *out += std::string(" \"") + (t.text ? t.text : "<null>") + "\" @" +
            std::to_string(t.start_pos.offset) + " o" +
            std::to_string(Off(t.original_text, base)) + "+" +
            std::to_string(t.original_text.length);
  }
  if (kids != nullptr)
    for (unsigned i = 0; i < kids->length; ++i)
      Dump(static_cast<const GumboNode*>(kids->data[i]), base, out);
  *out += ")";
}

// Expects the restored tree of `html` to equal gumbo's; returns whether
// anything was elided.
bool ExpectSameTree(const std::string& html) {
  Parsed plain(html);
  std::string want;
  Dump(plain.out->document, html, &want);
  ElidedText e;
  if (!ElideTextRuns(html, &e)) return false;
  EXPECT_LT(e.buf.size(), html.size());
  Parsed elided(e.buf);
  RestoreTextRuns(elided.out->document, html, e);
  std::string got;
  Dump(elided.out->document, html, &got);
  EXPECT_EQ(got, want) << html;
  return true;
}

const std::string kLong = "The ministry said the convoy had been stopped at the checkpoint";

TEST(HtmlTextElide, ArticleTextRoundTrips) {
  EXPECT_TRUE(ExpectSameTree("<!DOCTYPE html><html><head><title>" + kLong +
                             "</title></head><body><p>" + kLong + " &quot;" + kLong +
                             "&quot; " + kLong + "</p><p>\xE2\x80\x9C" + kLong +
                             "\xE2\x80\x9D \xC3\xA9 " + kLong + "</p></body></html>"));
}

TEST(HtmlTextElide, ShortOrSpecialTextIsKept) {
  // Nothing long enough outside markup.
  EXPECT_FALSE(ExpectSameTree("<p>short text</p><!-- " + kLong + " --><script>var s = '" +
                              kLong + "';</script>"));
  EXPECT_FALSE(ExpectSameTree("<p title='" + kLong + "'>x</p>"));
  // The document holds the placeholder character itself.
  EXPECT_FALSE(ExpectSameTree("<p>\xEE\x80\x80 " + kLong + "</p>"));
  // Frameset documents, foreign content, templates, plaintext, escaped scripts.
  for (std::string open : {"<frameset>", "<svg>", "<MATH>", "<template>", "<plaintext>",
                           "<script><!--<script>"})
    EXPECT_FALSE(ExpectSameTree(open + kLong));
}

TEST(HtmlTextElide, TricksOfTheTokenizer) {
  const std::vector<std::string> docs = {
      "<p>" + kLong + "&amp" + kLong + "&#x41;" + kLong + "&notit;" + kLong + "</p>",
      "<p>" + kLong + "\r\n" + kLong + "\r" + kLong + "</p>",
      "<pre>\n" + kLong + "\n\n" + kLong + "</pre><textarea>\n" + kLong + "</textarea>",
      "<table>" + kLong + "<tr><td>" + kLong + "</td>" + kLong + "</tr></table>" + kLong,
      "<table><colgroup>" + kLong + "</colgroup></table>",
      "<select>" + kLong + "<option>" + kLong + "</select>",
      kLong + "<html>" + kLong + "<head>" + kLong + "</head>  " + kLong + "<body>" + kLong,
      "<html><body></body></html>" + kLong + "</html>" + kLong,
      "<p a='" + kLong + ">" + kLong + "' b=\">\" c=d>" + kLong + "</p >" + kLong,
      "<p>" + kLong + "<!--->" + kLong + "<!-->" + kLong + "<!-- -- --->" + kLong +
          "<!-- x --!>" + kLong,
      "<p>" + kLong + "<?php " + kLong + " ?>" + kLong + "</ " + kLong + ">" + kLong +
          "</>" + kLong,
      "<p>" + kLong + " < " + kLong + " <3 " + kLong + "</p>",
      "<b><i>" + kLong + "</b>" + kLong + "</i>" + kLong,
      "<style>" + kLong + "</style >" + kLong + "<noscript>" + kLong + "</noscript>" + kLong,
      "<title>" + kLong + "</title><xmp>" + kLong + "<b>" + kLong + "</xmp>" + kLong,
      "<p>" + kLong + "\x7F" + kLong + "\xC2\x85" + kLong + "\xEF\xB7\x90" + kLong,
      "<p>" + kLong + "\t\f" + kLong + "</p><p>" + kLong,  // cut short at the end
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">" + kLong,
      "<head><noscript>" + kLong + "</noscript>" + kLong,
  };
  for (const std::string& d : docs) EXPECT_TRUE(ExpectSameTree(d)) << d;
}

// Random tag soup from pieces that exercise the tree builder's modes.
TEST(HtmlTextElide, RandomSoupMatchesGumbo) {
  const std::vector<std::string> pieces = {
      "<p>", "</p>", "<div class='a>b'>", "</div>", "<table>", "</table>", "<tr>", "<td>",
      "</td>", "<caption>", "<colgroup>", "<col>", "<select>", "<option>", "</select>",
      "<b>", "</b>", "<i>", "</i>", "<a href=x>", "</a>", "<li>", "<ul>", "</ul>", "<br>",
      "<pre>", "</pre>", "<textarea>", "</textarea>", "<title>", "</title>", "<head>",
      "</head>", "<body>", "</body>", "<html>", "</html>", "<script>x</script>",
      "<style>p{}</style>", "<!-- c -->", "<!--->", "&amp;", "&lt", "&#169;", "&#x;",
      "&", "<", " < ", "\r\n", "\n", "  ", "\t", "<h1>", "</h1>", "<form>", "</form>",
      "<button>", "<noscript>", "</noscript>", "<iframe>", "</iframe>", "<hr>",
      "<img alt=\"", "\">", "<meta charset=utf-8>", "<xmp>", "</xmp>", "<nobr>",
      "<applet>", "<object>", "</object>", "<tbody>", "<th>", "<dd>", "<dt>", "</x>",
      "<?x?>", "<!x>", "\xC2\xA0", "\xE2\x80\x94", "\xC2\x85", "\x01",
  };
  const std::vector<std::string> texts = {
      kLong, " " + kLong, kLong + " ", "Officials said 47,732 people (some 12%) had fled.",
      "\xE2\x80\x9CNobody can answer that,\xE2\x80\x9D she said; \xC3\xA9t\xC3\xA9 - x > y."};
  std::mt19937 rng(20261124);
  int elided = 0;
  for (int doc = 0; doc < 5000; ++doc) {
    std::string html;
    int n = 1 + static_cast<int>(rng() % 16);
    for (int k = 0; k < n; ++k) {
      if (rng() % 2 == 0)
        html += texts[rng() % texts.size()];
      else
        html += pieces[rng() % pieces.size()];
    }
    if (ExpectSameTree(html)) ++elided;
    if (HasFailure()) break;
  }
  EXPECT_GT(elided, 300);
}

}  // namespace
}  // namespace dossier::html_internal
