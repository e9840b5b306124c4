// Tests of HTML main-content extraction (src/clean/html_extract.h). Every
// test builds its own small page; offsets are checked exactly against it.
#include "clean/html_extract.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {
namespace {

HtmlExtract MustExtract(std::string_view html, const HtmlOptions& opt = {}) {
  auto r = ExtractHtml(html, opt);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return {};
  return std::move(r).value();
}

// Every byte of `text` that came from a copy piece equals the html byte it
// maps to; every piece lies within the html and pieces are in order.
void ExpectCopiesMatchSource(const HtmlExtract& ex, std::string_view html) {
  ASSERT_EQ(ex.map.output_size(), ex.text.size());
  size_t prev_out = 0;
  for (const auto& p : ex.map.pieces()) {
    EXPECT_EQ(p.out_begin, prev_out);
    prev_out = p.out_end;
    EXPECT_LE(p.in_begin, p.in_end);
    EXPECT_LE(p.in_end, html.size());
    if (!p.copy) continue;
    ASSERT_EQ(p.out_end - p.out_begin, p.in_end - p.in_begin);
    EXPECT_EQ(std::string_view(ex.text).substr(p.out_begin, p.out_end - p.out_begin),
              html.substr(p.in_begin, p.in_end - p.in_begin));
  }
  for (size_t i = 0; i < ex.text.size(); ++i) {
    const auto& pieces = ex.map.pieces();
    for (const auto& p : pieces) {
      if (i >= p.out_begin && i < p.out_end && p.copy) {
        ASSERT_EQ(html[ex.map.MapBegin(i)], ex.text[i]) << "at text byte " << i;
      }
    }
  }
}

// The source substring a text span maps to.
std::string_view SourceOf(const HtmlExtract& ex, std::string_view html, size_t b,
                          size_t e) {
  size_t sb = ex.map.MapBegin(b), se = ex.map.MapEnd(e);
  return html.substr(sb, se - sb);
}

std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= text.size()) {
    size_t p = text.find("\n\n", i);
    if (p == std::string::npos) p = text.size();
    out.push_back(text.substr(i, p - i));
    i = p + 2;
  }
  return out;
}

TEST(HtmlExtract, HtmlDropsNavigationAndFooter) {
  const std::string html =
      "<html><body>"
      "<header><div class=\"logo\">Daily Planet</div></header>"
      "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li></ul></nav>"
      "<div class=\"main-nav\">Sections</div>"
      "<div id=\"content\"><p>First paragraph of the story.</p>"
      "<div class=\"share-buttons\">Share on Facebook</div>"
      "<p>Second paragraph of the story.</p></div>"
      "<aside>Most read today</aside>"
      "<footer>Copyright 2018 Daily Planet</footer>"
      "<div class=\"cookie-banner\">We use cookies</div>"
      "</body></html>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text, "First paragraph of the story.\n\nSecond paragraph of the story.");
  ExpectCopiesMatchSource(ex, html);
}


TEST(HtmlExtract, HtmlEntityMapsToSourceRun) {
  const std::string html =
      "<p>It&rsquo;s AT&amp;T &#8217;s caf&eacute; &copy2019 AT&T &notit; a&nbsp;b</p>";
  HtmlExtract ex = MustExtract(html);
  const std::string want = "It\u2019s AT&T \u2019s caf\u00e9 \u00a92019 AT&T \u00acit; a b";
  ASSERT_EQ(ex.text, want);
  ExpectCopiesMatchSource(ex, html);
  // "’" (3 bytes) maps exactly to the 7 bytes of "&rsquo;".
  size_t q = ex.text.find("\u2019");
  EXPECT_EQ(SourceOf(ex, html, q, q + 3), "&rsquo;");
  EXPECT_EQ(ex.map.MapBegin(q), html.find("&rsquo;"));
  EXPECT_EQ(ex.map.MapEnd(q + 3), html.find("&rsquo;") + 7);
  // "&amp;" -> "&".
  size_t amp = ex.text.find('&');
  EXPECT_EQ(SourceOf(ex, html, amp, amp + 1), "&amp;");
  // Numeric reference.
  size_t q2 = ex.text.find("\u2019", q + 3);
  EXPECT_EQ(SourceOf(ex, html, q2, q2 + 3), "&#8217;");
  // Named reference inside a word.
  size_t e = ex.text.find("\u00e9");
  EXPECT_EQ(SourceOf(ex, html, e, e + 2), "&eacute;");
  // Legacy references without ';' take only their name.
  size_t c = ex.text.find("\u00a9");
  EXPECT_EQ(SourceOf(ex, html, c, c + 2), "&copy");
  EXPECT_EQ(SourceOf(ex, html, c + 2, c + 6), "2019");
  size_t n = ex.text.find("\u00ac");
  EXPECT_EQ(SourceOf(ex, html, n, n + 2), "&not");
  // A literal '&' stays a copy of itself.
  size_t att = ex.text.find("AT&T ", amp + 1);
  EXPECT_EQ(SourceOf(ex, html, att, att + 4), "AT&T");
  // &nbsp; becomes a space that maps to the whole reference.
  size_t sp = ex.text.find("a b");
  EXPECT_EQ(SourceOf(ex, html, sp + 1, sp + 2), "&nbsp;");
}

