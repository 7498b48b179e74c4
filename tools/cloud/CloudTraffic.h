#pragma once
// What the cloud delivered, counted as it answers: the storm test reports its load from
// these. Atomic counters, readable from any thread while the server runs.
#include <QtGlobal>

#include <atomic>

namespace vf::cloud {

struct TrafficFigures {
    qint64 requests = 0;        // every request routed, 503s included
    qint64 unavailable = 0;     // answered 503 by the error fault
    qint64 eventEntries = 0;    // event entries in listings (faulted ones included)
    qint64 mediaBodies = 0;     // thumbnails and clips answered 200/206
    qint64 reportsReceived = 0; // integrity reports posted (duplicates included)
};

class CloudTraffic {
public:
    std::atomic<qint64> requests{0}, unavailable{0}, eventEntries{0}, mediaBodies{0},
        reportsReceived{0};

    TrafficFigures figures() const {
        return {requests.load(), unavailable.load(), eventEntries.load(), mediaBodies.load(),
                reportsReceived.load()};
    }
};

} // namespace vf::cloud
