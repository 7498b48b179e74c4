// libFuzzer target: the signed revocation list (§7) and the rollback rule of RevocationBook.
#include "FuzzWorld.h"
#include "RevocationList.h"

#include <cstdlib>

using namespace vf;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz::World &w = fuzz::world();
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    static trust::InMemoryRevocationState state;
    static trust::RevocationBook book(&state);
    const quint64 before = book.current()->seq;
    const auto update = book.offer(bytes, *w.anchors, w.nowMs / 1000);
    if (update.outcome == trust::RevocationBook::Outcome::Accepted && book.current()->seq < before)
        std::abort(); // a rollback got through
    return 0;
}
