package io.duvoexport.job;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what paging over live data ran into, across every worker of an export: page boundaries
 * that moved (runs deleted or inserted ahead of the offset being read) and the pages re-read to
 * close them. Thread-safe.
 */
final class DriftMonitor {

    private static final Logger log = LoggerFactory.getLogger(DriftMonitor.class);

    private final AtomicBoolean changed = new AtomicBoolean();
    private final AtomicLong boundaryMoves = new AtomicLong();
    private final AtomicLong pagesReread = new AtomicLong();
    private final AtomicLong unresolved = new AtomicLong();

    /** The listing's total differed between two pages: runs appeared or disappeared. */
    void totalChanged(String listing, long before, long after) {
        if (changed.compareAndSet(false, true)) {
            log.warn("the {} listing changed while paging (total {} then {}): page boundaries "
                    + "are checked and re-read where they moved", listing, before, after);
        }
    }

    void boundaryMoved() {
        boundaryMoves.incrementAndGet();
    }

    void pageReread() {
        pagesReread.incrementAndGet();
    }

    void unresolved(String where) {
        unresolved.incrementAndGet();
        log.warn("could not join the pages at {}: runs may be missing there", where);
    }

    long boundaryMoves() {
        return boundaryMoves.get();
    }

    long pagesReread() {
        return pagesReread.get();
    }

    long unresolved() {
        return unresolved.get();
    }
}