TEST(HtmlExtract, HtmlWhitespaceCollapsesToSourceRun) {
  const std::string html = "<p>\n   One  \t two\r\nthree <b> four </b> five </p>";
  HtmlExtract ex = MustExtract(html);
  ASSERT_EQ(ex.text, "One two three four five");
  ExpectCopiesMatchSource(ex, html);
  EXPECT_EQ(SourceOf(ex, html, 3, 4), "  \t ");  // collapsed run
  EXPECT_EQ(SourceOf(ex, html, 7, 8), "\r\n");     // CRLF
  // A single space stays a copy; a run across markup maps across it.
  EXPECT_EQ(ex.map.MapBegin(13), html.find("three") + 5);
  EXPECT_EQ(SourceOf(ex, html, 13, 14), " <b> ");
  EXPECT_EQ(ex.map.MapBegin(0), html.find("One"));
  EXPECT_EQ(ex.map.MapEnd(ex.text.size()), html.find("five") + 4);
}

TEST(HtmlExtract, HtmlKeepsHeadingsAndListItemsAsParagraphs) {
  const std::string html =
      "<body><div id=\"story\">"
      "<h2>A heading</h2>"
      "<p>Intro <a href=\"/x\">linked</a> and <strong>bold</strong> and <em>em</em> and "
      "<i>i</i> and <u>u</u> and <span>span</span>.</p>"
      "<ul><li>First item</li><li><p>Second item</p></li></ul>"
      "<blockquote><p>Quoted one.</p><p>Quoted two.</p></blockquote>"
      "<dl><dt>Term</dt><dd>Definition</dd></dl>"
      "<table><tr><th>Head</th><td>Cell</td></tr></table>"
      "<div>Direct div text <p>inner para</p> tail text</div>"
      "<img src=\"a.jpg\" alt=\"ALT TEXT\">"
      "<figure><img src=\"b.jpg\" alt=\"x\"><figcaption>A caption</figcaption></figure>"
      "</div></body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(Paragraphs(ex.text),
            (std::vector<std::string>{
                "A heading",
                "Intro linked and bold and em and i and u and span.",
                "First item", "Second item", "Quoted one.", "Quoted two.", "Term",
                "Definition", "Head", "Cell", "Direct div text", "inner para",
                "tail text"}));
  ExpectCopiesMatchSource(ex, html);
  EXPECT_EQ(ex.text.find("ALT"), std::string::npos);
  EXPECT_EQ(ex.text.find("caption"), std::string::npos);
}

TEST(HtmlExtract, HtmlSeparatorsMapToEmptyRangeAtBoundary) {
  const std::string html = "<div><p>One.</p>\n<p>Two.</p></div>";
  HtmlExtract ex = MustExtract(html);
  ASSERT_EQ(ex.text, "One.\n\nTwo.");
  bool found = false;
  for (const auto& p : ex.map.pieces()) {
    if (p.out_begin == 4) {
      found = true;
      EXPECT_FALSE(p.copy);
      EXPECT_EQ(p.out_end, 6u);
      EXPECT_EQ(p.in_begin, p.in_end);
      EXPECT_EQ(p.in_begin, html.find("One.") + 4);
    }
  }
  EXPECT_TRUE(found);
  ExpectCopiesMatchSource(ex, html);
}

TEST(HtmlExtract, HtmlBrIsLineBreak) {
  const std::string html =
      "<div class=\"text\">Line one<br>Line two <br/> <br> Next para<br></div>";
  HtmlExtract ex = MustExtract(html);
  ASSERT_EQ(ex.text, "Line one\nLine two\n\nNext para");
  ExpectCopiesMatchSource(ex, html);
  EXPECT_EQ(SourceOf(ex, html, 8, 9), "<br>");
  EXPECT_EQ(SourceOf(ex, html, 17, 19), "<br/> <br>");
}

TEST(HtmlExtract, HtmlPreKeepsNewlines) {
  const std::string html = "<p>Code:</p><pre>\nfor x in y:\n    print(x)\n\n</pre><p>After.</p>";
  HtmlExtract ex = MustExtract(html);
  ASSERT_EQ(ex.text, "Code:\n\nfor x in y:\n    print(x)\n\nAfter.");
  ExpectCopiesMatchSource(ex, html);
  size_t f = ex.text.find("for");
  EXPECT_EQ(SourceOf(ex, html, f, f + 26), "for x in y:\n    print(x)");
}

TEST(HtmlExtract, HtmlScriptTextNeverInText) {
  const std::string html =
      "<html><head><script>var a = '<p>head script</p>';</script>"
      "<style>p { color: red }</style></head><body>"
      "<p>Visible one.</p>"
      "<script type=\"text/javascript\">document.write('<p>written</p>'); if (a < b && c > d) {}</script>"
      "<noscript><p>Enable JavaScript</p></noscript>"
      "<template><p>template text</p></template>"
      "<p>Visible <script>inline()</script>two.</p>"
      "<style>.x{}</style><svg><text>svg text</text></svg>"
      "<form><label>Email</label><input value=\"v\"><button>Send</button>"
      "<select><option>Opt</option></select><textarea>typed</textarea></form>"
      "<iframe>frame text</iframe>"
      "<script>unterminated script <p>never"
      "</body></html>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text, "Visible one.\n\nVisible two.");
  for (const char* bad : {"script", "written", "color", "JavaScript", "template", "svg",
                          "Email", "Send", "Opt", "typed", "frame", "never", "inline"})
    EXPECT_EQ(ex.text.find(bad), std::string::npos) << bad;
  ExpectCopiesMatchSource(ex, html);
}

