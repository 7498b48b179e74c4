// libFuzzer target: the signed revocation list (§7) offered to a RevocationBook that holds
// the fuzz world's list of seq kHeldRevocationSeq, as a client does after a restart. Inputs
// up to 4 MiB (trust.md §2 v2; scripts/fuzz.sh runs it with -max_len=4194304).
//
// Besides memory safety it aborts when:
//  - a list the book does not accept changes anything: the list in force (the same object,
//    so the same seq and entries), the epoch, or what the state persisted;
//  - an accepted list rolls back (a lower seq), is not the one in force afterwards, or is
//    over 4 MiB;
//  - v2 (once the book has the same-seq rule, RejectedConflict): a list accepted at the held
//    seq (same seq means Unchanged or a conflict, never a new list in force).
//
// The signature covers the payload, so mutated lists rarely reach the payload parser:
// fuzz_revocation_large signs what it builds and fuzzes the parser behind the signature.
#include "FuzzRevocationBook.h"

using namespace vf;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    fuzz::offerToHeldBook(bytes);
    return 0;
}
