package io.duvoexport.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ParquetWarmUpTest {

    @Test
    void writesItsFileInTheTemporaryFolderAndLeavesNothingThere() throws Exception {
        List<Path> before = warmUpFiles();

        ParquetWarmUp.writeFiles();

        assertThat(warmUpFiles()).isEqualTo(before);
    }

    private static List<Path> warmUpFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("duvo-warm-up"))
                    .sorted().toList();
        }
    }
}