TEST(HtmlExtract, HtmlCommentsSectionIsSeparate) {
  const std::string html =
      "<body><article><h1>Title</h1><p>Article body text here.</p></article>"
      "<div id=\"comments\" class=\"comments-area\"><h2>2 thoughts</h2>"
      "<ol class=\"comment-list\">"
      "<li id=\"comment-1\" class=\"comment even depth-1\"><article class=\"comment-body\">"
      "<footer class=\"comment-meta\"><b>Ann</b> says:</footer>"
      "<div class=\"comment-content\"><p>First   comment &amp; more.</p><p>Its second para.</p></div>"
      "<div class=\"reply\"><a href=\"#\">Reply</a></div></article>"
      "<ol class=\"children\"><li id=\"comment-2\" class=\"comment odd depth-2\">"
      "<div class=\"comment-author vcard\">Bob</div><p>A reply.</p></li></ol></li>"
      "</ol><div id=\"respond\"><h3>Leave a Reply</h3><form><p>Your email</p></form></div>"
      "</div></body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text, "Title\n\nArticle body text here.");
  ASSERT_EQ(ex.comments.size(), 2u);
  EXPECT_EQ(ex.comments[0].text, "First comment & more.\n\nIts second para.");
  EXPECT_EQ(ex.comments[1].text, "A reply.");
  const Comment& c0 = ex.comments[0];
  EXPECT_EQ(c0.raw.begin, html.find("First"));
  EXPECT_EQ(c0.raw.end, html.find("second para.") + 12);
  const Comment& c1 = ex.comments[1];
  EXPECT_EQ(html.substr(c1.raw.begin, c1.raw.end - c1.raw.begin), "A reply.");
}

TEST(HtmlExtract, HtmlCommentsWithoutStructureArePerParagraph) {
  const std::string html =
      "<body><div class=\"story-body\"><p>The story itself is here.</p></div>"
      "<section class=\"comments\"><p>Great piece!</p><p>I disagree.</p></section>"
      "<span class=\"comments-link\"><a href=\"#c\">5 Comments</a></span>"
      "</body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text, "The story itself is here.");
  ASSERT_EQ(ex.comments.size(), 2u);
  EXPECT_EQ(ex.comments[0].text, "Great piece!");
  EXPECT_EQ(ex.comments[1].text, "I disagree.");
  EXPECT_EQ(html.substr(ex.comments[1].raw.begin,
                        ex.comments[1].raw.end - ex.comments[1].raw.begin),
            "I disagree.");
}

std::string Para(int i, int words) {
  std::string s = "Paragraph " + std::to_string(i);
  for (int w = 0; w < words; ++w) s += " word" + std::to_string(w);
  return s + ".";
}

TEST(HtmlExtract, HtmlPrefersArticleElement) {
  std::string html = "<body><div class=\"teasers\">";
  for (int i = 0; i < 6; ++i) html += "<div class=\"card\"><p>" + Para(100 + i, 20) + "</p></div>";
  html += "</div><article><h1>The headline</h1>";
  for (int i = 0; i < 3; ++i) html += "<p>" + Para(i, 30) + "</p>";
  html += "</article></body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text, "The headline\n\n" + Para(0, 30) + "\n\n" + Para(1, 30) + "\n\n" +
                         Para(2, 30));
  ExpectCopiesMatchSource(ex, html);
}

TEST(HtmlExtract, HtmlPrefersBodyClassOverTeasers) {
  std::string html =
      "<body><main><article class=\"teaser\"><p>Short teaser.</p></article>"
      "<div class=\"c-article-body\">";
  for (int i = 0; i < 4; ++i) html += "<p>" + Para(i, 25) + "</p>";
  html += "</div><div class=\"more\">";
  for (int i = 0; i < 2; ++i) html += "<p>" + Para(50 + i, 10) + "</p>";
  html += "</div></main></body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(Paragraphs(ex.text).size(), 4u);
  EXPECT_EQ(Paragraphs(ex.text)[0], Para(0, 25));
}

TEST(HtmlExtract, HtmlDensityFallbackPicksTextContainer) {
  std::string html = "<body><div id=\"top\"><ul>";
  for (int i = 0; i < 30; ++i) html += "<li><a href=\"/l\">Some link " + std::to_string(i) + "</a></li>";
  html += "</ul></div><div id=\"wrap\"><div id=\"col1\">";
  for (int i = 0; i < 5; ++i) html += "<p>" + Para(i, 30) + "</p>";
  html += "</div><div id=\"col2\"><p>Tiny.</p><p><a href=\"/a\">" + Para(9, 20) +
          "</a></p></div></div><div id=\"bottom\">Contact us</div></body>";
  HtmlExtract ex = MustExtract(html);
  auto paras = Paragraphs(ex.text);
  ASSERT_EQ(paras.size(), 5u) << ex.text;
  EXPECT_EQ(paras[0], Para(0, 30));
  EXPECT_EQ(ex.text.find("Some link"), std::string::npos);
  EXPECT_EQ(ex.text.find("Contact"), std::string::npos);
}

TEST(HtmlExtract, HtmlNoParagraphsUsesAllText) {
  const std::string html =
      "<body><div class=\"menu\"><a href=\"/\">Home</a></div>"
      "<div id=\"main\"><font>Line one of an old page<br>line two of it<br><br>"
      "Next paragraph of the old page.</font></div></body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text, "Line one of an old page\nline two of it\n\nNext paragraph of the old page.");
  ExpectCopiesMatchSource(ex, html);
}

