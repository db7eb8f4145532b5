package io.duvoexport;

import io.duvoexport.job.CommandLine;

/** Entry point of the jar: {@code java -jar duvo-runs-export.jar [command] [options]}. */
public final class Main {

    /**
     * With one or two CPUs the common fork-join pool gets a parallelism of one, and
     * {@code CompletableFuture} then runs each of its default asynchronous tasks on a thread of
     * its own. The HTTP client ends every {@code sendAsync} exchange with such a task: a thread
     * started and torn down per page. At least two workers keep those tasks on a pool.
     */
    private static final String COMMON_POOL_PARALLELISM =
            "java.util.concurrent.ForkJoinPool.common.parallelism";

    private Main() {}

    public static void main(String[] args) {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            int cpus = Runtime.getRuntime().availableProcessors();
            System.setProperty(COMMON_POOL_PARALLELISM, Integer.toString(Math.max(2, cpus - 1)));
        }
        System.exit(CommandLine.run(args, System.out, System.err));
    }
}
