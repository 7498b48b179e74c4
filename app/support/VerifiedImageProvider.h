#pragma once
// image://verified/<account partition>/<event id>/<device id>/<hash prefix>: the only way a
// thumbnail reaches the screen. Each request runs on the provider's pool (never the GUI thread):
// the signed-in account's gate verifies the cached bytes again, logs `displayed`, and only
// then are they decoded (ThumbnailDecoder) into the QImage. A URL of another account's
// partition, an unverified or refused event, or a gate closed by sign-out gives an error,
// never a picture. Pattern after Nheko's MxcImageProvider (decrypt before the QImage).
// The engine owns each response and may delete it while its job still runs (a cancelled
// request, quitting mid-load): the job never touches the response, and its result reaches
// the response's thread as a posted event that dies with the response.
#include "CurrentGate.h"

#include <QQuickAsyncImageProvider>
#include <QThreadPool>

namespace vf::app {

class VerifiedImageProvider : public QQuickAsyncImageProvider {
public:
    static constexpr char kProviderId[] = "verified";

    explicit VerifiedImageProvider(std::shared_ptr<CurrentGate> gate);
    ~VerifiedImageProvider() override;

    QQuickImageResponse *requestImageResponse(const QString &id,
                                              const QSize &requestedSize) override;
    // Waits until the pool has run every request started so far (shutdown, tests); each
    // response gets its result once its thread's event loop delivers it.
    bool waitForDone(int timeoutMs = -1) { return m_pool.waitForDone(timeoutMs); }

private:
    std::shared_ptr<CurrentGate> m_gate;
    QThreadPool m_pool;
};

} // namespace vf::app