TEST(HtmlExtract, HtmlClassTokensAreMatchedCarefully) {
  const std::string html =
      "<body><article class=\"post tag-social-media category-ads has-sidebar\">"
      "<header class=\"article-header\"><h1>Headline</h1></header>"
      "<div class=\"shadow-box\"><p>Kept shadow.</p></div>"
      "<div class=\"download-area\"><p>Kept download.</p></div>"
      "<div class=\"loader head-section\"><p>Kept head.</p></div>"
      "<div class=\"share-tools\"><p>Drop share.</p></div>"
      "<div class=\"c-shareButtons\"><p>Drop camel share.</p></div>"
      "<div class=\"ad-slot\"><p>Drop ad.</p></div>"
      "<div class=\"ads\"><p>Drop ads.</p></div>"
      "<div id=\"related-posts\"><p>Drop related.</p></div>"
      "<div class=\"newsletter-signup\"><p>Drop newsletter.</p></div>"
      "<div class=\"sidebar\"><p>Drop sidebar.</p></div>"
      "<div class=\"breadcrumbs\"><p>Drop crumbs.</p></div>"
      "<div class=\"widget_text\"><p>Drop widget.</p></div>"
      "<div class=\"gdpr-consent\"><p>Drop consent.</p></div>"
      "<div class=\"modal\"><p>Drop modal.</p></div>"
      "<div class=\"popup-subscribe\"><p>Drop popup.</p></div>"
      "<div class=\"mainnav\"><p>Drop mainnav.</p></div>"
      "<div role=\"navigation\"><p>Drop role nav.</p></div>"
      "<p class=\"sr-only\">Drop screen reader.</p>"
      "<p style=\"display: none\">Drop hidden style.</p>"
      "<p hidden>Drop hidden attr.</p>"
      "<p>Kept body text.</p>"
      "</article></body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text,
            "Headline\n\nKept shadow.\n\nKept download.\n\nKept head.\n\nKept body text.");
}

TEST(HtmlExtract, HtmlHeaderInsideArticleIsKept) {
  const std::string html =
      "<body><header><p>Site tagline</p></header><article><header><h1>Story</h1>"
      "<p class=\"standfirst\">The standfirst.</p></header><p>Body.</p>"
      "<footer><p>Filed under x</p></footer></article></body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text, "Story\n\nThe standfirst.\n\nBody.");
}

TEST(HtmlExtract, HtmlRescuesWrapperNamedLikeFurniture) {
  std::string body;
  for (int i = 0; i < 4; ++i) body += "<p>" + Para(i, 30) + "</p>";
  // A layout wrapper whose class says "sidebar" around the whole article.
  const std::string genesis =
      "<body><div class=\"content-sidebar-wrap\"><div class=\"content\">" + body +
      "</div><aside class=\"sidebar\"><p>Widget text.</p></aside></div></body>";
  HtmlExtract ex = MustExtract(genesis);
  EXPECT_EQ(Paragraphs(ex.text).size(), 4u) << ex.text;
  EXPECT_EQ(ex.text.find("Widget"), std::string::npos);
  // ASP.NET pages wrap everything in one <form>.
  const std::string aspnet = "<body><form id=\"aspnetForm\"><nav>Menu</nav><div>" + body +
                             "</div><input type=\"hidden\" value=\"x\"></form></body>";
  HtmlExtract ex2 = MustExtract(aspnet);
  EXPECT_EQ(Paragraphs(ex2.text).size(), 4u) << ex2.text;
  EXPECT_EQ(ex2.text.find("Menu"), std::string::npos);
}

TEST(HtmlExtract, HtmlMetaFromOpenGraph) {
  const std::string html =
      "<!DOCTYPE html><html lang=\"en-GB\"><head>"
      "<title>Page title | Example News</title>"
      "<meta property=\"og:title\" content=\"Strike hits &quot;depot&quot; | Example News\">"
      "<meta property=\"og:site_name\" content=\"Example News\">"
      "<meta property=\"og:url\" content=\"https://example.com/og\">"
      "<link rel=\"canonical\" href=\"https://example.com/story\">"
      "<meta name=\"author\" content=\"Jane Doe, John Roe\">"
      "<meta property=\"article:author\" content=\"https://facebook.com/jane\">"
      "<meta property=\"article:published_time\" content=\"2018-08-16T09:00:00Z\">"
      "</head><body><article><h1>Other h1</h1><p>Text.</p></article></body></html>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.meta.title, "Strike hits \"depot\"");
  EXPECT_EQ(ex.meta.outlet, "Example News");
  EXPECT_EQ(ex.meta.url, "https://example.com/story");
  EXPECT_EQ(ex.meta.published, "2018-08-16T09:00:00Z");
  EXPECT_EQ(ex.meta.language, "en");
  EXPECT_EQ(ex.meta.authors, (std::vector<std::string>{"Jane Doe", "John Roe"}));
}

TEST(HtmlExtract, HtmlMetaFallbacksFromPage) {
  const std::string html =
      "<html lang=\"FR\"><head><title>Le titre de la page - Le Site</title>"
      "<meta name=\"application-name\" content=\"Le Site\"></head>"
      "<body><div class=\"post\">"
      "<div class=\"byline\">By Jane Doe and John Roe | 16 August 2018</div>"
      "<p>Body text <time datetime=\"2018-08-16\">on Thursday</time> here.</p></div></body></html>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.meta.title, "Le titre de la page");
  EXPECT_EQ(ex.meta.outlet, "Le Site");
  EXPECT_EQ(ex.meta.published, "2018-08-16");
  EXPECT_EQ(ex.meta.language, "fr");
  EXPECT_EQ(ex.meta.authors, (std::vector<std::string>{"Jane Doe", "John Roe"}));
  EXPECT_EQ(ex.text, "Body text on Thursday here.");  // the byline is meta, not text
  EXPECT_FALSE(ex.meta.url.has_value());
}

