#pragma once
// Test helper: demuxes and decodes a clip from memory with FFmpeg's own MP4 demuxer and
// native H.264 decoder (not x264), i.e. the way a player would, to prove the encoder's
// output is a valid, complete, fragmented MP4 with the scene in it.
#include <QByteArray>
#include <QImage>
#include <QString>
#include <QStringList>

namespace vf::camsim::test {

struct ProbeResult {
    QString error; // empty when the clip decoded without errors
    QString formatName;
    QString decoderName;
    int width = 0;
    int height = 0;
    int frames = 0;
    int keyframes = 0; // decoded key frames
    double fps = 0;    // the stream's average frame rate
    QImage firstFrame; // RGB32
    double firstFrameLumaStdDev = 0;
    int firstFrameLumaMin = 0;
    int firstFrameLumaMax = 0;
};

class ClipDecoderProbe {
public:
    static ProbeResult probe(const QByteArray &mp4);

    // The four-character types of the top-level ISO-BMFF boxes, in file order, e.g.
    // ftyp moov moof mdat moof mdat … mfra. Empty when the box structure is broken.
    static QStringList topLevelBoxes(const QByteArray &mp4);
};

} // namespace vf::camsim::test
