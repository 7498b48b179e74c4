#pragma once
// A tiny deterministic random generator for scene layout. std::uniform_*_distribution is not
// specified bit-for-bit by the standard (libstdc++ and libc++ differ) and qHash is seeded per
// process, so neither can make "the same camera looks the same everywhere"; SplitMix64 with
// our own range mapping can, and is plenty for picking colours and positions.
#include <QtGlobal>
#include <cstdint>

namespace vf::camsim {

class SplitMix64 {
public:
    explicit constexpr SplitMix64(quint64 seed)
        : m_state(seed) {}

    constexpr quint64 next() {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    // Uniform in [0, 1): the top 53 bits make an exactly representable double.
    constexpr double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    constexpr double range(double lo, double hi) { return lo + (hi - lo) * unit(); }

    // Uniform integer in [lo, hi]; the modulo bias is irrelevant for scene layout.
    constexpr int between(int lo, int hi) {
        const auto span = static_cast<quint64>(static_cast<qint64>(hi) - lo + 1);
        return lo + static_cast<int>(next() % span);
    }

    constexpr bool chance(double p) { return unit() < p; }

    // One-shot mixing of a value into a well-spread 64-bit key (for combining seeds).
    static constexpr quint64 mix(quint64 value) { return SplitMix64(value).next(); }

private:
    quint64 m_state;
};

} // namespace vf::camsim