TEST(HtmlExtract, HtmlMetaTitleFromH1AndRelAuthor) {
  const std::string html =
      "<html><head><title>Ignored | Site</title></head><body>"
      "<header><h1 class=\"logo\">Site Name</h1></header>"
      "<article><h1>  The  real headline </h1><p>By <a rel=\"author\" href=\"/a\">Ann Smith</a></p>"
      "<p itemprop=\"datePublished\" content=\"2017-03-01\">March 1</p><p>Text.</p></article>"
      "</body></html>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.meta.title, "The real headline");
  EXPECT_EQ(ex.meta.authors, (std::vector<std::string>{"Ann Smith"}));
  EXPECT_EQ(ex.meta.published, "2017-03-01");
}

TEST(HtmlExtract, HtmlMetaFromJsonLd) {
  const std::string html =
      "<html><head><script type=\"application/ld+json\">"
      "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"x\"},"
      "{\"@type\":\"NewsArticle\",\"headline\":\"LD headline\",\"datePublished\":\"2019-01-02T03:04:05+00:00\","
      "\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Smith\"},{\"@type\":\"Person\",\"name\":\"Bo Li\"}],"
      "\"publisher\":{\"@type\":\"Organization\",\"name\":\"LD News\"}}]}"
      "</script><script type=\"application/ld+json\">{not json</script></head>"
      "<body><p>Text.</p></body></html>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.meta.title, "LD headline");
  EXPECT_EQ(ex.meta.published, "2019-01-02T03:04:05+00:00");
  EXPECT_EQ(ex.meta.outlet, "LD News");
  EXPECT_EQ(ex.meta.authors, (std::vector<std::string>{"Ann Smith", "Bo Li"}));
  EXPECT_EQ(ex.text, "Text.");
}

TEST(HtmlExtract, HtmlDeepNestingDoesNotCrash) {
  for (const std::string open : {"<div>", "<span>", "<b>", "<table><tr><td>", "<ul><li>",
                                 "<blockquote>", "<div/>", "<a href=x>", "<font>"}) {
    std::string html = "<html><body><p>Start.</p>";
    for (int i = 0; i < 100000; ++i) html += open;
    html += "Deep text &amp; more";
    auto t0 = std::chrono::steady_clock::now();
    HtmlExtract ex = MustExtract(html);
    double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(sec, 5.0) << open;
    EXPECT_NE(ex.text.find("Deep text & more"), std::string::npos) << open;
    ExpectCopiesMatchSource(ex, html);
  }
  // The diagnostic names the limit.
  std::string html = "<body>";
  for (int i = 0; i < 1000; ++i) html += "<div>";
  html += "x";
  HtmlOptions opt;
  opt.max_depth = 100;
  HtmlExtract ex = MustExtract(html, opt);
  EXPECT_EQ(ex.text, "x");
  ASSERT_FALSE(ex.diagnostics.empty());
  EXPECT_EQ(ex.diagnostics[0].code, "html_too_deep");
  EXPECT_NE(ex.diagnostics[0].message.find("100"), std::string::npos);
  // Within the limit: no diagnostic.
  HtmlExtract ok = MustExtract("<body><div><div><p>fine</p></div></div></body>");
  EXPECT_TRUE(ok.diagnostics.empty());
  EXPECT_EQ(ok.text, "fine");
}

TEST(HtmlExtract, HtmlLongUnclosedListsAreNotTooDeep) {
  // Thousands of unclosed <p>, <li>, <td> close each other: not nesting.
  std::string html = "<body><div>";
  for (int i = 0; i < 3000; ++i) html += "<p>Para " + std::to_string(i);
  html += "<ul>";
  for (int i = 0; i < 500; ++i) html += "<li>Item " + std::to_string(i);
  html += "</ul><table>";
  for (int i = 0; i < 500; ++i) html += "<tr><td>Cell " + std::to_string(i);
  html += "</table></div></body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_TRUE(ex.diagnostics.empty()) << ex.diagnostics[0].message;
  auto paras = Paragraphs(ex.text);
  EXPECT_EQ(paras.size(), 4000u);
  EXPECT_EQ(paras[2999], "Para 2999");
  EXPECT_EQ(paras[3499], "Item 499");
}

constexpr char kNulPage[] = "<p>nul\0byte and \x01\x02 controls \xEF\xBF\xBF nonchar</p>";

