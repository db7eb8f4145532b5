package io.duvoexport.export;

/**
 * One restartable unit of fetching: a range of offsets of one listing (all runs, or the runs of
 * one status).
 *
 * @param name unique within an export, safe as a file name, e.g. {@code all-000003}
 * @param status the status filter of the listing, or null for the unfiltered listing
 * @param fromOffset first offset to read
 * @param toOffset offset to stop before, or {@link #OPEN} to read until a short page
 */
public record FetchUnit(String name, String status, long fromOffset, long toOffset) {

    public static final long OPEN = -1;

    public boolean isOpenEnded() {
        return toOffset == OPEN;
    }
}
