// The built-in lexicon (data/ of the source tree), loaded once per test
// binary, for tests of annotators that read their tables from it.
#ifndef DOSSIER_TESTS_BUILTIN_LEXICON_H_
#define DOSSIER_TESTS_BUILTIN_LEXICON_H_

#include <gtest/gtest.h>

#include <memory>

#include "dossier/lexicon.h"
#include "test_util.h"

namespace dossier::testing {

inline const Lexicon& BuiltinLexicon() {
  static std::shared_ptr<const Lexicon> lex = [] {
    auto r = Lexicon::Load({DataDir()});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r.value() : std::make_shared<const Lexicon>();
  }();
  return *lex;
}

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_BUILTIN_LEXICON_H_