TEST(HtmlExtract, HtmlMalformedRecovers) {
  const std::string huge_attr(1 << 20, 'x');
  const std::vector<std::string> pages = {
      "",
      "   ",
      "plain text, no tags at all",
      "<html></html>",
      "<p>unclosed <b>bold <i>both</p> after</b> tail",
      "</div></div><p>stray closers</p></span></html></body>",
      "<p>one<p>two<div>three</p>four",
      "<div class=\"" + huge_attr + "\"><p>after huge attribute</p></div>",
      "<p title='a>b'>quoted gt</p><p>x</p>",
      "<table><p>foster</p><tr><td>cell</table>",
      "<p>a &amp b &#; &#x; &# &#xZZ; &#99999999; &#0; &; &#128; & c</p>",
      std::string(kNulPage, sizeof(kNulPage) - 1),
      "<p>cr\r\rlone cr\rand crlf\r\n</p>",
      "<!-- unterminated comment <p>hidden",
      "<p>text <!-- comment --> more</p><![CDATA[ cdata ]]><?pi?>",
      "<svg><p>breakout</p></svg><math><mi>x</mi></math>",
      "<p>\xF0\x9F\x98\x80 emoji \xE2\x80\x8B zwsp</p>",
      "<<<>>><p>< not a tag > &lt;tag&gt;</p>",
      "<frameset><frame src=x></frameset>",
      "<pre>\r\n\r\nline\r\n</pre>",
      "<p>a</p><br><br><br><p>b</p>",
      "<a href=\"x\"><div>block in link</div></a>",
  };
  for (const std::string& html : pages) {
    auto r = ExtractHtml(html);
    ASSERT_TRUE(r.ok()) << html.substr(0, 80);
    ExpectCopiesMatchSource(*r, html);
  }
  EXPECT_EQ(MustExtract(pages[4]).text, "unclosed bold both\n\nafter tail");
  EXPECT_EQ(MustExtract(pages[6]).text, "one\n\ntwo\n\nthree\n\nfour");
  EXPECT_EQ(MustExtract(pages[7]).text, "after huge attribute");
  EXPECT_EQ(MustExtract(pages[8]).text, "quoted gt\n\nx");
  EXPECT_EQ(MustExtract(pages[10]).text, "a & b &#; &#x; &# &#xZZ; \xEF\xBF\xBD \xEF\xBF\xBD &; \xE2\x82\xAC & c");
  EXPECT_EQ(MustExtract(pages[12]).text, "cr lone cr and crlf");
  {
    // gumbo drops NUL and turns controls and noncharacters into U+FFFD; each
    // U+FFFD maps to the one source character it replaces.
    const std::string& html = pages[11];
    HtmlExtract ex = MustExtract(html);
    ASSERT_EQ(ex.text, "nulbyte and \xEF\xBF\xBD\xEF\xBF\xBD controls \xEF\xBF\xBD nonchar");
    EXPECT_EQ(SourceOf(ex, html, 12, 15), "\x01");
    EXPECT_EQ(SourceOf(ex, html, 15, 18), "\x02");
    EXPECT_EQ(SourceOf(ex, html, 28, 31), "\xEF\xBF\xBF");
    EXPECT_EQ(SourceOf(ex, html, 0, 7), std::string("nul\0byte", 8));
  }
  EXPECT_EQ(MustExtract(pages[14]).text, "text more");
  EXPECT_EQ(MustExtract(pages[17]).text, "<<<>>>\n\n< not a tag > <tag>");
  EXPECT_EQ(MustExtract(pages[19]).text, "line");
  EXPECT_EQ(MustExtract(pages[20]).text, "a\n\nb");
  HtmlExtract empty = MustExtract("");
  EXPECT_EQ(empty.text, "");
  EXPECT_TRUE(empty.map.empty());
  ASSERT_FALSE(empty.diagnostics.empty());
  EXPECT_EQ(empty.diagnostics.back().code, "html_no_text");
}

TEST(HtmlExtract, HtmlInvalidUtf8IsInvalidInput) {
  auto r = ExtractHtml("<p>caf\xE9</p>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  auto r2 = ExtractHtml("<p>\xED\xA0\x80 surrogate</p>");
  EXPECT_FALSE(r2.ok());
}

TEST(HtmlExtract, HtmlParagraphTextEqualsSourceWherePlain) {
  // No entities and single spaces only: each paragraph is the source with the
  // tags taken out, and a paragraph without inline markup is one source run.
  const std::string html =
      "<!DOCTYPE html><html><head><title>T</title></head><body>"
      "<nav><a href=\"/\">Home</a></nav>"
      "<article><h1>War reaches the city</h1>"
      "<p>Fighters entered the eastern districts on Sunday, residents said.</p>"
      "<p>The <a href=\"https://example.org\">monitor</a> reported <b>83</b> dead and "
      "<i>dozens</i> injured.</p>"
      "<ul><li>First point made here.</li><li>Second point.</li></ul>"
      "<blockquote>\"We will not leave,\" one man said.</blockquote>"
      "<p>Talks are due to resume in Geneva.</p></article>"
      "<footer>About us</footer></body></html>";
  HtmlExtract ex = MustExtract(html);
  ExpectCopiesMatchSource(ex, html);
  auto paras = Paragraphs(ex.text);
  ASSERT_EQ(paras.size(), 7u) << ex.text;
  size_t pos = 0;
  for (const std::string& p : paras) {
    size_t b = ex.text.find(p, pos);
    ASSERT_NE(b, std::string::npos);
    size_t e = b + p.size();
    pos = e;
    std::string_view src = SourceOf(ex, html, b, e);
    std::string stripped;
    bool in_tag = false;
    for (char c : src) {
      if (c == '<') in_tag = true;
      if (!in_tag) stripped.push_back(c);
      if (c == '>') in_tag = false;
    }
    EXPECT_EQ(stripped, p);
    if (src.find('<') == std::string_view::npos) {
      EXPECT_EQ(src, p);
    }
  }
  EXPECT_EQ(paras[0], "War reaches the city");
  EXPECT_EQ(paras[2], "The monitor reported 83 dead and dozens injured.");
}

// Deterministic tag soup: never crashes, copies always match the source.
TEST(HtmlExtract, HtmlTagSoupKeepsMapInvariants) {
  const std::vector<std::string> atoms = {
      "<div>", "</div>", "<p>", "</p>", "<b>", "</b>", "<a href='x'>", "</a>", "<br>",
      "<table>", "<tr>", "<td>", "</td>", "</table>", "<li>", "<ul>", "</ul>", "<pre>",
      "</pre>", "<script>", "</script>", "<style>", "<!--", "-->", "<svg>", "</svg>",
      "<nav class='menu'>", "</nav>", "<article>", "</article>", "<div class='comments'>",
      "<li class='comment'>", "<h1>", "</h1>", "&amp;", "&rsquo;", "&copy", "&#8217;",
      "&#x41;", "&nbsp;", "&", "\r\n", "\r", "\n", "  ", " ", "word", "caf\xC3\xA9",
      "\xE2\x80\x9C", "<", ">", "\"", "'", "=", "<!DOCTYPE html>", "<title>", "</title>",
      "<textarea>", "<plaintext>", "<xmp>", "<iframe>", "<noscript>", "<template>",
      "</template>", std::string("\0", 1), "<![CDATA[x]]>", "<math>", "<mi>", "</math>"};
  uint32_t seed = 12345;
  auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
  };
  for (int doc = 0; doc < 400; ++doc) {
    std::string html;
    int n = 5 + next() % 120;
    for (int i = 0; i < n; ++i) html += atoms[next() % atoms.size()];
    auto r = ExtractHtml(html);
    ASSERT_TRUE(r.ok());
    ExpectCopiesMatchSource(*r, html);
    for (const Comment& c : r->comments) {
      EXPECT_LE(c.raw.begin, c.raw.end);
      EXPECT_LE(c.raw.end, html.size());
    }
  }
}


