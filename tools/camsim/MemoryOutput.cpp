#include "MemoryOutput.h"

extern "C" {
#include <libavformat/avio.h>
#include <libavutil/error.h>
#include <libavutil/mem.h>
}

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <new>
#include <utility>

namespace vf::camsim {
namespace {

// avio's staging buffer: writes reach us in chunks of this size. 64 KiB keeps the number of
// callbacks low for clips of a few hundred KiB.
constexpr int kIoBufferSize = 64 * 1024;

} // namespace

MemoryOutput::MemoryOutput(qsizetype maxBytes)
    : m_maxBytes(maxBytes) {
    auto *buffer = static_cast<unsigned char *>(av_malloc(kIoBufferSize));
    if (!buffer)
        return;
    m_io = avio_alloc_context(buffer, kIoBufferSize, 1, this, nullptr, &MemoryOutput::writePacket,
                              &MemoryOutput::seek);
    if (!m_io)
        av_free(buffer);
}

MemoryOutput::~MemoryOutput() {
    if (m_io) {
        // avio may have replaced the buffer we gave it; free the one it holds now.
        av_freep(&m_io->buffer);
        avio_context_free(&m_io);
    }
}

QByteArray MemoryOutput::takeBytes() {
    m_pos = 0;
    return std::exchange(m_bytes, QByteArray());
}

int MemoryOutput::write(const uint8_t *data, int size) {
    if (size < 0)
        return AVERROR(EINVAL);
    const qint64 end = m_pos + size;
    if (end > m_maxBytes)
        return AVERROR(ENOSPC);
    const qint64 oldSize = m_bytes.size();
    const qint64 overlap = std::max<qint64>(0, std::min(end, oldSize) - m_pos);
    // Exceptions must not unwind through FFmpeg's C frames: report ENOMEM instead.
    try {
        if (m_pos > oldSize) // a seek past the end leaves a hole of zeros
            m_bytes.append(m_pos - oldSize, '\0');
        if (end > m_bytes.size())
            m_bytes.resize(end);
    } catch (const std::bad_alloc &) {
        return AVERROR(ENOMEM);
    }
    m_rewritten += overlap;
    std::memcpy(m_bytes.data() + m_pos, data, static_cast<size_t>(size));
    m_pos = end;
    return size;
}

int MemoryOutput::writePacket(void *opaque, uint8_t *buf, int size) {
    return static_cast<MemoryOutput *>(opaque)->write(buf, size);
}

int64_t MemoryOutput::seek(void *opaque, int64_t offset, int whence) {
    auto *self = static_cast<MemoryOutput *>(opaque);
    qint64 base = 0;
    switch (whence & ~AVSEEK_FORCE) {
    case AVSEEK_SIZE:
        return self->m_bytes.size();
    case SEEK_SET:
        base = 0;
        break;
    case SEEK_CUR:
        base = self->m_pos;
        break;
    case SEEK_END:
        base = self->m_bytes.size();
        break;
    default:
        return AVERROR(EINVAL);
    }
    const qint64 target = base + offset;
    if (target < 0 || target > self->m_maxBytes)
        return AVERROR(EINVAL);
    self->m_pos = target;
    return target;
}

} // namespace vf::camsim
