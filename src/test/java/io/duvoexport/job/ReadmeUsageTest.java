package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README pastes the command line's help: the two must not drift apart. */
class ReadmeUsageTest {

    @Test
    void readmeShowsTheHelpTheCommandPrints() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("### Command line");
        assertThat(section).as("the README's command line section").isNotNegative();
        int start = readme.indexOf("```\n", section) + 4;
        int end = readme.indexOf("```", start);

        assertThat(readme.substring(start, end).strip()).isEqualTo(CommandLine.USAGE.strip());
    }
}