TEST(HtmlExtract, HtmlTitleSuffixRules) {
  auto title = [](const std::string& head) {
    return MustExtract("<html><head>" + head + "</head><body><p>x</p></body></html>").meta.title;
  };
  EXPECT_EQ(title("<title>Headline | Section | Site</title>"), "Headline");
  EXPECT_EQ(title("<title>Strike on depot - Al Jazeera</title>"), "Strike on depot");
  EXPECT_EQ(title("<title>Strike on depot - example.com</title>"), "Strike on depot");
  // A lower-case tail after a dash is part of the headline.
  EXPECT_EQ(title("<title>Syria war - what we know</title>"), "Syria war - what we know");
  // With a known outlet, the outlet is removed wherever it is.
  EXPECT_EQ(title("<meta property=\"og:site_name\" content=\"The Paper\">"
                  "<title>The Paper | A long headline here</title>"),
            "A long headline here");
  EXPECT_EQ(title("<meta property=\"og:site_name\" content=\"The Paper\">"
                  "<meta property=\"og:title\" content=\"Headline - The Paper\">"),
            "Headline");
  // og:title keeps separators that are not the outlet.
  EXPECT_EQ(title("<meta property=\"og:title\" content=\"Iran | Iraq talks\">"),
            "Iran | Iraq talks");
  EXPECT_FALSE(title("<title> </title>").has_value());
}

TEST(HtmlExtract, HtmlMetaItempropAndPubdate) {
  const std::string html =
      "<html><body><div class=\"story\">"
      "<span itemprop=\"author\" itemscope><span itemprop=\"name\">Zoe Q. Public</span></span> "
      "<time pubdate datetime=\"2016-09-17T10:00\">Sept 17</time>"
      "<p>Body text of the story with enough words.</p>"
      "<div class=\"related\"><time datetime=\"2001-01-01\">old</time>"
      "<span itemprop=\"author\">Teaser Author</span></div>"
      "</div></body></html>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.meta.authors, (std::vector<std::string>{"Zoe Q. Public"}));
  EXPECT_EQ(ex.meta.published, "2016-09-17T10:00");
  // Inline author and time elements stay in the text.
  EXPECT_EQ(ex.text, "Zoe Q. Public Sept 17\n\nBody text of the story with enough words.");
}

TEST(HtmlExtract, HtmlCommentsInsideArticleAreNotText) {
  const std::string html =
      "<body><article><p>Story text.</p>"
      "<section id=\"comments\"><article class=\"comment\"><p>Nice.</p></article>"
      "<article class=\"comment\"><p>Wrong.</p></article></section></article></body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text, "Story text.");
  ASSERT_EQ(ex.comments.size(), 2u);
  EXPECT_EQ(ex.comments[0].text, "Nice.");
  EXPECT_EQ(ex.comments[1].text, "Wrong.");
}

TEST(HtmlExtract, HtmlBylineBlockIsMetaInlineAuthorIsText) {
  const std::string html =
      "<body><div class=\"story-body\"><div class=\"byline\">By <b>Ann Lee</b></div>"
      "<p>The story.</p><p>Reporting by <a class=\"author\" href=\"/b\">Bo Chen</a>; "
      "editing by Cy Dee.</p></div></body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text, "The story.\n\nReporting by Bo Chen; editing by Cy Dee.");
  EXPECT_EQ(ex.meta.authors, (std::vector<std::string>{"Ann Lee", "Bo Chen"}));
}

TEST(HtmlExtract, HtmlResponsiveClassesAreNotHidden) {
  const std::string html =
      "<body><div class=\"story-body\"><p class=\"d-none d-md-block\">Desktop para.</p>"
      "<p class=\"hidden-xs\">Not on phones.</p><p class=\"hidden\">Hidden.</p></div></body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text, "Desktop para.\n\nNot on phones.");
}


