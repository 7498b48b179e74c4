#pragma once
// A write-only AVIOContext over a QByteArray, so a muxer writes the clip into memory (the
// cloud stores and signs bytes; there is no reason to touch the disk). Fragmented MP4 only
// appends, but the muxer still gets a seek callback because the mp4 muxer's trailer (the
// mfra index) patches a size it wrote moments earlier. rewrittenBytes() lets tests check
// that such patches never reach bytes a streaming client could already have verified.
#include <QByteArray>
#include <QtGlobal>

struct AVIOContext;

namespace vf::camsim {

class MemoryOutput {
public:
    // maxBytes bounds the output so a runaway muxer fails cleanly instead of eating memory.
    explicit MemoryOutput(qsizetype maxBytes = 512 * 1024 * 1024);
    ~MemoryOutput();

    MemoryOutput(const MemoryOutput &) = delete;
    MemoryOutput &operator=(const MemoryOutput &) = delete;

    // Null when allocation failed.
    AVIOContext *context() const { return m_io; }

    // Bytes written so far that reached us (call after av_write_trailer, which flushes).
    const QByteArray &bytes() const { return m_bytes; }
    QByteArray takeBytes();

    // How many bytes were overwritten after first being written (0 for a pure stream).
    qint64 rewrittenBytes() const { return m_rewritten; }

private:
    static int writePacket(void *opaque, uint8_t *buf, int size);
    static int64_t seek(void *opaque, int64_t offset, int whence);
    int write(const uint8_t *data, int size);

    QByteArray m_bytes;
    qint64 m_pos = 0;
    qint64 m_rewritten = 0;
    qsizetype m_maxBytes;
    AVIOContext *m_io = nullptr;
};

} // namespace vf::camsim
