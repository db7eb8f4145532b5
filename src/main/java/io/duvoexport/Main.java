package io.duvoexport;

import io.duvoexport.job.CommandLine;

/** Entry point of the jar: {@code java -jar duvo-runs-export.jar [command] [options]}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(CommandLine.run(args, System.out, System.err));
    }
}
