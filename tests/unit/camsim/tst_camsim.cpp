// The camera simulator's media: scenes that tell cameras and moments apart, JPEG thumbnails
// and fragmented H.264 clips that FFmpeg decodes back, and the segment hashes of trust.md §5.
#include "ClipDecoderProbe.h"
#include "ClipEncoder.h"
#include "OsdFont.h"
#include "SceneRenderer.h"
#include "SceneSpec.h"
#include "SegmentHasher.h"
#include "ThumbnailEncoder.h"

extern "C" {
#include <libavutil/log.h>
}

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QTest>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace vf::camsim;
using vf::camsim::test::ClipDecoderProbe;

namespace {

constexpr qint64 kCaptureMs = 1714566896789; // 2024-05-01 12:34:56.789 UTC

SceneSpec frontDoor(const QString &label = QStringLiteral("person")) {
    return SceneSpec::forCamera(QStringLiteral("cam-0001"), QStringLiteral("Front Door"), label);
}

SceneSpec garage(const QString &label = QStringLiteral("person")) {
    return SceneSpec::forCamera(QStringLiteral("cam-0002"), QStringLiteral("Garage"), label);
}

// Share of pixels whose colour differs by more than `threshold` on some channel, inside
// `area` (whole image when empty).
double differingShare(const QImage &a, const QImage &b, int threshold = 24, QRect area = {}) {
    if (a.size() != b.size())
        return 1.0;
    const QImage x = a.convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    if (area.isEmpty())
        area = x.rect();
    qint64 differing = 0;
    for (int row = area.top(); row <= area.bottom(); ++row) {
        const auto *pa = reinterpret_cast<const QRgb *>(x.constScanLine(row));
        const auto *pb = reinterpret_cast<const QRgb *>(y.constScanLine(row));
        for (int col = area.left(); col <= area.right(); ++col) {
            const int d = std::max({std::abs(qRed(pa[col]) - qRed(pb[col])),
                                    std::abs(qGreen(pa[col]) - qGreen(pb[col])),
                                    std::abs(qBlue(pa[col]) - qBlue(pb[col]))});
            differing += d > threshold;
        }
    }
    return double(differing) / (double(area.width()) * area.height());
}

// Mean absolute difference per channel: small when an encode/decode round trip kept colours.
double meanAbsDiff(const QImage &a, const QImage &b) {
    const QImage x = a.convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    double total = 0;
    for (int row = 0; row < x.height(); ++row) {
        const auto *pa = reinterpret_cast<const QRgb *>(x.constScanLine(row));
        const auto *pb = reinterpret_cast<const QRgb *>(y.constScanLine(row));
        for (int col = 0; col < x.width(); ++col)
            total += std::abs(qRed(pa[col]) - qRed(pb[col])) +
                     std::abs(qGreen(pa[col]) - qGreen(pb[col])) +
                     std::abs(qBlue(pa[col]) - qBlue(pb[col]));
    }
    return total / (3.0 * x.width() * x.height());
}

// VF_CAMSIM_DUMP=dir writes what the tests looked at, for a person to look at too.
void dump(const QString &name, const QByteArray &bytes) {
    const QString dir = qEnvironmentVariable("VF_CAMSIM_DUMP");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QFile file(dir + u'/' + name);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
}

void dump(const QString &name, const QImage &image) {
    const QString dir = qEnvironmentVariable("VF_CAMSIM_DUMP");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    image.save(dir + u'/' + name);
}

} // namespace

