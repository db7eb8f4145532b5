package io.duvoexport.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one-export-at-a-time lock of an output root: an operating-system lock on a file, so it is
 * released when its holder exits, however it exits ({@code kill -9} included). The file itself
 * stays; it only records who holds the lock, for the message of the one refused.
 */
public final class OutputLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Another process (or another export in this one) holds the lock. */
    public static final class LockedException extends RuntimeException {
        public LockedException(String message) {
            super(message);
        }
    }

    /**
     * Takes the lock at once or fails.
     *
     * @throws LockedException when another export holds it
     */
    public static OutputLock acquire(Path file) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new LockedException("another export is running on this output ("
                        + holder + ", lock " + file + "); wait for it to finish");
            }
            record(channel);
            return new OutputLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the output lock", e);
        }
    }

    private static void record(FileChannel channel) throws IOException {
        String who = "pid " + ProcessHandle.current().pid() + " on "
                + ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^\\d+@", "")
                + " since " + Instant.now();
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(who.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(200);
        int read = channel.read(buffer, 0);
        String text = read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.UTF_8);
        return text.isBlank() ? "holder unknown" : text.strip().replaceAll("\\p{Cntrl}", " ");
    }
}
