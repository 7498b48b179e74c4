#include "VerifiedImageProvider.h"

#include "ThreadHandoff.h"
#include "ThumbnailDecoder.h"
#include "VerifiedImageUrl.h"

#include <QCoreApplication>
#include <QMutex>
#include <QUrl>

#include <atomic>

namespace vf::app {

namespace {

struct LoadedImage {
    QImage image;
    QString error;
};

// Runs on a pool thread: the gate verifies the cached bytes again, then they are decoded.
LoadedImage loadVerifiedThumbnail(const QString &id, QSize requested, const CurrentGate &current) {
    // <partition>/<event id>/<device id>/<hash prefix>, the IDs percent-encoded. The entry is
    // (event, device): the same event ID of another device is another entry, and a URL naming
    // a device that did not list it finds nothing to show.
    const std::optional<vf::model::VerifiedImageId> parsed = vf::model::parseVerifiedImageId(id);
    if (!parsed)
        return {
            {},
            QCoreApplication::translate("VerifiedImageProvider", "Not a verified image address.")};
    const std::shared_ptr<vf::sync::VerifiedMediaGate> gate = current.get();
    if (!gate || gate->partition() != parsed->partition)
        return {{},
                QCoreApplication::translate("VerifiedImageProvider",
                                            "This picture is not for the signed-in account.")};
    LoadedImage loaded;
    QString decodeError;
    const auto result = gate->releaseThumbnail(parsed->key, [&](const QByteArray &bytes) {
        DecodedThumbnail decoded = decodeThumbnail(bytes, requested);
        loaded.image = std::move(decoded.image);
        decodeError = decoded.error;
    });
    using Outcome = vf::sync::VerifiedMediaGate::Outcome;
    switch (result.outcome) {
    case Outcome::Released:
        loaded.error = decodeError;
        break;
    case Outcome::Refused:
        loaded.error =
            QCoreApplication::translate("VerifiedImageProvider", "Refused: %1").arg(result.reason);
        break;
    case Outcome::NotVerified:
        loaded.error =
            QCoreApplication::translate("VerifiedImageProvider", "Not verified for this account.");
        break;
    case Outcome::NotCached:
        loaded.error = QCoreApplication::translate(
            "VerifiedImageProvider",
            "Not in the verified cache any more; it is being fetched again.");
        break;
    case Outcome::Closed:
        loaded.error = QCoreApplication::translate("VerifiedImageProvider", "Signed out.");
        break;
    }
    return loaded;
}

class VerifiedImageResponse;

// What the pool's job and the response share. The QML engine owns the response and may
// delete it at any time (a cancelled request, the engine torn down at quit) while the job
// still runs: the job never touches the response itself, only this link, and hands the
// result over by an event posted to the response's thread under the link's lock. A response
// deleted before that event is delivered takes the event with it (~QObject).
struct ResponseLink {
    QMutex mutex;
    VerifiedImageResponse *response = nullptr; // null once the response is gone
    std::atomic_bool cancelled = false;
};

class VerifiedImageResponse : public QQuickImageResponse {
public:
    explicit VerifiedImageResponse(std::shared_ptr<ResponseLink> link)
        : m_link(std::move(link)) {
        m_link->response = this; // before the job can run
    }
    ~VerifiedImageResponse() override {
        QMutexLocker lock(&m_link->mutex);
        m_link->response = nullptr;
    }

    // On the response's thread, from the event the job posted.
    void deliver(LoadedImage loaded) {
        m_image = std::move(loaded.image);
        m_error = std::move(loaded.error);
        Q_EMIT finished();
    }

    void cancel() override { m_link->cancelled = true; }
    QQuickTextureFactory *textureFactory() const override {
        return QQuickTextureFactory::textureFactoryForImage(m_image);
    }
    QString errorString() const override { return m_error; }

private:
    std::shared_ptr<ResponseLink> m_link;
    QImage m_image;
    QString m_error;
};

} // namespace

VerifiedImageProvider::VerifiedImageProvider(std::shared_ptr<CurrentGate> gate)
    : m_gate(std::move(gate)) {
    m_pool.setMaxThreadCount(qBound(2, QThread::idealThreadCount(), 4));
}

VerifiedImageProvider::~VerifiedImageProvider() {
    m_pool.waitForDone();
}

QQuickImageResponse *VerifiedImageProvider::requestImageResponse(const QString &id,
                                                                 const QSize &requestedSize) {
    auto link = std::make_shared<ResponseLink>();
    auto *response = new VerifiedImageResponse(link);
    threading::startOnPool(m_pool, [link, id, requestedSize, gate = m_gate] {
        if (link->cancelled) // nobody waits for it: no decode, no `displayed`
            return;
        LoadedImage loaded = loadVerifiedThumbnail(id, requestedSize, *gate);
        QMutexLocker lock(&link->mutex);
        if (VerifiedImageResponse *response = link->response) {
            threading::postTo(response, [response, loaded = std::move(loaded)]() mutable {
                response->deliver(std::move(loaded));
            });
        }
    });
    return response;
}

} // namespace vf::app
