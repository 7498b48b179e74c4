#pragma once
// Hand-offs between threads that ThreadSanitizer can see (docs/sanitizers.md).
//
// A task given to QThreadPool::start() and a call queued to another thread's object are
// correctly ordered by Qt: both pass through a QMutex inside libQt6Core. But the Qt of the
// distribution is not built with TSan, so TSan does not see that mutex, and everything the
// other thread reads of what this one wrote (the task's captures, the result sent back)
// looks like a data race. These helpers do the same as the plain Qt calls and, in a TSan
// build only (-DVERIFRAME_TSAN=ON), state the ordering with __tsan_release/__tsan_acquire
// on the hand-off; in every other build they are exactly the plain calls. Only the hand-off is
// annotated: the code on both sides stays fully checked.
#include <QMetaObject>
#include <QObject>
#include <QRunnable>
#include <QThreadPool>

#include <memory>
#include <type_traits>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#define VF_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define VF_THREAD_SANITIZER 1
#endif
#endif

#ifdef VF_THREAD_SANITIZER
#include <sanitizer/tsan_interface.h>
extern "C" void __tsan_ignore_thread_begin();
extern "C" void __tsan_ignore_thread_end();
#endif

namespace vf::threading {

// What this thread wrote so far happens before whatever follows received(token) elsewhere.
inline void published(const void *token) {
#ifdef VF_THREAD_SANITIZER
    __tsan_release(const_cast<void *>(token));
#else
    Q_UNUSED(token);
#endif
}

inline void received(const void *token) {
#ifdef VF_THREAD_SANITIZER
    __tsan_acquire(const_cast<void *>(token));
#else
    Q_UNUSED(token);
#endif
}

// pool.start(task).
template <typename Task> void startOnPool(QThreadPool &pool, Task &&task) {
#ifndef VF_THREAD_SANITIZER
    pool.start(std::forward<Task>(task));
#else
    class Runnable final : public QRunnable {
    public:
        explicit Runnable(Task &&t)
            : m_task(std::forward<Task>(t)) {
            published(this); // the captures are written
        }
        void run() override {
            received(this);
            m_task();
        }

    private:
        std::decay_t<Task> m_task;
    };
    pool.start(new Runnable(std::forward<Task>(task))); // auto-deleted after run()
#endif
}

// QMetaObject::invokeMethod(receiver, call, Qt::QueuedConnection): call runs on receiver's
// thread, unless receiver is destroyed first (then call is destroyed without running).
template <typename Call> void postTo(QObject *receiver, Call &&call) {
#ifndef VF_THREAD_SANITIZER
    QMetaObject::invokeMethod(receiver, std::forward<Call>(call), Qt::QueuedConnection);
#else
    using Stored = std::decay_t<Call>;
    // The call (with what it captured) lives in its own block, published once written; the
    // receiving side acquires before it runs or destroys it.
    std::shared_ptr<Stored> stored(new Stored(std::forward<Call>(call)), [](Stored *c) {
        received(c);
        delete c;
    });
    published(stored.get());
    // Qt's slot object holding `stored` is written inside invokeMethod, after the release
    // above, and its one field is read by the receiving thread before it can acquire: those
    // writes are not recorded (the block it points to is covered above).
    __tsan_ignore_thread_begin();
    QMetaObject::invokeMethod(
        receiver,
        [stored] {
            received(stored.get());
            (*stored)();
            published(stored.get()); // for the deleter, wherever the last reference goes
        },
        Qt::QueuedConnection);
    __tsan_ignore_thread_end();
#endif
}

} // namespace vf::threading
