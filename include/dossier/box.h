// Box<T>: an optional value kept on the heap, with value semantics.
//
// A Mention carries up to four kinds of value (date, geo, actor, quantity)
// but at most one is set. Held in std::optional they made every Mention
// ~800 bytes, and the link step moves mentions around by the hundred
// thousand; boxed, an unset value costs one pointer and a move costs a
// pointer copy. The interface is the part of std::optional the code uses:
// bool test, *, ->, value(), emplace, reset, assignment from T and nullopt.
#ifndef DOSSIER_BOX_H_
#define DOSSIER_BOX_H_

#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>

namespace dossier {

template <class T>
class Box {
 public:
  Box() = default;
  Box(std::nullopt_t) {}
  Box(const T& v) : p_(std::make_unique<T>(v)) {}
  Box(T&& v) : p_(std::make_unique<T>(std::move(v))) {}
  Box(const Box& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
  Box(Box&&) noexcept = default;
  Box& operator=(const Box& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
    return *this;
  }
  Box& operator=(Box&&) noexcept = default;
  Box& operator=(std::nullopt_t) {
    p_.reset();
    return *this;
  }
  Box& operator=(const T& v) {
    if (p_) *p_ = v; else p_ = std::make_unique<T>(v);
    return *this;
  }
  Box& operator=(T&& v) {
    if (p_) *p_ = std::move(v); else p_ = std::make_unique<T>(std::move(v));
    return *this;
  }

  template <class... Args>
  T& emplace(Args&&... args) {
    p_ = std::make_unique<T>(std::forward<Args>(args)...);
    return *p_;
  }
  void reset() { p_.reset(); }

  bool has_value() const { return p_ != nullptr; }
  explicit operator bool() const { return p_ != nullptr; }
  T& operator*() { return *p_; }
  const T& operator*() const { return *p_; }
  T* operator->() { return p_.get(); }
  const T* operator->() const { return p_.get(); }
  T& value() {
    if (!p_) throw std::bad_optional_access();
    return *p_;
  }
  const T& value() const {
    if (!p_) throw std::bad_optional_access();
    return *p_;
  }

 private:
  std::unique_ptr<T> p_;
};

}  // namespace dossier

#endif  // DOSSIER_BOX_H_
