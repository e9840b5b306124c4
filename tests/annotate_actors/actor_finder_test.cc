// Tests of ActorFinder on sentences written for these tests: every alias of
// a group resolving to one id, state actors from demonyms and agent nouns,
// backers and leaders, outlets, IGOs, titled and named people, later
// surnames, and the traps (the verb "is", "Abu Kamal", bare country names).
// The countries table is a small fixture written into a temp dir, loaded
// through the Lexicon override mechanism, as the generated table would be.
#include "annotate/actors/actor_finder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "dossier/lexicon.h"
#include "lexicon/name_key.h"
#include "segment/segmenter.h"
#include "test_util.h"

namespace dossier {
namespace {

using testing::DataDir;
using testing::TempDir;

constexpr const char* kCountries =
    "# test fixture: a few countries in the generated table's format\n"
    "code\tiso3\tname\taliases\tdemonyms\tlat\tlon\n"
    "SY\tSYR\tSyria\tSyrian Arab Republic|Syrie\tSyrian|Syrians\t35.0\t38.0\n"
    "US\tUSA\tUnited States\tUnited States of America|USA|US|U.S.|U.S.A.|America\tAmerican\t39.8\t-98.6\n"
    "RU\tRUS\tRussia\tRussian Federation\tRussian\t61.5\t105.3\n"
    "IQ\tIRQ\tIraq\tRepublic of Iraq\tIraqi|Iraqis\t33.0\t44.0\n"
    "IR\tIRN\tIran\tIslamic Republic of Iran\tIranian\t32.0\t53.0\n"
    "IL\tISR\tIsrael\t\tIsraeli\t31.5\t34.8\n"
    "JO\tJOR\tJordan\tHashemite Kingdom of Jordan\tJordanian\t31.0\t36.0\n"
    "TR\tTUR\tTurkey\tTürkiye|Turkiye\tTurkish\t39.0\t35.0\n"
    "SA\tSAU\tSaudi Arabia\tKingdom of Saudi Arabia\tSaudi|Saudi Arabian\t24.0\t45.0\n"
    "GB\tGBR\tUnited Kingdom\tUK|U.K.|Britain|Great Britain\tBritish\t54.0\t-2.0\n"
    "GE\tGEO\tGeorgia\tSakartvelo\tGeorgian\t42.0\t43.5\n";

std::shared_ptr<const Lexicon> LoadWith(const std::string& file, const std::string& content,
                                        const std::string& file2 = "",
                                        const std::string& content2 = "") {
  static std::vector<std::unique_ptr<TempDir>> dirs;  // kept alive for the run
  dirs.push_back(std::make_unique<TempDir>());
  dirs.back()->Write(file, content);
  if (!file2.empty()) dirs.back()->Write(file2, content2);
  auto r = Lexicon::Load({DataDir(), dirs.back()->path()});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value() : std::make_shared<const Lexicon>();
}

const Lexicon& Lex() {
  static std::shared_ptr<const Lexicon> lex = LoadWith("countries.tsv", kCountries);
  return *lex;
}

const ActorFinder& Finder() {
  static ActorFinder finder(Lex());
  return finder;
}

// Segments `text` like the pipeline does.
Document Doc(std::string_view text, const Lexicon& lex = Lex()) {
  Document doc;
  doc.text = std::string(text);
  Segmenter(lex).Segment(&doc);
  return doc;
}

// `explain`: ask for Mention::evidence, as `dossier explain` does.
std::vector<Mention> Scan(std::string_view text, const ActorFinder& f = Finder(),
                         const std::vector<Mention>& earlier = {}, bool explain = false) {
  Document doc = Doc(text);
  doc.mentions = earlier;
  doc.explain = explain;
  std::vector<Mention> out;
  f.Annotate(doc, &out);
  return out;
}

std::string Sp(std::string_view text, const Mention& m) {
  return std::string(text.substr(m.span.begin, m.span.end - m.span.begin));
}

// "span=kind ref [country sectors group backed_by]" for each mention.
std::string Describe(std::string_view text, const std::vector<Mention>& ms) {
  std::string out;
  for (const Mention& m : ms) {
    if (!out.empty()) out += "; ";
    out += Sp(text, m) + "=" + m.kind + " " + m.ref;
    if (m.actor) {
      out += " [" + m.actor->country;
      for (const auto& s : m.actor->sectors) out += " " + s;
      if (!m.actor->group.empty()) out += " g:" + m.actor->group;
      if (!m.actor->backed_by.empty()) out += " b:" + m.actor->backed_by;
      out += "]";
    }
  }
  return out;
}
std::string D(std::string_view text) { return Describe(text, Scan(text)); }

// Only the mentions whose span text is `span`.
std::vector<Mention> With(std::string_view text, std::string_view span) {
  std::vector<Mention> out;
  for (const Mention& m : Scan(text))
    if (Sp(text, m) == span) out.push_back(m);
  return out;
}

TEST(ActorTablesTest, ShippedTablesCompileWithoutProblems) {
  for (const auto& p : Finder().problems()) ADD_FAILURE() << p;
  EXPECT_GT(Finder().pattern_count(), 1500u);
}

TEST(ActorTablesTest, EveryTableHasItsColumns) {
  struct {
    const char* table;
    std::vector<const char*> cols;
  } want[] = {
      {"actors", {"alias", "id", "kind", "name", "country", "sectors", "case", "context", "affiliate_of"}},
      {"agents", {"noun", "sectors", "role", "alone", "generic", "group"}},
      {"actor_modifiers", {"word", "kind", "sectors"}},
      {"titles", {"title", "case", "min_names"}},
      {"given_names", {"name", "kind", "ambiguous"}},
      {"people", {"alias", "canonical", "role", "country"}},
      {"person_stopwords", {"word"}},
      {"org_heads", {"head", "kind", "sectors"}},
  };
  for (const auto& w : want)
    for (const char* c : w.cols) EXPECT_GE(Lex().table(w.table).Column(c), 0) << w.table << "." << c;
}

// --- named groups ----------------------------------------------------------

TEST(NamedGroupTest, AllIsisAliasesAreOneActor) {
  std::string t =
      "Daesh (ISIS/ISIL/IS/Daesh) rallied. The Islamic State in Iraq and the Levant was weakened. "
      "The Islamic State of Iraq and Syria lost ground. Islamic State claimed it. Da'esh denied it.";
  std::vector<Mention> ms = Scan(t);
  std::vector<std::string> spans;
  for (const Mention& m : ms) {
    EXPECT_EQ(m.ref, "actor:ISIS") << Sp(t, m);
    EXPECT_EQ(m.kind, "actor");
    ASSERT_TRUE(m.actor.has_value());
    EXPECT_EQ(m.actor->group, "ISIS");
    spans.push_back(Sp(t, m));
  }
  EXPECT_EQ(spans, (std::vector<std::string>{"Daesh", "ISIS", "ISIL", "IS", "Daesh",
                                             "Islamic State in Iraq and the Levant",
                                             "Islamic State of Iraq and Syria", "Islamic State",
                                             "Da'esh"}));
  EXPECT_EQ(ms[0].name, "Islamic State");
  EXPECT_EQ(ms[0].rule, "actors.tsv:Daesh");
}

TEST(NamedGroupTest, TheVerbIsIsNeverIsis) {
  EXPECT_EQ(D("The town is quiet and it is late."), "");
  EXPECT_EQ(D("What IS the plan?"), "");
  EXPECT_EQ(D("ISIS IS BACK IN THE DESERT"), "ISIS=actor actor:ISIS [ UAF g:ISIS]");
  // Lower-case "isis" is not the group either (short all-caps aliases are exact).
  EXPECT_EQ(D("The goddess isis was worshipped."), "");
}

TEST(NamedGroupTest, IsInAGroupContext) {
  EXPECT_EQ(D("IS fighters fled."), "IS fighters=actor actor:ISIS [ UAF g:ISIS]");
  EXPECT_EQ(D("The IS-held town fell."), "IS=actor actor:ISIS [ UAF g:ISIS]");
  EXPECT_EQ(D("Islamic State (IS) withdrew."),
            "Islamic State=actor actor:ISIS [ UAF g:ISIS]; IS=actor actor:ISIS [ UAF g:ISIS]");
  // Listed with another alias of the group, after or before a comma, "or", "and".
  EXPECT_EQ(D("Name it ISIL, IS or Daesh."),
            "ISIL=actor actor:ISIS [ UAF g:ISIS]; IS=actor actor:ISIS [ UAF g:ISIS]; "
            "Daesh=actor actor:ISIS [ UAF g:ISIS]");
  EXPECT_EQ(D("IS and Daesh are one."),
            "IS=actor actor:ISIS [ UAF g:ISIS]; Daesh=actor actor:ISIS [ UAF g:ISIS]");
  // After the document has named the group, "IS" alone is the group, in
  // mixed case and not after a word the verb follows; never before.
  EXPECT_EQ(D("IS seized it. Islamic State fighters left. IS has lost. It IS over. WHAT IS LEFT?"),
            "Islamic State fighters=actor actor:ISIS [ UAF g:ISIS]; IS=actor actor:ISIS [ UAF g:ISIS]");
  // An organisation's short name, once the document has named it.
  EXPECT_EQ(D("The Observatory said so. The Syrian Observatory for Human Rights said 20 died. "
              "The Observatory said the toll would rise."),
            "Syrian Observatory for Human Rights=organization org:SOHR [GB NGO g:SOHR]; "
            "Observatory=organization org:SOHR [GB NGO g:SOHR]");
  // "that" opens a clause whose subject it can be ("estimated that IS still held").
  EXPECT_EQ(D("Islamic State fighters left. Officials said that IS still held the town."),
            "Islamic State fighters=actor actor:ISIS [ UAF g:ISIS]; Officials=actor  "
            "[ GOV]; IS=actor actor:ISIS [ UAF g:ISIS]");
  // Next to something else, or to another context-only alias, it stays the verb.
  EXPECT_EQ(D("It IS, or it is not."), "");
  EXPECT_EQ(D("The SDF IS strong, and Hezbollah IS too."),
            "SDF=actor actor:SDF [SY REB g:SDF]; Hezbollah=actor actor:HEZBOLLAH [LB PRM g:HEZBOLLAH]");
}

TEST(NamedGroupTest, SdfAliases) {
  std::string t = "The Syrian Democratic Forces (SDF), known in Arabic as QSD or Qasad, advanced.";
  std::vector<Mention> ms = Scan(t);
  ASSERT_EQ(ms.size(), 4u) << Describe(t, ms);
  for (const Mention& m : ms) {
    EXPECT_EQ(m.ref, "actor:SDF") << Sp(t, m);
    EXPECT_EQ(m.actor->country, "SY");
    EXPECT_EQ(m.actor->sectors, std::vector<std::string>{"REB"});
  }
  EXPECT_EQ(Sp(t, ms[0]), "Syrian Democratic Forces");
  EXPECT_EQ(Sp(t, ms[3]), "Qasad");
}

TEST(NamedGroupTest, PmfAliases) {
  std::string t =
      "The Popular Mobilization Forces, or Popular Mobilisation Units, are called Hashd "
      "al-Sha'abi and Hashd Al-Sha'abi; the PMF denied it.";
  std::vector<Mention> ms = Scan(t);
  ASSERT_EQ(ms.size(), 5u) << Describe(t, ms);
  for (const Mention& m : ms) EXPECT_EQ(m.ref, "actor:PMF") << Sp(t, m);
  EXPECT_EQ(Sp(t, ms[2]), "Hashd al-Sha'abi");
  EXPECT_EQ(Sp(t, ms[3]), "Hashd Al-Sha'abi");
  EXPECT_EQ(ms[4].actor->country, "IQ");
}

TEST(NamedGroupTest, NusraAndItsSuccessorsAreSeparateButAffiliated) {
  std::string t = "Jabhat al-Nusra, later Jabhat Fatah al-Sham, joined HTS, an al-Qaeda offshoot.";
  EXPECT_EQ(D(t),
            "Jabhat al-Nusra=actor actor:NUSRA [SY UAF g:NUSRA]; Jabhat Fatah al-Sham=actor "
            "actor:NUSRA [SY UAF g:NUSRA]; HTS=actor actor:HTS [SY UAF g:HTS]; al-Qaeda=actor "
            "actor:AQ [ UAF g:AQ]");
  std::vector<Mention> ms = Scan(t, Finder(), {}, /*explain=*/true);
  bool affiliate = false;
  for (const auto& e : ms[0].evidence) affiliate |= e == "affiliate_of: AQ";
  EXPECT_TRUE(affiliate);
  EXPECT_EQ(D("The Al Nusra front and the Nusra Front are one."),
            "Al Nusra front=actor actor:NUSRA [SY UAF g:NUSRA]; Nusra Front=actor actor:NUSRA [SY UAF g:NUSRA]");
}

TEST(NamedGroupTest, PossessiveIsOutsideTheSpan) {
  EXPECT_EQ(D("Hezbollah's fighters crossed."), "Hezbollah=actor actor:HEZBOLLAH [LB PRM g:HEZBOLLAH]");
  EXPECT_EQ(D("Hezbollah’s leader spoke."), "Hezbollah=actor actor:HEZBOLLAH [LB PRM g:HEZBOLLAH]");
}

TEST(NamedGroupTest, SaaAndGovernmentOrgans) {
  EXPECT_EQ(D("The Syrian Arab Army (SAA) moved."),
            "Syrian Arab Army=actor actor:SAA [SY GOV MIL g:SAA]; SAA=actor actor:SAA [SY GOV MIL g:SAA]");
  EXPECT_EQ(D("The Pentagon and the Defense Intelligence Agency (DIA) disagreed."),
            "Pentagon=organization org:US-DOD [US GOV MIL g:US-DOD]; Defense Intelligence "
            "Agency=organization org:US-DIA [US GOV MIL g:US-DIA]; DIA=organization org:US-DIA [US "
            "GOV MIL g:US-DIA]");
  EXPECT_EQ(D("The Syrian Foreign Ministry said so."),
            "Syrian Foreign Ministry=organization org:SY-MFA [SY GOV g:SY-MFA]");
  EXPECT_EQ(D("The DoD and the Defense Department agree."),
            "DoD=organization org:US-DOD [US GOV MIL g:US-DOD]; Defense Department=organization "
            "org:US-DOD [US GOV MIL g:US-DOD]");
}

TEST(NamedGroupTest, IgosAndTheirOrgans) {
  std::string t =
      "A report from the UN Security Council's Sanctions Monitoring Team reached the OPCW and "
      "the WHO.";
  EXPECT_EQ(D(t),
            "UN Security Council=organization org:UN-SC [ IGO g:UN-SC]; Sanctions Monitoring "
            "Team=organization org:UN-SMT [ IGO g:UN-SMT]; OPCW=organization org:OPCW [ IGO "
            "g:OPCW]; WHO=organization org:WHO [ IGO g:WHO]");
  EXPECT_EQ(D("Those who fled were counted by the United Nations."),
            "United Nations=organization org:UN [ IGO g:UN]");
  EXPECT_EQ(D("NATO and the U.N. met."),
            "NATO=organization org:NATO [ IGO MIL g:NATO]; U.N.=organization org:UN [ IGO g:UN]");
}

TEST(NamedGroupTest, NgosAndMonitors) {
  EXPECT_EQ(D("The Syrian Observatory for Human Rights (SOHR) and the White Helmets reported it."),
            "Syrian Observatory for Human Rights=organization org:SOHR [GB NGO g:SOHR]; "
            "SOHR=organization org:SOHR [GB NGO g:SOHR]; White Helmets=organization "
            "org:WHITE-HELMETS [SY NGO g:WHITE-HELMETS]");
}

// --- outlets ---------------------------------------------------------------

TEST(OutletTest, OutletsFromTheOutletsTable) {
  std::string t = "CNN and Reuters cited MintPress News, Al-Masdar News and The Duran.";
  EXPECT_EQ(D(t),
            "CNN=outlet outlet:cnn [US MED]; Reuters=outlet outlet:reuters [GB MED]; MintPress "
            "News=outlet outlet:mintpress-news [US MED]; Al-Masdar News=outlet "
            "outlet:al-masdar-news [LB MED]; The Duran=outlet outlet:the-duran [CY MED]");
  std::vector<Mention> ms = Scan(t);
  EXPECT_EQ(ms[2].name, "MintPress News");
  EXPECT_EQ(ms[2].rule, "outlets.tsv:MintPress News");
}

TEST(OutletTest, LowerCaseWordsAreNotOutlets) {
  EXPECT_EQ(D("The sana and manar were rivers in the story."), "");
}

// --- organisations and outlets by their head word ------------------------

TEST(OrgHeadTest, CapitalisedWordsBeforeAHeadOrATailAfterIt) {
  std::string t =
      "The Idlib Media Center and the Raqqa Times said the Syrian Network of Missing Persons "
      "wrote to the Douma Local Council and the U.S. Institute of Peace.";
  EXPECT_EQ(D(t),
            "Idlib Media Center=outlet  [ MED]; Raqqa Times=outlet  [ MED]; Syrian Network of "
            "Missing Persons=organization  [SY NGO]; Douma Local Council=organization  []; "
            "U.S. Institute of Peace=organization  [US NGO]");
  std::vector<Mention> ms = Scan(t);
  ASSERT_EQ(ms.size(), 5u);
  EXPECT_EQ(ms[0].rule, "org_heads.tsv:Media Center");
  EXPECT_EQ(ms[0].name, "Idlib Media Center");
  EXPECT_EQ(ms[2].rule, "org_heads.tsv:Network");
}

// A name with a possessive inside ("Sheriff's Office", "People's
// Protection Units") matches with either apostrophe and, in text that lost
// its apostrophes, glued; a possessive the name lacks still ends it.
TEST(OrgHeadTest, PossessivesInsideAName) {
  EXPECT_EQ(D("The Lamar County Sheriff's Office said two men were held."),
            "Lamar County Sheriff's Office=organization  [ COP]");
  EXPECT_EQ(D("The Lamar County Sheriff\u2019s Office said two men were held."),
            "Lamar County Sheriff\u2019s Office=organization  [ COP]");
  EXPECT_EQ(D("The People's Protection Units advanced."),
            "People's Protection Units=actor actor:YPG [SY REB g:YPG]");
  EXPECT_EQ(D("Russias Defense Ministry said so."),
            "Russias Defense Ministry=organization org:RU-MOD [RU GOV MIL g:RU-MOD]");
  EXPECT_EQ(D("Russia's Defense Ministry said so."),
            "Russia's Defense Ministry=organization org:RU-MOD [RU GOV MIL g:RU-MOD]");
}

// Police forces, parliaments and companies by their head; a country opens
// the name (a run of tags before it is not part of it).
TEST(OrgHeadTest, PoliceParliamentsCompaniesAndCountriesOpeningAName) {
  EXPECT_EQ(D("Greater Manchester Police said Orvane Systems had closed the site."),
            "Greater Manchester Police=organization  [ COP]; Orvane Systems=organization  [ BUS]");
  // A listed company is its dictionary entry.
  EXPECT_EQ(D("Elbit Systems closed the site."),
            "Elbit Systems=organization org:ELBIT [IL BUS g:ELBIT]");
  EXPECT_EQ(D("A rally was held outside the Syrian Parliament."),
            "Syrian Parliament=actor actor:SYR [SY GOV]");
  EXPECT_EQ(D("Tags Aleppo UK Parliament debate."), "UK Parliament=actor actor:GBR [GB GOV]");
}

TEST(OrgHeadTest, TheDictionaryWinsAndHeadsAloneNameNothing) {
  // A dictionary name inside, a head alone, a head after stopwords only, a
  // capitalised heading, a tail that stops at a country.
  EXPECT_EQ(D("The Syrian Observatory for Human Rights said so."),
            "Syrian Observatory for Human Rights=organization org:SOHR [GB NGO g:SOHR]");
  EXPECT_EQ(D("The Council met. The News Agency said so. On Monday Council members left."), "");
  EXPECT_EQ(D("Rebels Shell Idlib Media Center Again"), "Rebels=actor  [ REB]");
  EXPECT_EQ(D("The Peoples Council of Syria Hadiya Khalaf said no."),
            "Peoples Council of Syria=organization  [SY]");
}

// Courts, legislatures and public services of general news by their head
// ("Court", "Senate", "Service", "Police Department").
TEST(OrgHeadTest, CourtsLegislaturesAndServices) {
  EXPECT_EQ(D("She will appeal to the Mississippi Supreme Court."),
            "Mississippi Supreme Court=organization  [ JUD]");
  EXPECT_EQ(D("Officers of the Chicago Police Department came."),
            "Chicago Police Department=organization  [ COP]");
  EXPECT_EQ(D("It was the National Parks Service."), "National Parks Service=organization  []");
  // A head alone names nothing.
  EXPECT_EQ(D("The Senate met."), "");
}

// Armed groups of world news by their names.
TEST(NamedGroupTest, WorldArmedGroups) {
  EXPECT_EQ(D("Boko Haram and al-Shabaab."),
            "Boko Haram=actor actor:BOKO-HARAM [NG UAF g:BOKO-HARAM]; al-Shabaab=actor "
            "actor:AL-SHABAAB [SO UAF g:AL-SHABAAB]");
  EXPECT_EQ(D("The Rapid Support Forces shelled the town."),
            "Rapid Support Forces=actor actor:RSF-SD [SD PRM g:RSF-SD]");
  // Names in English of groups known by an acronym, and successors.
  EXPECT_EQ(D("The Group to Support Islam and Muslims and the Africa Corps fought."),
            "Group to Support Islam and Muslims=actor actor:JNIM [ML UAF g:JNIM]; Africa "
            "Corps=actor actor:AFRICA-CORPS [RU PRM g:AFRICA-CORPS]");
  EXPECT_EQ(D("A People's Defense Force unit attacked a Tatmadaw convoy."),
            "People's Defense Force=actor actor:PDF-MM [MM REB g:PDF-MM]; Tatmadaw=actor "
            "actor:MM-TATMADAW [MM MIL g:MM-TATMADAW]");
}

// --- countries, demonyms and agents ---------------------------------------

// Aircraft of a state are that state's military: "an Israeli plane",
// "Russian planes", "a Syrian helicopter"; alone, "the plane" is no actor.
TEST(StateActorTest, AircraftOfAState) {
  EXPECT_EQ(D("An Israeli plane and Russian planes hit a car. The plane crashed."),
            "Israeli plane=actor actor:ISR [IL MIL]; Russian planes=actor actor:RUS [RU MIL]");
}

// A country's agent is the country's, as after a demonym, and the country
// keeps its own mention for the places layer: "Syria's army" -> SY MIL;
// agents that need a country ("air force") take the possessive one.
TEST(StateActorTest, AgentOfACountryInThePossessive) {
  EXPECT_EQ(D("Syria's army and Saudi Arabia's air force struck. The air force denied it."),
            "army=actor actor:SYR [SY MIL]; air force=actor actor:SAU [SA MIL]");
  // An office holder named next is the actor, not the office.
  EXPECT_EQ(D("Russia's envoy, Ivan Petrov, replied. Russia's envoy left."),
            "Ivan Petrov=person person:ivan-petrov; envoy=actor actor:RUS [RU GOV]");
}

// A country's name that a division of another country shares
// (actor_modifiers.tsv shared_name: Georgia, the US state) makes no agent
// that country's: "Georgia lawmakers" are a state's, so the agent stands
// alone and the places layer reads "Georgia" in its sentence. The demonym
// is the country's.
TEST(StateActorTest, SharedCountryNameMakesNoCountryAgent) {
  EXPECT_EQ(D("Georgia lawmakers met. Georgia's governor spoke."), "lawmakers=actor  [ GOV]");
  EXPECT_EQ(D("Georgian lawmakers met."), "Georgian lawmakers=actor actor:GEO [GE GOV]");
  EXPECT_EQ(D("Syria's army moved."), "army=actor actor:SYR [SY MIL]");
}

// "General Staff" is the army's headquarters, not a General named Staff.
TEST(StateActorTest, GeneralStaffIsNoPerson) {
  EXPECT_EQ(D("The Russian General Staff said so. The General Staff said."),
            "Russian General Staff=organization org:RU-GENSTAFF [RU MIL g:RU-GENSTAFF]");
}

// An office after a country is the state acting through it; the same office
// as a title before a name is the person's ("Sudanese President Bashir").
TEST(StateActorTest, OfficeHoldersOfAState) {
  EXPECT_EQ(D("The Turkish foreign minister visited. The Syrian president spoke."),
            "Turkish foreign minister=actor actor:TUR [TR GOV]; "
            "Syrian president=actor actor:SYR [SY GOV]");
  EXPECT_EQ(D("Sudanese President Bashir arrived."), "Bashir=person person:bashir");
  EXPECT_EQ(D("The minister resigned."), "");
}

// A company whose name starts with a title word is the company, not a
// General named Motors.
TEST(StateActorTest, CompaniesAreOrganisations) {
  EXPECT_EQ(D("General Motors said it would cut jobs."),
            "General Motors=organization org:GM_CO [US BUS g:GM_CO]");
  // Company forms and offices: "Apple Inc", "Chief Executive Tim Cook".
  EXPECT_EQ(D("Orvane Inc said Chief Executive Tim Cook would visit."),
            "Orvane Inc=organization  [ BUS]; Tim Cook=person person:tim-cook");
  // Banks and agencies of business news by name, not as places ("Morgan",
  // "Stanley" are towns).
  EXPECT_EQ(D("Morgan Stanley and the Securities and Exchange Commission declined to comment."),
            "Morgan Stanley=organization org:MORGAN-STANLEY [US BUS g:MORGAN-STANLEY]; "
            "Securities and Exchange Commission=organization org:US-SEC [US GOV g:US-SEC]");
  // Central banks; "Fed" only after "the".
  EXPECT_EQ(D("The Fed held rates. Fed up, residents left."),
            "Fed=organization org:FED [US GOV g:FED]; residents=actor  [ CVL]");
}

TEST(StateActorTest, DemonymPlusAgent) {
  EXPECT_EQ(D("Syrian soldiers were killed."), "Syrian soldiers=actor actor:SYR [SY MIL]");
  EXPECT_EQ(D("Russian forces arrived."), "Russian forces=actor actor:RUS [RU MIL]");
  EXPECT_EQ(D("the Syrian government denied it"), "Syrian government=actor actor:SYR [SY GOV]");
  EXPECT_EQ(D("Iraqi Armed Forces took the town."), "Iraqi Armed Forces=actor actor:IRQ [IQ MIL]");
  EXPECT_EQ(D("Syrian government forces advanced."),
            "Syrian government forces=actor actor:SYR [SY MIL]");
  std::vector<Mention> ms = Scan("Syrian soldiers were killed.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].rule, "demonym+agent");
  EXPECT_EQ(ms[0].name, "Syria");
}

TEST(StateActorTest, PluralDemonymAloneIsTheCountry) {
  EXPECT_EQ(D("The Syrians blamed the Iraqis."),
            "Syrians=actor actor:SYR [SY]; Iraqis=actor actor:IRQ [IQ]");
  std::vector<Mention> ms = Scan("Two Syrians were hurt.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].rule, "demonym_plural");
  // The singular alone is an adjective, not an actor; a phrase wins.
  EXPECT_EQ(D("The Syrian was hurt."), "");
  EXPECT_EQ(D("Iraqi border guards fired."), "Iraqi border guards=actor actor:IRQ [IQ MIL]");
}

// A country's generic forces backed from abroad take the sectors of
// backed_forces.tsv for the pair; other pairs keep the state's.
TEST(StateActorTest, ForeignBackedForcesOfACountry) {
  EXPECT_EQ(D("U.S.-backed Syrian forces advanced."), "U.S.-backed Syrian forces=actor actor:SYR [SY REB b:US]");
  EXPECT_EQ(D("U.S.-backed Iraqi forces advanced."), "U.S.-backed Iraqi forces=actor actor:IRQ [IQ MIL b:US]");
}

TEST(StateActorTest, LedAndBacked) {
  EXPECT_EQ(D("The US-led coalition struck."), "US-led coalition=actor actor:USA [US MIL g:coalition]");
  EXPECT_EQ(D("The U.S.-led coalition struck."),
            "U.S.-led coalition=actor actor:USA [US MIL g:coalition]");
  EXPECT_EQ(D("They refused the U.S.-backed opposition militias entry."),
            "U.S.-backed opposition militias=actor  [ REB b:US]");
  EXPECT_EQ(D("Iranian-backed Popular Mobilization Forces crossed."),
            "Iranian-backed Popular Mobilization Forces=actor actor:PMF [IQ PRM g:PMF b:IR]");
  EXPECT_EQ(D("pro-Iranian militias held the road."), "pro-Iranian militias=actor  [ PRM b:IR]");
  EXPECT_EQ(D("The Saudi-led coalition bombed it."),
            "Saudi-led coalition=actor actor:SAU [SA MIL g:coalition]");
}

// "American, British and Russian warships": the listed demonyms share the agent.
TEST(StateActorTest, ListedDemonymsShareTheAgent) {
  const std::string t = "American, British and Russian warships fired. Syrian and Iraqi refugees fled.";
  EXPECT_EQ(D(t),
            "American=actor actor:USA [US MIL]; British=actor actor:GBR [GB MIL]; "
            "Russian warships=actor actor:RUS [RU MIL]; Syrian=actor actor:SYR [SY REF]; "
            "Iraqi refugees=actor actor:IRQ [IQ REF]");
  EXPECT_EQ(Scan(t)[0].rule, "demonym+listed_agent");
  // A demonym listed before a non-agent noun stays out.
  EXPECT_EQ(D("Syrian and Iraqi food is spicy."), "");
}

TEST(StateActorTest, CountryAdjectiveBeforeAgent) {
  EXPECT_EQ(D("U.S. coalition airstrikes hit the village."),
            "U.S. coalition=actor actor:USA [US MIL g:coalition]");
}

TEST(StateActorTest, AttackNounLeavesTheCountryAlone) {
  std::string t = "Israeli airstrikes hit the base.";
  EXPECT_EQ(D(t), "Israeli=actor actor:ISR [IL MIL]");
  EXPECT_EQ(Scan(t)[0].rule, "demonym+attack");
  EXPECT_EQ(D("Russian air strikes continued."), "Russian=actor actor:RUS [RU MIL]");
}

TEST(StateActorTest, ModifiersGiveSectorsToGenericAgents) {
  EXPECT_EQ(D("Kurdish fighters held the dam."), "Kurdish fighters=actor  [ REB]");
  EXPECT_EQ(D("pro-government militias looted it."), "pro-government militias=actor  [ PRM]");
  EXPECT_EQ(D("Kurdish civilians fled."), "Kurdish civilians=actor  [ CVL]");
  EXPECT_EQ(D("Takfiri militants attacked."), "Takfiri militants=actor  [ UAF]");
}

TEST(StateActorTest, BareAgents) {
  EXPECT_EQ(D("Many civilians and internally displaced persons fled."),
            "civilians=actor  [ CVL]; internally displaced persons=actor  [ REF]");
  EXPECT_EQ(D("IDPs and refugees waited."), "IDPs=actor  [ REF]; refugees=actor  [ REF]");
  EXPECT_EQ(D("Militants fired at police while officials watched."),
            "Militants=actor  [ UAF]; police=actor  [ COP]; officials=actor  [ GOV]");
  EXPECT_EQ(D("The rebels and judges met."), "rebels=actor  [ REB]; judges=actor  [ JUD]");
  // "forces" alone is too vague to be an actor; soldiers, troops and the army are not.
  EXPECT_EQ(D("The forces of nature."), "");
  EXPECT_EQ(D("Troops said the army had lost 40 soldiers."),
            "Troops=actor  [ MIL]; army=actor  [ MIL]; soldiers=actor  [ MIL]");
  EXPECT_EQ(D("They freed prisoners and detainees, not a prisoner exchange."),
            "prisoners=actor  [ CVL]; detainees=actor  [ CVL]");
  EXPECT_EQ(D("Syrian doctors and the Kurdish people."),
            "Syrian doctors=actor actor:SYR [SY CVL]; Kurdish people=actor  [ CVL]");
}

TEST(StateActorTest, BareCountryNamesAreThePlacesLayers) {
  EXPECT_EQ(D("Syria is at war. Iraq too."), "");
  EXPECT_EQ(D("They crossed into the Syrian Arab Republic."), "");
  EXPECT_EQ(D("The Syrian-Iraqi border is long."), "");
}

TEST(StateActorTest, TheUnitedStatesAndItsAbbreviations) {
  EXPECT_EQ(D("The U.S. can continue."), "U.S.=actor actor:USA [US]");
  EXPECT_EQ(D("But the United States said no."), "United States=actor actor:USA [US]");
  EXPECT_EQ(D("He lives in the United States."), "");
  EXPECT_EQ(D("He studied in the U.S. for years."), "");
  EXPECT_EQ(D("Areas occupied by the US remain."), "US=actor actor:USA [US]");
  EXPECT_EQ(D("U.S.-occupied areas"), "U.S.=actor actor:USA [US]");
  // In an all-caps headline "US" is the pronoun.
  EXPECT_EQ(D("JOIN US FOR THE DEBATE TONIGHT"), "");
  EXPECT_EQ(D("US-OCCUPIED AREAS OF SYRIA"), "US=actor actor:USA [US]");
}

// A held word of actor_modifiers.tsv ("occupied", "controlled", "held")
// after the country makes it the holder, an actor even after a place
// preposition (as a "-led" does: "in US-led strikes"); a singular demonym
// before "-occupied" is the state too.
TEST(StateActorTest, TheCountryThatHoldsAPlaceIsAnActorAfterAPlacePreposition) {
  EXPECT_EQ(D("They trained in the US-occupied districts."), "US=actor actor:USA [US]");
  EXPECT_EQ(D("Ten died in US-led strikes."), "US=actor actor:USA [US]");
  EXPECT_EQ(D("They hid in US controlled land."), "US=actor actor:USA [US]");
  EXPECT_EQ(D("They fled to the Turkish-occupied villages."), "Turkish=actor actor:TUR [TR]");
  std::vector<Mention> ms = Scan("They fled to the Turkish-occupied villages.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].rule, "demonym_held");
  // Without a held word the abbreviation after "in" is still the place's.
  EXPECT_EQ(D("He studied in the US last year."), "");
}

TEST(StateActorTest, WithoutTheCountriesTableThereAreNoCountryActors) {
  auto r = Lexicon::Load({DataDir()});
  ASSERT_TRUE(r.ok());
  ActorFinder f(*r.value());
  std::string t = "Syrian soldiers and the U.S. met ISIS and civilians.";
  // "soldiers" is still an actor on its own, without a country.
  EXPECT_EQ(Describe(t, Scan(t, f)),
            "soldiers=actor  [ MIL]; ISIS=actor actor:ISIS [ UAF g:ISIS]; civilians=actor  [ CVL]");
}

// --- people ----------------------------------------------------------------

TEST(PersonTest, TitlePlusName) {
  std::string t = "Colonel John Dorrian said the strike was legal.";
  std::vector<Mention> ms = Scan(t);
  ASSERT_EQ(ms.size(), 1u) << Describe(t, ms);
  EXPECT_EQ(Sp(t, ms[0]), "John Dorrian");
  EXPECT_EQ(ms[0].kind, "person");
  EXPECT_EQ(ms[0].ref, "person:john-dorrian");
  EXPECT_EQ(ms[0].name, "John Dorrian");
  EXPECT_EQ(ms[0].rule, "title:Colonel");
  EXPECT_EQ(D("Lt. Gen. Paul Funk visited."), "Paul Funk=person person:paul-funk");
  EXPECT_EQ(D("We asked Gen. Funk about it."), "Funk=person person:funk");
  EXPECT_EQ(With("We asked Gen. Funk about it.", "Funk")[0].rule, "title:Gen.");
  EXPECT_EQ(D("A coalition spokesman, Col. Ryan Dillon, replied."),
            "coalition=actor actor:coalition [ MIL g:coalition]; Ryan Dillon=person person:ryan-dillon");
}

// The name in apposition after the title, between commas: two name words
// at least, and the closing comma.
TEST(PersonTest, TitleCommaNameComma) {
  EXPECT_EQ(D("The militia's secretary-general, Tarik Veshel, said it would respond."),
            "militia=actor  [ PRM]; Tarik Veshel=person person:tarik-veshel");
  EXPECT_EQ(With("The militia's secretary-general, Tarik Veshel, said so.", "Tarik Veshel")[0].rule,
            "title:Secretary-General");
  EXPECT_EQ(D("The ministry's spokesman, Tarik, said so."), "");
  EXPECT_EQ(D("Its spokesman, Tarik Veshel said so."), "");
}

TEST(PersonTest, TitleBeforeAKnownNameTakesTheCanonicalName) {
  std::string t = "US President Donald Trump met President Assad's envoy.";
  EXPECT_EQ(D(t),
            "US=actor actor:USA [US]; Donald Trump=person person:donald-trump; Assad=person "
            "person:bashar-al-assad");
  EXPECT_EQ(With(t, "Assad")[0].name, "Bashar al-Assad");
}

TEST(PersonTest, GivenNamePlusSurname) {
  EXPECT_EQ(D("By Whitney Webb and Tony Cartalucci."),
            "Whitney Webb=person person:whitney-webb; Tony Cartalucci=person person:tony-cartalucci");
  EXPECT_EQ(D("Zana Amed lives in Raqqa."), "Zana Amed=person person:zana-amed");
  EXPECT_EQ(D("Khaled al-Hamoud was arrested."), "Khaled al-Hamoud=person person:khaled-al-hamoud");
  std::vector<Mention> ms = Scan("Zana Amed lives in Raqqa.");
  EXPECT_EQ(ms[0].rule, "given_name+surname");
}

// Copy stripped of apostrophes: "Assads" is Assad's when the stem is a
// whole one-word name; not in a text that has apostrophes elsewhere.
TEST(PersonTest, PossessivesWithoutApostrophes) {
  EXPECT_EQ(D("Bashar al-Assads forces and Daeshs fighters clashed."),
            "Bashar al-Assad=person person:bashar-al-assad; Daesh=actor actor:ISIS [ UAF g:ISIS]");
  EXPECT_EQ(D("ISILs fighters fled."), "ISIL=actor actor:ISIS [ UAF g:ISIS]");
  EXPECT_EQ(D("Daeshs fighters held the army's base."), "army=actor  [ MIL]");
}

// A country that is also a given name opens a person's name before a
// surname, but not after a place preposition, and not alone.
TEST(PersonTest, CountryAsGivenName) {
  EXPECT_EQ(D("The clinic where Jordan Ellis works was hit."),
            "Jordan Ellis=person person:jordan-ellis");
  EXPECT_EQ(D("Aid came to Jordan Monday."), "");
  EXPECT_EQ(D("She fled to Jordan Ellis said."), "");
  // ... and as a surname, last in the name.
  EXPECT_EQ(D("Rep. Jim Jordan clashed with aides."), "Jim Jordan=person person:jim-jordan");
  EXPECT_EQ(D("Rep. Jim Jordan Smith spoke."),
            "Jim=person person:jim; Jordan Smith=person person:jordan-smith");
}

TEST(PersonTest, MultiWordGivenNames) {
  EXPECT_EQ(D("Fadi Abdel Rahman spoke."), "Fadi Abdel Rahman=person person:fadi-abdel-rahman");
}

TEST(PersonTest, OnlyFullNamesTeachSurnames) {
  // "Gen. Funk" is a person, but a lone word is not spread to later text.
  EXPECT_EQ(D("Gen. Funk spoke. Funk left."), "Funk=person person:funk");
}

TEST(StateActorTest, ACountryNameBeforeAnAttackNounIsAPlace) {
  EXPECT_EQ(D("The Syria strikes began."), "");
}

// After a place preposition a country's name is where, not whose: "In Syria
// fighters ..." has no Syrian fighters. Right after the name it still is the
// agent's country, and an adjective or abbreviation keeps it there too.
TEST(StateActorTest, ACountryNameAfterAPlacePrepositionIsNotTheAgentsCountry) {
  EXPECT_EQ(D("In Syria fighters change their names."), "");
  EXPECT_EQ(D("Across Iraq militias regrouped."), "militias=actor  [ PRM]");
  EXPECT_EQ(D("Syria forces attacked the town."), "Syria forces=actor actor:SYR [SY MIL]");
  EXPECT_EQ(D("In Syrian forces' hands."), "Syrian forces=actor actor:SYR [SY MIL]");
}

TEST(PersonTest, CuratedPeople) {
  std::string t = "Abu Bakr al-Baghdadi and Bashar al-Assad; later Baghdadi and Putin.";
  EXPECT_EQ(D(t),
            "Abu Bakr al-Baghdadi=person person:abu-bakr-al-baghdadi; Bashar al-Assad=person "
            "person:bashar-al-assad; Baghdadi=person person:abu-bakr-al-baghdadi; Putin=person "
            "person:vladimir-putin");
  EXPECT_EQ(D("Recep Tayyip Erdogan and Erdogan."),
            "Recep Tayyip Erdogan=person person:recep-tayyip-erdogan; Erdogan=person "
            "person:recep-tayyip-erdogan");
}

TEST(PersonTest, LaterSurnameIsTheSamePerson) {
  std::string t =
      "Colonel John Dorrian spoke on Monday. Reporters pressed him. Dorrian declined to comment.";
  std::vector<Mention> ms = Scan(t);
  std::vector<Mention> persons;
  for (const auto& m : ms)
    if (m.kind == "person") persons.push_back(m);
  ASSERT_EQ(persons.size(), 2u) << Describe(t, ms);
  EXPECT_EQ(Sp(t, persons[1]), "Dorrian");
  EXPECT_EQ(persons[1].ref, "person:john-dorrian");
  EXPECT_EQ(persons[1].name, "John Dorrian");
  EXPECT_EQ(persons[1].rule, "coref:surname");
  EXPECT_EQ(persons[1].sentence, 2);
  // Before the full name, a bare surname is nobody.
  EXPECT_EQ(D("Dorrian left. Later Colonel John Dorrian came."),
            "John Dorrian=person person:john-dorrian");
}

// At a sentence start an ambiguous given name opens a name only before one
// capitalised word and a comma: "Chad Morris, a coach", not "Chad, Niger".
TEST(PersonTest, AmbiguousGivenNameAtTheSentenceStart) {
  EXPECT_EQ(D("Chad Morris, a coach, left."), "Chad Morris=person person:chad-morris");
  EXPECT_EQ(D("Chad Basin farmers left."), "");
}

// World leaders of people.tsv, with hyphenated syllables ("Kim Jong-un")
// and short forms ("Xi", "Zelensky").
TEST(PersonTest, WorldLeadersByFullAndShortNames) {
  EXPECT_EQ(D("Kim Jong-un wrote to Xi. Zelensky replied."),
            "Kim Jong-un=person person:kim-jong-un; Xi=person person:xi-jinping; Zelensky=person "
            "person:volodymyr-zelensky");
  // Names of four words the given-name rule would cut after the surname.
  EXPECT_EQ(D("It was Aung San Suu Kyi. Suu Kyi appealed."),
            "Aung San Suu Kyi=person person:aung-san-suu-kyi; Suu Kyi=person "
            "person:aung-san-suu-kyi");
}

// A later surname keeps its glued article in the span: "Al-Hassan" and
// "al-Hassan" after "Karim al-Hassan", not "Hassan" alone.
TEST(PersonTest, LaterSurnameWithItsArticle) {
  EXPECT_EQ(D("Karim al-Hassan runs the bakery. Al-Hassan said flour was short. Then al-Hassan "
              "left."),
            "Karim al-Hassan=person person:karim-al-hassan; Al-Hassan=person "
            "person:karim-al-hassan; al-Hassan=person person:karim-al-hassan");
}

// Roles written before a name in wire copy ("resident", "council member")
// take two name words; the last words of a full name named earlier are
// that person ("director Hadi Salem" after "Fuad Hadi Salem").
TEST(PersonTest, RoleTitlesAndTheEndOfAnEarlierName) {
  EXPECT_EQ(D("Local council member Karim Haddad said the bakery was hit."),
            "Karim Haddad=person person:karim-haddad");
  EXPECT_EQ(D("One resident Tarek Abu Nour fled."), "Tarek Abu Nour=person person:tarek-abu-nour");
  EXPECT_EQ(D("Clinic director Fuad Hadi Salem spoke first. Later director Hadi Salem added a toll."),
            "Fuad Hadi Salem=person person:fuad-hadi-salem; Hadi Salem=person person:fuad-hadi-salem");
  // One capitalised word after a role is no name.
  EXPECT_EQ(D("The resident Reuters reached was unharmed."), "Reuters=outlet outlet:reuters [GB MED]");
}

TEST(PersonTest, AbuKamalIsATownNotAPerson) {
  EXPECT_EQ(D("Airstrikes hit the border city of Abu Kamal on Sunday."), "");
  EXPECT_EQ(D("In Abu Kamal, Syrian soldiers advanced."), "Syrian soldiers=actor actor:SYR [SY MIL]");
  EXPECT_EQ(D("The town of Deir Hafer and Al Bab were quiet."), "");
}

TEST(PersonTest, SheikhNeedsTwoNameWords) {
  EXPECT_EQ(D("Fighting in Sheikh Maqsoud continued."), "");
  EXPECT_EQ(D("Sheikh Ahmed Hassoun preached."), "Ahmed Hassoun=person person:ahmed-hassoun");
}

TEST(PersonTest, PlacesFoundEarlierVetoPersonShapes) {
  std::string t = "They reached Salim Sharif yesterday.";
  EXPECT_EQ(D(t), "Salim Sharif=person person:salim-sharif");
  Mention place;
  place.kind = "place";
  place.span = Span{13, 25};
  ASSERT_EQ(t.substr(13, 12), "Salim Sharif");
  EXPECT_EQ(Describe(t, Scan(t, Finder(), {place})), "");
}

TEST(PersonTest, AmbiguousGivenNamesDoNotOpenASentence) {
  EXPECT_EQ(D("Will Turkey act?"), "");
  EXPECT_EQ(D("He met Mark Lowcock in Geneva."), "Mark Lowcock=person person:mark-lowcock");
}

// --- invariants and overrides ---------------------------------------------

TEST(InvariantTest, MentionsDoNotOverlapAndStayInOneSentence) {
  std::string t =
      "The U.S.-backed Syrian Democratic Forces (SDF) and Iranian-backed Popular Mobilization "
      "Forces met Syrian soldiers. Colonel John Dorrian of the US-led coalition said ISIS "
      "fighters and civilians were near Abu Kamal. Dorrian spoke to CNN.";
  Document doc = Doc(t);
  doc.explain = true;
  std::vector<Mention> ms;
  Finder().Annotate(doc, &ms);
  ASSERT_GT(ms.size(), 8u);
  for (size_t i = 0; i < ms.size(); ++i) {
    ASSERT_GE(ms[i].sentence, 0);
    Span s = doc.sentences[ms[i].sentence];
    EXPECT_TRUE(s.begin <= ms[i].span.begin && ms[i].span.end <= s.end) << Sp(t, ms[i]);
    EXPECT_LT(ms[i].span.begin, ms[i].span.end);
    if (i > 0) {
      EXPECT_LE(ms[i - 1].span.end, ms[i].span.begin) << Sp(t, ms[i]);
    }
    EXPECT_FALSE(ms[i].rule.empty());
    EXPECT_FALSE(ms[i].evidence.empty()) << Sp(t, ms[i]);
    EXPECT_GT(ms[i].confidence, 0);
  }
  EXPECT_EQ(With(t, "U.S.-backed Syrian Democratic Forces").size(), 1u) << Describe(t, ms);
  EXPECT_EQ(With(t, "U.S.-backed Syrian Democratic Forces")[0].actor->backed_by, "US");
}

// Evidence is for `dossier explain` only; without it the mentions are the
// same and carry none.
TEST(InvariantTest, EvidenceOnlyWhenExplaining) {
  std::string t =
      "Iranian-backed Popular Mobilization Forces met Syrian soldiers and pro-Iranian "
      "militias. Colonel John Dorrian of the US-led coalition said ISIS fighters, Israeli "
      "airstrikes and the U.S. hit Raqqa. Dorrian spoke to CNN and Bashar al-Assad.";
  std::vector<Mention> plain = Scan(t);
  std::vector<Mention> explained = Scan(t, Finder(), {}, /*explain=*/true);
  ASSERT_EQ(Describe(t, plain), Describe(t, explained));
  ASSERT_GT(plain.size(), 9u) << Describe(t, plain);
  for (size_t i = 0; i < plain.size(); ++i) {
    EXPECT_TRUE(plain[i].evidence.empty()) << Sp(t, plain[i]);
    EXPECT_FALSE(explained[i].evidence.empty()) << Sp(t, explained[i]);
    EXPECT_EQ(plain[i].rule, explained[i].rule);
    EXPECT_EQ(plain[i].confidence, explained[i].confidence);
  }
}

TEST(OverrideTest, AUserTableAddsAGroup) {
  auto lex = LoadWith("countries.tsv", kCountries, "actors.tsv",
                      "alias\tid\tkind\tname\tcountry\tsectors\tcase\tcontext\taffiliate_of\tnote\n"
                      "Northern Lions\tNLIONS\tactor\tNorthern Lions Brigade\tSY\tREB\t\t\t\t\n"
                      "-Qasad\t\t\t\t\t\t\t\t\t\n");
  ActorFinder f(*lex);
  // "Qasad" is removed by the override, "QSD" stays.
  std::string t = "The Northern Lions fought Qasad and QSD.";
  EXPECT_EQ(Describe(t, Scan(t, f)),
            "Northern Lions=actor actor:NLIONS [SY REB g:NLIONS]; QSD=actor actor:SDF [SY REB g:SDF]");
}

TEST(OverrideTest, ACountryTableOverrideAddsADemonym) {
  auto lex = LoadWith("countries.tsv",
                      std::string(kCountries) + "LB\tLBN\tLebanon\tLebanese Republic\tLebanese\t33.9\t35.9\n");
  ActorFinder f(*lex);
  std::string t = "Lebanese troops closed the crossing.";
  EXPECT_EQ(Describe(t, Scan(t, f)), "Lebanese troops=actor actor:LBN [LB MIL]");
}


// The matcher folds and hashes each word in one pass, a word of up to 16
// folded bytes hashed from whole 8-byte loads; the tables hash their keys
// with WordHash. Both must agree for every length and kind of word.
TEST(FoldTest, TheWordHashIsTheHashOfTheFold) {
  using actors_internal::FoldWord;
  using actors_internal::WordHash;
  std::string fold;
  const std::string letters = "AbcdefghijKlmnopqrstuvwxyZ0123456789";
  for (size_t len = 0; len <= letters.size(); ++len) {
    const std::string word = letters.substr(0, len);
    const uint64_t h = FoldWord(word, &fold);
    EXPECT_EQ(h, WordHash(fold)) << word;
    EXPECT_EQ(fold.size(), len) << word;
  }
  for (const char* word : {"U.S.", "Sha'abi", "al-Qaeda", "O'Brien's", "Türkiye", "Ṣaddām",
                           "Ħal", "x", "Q", "9", "counter-revolutionaries", "A.B.C.D.E.F.G.H.I.J"}) {
    const uint64_t h = FoldWord(word, &fold);
    EXPECT_EQ(h, WordHash(fold)) << word;
  }
  EXPECT_EQ(FoldWord("U.S.", &fold), WordHash("us"));
  EXPECT_EQ(fold, "us");
  EXPECT_EQ(FoldWord("Sha'abi", &fold), WordHash("shaabi"));
  EXPECT_EQ(FoldWord("COUNTERINSURGENCY", &fold), FoldWord("counterinsurgency", &fold));
  EXPECT_EQ(fold, "counterinsurgency");
  // Words that share their first 8 or 16 bytes still differ.
  EXPECT_NE(WordHash("peacekeepers"), WordHash("peacekeeping"));
  EXPECT_NE(WordHash("internationalists"), WordHash("internationalistsx"));
  EXPECT_NE(WordHash("abcdefgh"), WordHash("abcdefg"));
}

// The chunked fold (SSE2 for words of up to eight bytes, SWAR beyond)
// against the byte-at-a-time one: every byte value at every position of
// words of one to seventeen bytes.
TEST(FoldTest, ChunkedFoldMatchesByteFold) {
  using actors_internal::FoldWord;
  using actors_internal::FoldWordSlow;
  std::string fast, slow;
  for (size_t len = 1; len <= 17; ++len) {
    for (size_t at = 0; at < len; ++at) {
      for (int b = 0; b < 256; ++b) {
        std::string word(len, 'K');
        word[at] = static_cast<char>(b);
        const uint64_t hf = FoldWord(word, &fast);
        const uint64_t hs = FoldWordSlow(word, &slow);
        ASSERT_EQ(fast, slow) << len << " " << at << " " << b;
        ASSERT_EQ(hf, hs) << len << " " << at << " " << b;
      }
    }
  }
}

// The byte-at-a-time fold folds an ASCII word itself (letters lowered,
// digits kept, every other byte dropped) and is meant to be FoldName
// without its spaces, which the tables and the other words are folded by.
TEST(FoldTest, ByteFoldIsTheNameFoldWithoutSpaces) {
  using actors_internal::FoldWordSlow;
  std::string fold;
  for (size_t len = 1; len <= 4; ++len) {
    for (size_t at = 0; at < len; ++at) {
      for (int b = 1; b < 256; ++b) {
        std::string word(len, 'k');
        word[at] = static_cast<char>(b);
        if (at > 0) word[0] = 'Q';
        std::string name = FoldName(word);
        name.erase(std::remove(name.begin(), name.end(), ' '), name.end());
        FoldWordSlow(word, &fold);
        ASSERT_EQ(fold, name) << len << " " << at << " " << b;
      }
    }
  }
  for (const char* word : {"U.S.", "al-Qaeda", "O`Brien", "Türkiye", "Erdoğan", "(ISIS)", "A/B"}) {
    std::string name = FoldName(word);
    name.erase(std::remove(name.begin(), name.end(), ' '), name.end());
    FoldWordSlow(word, &fold);
    EXPECT_EQ(fold, name) << word;
  }
}

// FoldName of a word with a non-ASCII byte is remembered per thread, a few
// thousand words at a time: a word folded again, and words folded after the
// memory was emptied, fold as FoldName does.
TEST(FoldTest, RememberedNonAsciiFoldsAreFoldNames) {
  using actors_internal::FoldWordSlow;
  std::string fold;
  for (int round = 0; round < 2; ++round) {
    for (int k = 0; k < 5000; ++k) {
      const std::string word = (k % 2 ? "Erdoğan" : "ÇA-") + std::to_string(round ? 4999 - k : k);
      std::string name = FoldName(word);
      name.erase(std::remove(name.begin(), name.end(), ' '), name.end());
      FoldWordSlow(word, &fold);
      ASSERT_EQ(fold, name) << word;
    }
  }
}

TEST(FoldTest, LongWordsOfAnAliasMatch) {
  auto lex = LoadWith("actors.tsv",
                      "alias\tid\tkind\tname\tcountry\tsectors\tcase\tcontext\taffiliate_of\tnote\n"
                      "Internationalist Counterrevolutionaries\tICR\tactor\tInternationalist "
                      "Counterrevolutionaries\tSY\tREB\t\t\t\t\n");
  ActorFinder f(*lex);
  std::string t = "The Internationalist Counterrevolutionaries took the hill; "
                  "Internationalist Counterrevolutionary units did not.";
  EXPECT_EQ(Describe(t, Scan(t, f)),
            "Internationalist Counterrevolutionaries=actor actor:ICR [SY REB g:ICR]");
}

}  // namespace
}  // namespace dossier
