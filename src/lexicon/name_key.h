// Matching keys for names of places, groups and people, shared by the
// gazetteer compiler and every annotator that looks names up, so that the
// text side and the dictionary side fold the same way.
//
//   FoldName     case, diacritics, apostrophes and punctuation folded:
//                "Deïr ez-Zôr" -> "deir ez zor", "Hashd Al-Sha'abi" -> "hashd al shaabi"
//   NameKey      FoldName without Arabic article tokens ("al", "el", "ez",
//                "as-", ...), so "al-Tanf" = "Al Tanf" = "At Tanf" -> "tanf"
//                and "Deir ez-Zor" = "Deir El-Zour"? no: -> "deir zor" / "deir zour"
//   SkeletonKey  a transliteration-robust consonant skeleton of NameKey for
//                Latin-script names: "Deir ez-Zor", "Deir El-Zour", "Deir
//                Ezzor", "Der Zor", "Dayr az Zawr" -> "drzr". Keys collide
//                across places: use them to generate candidates, then rank.
//
// All three are pure functions of their input, fast on ASCII (no ICU call),
// and return "" for input with no letters or digits.
#ifndef DOSSIER_LEXICON_NAME_KEY_H_
#define DOSSIER_LEXICON_NAME_KEY_H_

#include <string>
#include <string_view>

namespace dossier {

// Lower case (full case folding), diacritics removed (NFKD, combining marks
// dropped), apostrophes and ʻʼ’‘`´ removed without a space ("Sha'abi" ->
// "shaabi"), every other run of non-letter, non-digit characters (hyphens,
// dots, spaces, punctuation) turned into one space; trimmed. Letters of
// non-Latin scripts are kept (folded). "U.S." -> "u s".
std::string FoldName(std::string_view name);

// FoldName, then article tokens removed where they stand as a whole token of
// a name of two or more tokens: al el il ul ar as at ad an az ash adh ath
// ez es et ed en er. A name that is only articles keeps them.
std::string NameKey(std::string_view name);

// Consonant skeleton of NameKey (spaces removed): vowels and the semivowels
// y and w dropped, h dropped except where it starts a token (so kh/sh/th/
// dh/gh and final -ah/-eh fold), q and c read as k, doubled letters
// collapsed; in a token after the first, a glued assimilated article ("Ezzor",
// "Arraqqa": 'a'/'e' then a doubled sun letter) is dropped. "" for keys with
// a non-Latin letter or a skeleton shorter than two letters.
std::string SkeletonKey(std::string_view name);
// SkeletonKey of a name whose NameKey is `name_key` (SkeletonKey(name) ==
// SkeletonOfKey(NameKey(name))): for callers that have the key already.
std::string SkeletonOfKey(std::string_view name_key);

// True if `token` (already folded) is an Arabic article token per NameKey.
bool IsArticleToken(std::string_view token);

}  // namespace dossier

#endif  // DOSSIER_LEXICON_NAME_KEY_H_
