#pragma once
// The revocation fuzzers' book: one RevocationBook over an in-memory state holding the fuzz
// world's list of seq kHeldRevocationSeq (restored, as at a client's start), and the checks
// every offer must pass. A book that accepted an input is made again for the next input, so
// every input meets the same held list.
#include "FuzzWorld.h"
#include "RevocationList.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace vf::fuzz {

[[noreturn]] inline void revocationFailure(const char *what) {
    std::fprintf(stderr, "revocation fuzzer: %s\n", what);
    std::abort();
}

// v2's book refuses a different payload under the held seq (trust.md §7 v2).
template <typename Book> constexpr bool kHasSameSeqRule = requires {
    Book::Outcome::RejectedConflict;
};

struct HeldBook {
    QByteArray heldBytes;
    std::unique_ptr<trust::InMemoryRevocationState> state;
    std::unique_ptr<trust::RevocationBook> book;

    void reset() {
        const World &w = world();
        if (heldBytes.isEmpty())
            heldBytes = w.pki.signRevocations(seedRevocations(kHeldRevocationSeq, w.nowMs / 1000));
        state = std::make_unique<trust::InMemoryRevocationState>();
        state->recordAccepted(kHeldRevocationSeq, heldBytes);
        book = std::make_unique<trust::RevocationBook>(state.get());
        book->restore(*w.anchors, w.nowMs / 1000);
        if (book->current()->seq != kHeldRevocationSeq)
            revocationFailure("the held list does not restore");
    }
};

struct Offered {
    trust::RevocationBook::Update update;
    std::shared_ptr<const trust::RevocationList> inForce; // after the offer
};

inline Offered offerToHeldBook(const QByteArray &bytes) {
    static HeldBook held;
    if (!held.book)
        held.reset();
    trust::RevocationBook &book = *held.book;
    const World &w = world();
    const std::shared_ptr<const trust::RevocationList> before = book.current();
    const quint64 epochBefore = book.epoch();

    Offered out{book.offer(bytes, *w.anchors, w.nowMs / 1000), book.current()};
    using Outcome = trust::RevocationBook::Outcome;
    if (out.update.outcome != Outcome::Accepted) {
        if (out.inForce != before || book.epoch() != epochBefore)
            revocationFailure("a list the book did not accept changed the list in force");
        if (held.state->highestAcceptedSeq() != kHeldRevocationSeq ||
            held.state->acceptedList() != held.heldBytes)
            revocationFailure("a list the book did not accept was persisted");
        return out;
    }
    if (out.inForce->seq < before->seq || out.update.seq < before->seq)
        revocationFailure("a rollback got through");
    if (out.inForce == before || out.inForce->seq != out.update.seq || book.epoch() == epochBefore)
        revocationFailure("an accepted list is not the one in force");
    if (held.state->highestAcceptedSeq() != out.update.seq || held.state->acceptedList() != bytes)
        revocationFailure("an accepted list is not the one persisted");
    if (bytes.size() > kMaxRevocationBytes)
        revocationFailure("a list over 4 MiB was accepted");
    if constexpr (kHasSameSeqRule<trust::RevocationBook>) {
        if (out.update.seq == before->seq)
            revocationFailure("a list under the held seq replaced the held one");
    }
    held.reset(); // the next input meets the held list again
    return out;
}

} // namespace vf::fuzz
