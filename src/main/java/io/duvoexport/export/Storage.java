package io.duvoexport.export;

import io.duvoexport.config.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * The output root and the file system it lives on, reached through Hadoop's FileSystem API:
 * local disk by default, HDFS or S3 when the root is such a URI.
 *
 * <p>On local disk the raw file system is used ({@link NioLocalFileSystem}), so no {@code .crc}
 * side files appear and no process is started per file, and
 * {@link #replace} is a rename that atomically replaces its target.
 *
 * <p>Layout under the root: {@code runs/} the dataset, {@code reports/}, {@code _work/} the
 * staging area of unfinished exports, and the manifest and {@code _SUCCESS} marker.
 */
public final class Storage {

    private final Configuration conf;
    private final FileSystem fs;
    private final Path root;

    private Storage(Configuration conf, FileSystem fs, Path root) {
        this.conf = conf;
        this.fs = fs;
        this.root = root;
    }

    /**
     * Opens the output root, given as a local path or a URI with a scheme.
     *
     * @throws ConfigurationException when no file system on the classpath serves its scheme
     */
    public static Storage open(String exportDir) {
        Configuration conf = configuration();
        requireSupportedScheme(exportDir, conf);
        URI uri = URI.create(exportDir.contains("://") ? exportDir : "file:///");
        Path root = exportDir.contains("://")
                ? new Path(uri)
                : new Path(Paths.get(exportDir).toAbsolutePath().normalize().toUri());
        try {
            FileSystem fs = root.getFileSystem(conf);
            return new Storage(conf, fs, fs.makeQualified(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open output root " + exportDir, e);
        }
    }

    /**
     * Checks that a file system on the classpath serves the output root's scheme, without
     * connecting to it.
     *
     * @throws ConfigurationException naming DUVO_EXPORT_DIR, the scheme and what to add
     */
    public static void requireSupportedScheme(String exportDir) {
        requireSupportedScheme(exportDir, configuration());
    }

    private static void requireSupportedScheme(String exportDir, Configuration conf) {
        if (!exportDir.contains("://")) {
            return;
        }
        String scheme = exportDir.substring(0, exportDir.indexOf("://"));
        try {
            FileSystem.getFileSystemClass(scheme, conf);
        } catch (IOException | RuntimeException e) {
            // IOException: no file system declares the scheme; RuntimeException: one is
            // declared (s3a in Hadoop's defaults) but its class is not on the classpath
            throw new ConfigurationException("DUVO_EXPORT_DIR (duvo.export-dir) is a " + scheme
                    + ":// root, and no Hadoop file system for the scheme '" + scheme
                    + "' is on the classpath: use a local path or hdfs://, or add the file "
                    + "system's jars (an s3a:// root needs org.apache.hadoop:hadoop-aws and its "
                    + "AWS SDK bundle, see README)");
        }
    }

    private static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }

    public Configuration conf() {
        return conf;
    }

    public FileSystem fs() {
        return fs;
    }

    public Path root() {
        return root;
    }

    /** The dataset: {@code <root>/runs}. */
    public Path runsDir() {
        return new Path(root, "runs");
    }

    /** Where unfinished exports stage their work, outside the dataset. */
    public Path workDir() {
        return new Path(root, "_work");
    }

    /** A path for people to read: a plain local path on local disk, the URI elsewhere. */
    public String display(Path path) {
        return isLocal() ? Paths.get(path.toUri()).toString() : path.toString();
    }

    /** {@link #display(Path)} of a file or folder directly under the root. */
    public String display(String name) {
        return display(new Path(root, name));
    }

    public boolean isLocal() {
        return "file".equals(fs.getUri().getScheme());
    }

    /** The root as a local path, for tools that read local files only (DuckDB). */
    public java.nio.file.Path localRoot() {
        if (!isLocal()) {
            throw new IllegalStateException("output root " + root + " is not on local disk");
        }
        return Paths.get(root.toUri());
    }

    /**
     * Makes {@code copy} hold the current content of {@code file} without disturbing it: a hard
     * link on local disk, a copy elsewhere.
     */
    public void keepCopy(Path file, Path copy) throws IOException {
        fs.mkdirs(copy.getParent());
        fs.delete(copy, false);
        if (isLocal()) {
            Files.createLink(Paths.get(copy.toUri()), Paths.get(file.toUri()));
            return;
        }
        org.apache.hadoop.fs.FileUtil.copy(fs, file, fs, copy, false, true, conf);
    }

    /**
     * Forces a local file's content to disk, so that a later {@link #replace} has nothing left
     * to write; does nothing elsewhere. Lets callers pay for durability on their own threads.
     */
    public void sync(Path file) throws IOException {
        if (isLocal()) {
            try (FileChannel channel =
                    FileChannel.open(Paths.get(file.toUri()), StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
    }

    /**
     * Moves a complete file over {@code target} in one step: readers see the old file or the
     * new one, never neither and never a part. The target's parent is created if needed.
     */
    public void replace(Path source, Path target) throws IOException {
        fs.mkdirs(target.getParent());
        if (isLocal()) {
            java.nio.file.Path from = Paths.get(source.toUri());
            try (FileChannel channel = FileChannel.open(from, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(from, Paths.get(target.toUri()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        FileContext.getFileContext(fs.getUri(), conf)
                .rename(source, target, Options.Rename.OVERWRITE);
    }
}
