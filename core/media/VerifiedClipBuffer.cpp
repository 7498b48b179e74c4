#include "VerifiedClipBuffer.h"

#include <algorithm>
#include <cstring>

namespace vf::media {

VerifiedClipBuffer::VerifiedClipBuffer(qint64 totalBytes)
    : m_total(totalBytes >= 0 && totalBytes <= kMaxTotalBytes ? totalBytes : 0) {}

qint64 VerifiedClipBuffer::size() const {
    QMutexLocker lock(&m_mutex);
    return m_size;
}

VerifiedClipBuffer::State VerifiedClipBuffer::state() const {
    QMutexLocker lock(&m_mutex);
    return m_state;
}

bool VerifiedClipBuffer::append(const QByteArray &bytes, qint64 offset) {
    QMutexLocker lock(&m_mutex);
    if (m_state != State::Streaming || offset != m_size || bytes.size() > m_total - m_size)
        return false;
    if (bytes.isEmpty())
        return true;
    m_chunks.push_back(Chunk{offset, bytes});
    m_size += bytes.size();
    m_changed.wakeAll();
    return true;
}

bool VerifiedClipBuffer::markComplete() {
    QMutexLocker lock(&m_mutex);
    if (m_state == State::Complete)
        return true;
    if (m_state != State::Streaming || m_size != m_total)
        return false;
    m_state = State::Complete;
    m_changed.wakeAll();
    return true;
}

void VerifiedClipBuffer::markRefused() {
    QMutexLocker lock(&m_mutex);
    if (m_state == State::Refused)
        return;
    m_state = State::Refused;
    dropBytesLocked();
    m_changed.wakeAll();
}

void VerifiedClipBuffer::abort() {
    QMutexLocker lock(&m_mutex);
    if (m_state == State::Refused || m_state == State::Aborted)
        return;
    m_state = State::Aborted;
    dropBytesLocked();
    m_changed.wakeAll();
}

void VerifiedClipBuffer::wakeReaders() {
    QMutexLocker lock(&m_mutex);
    m_changed.wakeAll();
}

void VerifiedClipBuffer::dropBytesLocked() {
    std::vector<Chunk>().swap(m_chunks);
    m_size = 0;
}

qint64 VerifiedClipBuffer::read(qint64 pos, char *dst, qint64 maxLen,
                                const std::atomic<bool> *cancelled, QDeadlineTimer deadline) {
    if (pos < 0 || pos >= m_total)
        return kEnd;
    QMutexLocker lock(&m_mutex);
    for (;;) {
        if (m_state == State::Refused)
            return kRefused;
        if (m_state == State::Aborted)
            return kAborted;
        if (cancelled && cancelled->load())
            return kCancelled;
        if (pos < m_size)
            break;
        if (m_state == State::Complete)
            return kEnd; // unreachable while size == total, kept for safety
        if (!m_changed.wait(&m_mutex, deadline) && deadline.hasExpired()) {
            if (pos < m_size || m_state != State::Streaming)
                continue; // the last wake-up raced with the deadline: report what happened
            return kTimedOut;
        }
    }
    if (maxLen <= 0 || !dst)
        return 0;
    // The chunk holding pos: the last one starting at or before it.
    auto it = std::upper_bound(m_chunks.begin(), m_chunks.end(), pos,
                               [](qint64 p, const Chunk &c) { return p < c.offset; });
    --it;
    qint64 copied = 0;
    while (copied < maxLen && it != m_chunks.end()) {
        const qint64 inChunk = pos + copied - it->offset;
        const qint64 n = std::min<qint64>(maxLen - copied, it->bytes.size() - inChunk);
        std::memcpy(dst + copied, it->bytes.constData() + inChunk, static_cast<size_t>(n));
        copied += n;
        ++it;
    }
    return copied;
}

QByteArray VerifiedClipBuffer::read(qint64 pos, qint64 maxLen, qint64 *status,
                                    QDeadlineTimer deadline) {
    QByteArray out;
    const qint64 want = std::clamp<qint64>(maxLen, 0, std::max<qint64>(0, m_total - pos));
    out.resize(want);
    const qint64 n = read(pos, out.data(), want, nullptr, deadline);
    if (status)
        *status = n;
    out.resize(std::max<qint64>(0, n));
    return out;
}

} // namespace vf::media