TEST(HtmlExtract, HtmlDropsLinkDominatedBlocks) {
  const std::string html =
      "<body><article><p>The first paragraph of the report is here.</p>"
      "<div class=\"topics\"><h2>Topics</h2><ul><li><a href=\"/1\">Syria conflict</a></li>"
      "<li><a href=\"/2\">Middle East news</a></li></ul></div>"
      "<p><a href=\"/next\">Next story: something else entirely happened</a></p>"
      "<p>Read the <a href=\"/r\">full report</a> from the monitor, which counted the dead.</p>"
      "</article></body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text,
            "The first paragraph of the report is here.\n\n"
            "Read the full report from the monitor, which counted the dead.");
}

TEST(HtmlExtract, HtmlDataComponentAttributesClassify) {
  const std::string html =
      "<html><body><main><article><h1>Strikes hit market</h1>"
      "<div data-component=\"byline-block\"><span>By Lina Sinjab</span>"
      "<span>Middle East correspondent</span></div>"
      "<div data-component=\"share-tools\">Share this page</div>"
      "<div data-testid=\"text-block\"><p>Air strikes killed at least 31 people, activists say.</p></div>"
      "</article></main></body></html>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text, "Strikes hit market\n\nAir strikes killed at least 31 people, activists say.");
  EXPECT_EQ(ex.meta.authors, (std::vector<std::string>{"Lina Sinjab"}));
}

TEST(HtmlExtract, HtmlBylineSegmentsJoinAcrossLinks) {
  const std::string html =
      "<body><div class=\"byline\">By <a href=\"/a\">Ann Lee</a> and <a href=\"/b\">Bo Chen</a>"
      "<span class=\"role\">Staff writers</span></div><p>Text of the article goes here.</p></body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.meta.authors, (std::vector<std::string>{"Ann Lee", "Bo Chen"}));
}

TEST(HtmlExtract, HtmlTableLayoutPicksContentCell) {
  const std::string html =
      "<html><body><table><tr><td><a href=\"/\">HOME</a><br><a href=\"/n\">NEWS</a></td>"
      "<td><font size=\"4\"><b>Fighting in Afrin</b></font><br><br>"
      "<font>Turkish jets struck targets across the Afrin region on Sunday.<br><br>"
      "At least 18 civilians were killed, according to the Kurdish Red Crescent.</font></td>"
      "<td><font size=\"1\">Advertise with us</font></td></tr></table>"
      "<center><font size=\"1\">&copy; 2018 Kurdish News.</font></center></body></html>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text,
            "Fighting in Afrin\n\nTurkish jets struck targets across the Afrin region on "
            "Sunday.\n\nAt least 18 civilians were killed, according to the Kurdish Red "
            "Crescent.");
  ExpectCopiesMatchSource(ex, html);
}


TEST(HtmlExtract, HtmlFragmentKeepsAllText) {
  // A text field holding markup: no page structure, everything is content.
  const std::string html =
      "<p>Short lead.</p><div><p>" + Para(1, 40) + "</p><p>" + Para(2, 40) +
      "</p></div><div class=\"share\">Share</div>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text, "Short lead.\n\n" + Para(1, 40) + "\n\n" + Para(2, 40));
  ExpectCopiesMatchSource(ex, html);
}


TEST(HtmlExtract, HtmlForeignContentInTablesDoesNotAbort) {
  // The Debian gumbo keeps its assert()s and aborts on these unless svg and
  // math never reach it.
  for (const std::string html :
       {"<table><math><mi><![CDATA[x]]>>", "<table><svg><desc><![CDATA[x]]></table>",
        "<table><math><th><mi><select></table>",
        "</body></tr><dt><g><thead><svg><table><dd><hr><dd><body></a><h1><svg></div><g></a>"
        "<th><title><i><b><select></table><tbody><svg><font color=red><col><ul> </div></b></a>",
        "<p>a</p><table><math><mi><![CDATA[unterminated", "<!-- x --!><svg><table><math>",
        "<script><svg></script><math><mi><table><th><select>",
        "<p>x</p><plaintext>a <svg> b <math> c", "<xmp>a <svg> b</xmp><p>y</p>"}) {
    auto r = ExtractHtml(html);
    ASSERT_TRUE(r.ok());
    ExpectCopiesMatchSource(*r, html);
    EXPECT_TRUE(r->diagnostics.empty() || r->diagnostics[0].code != "html_too_deep");
  }
  EXPECT_EQ(MustExtract("<p>a</p><table><math><mi><![CDATA[unterminated").text, "a");
}

TEST(HtmlExtract, HtmlInlineSvgIconLeavesTextIntact) {
  const std::string html =
      "<body><p>Share <a href=\"x\"><svg viewBox=\"0 0 1 1\"><title>icon</title>"
      "<path d=\"M0 0\"/></svg>this</a> now.</p>"
      "<p>Chart: <svg><text>Axis label</text><p>Broken out.</p></body>";
  HtmlExtract ex = MustExtract(html);
  EXPECT_EQ(ex.text, "Share this now.\n\nChart:\n\nBroken out.");
  ExpectCopiesMatchSource(ex, html);
  EXPECT_EQ(SourceOf(ex, html, 5, 6).substr(0, 1), " ");
}

}  // namespace
}  // namespace dossier
