package io.duvoexport.export;

/**
 * Where a unit stands once a batch is staged: the offset of its next page, and whether it has
 * ended. Kept in the batch's folder, so that a restart resumes from what is staged even when the
 * job repository lost its last commit.
 */
public record BatchProgress(long nextOffset, boolean done) {

    String encode() {
        return "next_offset=" + nextOffset + "\ndone=" + done + "\n";
    }

    static BatchProgress decode(String text) {
        long next = -1;
        boolean done = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("next_offset=")) {
                next = Long.parseLong(line.substring("next_offset=".length()).strip());
            } else if (line.startsWith("done=")) {
                done = Boolean.parseBoolean(line.substring("done=".length()).strip());
            }
        }
        if (next < 0) {
            throw new IllegalArgumentException("progress without next_offset: " + text);
        }
        return new BatchProgress(next, done);
    }
}
