#pragma once
// The bytes of one clip that have passed verification, in clip order: the only thing a clip
// decoder may read (docs/client-core.md: nothing reaches a decoder without a verified verdict
// for the signed-in account).
//
// Fed on the GUI thread from VerifiedClipStream::verifiedBytes(bytes, offset), which releases
// each segment only once its SHA-256 matched the attestation; read by a decoder's demux
// thread. Append-only: bytes must arrive at exactly the current end (no gaps, no overlaps,
// nothing past the attested length). A refused clip drops its bytes and every reader gets an
// error at once; abort() (on close) does the same without the verdict.
//
// Thread-safe: every member may be called from any thread.
#include <QByteArray>
#include <QDeadlineTimer>
#include <QMutex>
#include <QWaitCondition>
#include <QtGlobal>
#include <atomic>
#include <vector>

namespace vf::media {

class VerifiedClipBuffer {
public:
    // trust.md §2: a clip is at most 512 MiB.
    static constexpr qint64 kMaxTotalBytes = qint64(512) * 1024 * 1024;

    enum class State {
        Streaming, // bytes may still come
        Complete,  // all totalBytes() are here
        Refused,   // the clip was refused: no bytes, readers fail
        Aborted,   // closed: no bytes, readers fail
    };

    // read()'s results other than a byte count.
    static constexpr qint64 kEnd = 0;        // pos is at (or past) the end of a complete clip
    static constexpr qint64 kRefused = -1;   // the clip was refused
    static constexpr qint64 kAborted = -2;   // the buffer was aborted
    static constexpr qint64 kCancelled = -3; // the reader's own cancel flag was set
    static constexpr qint64 kTimedOut = -4;  // the deadline passed with no bytes at pos

    // totalBytes: the attested length of the clip (0..kMaxTotalBytes; anything else is
    // treated as 0, and such a buffer only ever completes empty).
    explicit VerifiedClipBuffer(qint64 totalBytes);

    VerifiedClipBuffer(const VerifiedClipBuffer &) = delete;
    VerifiedClipBuffer &operator=(const VerifiedClipBuffer &) = delete;

    qint64 totalBytes() const { return m_total; }
    qint64 size() const; // bytes appended so far
    State state() const;
    bool isComplete() const { return state() == State::Complete; }
    bool isRefused() const { return state() == State::Refused; }

    // Adds verified bytes at clip offset `offset`. False (and nothing changes) unless offset is
    // exactly size(), the bytes stay within totalBytes() and the buffer is still streaming.
    // Empty bytes at the end are accepted and change nothing. Reaching totalBytes() does not
    // complete the buffer: markComplete() does.
    bool append(const QByteArray &bytes, qint64 offset);

    // All bytes are here. False when size() != totalBytes() or the buffer is no longer
    // streaming (a complete buffer stays complete: true).
    bool markComplete();

    // The clip was refused: drops the bytes; blocked and later reads return kRefused at once.
    // Overrides Streaming and Complete (a late refusal still stops playback).
    void markRefused();

    // Closed (e.g. the player went away): drops the bytes; reads return kAborted at once.
    void abort();

    // Copies up to maxLen bytes at clip offset pos into dst. Blocks until bytes at pos are
    // here, the clip ends, is refused or aborted, *cancelled becomes true (call wakeReaders()
    // after setting it) or the deadline passes. Returns the number of bytes copied (> 0), or
    // kEnd, kRefused, kAborted, kCancelled, kTimedOut. pos outside 0..totalBytes() gives kEnd.
    qint64 read(qint64 pos, char *dst, qint64 maxLen, const std::atomic<bool> *cancelled = nullptr,
                QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever));

    // Convenience for tests: the bytes read() would copy (empty on anything but a byte count;
    // `status`, when given, receives read()'s result).
    QByteArray read(qint64 pos, qint64 maxLen, qint64 *status = nullptr,
                    QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever));

    // Wakes blocked readers so they re-check their cancel flags.
    void wakeReaders();

private:
    struct Chunk {
        qint64 offset;
        QByteArray bytes; // implicitly shared with the signal's argument: no copy
    };

    void dropBytesLocked();

    const qint64 m_total;
    mutable QMutex m_mutex;
    QWaitCondition m_changed;
    std::vector<Chunk> m_chunks;
    qint64 m_size = 0;
    State m_state = State::Streaming;
};

} // namespace vf::media
