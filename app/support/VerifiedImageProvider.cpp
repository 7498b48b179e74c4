#include "VerifiedImageProvider.h"

#include "ThreadHandoff.h"
#include "ThumbnailDecoder.h"
#include "VerifiedImageUrl.h"

#include <QCoreApplication>
#include <QRunnable>
#include <QUrl>

namespace vf::app {

namespace {

class VerifiedImageResponse : public QQuickImageResponse, public QRunnable {
public:
    VerifiedImageResponse(QString id, QSize requested, std::shared_ptr<CurrentGate> gate)
        : m_id(std::move(id))
        , m_requested(requested)
        , m_gate(std::move(gate)) {
        setAutoDelete(false); // the QML engine owns the response
        // Handed to the pool, read by its worker; the result is read on the engine's thread
        // after finished(). Qt orders both hand-offs; these state it to TSan
        // (core/threading/ThreadHandoff.h), and are nothing in other builds.
        threading::published(this);
    }

    void run() override {
        threading::received(this);
        load();
        threading::published(this);
        Q_EMIT finished(); // QQuickImageResponse::finished may be emitted from any thread
    }

    QQuickTextureFactory *textureFactory() const override {
        threading::received(this);
        return QQuickTextureFactory::textureFactoryForImage(m_image);
    }
    QString errorString() const override {
        threading::received(this);
        return m_error;
    }

private:
    Q_DECLARE_TR_FUNCTIONS(VerifiedImageProvider)

    void load() {
        // <partition>/<event id>/<device id>/<hash prefix>, the IDs percent-encoded. The
        // entry is (event, device): the same event ID of another device is another entry,
        // and a URL naming a device that did not list it finds nothing to show.
        const std::optional<vf::model::VerifiedImageId> parsed =
            vf::model::parseVerifiedImageId(m_id);
        if (!parsed) {
            m_error = tr("Not a verified image address.");
            return;
        }
        const std::shared_ptr<vf::sync::VerifiedMediaGate> gate = m_gate->get();
        if (!gate || gate->partition() != parsed->partition) {
            m_error = tr("This picture is not for the signed-in account.");
            return;
        }
        QString decodeError;
        const auto result = gate->releaseThumbnail(parsed->key, [&](const QByteArray &bytes) {
            DecodedThumbnail decoded = decodeThumbnail(bytes, m_requested);
            m_image = std::move(decoded.image);
            decodeError = decoded.error;
        });
        using Outcome = vf::sync::VerifiedMediaGate::Outcome;
        switch (result.outcome) {
        case Outcome::Released:
            m_error = decodeError;
            return;
        case Outcome::Refused:
            m_error = tr("Refused: %1").arg(result.reason);
            return;
        case Outcome::NotVerified:
            m_error = tr("Not verified for this account.");
            return;
        case Outcome::NotCached:
            m_error = tr("Not in the verified cache any more; it is being fetched again.");
            return;
        case Outcome::Closed:
            m_error = tr("Signed out.");
            return;
        }
    }

    QString m_id;
    QSize m_requested;
    std::shared_ptr<CurrentGate> m_gate;
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
    auto *response = new VerifiedImageResponse(id, requestedSize, m_gate);
    m_pool.start(response);
    return response;
}

} // namespace vf::app
