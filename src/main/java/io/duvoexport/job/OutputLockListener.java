package io.duvoexport.job;

import io.duvoexport.publish.OutputLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Takes the output root's lock as soon as the settings are known, before the job repository or
 * anything else is opened, and holds it until closed. A local output root keeps its lock file
 * under {@code _jobs/}; a remote one gets a lock file in the local temporary folder, which
 * serialises the exports of this machine only.
 */
final class OutputLockListener
        implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, AutoCloseable {

    private OutputLock lock;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String exportDir = event.getEnvironment().getProperty("duvo.export-dir", "./out");
        lock = OutputLock.acquire(lockFile(exportDir));
    }

    static Path lockFile(String exportDir) {
        if (!exportDir.contains("://")) {
            return Path.of(exportDir).toAbsolutePath().normalize().resolve("_jobs")
                    .resolve("export.lock");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(exportDir.getBytes(StandardCharsets.UTF_8));
            String name = "duvo-runs-export-" + HexFormat.of().formatHex(digest, 0, 8) + ".lock";
            return Path.of(System.getProperty("java.io.tmpdir")).resolve(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
