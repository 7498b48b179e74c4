#pragma once
// The display gate of whoever is signed in, readable from the image provider's threads.
// The app sets it on sign-in and clears it on sign-out or account switch (after the
// session closed the old gate, so even a request already holding the old one is refused).
#include "VerifiedMediaGate.h"

#include <QMutex>
#include <memory>

namespace vf::app {

class CurrentGate {
public:
    void set(std::shared_ptr<vf::sync::VerifiedMediaGate> gate) {
        QMutexLocker lock(&m_mutex);
        m_gate = std::move(gate);
    }
    std::shared_ptr<vf::sync::VerifiedMediaGate> get() const {
        QMutexLocker lock(&m_mutex);
        return m_gate;
    }

private:
    mutable QMutex m_mutex;
    std::shared_ptr<vf::sync::VerifiedMediaGate> m_gate;
};

} // namespace vf::app
