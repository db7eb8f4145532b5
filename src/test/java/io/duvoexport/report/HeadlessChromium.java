package io.duvoexport.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Opens a page in headless Chromium, for tests that check what a browser makes of the HTML
 * report: the DOM it built, or the pixels it painted. Chromium is Debian's {@code chromium}
 * package ({@code make test} installs it); {@code CHROMIUM} names another binary. Every call
 * starts a fresh browser with a fresh profile under the scratch folder, offline in effect.
 */
final class HeadlessChromium {

    /** Why tests that need the browser are skipped when it is absent. */
    static final String MISSING = "no chromium found: run 'make test', which installs Debian's"
            + " chromium package, or set CHROMIUM to a Chromium binary";

    private static final long TIMEOUT_SECONDS = 90;

    private HeadlessChromium() {}

    /** Whether a Chromium binary is there to run. */
    static boolean available() {
        return binary().isPresent();
    }

    /** The page's DOM after loading, serialized by the browser ({@code --dump-dom}). */
    static String dumpDom(Path page, Path scratch) throws IOException, InterruptedException {
        Path output = scratch.resolve("dom-" + System.nanoTime() + ".html");
        run(page, scratch, List.of("--dump-dom"), ProcessBuilder.Redirect.to(output.toFile()));
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /**
     * What the browser painted of the page in a viewport of {@code width} by {@code height} CSS
     * pixels, one device pixel each, without scroll bars: the top of the page, as tall as the
     * viewport.
     */
    static BufferedImage screenshot(Path page, Path scratch, int width, int height)
            throws IOException, InterruptedException {
        Path output = scratch.resolve("screenshot-" + System.nanoTime() + ".png");
        run(page, scratch, List.of("--hide-scrollbars", "--force-device-scale-factor=1",
                "--window-size=" + width + "," + height, "--screenshot=" + output),
                ProcessBuilder.Redirect.DISCARD);
        BufferedImage image = ImageIO.read(output.toFile());
        if (image == null) {
            throw new IllegalStateException("chromium wrote no PNG to " + output);
        }
        return image;
    }

    private static void run(Path page, Path scratch, List<String> action,
            ProcessBuilder.Redirect output) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(binary().orElseThrow(
                        () -> new IllegalStateException(MISSING)), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(action);
        command.add(page.toUri().toString());
        Process process = new ProcessBuilder(command)
                .redirectOutput(output)
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
    }

    private static Optional<String> binary() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured);
        }
        return List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                .filter(candidate -> Files.isExecutable(Path.of(candidate))).findFirst();
    }
}