class TstCamsim : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        // x264 prints its statistics at INFO; keep the test log readable.
        av_log_set_level(AV_LOG_ERROR);
    }

    // --- scene ------------------------------------------------------------------------------

    void labelsPickSubjects() {
        QCOMPARE(SceneSpec::subjectForLabel(u"person"), SubjectKind::Person);
        QCOMPARE(SceneSpec::subjectForLabel(u" Person "), SubjectKind::Person);
        QCOMPARE(SceneSpec::subjectForLabel(u"vehicle"), SubjectKind::Vehicle);
        QCOMPARE(SceneSpec::subjectForLabel(u"car"), SubjectKind::Vehicle);
        QCOMPARE(SceneSpec::subjectForLabel(u"animal"), SubjectKind::Animal);
        QCOMPARE(SceneSpec::subjectForLabel(u"motion"), SubjectKind::Blob);
        QCOMPARE(SceneSpec::subjectForLabel(u""), SubjectKind::Blob);
    }

    void backdropIgnoresLabel() {
        // The same camera shows the same yard whatever the event is.
        const SceneSpec a = frontDoor(QStringLiteral("person"));
        const SceneSpec b = frontDoor(QStringLiteral("vehicle"));
        QCOMPARE(a.seed, b.seed);
        QCOMPARE(a.skyTop, b.skyTop);
        QCOMPARE(a.groundHorizon, b.groundHorizon);
        QCOMPARE(a.props.size(), b.props.size());
        QVERIFY(a.subject != b.subject);
    }

    void worldSeedChangesScene() {
        const auto a = SceneSpec::forCamera(QStringLiteral("cam-0001"), QString(), QString(), 1);
        const auto b = SceneSpec::forCamera(QStringLiteral("cam-0001"), QString(), QString(), 2);
        QVERIFY(a.seed != b.seed);
    }

    void timestamps() {
        QCOMPARE(SceneRenderer::timestampText(kCaptureMs, 0),
                 QStringLiteral("2024-05-01 12:34:56.789"));
        QCOMPARE(SceneRenderer::timestampText(kCaptureMs, 120),
                 QStringLiteral("2024-05-01 14:34:56.789"));
        QCOMPARE(SceneRenderer::timestampText(kCaptureMs, -13 * 60),
                 QStringLiteral("2024-04-30 23:34:56.789"));
        QCOMPARE(SceneRenderer::frameTimeMs(kCaptureMs, 0, 15), kCaptureMs);
        QCOMPARE(SceneRenderer::frameTimeMs(kCaptureMs, 7, 15), kCaptureMs + 466);
        QCOMPARE(SceneRenderer::frameTimeMs(kCaptureMs, 15, 15), kCaptureMs + 1000);
    }

    void osdFont() {
        QCOMPARE(OsdFont::toDrawable(u"Café Ärger ☕"), QStringLiteral("Cafe Arger ?"));
        QCOMPARE(OsdFont::textSize(u"ab", 2), QSize((2 * 6 - 1) * 2, 16));
        QCOMPARE(OsdFont::elide(u"Back Garden", 1000, 1), QStringLiteral("Back Garden"));
        const QString cut = OsdFont::elide(u"Back Garden Camera", 6 * 8 * 2, 2);
        QVERIFY(cut.endsWith(QStringLiteral("..")));
        QVERIFY(OsdFont::textSize(cut, 2).width() <= 6 * 8 * 2);
        // The timestamp fits both the thumbnail and the clip at their OSD scale.
        for (const QSize size : {QSize(320, 180), QSize(640, 360), QSize(160, 90)}) {
            const int scale = SceneRenderer::osdScale(size);
            QVERIFY(scale >= 1);
            QVERIFY2(OsdFont::textSize(u"2024-05-01 12:34:56.789", scale).width() <
                         size.width() - 8,
                     qPrintable(QStringLiteral("%1x%2").arg(size.width()).arg(size.height())));
        }
        QCOMPARE(SceneRenderer::osdScale(QSize(320, 180)), 2);
    }

    void renderRejectsBadInput() {
        const SceneSpec spec = frontDoor();
        QVERIFY(SceneRenderer(QSize(0, 0)).renderFrame(spec, kCaptureMs, 0, 15).isNull());
        QVERIFY(SceneRenderer(QSize(-5, 10)).renderFrame(spec, kCaptureMs, 0, 15).isNull());
        QVERIFY(SceneRenderer(QSize(100000, 10)).renderFrame(spec, kCaptureMs, 0, 15).isNull());
        QVERIFY(SceneRenderer().renderFrame(spec, kCaptureMs, 0, 0).isNull());
        QVERIFY(SceneRenderer().renderFrame(spec, kCaptureMs, -1, 15).isNull());
        // A default-constructed spec is drawable (all black, no name) rather than a crash.
        QVERIFY(!SceneRenderer().renderFrame(SceneSpec(), kCaptureMs, 0, 15).isNull());
    }

    void renderIsDeterministic() {
        const SceneRenderer renderer;
        const QImage a = renderer.renderFrame(frontDoor(), kCaptureMs, 5, 15);
        const QImage b = SceneRenderer().renderFrame(frontDoor(), kCaptureMs, 5, 15);
        QCOMPARE(a.size(), QSize(640, 360));
        QCOMPARE(a.format(), QImage::Format_RGB32);
        QVERIFY(a == b);
        dump(QStringLiteral("frame-front-door-0005.png"), a);
    }

    void camerasDiffer() {
        // Several cameras, every pair visibly different over most of the frame.
        const QStringList ids = {QStringLiteral("cam-0001"), QStringLiteral("cam-0002"),
                                 QStringLiteral("cam-0003"), QStringLiteral("cam-0004"),
                                 QStringLiteral("cam-0005"), QStringLiteral("cam-0006")};
        QList<QImage> frames;
        for (const QString &id : ids) {
            frames.append(SceneRenderer().renderFrame(
                SceneSpec::forCamera(id, id, QStringLiteral("person")), kCaptureMs, 0, 15));
            dump(QStringLiteral("frame-%1.png").arg(id), frames.last());
        }
        for (int i = 0; i < frames.size(); ++i) {
            for (int j = i + 1; j < frames.size(); ++j) {
                const double share = differingShare(frames[i], frames[j]);
                QVERIFY2(share > 0.2,
                         qPrintable(QStringLiteral("%1 vs %2: %3").arg(ids[i], ids[j]).arg(share)));
            }
        }
    }

    void framesShowMotion() {
        const SceneRenderer renderer;
        for (const QString &label : {QStringLiteral("person"), QStringLiteral("vehicle"),
                                     QStringLiteral("animal"), QStringLiteral("motion")}) {
            const SceneSpec spec = garage(label);
            const QImage first = renderer.renderFrame(spec, kCaptureMs, 0, 15);
            const QImage later = renderer.renderFrame(spec, kCaptureMs, 15, 15);
            dump(QStringLiteral("frame-garage-%1-00.png").arg(label), first);
            dump(QStringLiteral("frame-garage-%1-15.png").arg(label), later);
            // Away from the OSD bands, so the timestamp alone cannot pass the test.
            const QRect middle(0, 360 * 15 / 100, 640, 360 * 65 / 100);
            const double share = differingShare(first, later, 24, middle);
            QVERIFY2(share > 0.01, qPrintable(QStringLiteral("%1: %2").arg(label).arg(share)));
            // And the clock runs: the bottom band differs too.
            QVERIFY(differingShare(first, later, 24, QRect(0, 320, 640, 40)) > 0.001);
        }
    }

    void eventsOfOneCameraDiffer() {
        // Two events of one camera start the subject in different places.
        const QImage a = SceneRenderer().renderFrame(frontDoor(), kCaptureMs, 0, 15);
        const QImage b = SceneRenderer().renderFrame(frontDoor(), kCaptureMs + 3600000, 0, 15);
        QVERIFY(differingShare(a, b, 24, QRect(0, 60, 640, 250)) > 0.01);
    }

    // --- thumbnails -------------------------------------------------------------------------

    void thumbnailIsJpeg() {
        const ThumbnailEncoder encoder;
        const EncodeResult result = encoder.encodeScene(frontDoor(), kCaptureMs);
        QVERIFY2(result.ok(), qPrintable(result.error));
        const QByteArray &jpeg = result.bytes;
        dump(QStringLiteral("thumbnail-front-door.jpg"), jpeg);
        QVERIFY(jpeg.size() > 1000);
        QVERIFY(jpeg.size() < 100 * 1024);
        QCOMPARE(quint8(jpeg.at(0)), quint8(0xFF));
        QCOMPARE(quint8(jpeg.at(1)), quint8(0xD8));
        QCOMPARE(quint8(jpeg.at(jpeg.size() - 2)), quint8(0xFF));
        QCOMPARE(quint8(jpeg.at(jpeg.size() - 1)), quint8(0xD9));
        // BITEXACT: no encoder version string in the file.
        QVERIFY(!jpeg.contains("Lavc"));

        QImage decoded;
        QVERIFY(decoded.loadFromData(jpeg, "JPEG"));
        QCOMPARE(decoded.size(), QSize(320, 180));
        // Colours survive (full-range YUV, BT.601 both ways): close to what was drawn.
        const QImage drawn =
            SceneRenderer(QSize(320, 180)).renderFrame(frontDoor(), kCaptureMs, 0, 1);
        const double mad = meanAbsDiff(drawn, decoded);
        QVERIFY2(mad < 6.0, qPrintable(QString::number(mad)));
    }

    void thumbnailScalesAnyImage() {
        const QImage big = SceneRenderer(QSize(1280, 720)).renderFrame(garage(), kCaptureMs, 0, 15);
        const EncodeResult result = ThumbnailEncoder().encode(big);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QImage decoded;
        QVERIFY(decoded.loadFromData(result.bytes, "JPEG"));
        QCOMPARE(decoded.size(), QSize(320, 180));
        // Other source formats are converted rather than refused.
        const EncodeResult fromRgb888 =
            ThumbnailEncoder().encode(big.convertToFormat(QImage::Format_RGB888));
        QVERIFY2(fromRgb888.ok(), qPrintable(fromRgb888.error));
    }

    void thumbnailQualityMatters() {
        const QImage frame = SceneRenderer(QSize(320, 180)).renderFrame(garage(), kCaptureMs, 0, 1);
        const EncodeResult low = ThumbnailEncoder({QSize(320, 180), 20}).encode(frame);
        const EncodeResult high = ThumbnailEncoder({QSize(320, 180), 95}).encode(frame);
        QVERIFY(low.ok() && high.ok());
        QVERIFY2(
            low.bytes.size() < high.bytes.size(),
            qPrintable(QStringLiteral("%1 vs %2").arg(low.bytes.size()).arg(high.bytes.size())));
        QCOMPARE(ThumbnailEncoder::qscaleForQuality(1), 31);
        QCOMPARE(ThumbnailEncoder::qscaleForQuality(100), 2);
    }

    void thumbnailIsDeterministic() {
        const ThumbnailEncoder encoder;
        const EncodeResult a = encoder.encodeScene(garage(), kCaptureMs);
        const EncodeResult b = ThumbnailEncoder().encodeScene(garage(), kCaptureMs);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a.bytes, b.bytes);
        const EncodeResult other = encoder.encodeScene(frontDoor(), kCaptureMs);
        QVERIFY(other.bytes != a.bytes);
    }

    void thumbnailBadParameters() {
        const QImage frame = SceneRenderer().renderFrame(garage(), kCaptureMs, 0, 15);
        for (const ThumbnailSettings &bad :
             {ThumbnailSettings{QSize(0, 0), 80}, ThumbnailSettings{QSize(-320, 180), 80},
              ThumbnailSettings{QSize(320, 99999), 80}, ThumbnailSettings{QSize(320, 180), 0},
              ThumbnailSettings{QSize(320, 180), 101}}) {
            const EncodeResult r = ThumbnailEncoder(bad).encode(frame);
            QVERIFY(!r.ok());
            QVERIFY(r.bytes.isEmpty());
            QVERIFY(r.error.startsWith(QStringLiteral("thumbnail:")));
            QVERIFY(!ThumbnailEncoder(bad).encodeScene(garage(), kCaptureMs).ok());
        }
        const EncodeResult noImage = ThumbnailEncoder().encode(QImage());
        QVERIFY(!noImage.ok());
        QVERIFY(!noImage.error.isEmpty());
    }

    // --- clips ------------------------------------------------------------------------------

    void clipDecodes() {
        const ClipEncoder encoder; // 640x360, 15 fps, 4 s, keyframe every second
        QCOMPARE(ClipEncoder::frameCount(encoder.settings()), 60);
        ClipStats stats;
        const EncodeResult result = encoder.encodeScene(frontDoor(), kCaptureMs, &stats);
        QVERIFY2(result.ok(), qPrintable(result.error));
        dump(QStringLiteral("clip-front-door.mp4"), result.bytes);
        QCOMPARE(stats.frames, 60);
        QCOMPARE(stats.keyframes, 4);
        // The muxer never went back to change bytes already written: a pure stream.
        QCOMPARE(stats.rewrittenBytes, qint64(0));
        QVERIFY(!result.bytes.contains("Lavf"));

        const auto probe = ClipDecoderProbe::probe(result.bytes);
        QVERIFY2(probe.error.isEmpty(), qPrintable(probe.error));
        QVERIFY2(probe.formatName.contains(QStringLiteral("mp4")), qPrintable(probe.formatName));
        QCOMPARE(probe.decoderName, QStringLiteral("h264"));
        QCOMPARE(probe.frames, 60);
        QCOMPARE(probe.width, 640);
        QCOMPARE(probe.height, 360);
        QCOMPARE(probe.keyframes, 4);
        QCOMPARE(probe.fps, 15.0);
        // The first frame has the scene in it, not a flat colour...
        QVERIFY2(probe.firstFrameLumaStdDev > 15,
                 qPrintable(QString::number(probe.firstFrameLumaStdDev)));
        QVERIFY(probe.firstFrameLumaMax - probe.firstFrameLumaMin > 100);
        // ...and it is the scene that was drawn, colours included (limited range, BT.601).
        dump(QStringLiteral("clip-front-door-decoded-0000.png"), probe.firstFrame);
        const QImage drawn = SceneRenderer().renderFrame(frontDoor(), kCaptureMs, 0, 15);
        const double mad = meanAbsDiff(drawn, probe.firstFrame);
        QVERIFY2(mad < 6.0, qPrintable(QString::number(mad)));
    }

    void clipIsFragmented() {
        const EncodeResult result =
            ClipEncoder().encodeScene(garage(QStringLiteral("vehicle")), kCaptureMs);
        QVERIFY2(result.ok(), qPrintable(result.error));
        const QStringList boxes = ClipDecoderProbe::topLevelBoxes(result.bytes);
        // ftyp, an empty moov, then one moof+mdat per one-second fragment, then the index.
        QVERIFY2(boxes.size() >= 4, qPrintable(boxes.join(u' ')));
        QCOMPARE(boxes.at(0), QStringLiteral("ftyp"));
        QCOMPARE(boxes.at(1), QStringLiteral("moov"));
        QCOMPARE(boxes.count(QStringLiteral("moof")), 4);
        QCOMPARE(boxes.count(QStringLiteral("mdat")), 4);
        QCOMPARE(boxes.count(QStringLiteral("mdat")), 4);
        const qsizetype firstMoof = boxes.indexOf(QStringLiteral("moof"));
        for (qsizetype i = firstMoof; i < firstMoof + 8; i += 2) {
            QCOMPARE(boxes.at(i), QStringLiteral("moof"));
            QCOMPARE(boxes.at(i + 1), QStringLiteral("mdat"));
        }
        QCOMPARE(boxes.last(), QStringLiteral("mfra"));
    }

    void clipIsDeterministic() {
        ClipSettings settings;
        settings.durationMs = 2000;
        const EncodeResult a = ClipEncoder(settings).encodeScene(garage(), kCaptureMs);
        const EncodeResult b = ClipEncoder(settings).encodeScene(garage(), kCaptureMs);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a.bytes.size(), b.bytes.size());
        QVERIFY(a.bytes == b.bytes);
    }

    void clipOtherSettings() {
        ClipSettings settings;
        settings.size = QSize(320, 180);
        settings.fps = 10;
        settings.durationMs = 1550; // rounds to 16 frames (15.5)
        settings.keyframeIntervalMs = 500;
        settings.preset = QStringLiteral("ultrafast");
        QCOMPARE(ClipEncoder::frameCount(settings), 16);
        const EncodeResult r =
            ClipEncoder(settings).encodeScene(frontDoor(QStringLiteral("animal")), kCaptureMs);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const auto probe = ClipDecoderProbe::probe(r.bytes);
        QVERIFY2(probe.error.isEmpty(), qPrintable(probe.error));
        QCOMPARE(probe.frames, 16);
        QCOMPARE(probe.width, 320);
        QCOMPARE(probe.height, 180);
        QCOMPARE(probe.keyframes, 4); // frames 0, 5, 10, 15
    }

    void clipBadParameters() {
        const auto expectError = [](ClipSettings s, const char *why) {
            const EncodeResult r = ClipEncoder(s).encodeScene(frontDoor(), kCaptureMs);
            QVERIFY2(!r.ok(), why);
            QVERIFY(r.bytes.isEmpty());
            QVERIFY2(r.error.startsWith(QStringLiteral("clip:")), qPrintable(r.error));
            QCOMPARE(ClipEncoder::frameCount(s), 0);
        };
        ClipSettings s;
        s.size = QSize(0, 0);
        expectError(s, "0x0");
        s = ClipSettings();
        s.size = QSize(641, 360);
        expectError(s, "odd width");
        s = ClipSettings();
        s.durationMs = -4000;
        expectError(s, "negative duration");
        s = ClipSettings();
        s.durationMs = 0;
        expectError(s, "zero duration");
        s = ClipSettings();
        s.fps = 0;
        expectError(s, "0 fps");
        s = ClipSettings();
        s.keyframeIntervalMs = -1;
        expectError(s, "negative keyframe interval");
        s = ClipSettings();
        s.preset = QStringLiteral("warp-speed");
        expectError(s, "unknown preset");
        s = ClipSettings();
        s.crf = 99;
        expectError(s, "crf");
        s = ClipSettings();
        s.threads = -2;
        expectError(s, "threads");
    }

    void clipBadFrameSource() {
        ClipSettings s;
        s.durationMs = 1000;
        const ClipEncoder encoder(s);
        QVERIFY(!encoder.encode(ClipEncoder::FrameSource()).ok());

        const QImage frame = SceneRenderer().renderFrame(garage(), kCaptureMs, 0, 15);
        const EncodeResult nullAt3 =
            encoder.encode([&](int i) { return i == 3 ? QImage() : frame; });
        QVERIFY(!nullAt3.ok());
        QVERIFY2(nullAt3.error.contains(QStringLiteral("frame 3")), qPrintable(nullAt3.error));

        const EncodeResult throwsAt5 = encoder.encode([&](int i) {
            if (i == 5)
                throw std::runtime_error("renderer exploded");
            return frame;
        });
        QVERIFY(!throwsAt5.ok());
        QVERIFY2(throwsAt5.error.contains(QStringLiteral("renderer exploded")),
                 qPrintable(throwsAt5.error));

        // Frames of another size are scaled to the clip size.
        const QImage small = SceneRenderer(QSize(160, 90)).renderFrame(garage(), kCaptureMs, 0, 15);
        const EncodeResult scaled = encoder.encode([&](int) { return small; });
        QVERIFY2(scaled.ok(), qPrintable(scaled.error));
        QCOMPARE(ClipDecoderProbe::probe(scaled.bytes).width, 640);
    }

    // --- segment hashes ---------------------------------------------------------------------

    void segmentHashesSmall() {
        const QByteArray data("0123456789");
        const auto h = SegmentHasher(4).hash(data);
        QVERIFY(h.has_value());
        QCOMPARE(h->length, 10);
        QCOMPARE(h->segmentLength, 4);
        QCOMPARE(h->sha256, QCryptographicHash::hash(data, QCryptographicHash::Sha256));
        QCOMPARE(h->segments.size(), 3);
        QCOMPARE(h->segments[0], QCryptographicHash::hash("0123", QCryptographicHash::Sha256));
        QCOMPARE(h->segments[1], QCryptographicHash::hash("4567", QCryptographicHash::Sha256));
        QCOMPARE(h->segments[2], QCryptographicHash::hash("89", QCryptographicHash::Sha256));

        const auto exact = SegmentHasher(5).hash(data);
        QCOMPARE(exact->segments.size(), 2); // no empty trailing segment
        const auto empty = SegmentHasher(4).hash(QByteArray());
        QCOMPARE(empty->length, 0);
        QCOMPARE(empty->segments.size(), 0);
        QCOMPARE(empty->sha256, QCryptographicHash::hash(QByteArray(), QCryptographicHash::Sha256));
        const auto huge = SegmentHasher(std::numeric_limits<qint64>::max()).hash(data);
        QCOMPARE(huge->segments.size(), 1);

        QVERIFY(!SegmentHasher(0).hash(data).has_value());
        QVERIFY(!SegmentHasher(-64).hash(data).has_value());
        QCOMPARE(SegmentHasher::segmentCount(10, 4), 3);
        QCOMPARE(SegmentHasher::segmentCount(8, 4), 2);
        QCOMPARE(SegmentHasher::segmentCount(0, 4), 0);
    }

    void segmentLengthGrowsWithMedia() {
        // Small media keep the default; large ones get longer segments so the hash list (and
        // the 16 KiB attestation) stays bounded, up to the 512 MiB clip limit.
        QCOMPARE(SegmentHasher::segmentLengthFor(0), SegmentHasher::kDefaultSegmentLength);
        QCOMPARE(SegmentHasher::segmentLengthFor(4 * 1024 * 1024), 16 * 1024);
        QCOMPARE(SegmentHasher::segmentLengthFor(4 * 1024 * 1024 + 1), 32 * 1024);
        QCOMPARE(SegmentHasher::segmentLengthFor(512LL * 1024 * 1024), 2 * 1024 * 1024);
        for (const qint64 length : {1LL, 99999LL, 7777777LL, 123456789LL, 512LL * 1024 * 1024}) {
            const qint64 seg = SegmentHasher::segmentLengthFor(length);
            QVERIFY(SegmentHasher::segmentCount(length, seg) <= SegmentHasher::kMaxSegments);
            QVERIFY((seg & (seg - 1)) == 0); // a power of two
        }
    }

    void segmentHashesOfClip() {
        const EncodeResult clip = ClipEncoder().encodeScene(frontDoor(), kCaptureMs);
        QVERIFY(clip.ok());
        const SegmentHasher hasher; // the 16 KiB default
        QCOMPARE(hasher.segmentLength(), 16 * 1024);
        QCOMPARE(SegmentHasher::segmentLengthFor(clip.bytes.size()), 16 * 1024);
        const auto h = hasher.hash(clip.bytes);
        QVERIFY(h.has_value());
        QCOMPARE(h->length, clip.bytes.size());
        QCOMPARE(h->sha256, QCryptographicHash::hash(clip.bytes, QCryptographicHash::Sha256));
        const qint64 seg = h->segmentLength;
        QCOMPARE(h->segments.size(), (clip.bytes.size() + seg - 1) / seg);
        QVERIFY2(h->segments.size() >= 2, "a 4 s clip spans several segments");
        // The last segment is the shorter remainder (a clip is never an exact multiple here).
        const qint64 lastLength = clip.bytes.size() - seg * (h->segments.size() - 1);
        QVERIFY(lastLength > 0 && lastLength < seg);
        for (qsizetype i = 0; i < h->segments.size(); ++i) {
            QCOMPARE(h->segments[i].size(), 32);
            QCOMPARE(h->segments[i], QCryptographicHash::hash(clip.bytes.mid(i * seg, seg),
                                                              QCryptographicHash::Sha256));
        }
        // A flipped byte changes exactly its own segment's hash.
        QByteArray tampered = clip.bytes;
        tampered[qsizetype(seg + 100)] = char(tampered.at(seg + 100) ^ 0x01);
        const auto t = hasher.hash(tampered);
        QVERIFY(t->sha256 != h->sha256);
        for (qsizetype i = 0; i < h->segments.size(); ++i)
            QCOMPARE(t->segments[i] == h->segments[i], i != 1);
    }

    // --- threads ----------------------------------------------------------------------------

    void encodersAreReentrant() {
        // Four workers encode different cameras at once; each result must equal the one made
        // alone. Catches shared state in the renderer, converter, encoders or I/O.
        ClipSettings clipSettings;
        clipSettings.durationMs = 1000;
        const ClipEncoder clipEncoder(clipSettings);
        const ThumbnailEncoder thumbEncoder;
        const QStringList ids = {QStringLiteral("cam-a"), QStringLiteral("cam-b"),
                                 QStringLiteral("cam-c"), QStringLiteral("cam-d")};
        const auto work = [&](const QString &id) {
            const SceneSpec spec = SceneSpec::forCamera(id, id, QStringLiteral("person"));
            return std::make_pair(thumbEncoder.encodeScene(spec, kCaptureMs),
                                  clipEncoder.encodeScene(spec, kCaptureMs));
        };
        std::vector<std::pair<EncodeResult, EncodeResult>> parallel(ids.size());
        {
            std::vector<std::thread> threads;
            for (qsizetype i = 0; i < ids.size(); ++i)
                threads.emplace_back([&, i] { parallel[i] = work(ids[i]); });
            for (auto &t : threads)
                t.join();
        }
        for (qsizetype i = 0; i < ids.size(); ++i) {
            const auto alone = work(ids[i]);
            QVERIFY2(parallel[i].first.ok(), qPrintable(parallel[i].first.error));
            QVERIFY2(parallel[i].second.ok(), qPrintable(parallel[i].second.error));
            QCOMPARE(parallel[i].first.bytes, alone.first.bytes);
            QVERIFY(parallel[i].second.bytes == alone.second.bytes);
        }
    }
};

// GUI-less on purpose: the cloud that generates media is a QCoreApplication, and the
// renderer must not need the font database or a platform plugin.
QTEST_GUILESS_MAIN(TstCamsim)
#include "tst_camsim.moc"
