package io.duvoexport.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a page in headless Chromium and returns the DOM it built, for tests that check what a
 * browser makes of the HTML report. Chromium is Debian's {@code chromium} package
 * ({@code make test} installs it); {@code CHROMIUM} names another binary.
 */
final class HeadlessChromium {

    private static final long TIMEOUT_SECONDS = 90;

    private HeadlessChromium() {}

    /** The page's DOM after loading, serialized by the browser ({@code --dump-dom}). */
    static String dumpDom(Path page, Path scratch) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        Path output = scratch.resolve("dom-" + System.nanoTime() + ".html");
        List<String> command = new ArrayList<>(List.of(binary(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--dump-dom",
                page.toUri().toString()));
        Process process = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within "
                    + TIMEOUT_SECONDS + " s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + process.exitValue());
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private static String binary() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no chromium found: run 'make test', which installs"
                + " Debian's chromium package, or set CHROMIUM to a Chromium binary");
    }
}
